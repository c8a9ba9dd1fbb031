// Writing with kubectl: create -f with several documents, client-side apply (a strategic-merge patch and the
// last-applied annotation), server-side apply with field managers and conflicts, and replace with a stale
// resourceVersion.
#include "conformancecluster.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace binnacle::sim::conformance;

namespace {
const QString kNamespace = QStringLiteral("conf-apply");
const QString kLastApplied = QStringLiteral("kubectl.kubernetes.io/last-applied-configuration");

QJsonObject parseObject(const QString& json) {
    return QJsonDocument::fromJson(json.toUtf8()).object();
}

QByteArray deployment(const char* firstImage) {
    return QStringLiteral(R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: applied-web, labels: {app: applied-web}}
spec:
  replicas: 1
  selector: {matchLabels: {app: applied-web}}
  template:
    metadata: {labels: {app: applied-web}}
    spec:
      containers:
      - {name: web, image: %1}
      - {name: sidecar, image: busybox:1.36}
)")
        .arg(QLatin1String(firstImage))
        .toUtf8();
}
} // namespace

class TestKubectlApply : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QString error;
        QVERIFY2(m_cluster.start(&error), qPrintable(error));
        QVERIFY2(m_cluster.createNamespace(kNamespace, &error), qPrintable(error));
    }

    void createMultiDocument() {
        const QByteArray documents = R"(apiVersion: v1
kind: ConfigMap
metadata: {name: multi-cm}
data: {a: b}
---
apiVersion: v1
kind: Secret
metadata: {name: multi-secret}
stringData: {password: hunter2}
---
apiVersion: v1
kind: Service
metadata: {name: multi-svc}
spec: {selector: {app: multi}, ports: [{port: 80, targetPort: 8080}]}
)";
        const KubectlResult result = m_cluster.create(documents, kNamespace);
        QVERIFY2(result.succeeded(), qPrintable(result.describe()));
        QCOMPARE(result.outLines(), (QStringList{"configmap/multi-cm created", "secret/multi-secret created",
                                                 "service/multi-svc created"}));
        // stringData is write-only: the server stores it base64-encoded under data.
        const KubectlResult secret =
            kubectl({QStringLiteral("get"), QStringLiteral("secret"), QStringLiteral("multi-secret"),
                     QStringLiteral("-o"), QStringLiteral("jsonpath={.data.password}")});
        QVERIFY2(secret.succeeded(), qPrintable(secret.describe()));
        QCOMPARE(secret.out, QStringLiteral("aHVudGVyMg=="));
        const KubectlResult service = kubectl(
            {QStringLiteral("get"), QStringLiteral("service"), QStringLiteral("multi-svc"),
             QStringLiteral("-o"), QStringLiteral("jsonpath={.spec.type} {.spec.ports[0].protocol}")});
        QCOMPARE(service.out, QStringLiteral("ClusterIP TCP"));
    }

    void clientSideApplyCreatesThenPatches() {
        const QString file =
            m_cluster.writeFile(QStringLiteral("applied-web.yaml"), deployment("nginx:1.26"));
        const KubectlResult first = kubectl({QStringLiteral("apply"), QStringLiteral("-f"), file});
        QVERIFY2(first.succeeded(), qPrintable(first.describe()));
        QCOMPARE(first.out.trimmed(), QStringLiteral("deployment.apps/applied-web created"));

        const KubectlResult unchanged = kubectl({QStringLiteral("apply"), QStringLiteral("-f"), file});
        QVERIFY2(unchanged.succeeded(), qPrintable(unchanged.describe()));
        QCOMPARE(unchanged.out.trimmed(), QStringLiteral("deployment.apps/applied-web unchanged"));

        // Change one container's image: kubectl computes a strategic-merge patch (containers merge by name).
        m_cluster.writeFile(QStringLiteral("applied-web.yaml"), deployment("nginx:1.27"));
        const KubectlResult second =
            kubectl({QStringLiteral("apply"), QStringLiteral("-f"), file, QStringLiteral("-v=8")});
        QVERIFY2(second.succeeded(), qPrintable(second.describe()));
        QCOMPARE(second.out.trimmed(), QStringLiteral("deployment.apps/applied-web configured"));
        QVERIFY2(second.err.contains(QStringLiteral("PATCH https://")) &&
                     second.err.contains(
                         QStringLiteral("/apis/apps/v1/namespaces/conf-apply/deployments/applied-web")),
                 qPrintable(second.err));
        QVERIFY2(second.err.contains(QStringLiteral("Content-Type: application/strategic-merge-patch+json")),
                 qPrintable(second.err));

        const KubectlResult live =
            kubectl({QStringLiteral("get"), QStringLiteral("deployment"), QStringLiteral("applied-web"),
                     QStringLiteral("-o"), QStringLiteral("json")});
        QVERIFY2(live.succeeded(), qPrintable(live.describe()));
        const QJsonObject object = parseObject(live.out);
        const QJsonArray containers = object["spec"]["template"]["spec"]["containers"].toArray();
        QCOMPARE(containers.size(), 2);
        QCOMPARE(containers[0]["name"].toString(), QStringLiteral("web"));
        QCOMPARE(containers[0]["image"].toString(), QStringLiteral("nginx:1.27"));
        QCOMPARE(containers[1]["image"].toString(), QStringLiteral("busybox:1.36"));
        QCOMPARE(object["metadata"]["generation"].toInt(), 2);
        const QJsonObject lastApplied =
            parseObject(object["metadata"]["annotations"][kLastApplied].toString());
        QCOMPARE(lastApplied["spec"]["template"]["spec"]["containers"][0]["image"].toString(),
                 QStringLiteral("nginx:1.27"));
        QCOMPARE(lastApplied["metadata"]["namespace"].toString(), kNamespace);
    }

    void clientSideApplyRemovesDroppedKeys() {
        const QString file =
            m_cluster.writeFile(QStringLiteral("applied-cm.yaml"),
                                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: applied-cm}\n"
                                "data: {keep: \"1\", drop: \"2\"}\n");
        QVERIFY(kubectl({QStringLiteral("apply"), QStringLiteral("-f"), file}).succeeded());
        // Someone else adds a key; apply must keep it (it was never in last-applied) but drop "drop".
        const KubectlResult patched =
            kubectl({QStringLiteral("patch"), QStringLiteral("configmap"), QStringLiteral("applied-cm"),
                     QStringLiteral("--type=merge"), QStringLiteral("-p"),
                     QStringLiteral(R"({"data":{"foreign":"3"}})")});
        QVERIFY2(patched.succeeded(), qPrintable(patched.describe()));
        m_cluster.writeFile(
            QStringLiteral("applied-cm.yaml"),
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: applied-cm}\ndata: {keep: \"1\"}\n");
        const KubectlResult reapplied = kubectl({QStringLiteral("apply"), QStringLiteral("-f"), file});
        QVERIFY2(reapplied.succeeded(), qPrintable(reapplied.describe()));
        QCOMPARE(reapplied.out.trimmed(), QStringLiteral("configmap/applied-cm configured"));
        const KubectlResult data =
            kubectl({QStringLiteral("get"), QStringLiteral("configmap"), QStringLiteral("applied-cm"),
                     QStringLiteral("-o"), QStringLiteral("json")});
        const QJsonObject object = parseObject(data.out);
        QCOMPARE(object["data"].toObject(), (QJsonObject{{"keep", "1"}, {"foreign", "3"}}));
        QCOMPARE(parseObject(object["metadata"]["annotations"][kLastApplied].toString())["data"].toObject(),
                 (QJsonObject{{"keep", "1"}}));
    }

    void serverSideApplyConflictThenForce() {
        const QByteArray manifest =
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ssa-cm}\ndata: {owned: %1}\n";
        const QString aliceFile =
            m_cluster.writeFile(QStringLiteral("ssa-alice.yaml"),
                                QString::fromLatin1(manifest).arg(QStringLiteral("alice")).toUtf8());
        const QString bobFile =
            m_cluster.writeFile(QStringLiteral("ssa-bob.yaml"),
                                QString::fromLatin1(manifest).arg(QStringLiteral("bob")).toUtf8());

        const KubectlResult alice =
            kubectl({QStringLiteral("apply"), QStringLiteral("--server-side"),
                     QStringLiteral("--field-manager=alice"), QStringLiteral("-f"), aliceFile});
        QVERIFY2(alice.succeeded(), qPrintable(alice.describe()));
        QCOMPARE(alice.out.trimmed(), QStringLiteral("configmap/ssa-cm serverside-applied"));
        QCOMPARE(managers(), QStringList{"alice/Apply"});

        const KubectlResult bob =
            kubectl({QStringLiteral("apply"), QStringLiteral("--server-side"),
                     QStringLiteral("--field-manager=bob"), QStringLiteral("-f"), bobFile});
        QCOMPARE(bob.exitCode, 1);
        QVERIFY2(bob.err.startsWith(QStringLiteral(
                     "error: Apply failed with 1 conflict: conflict with \"alice\": .data.owned\n")),
                 qPrintable(bob.describe()));
        QVERIFY2(bob.err.contains(QStringLiteral("--force-conflicts")), qPrintable(bob.err));
        QCOMPARE(dataOwned(), QStringLiteral("alice"));

        const KubectlResult forced = kubectl(
            {QStringLiteral("apply"), QStringLiteral("--server-side"), QStringLiteral("--field-manager=bob"),
             QStringLiteral("--force-conflicts"), QStringLiteral("-f"), bobFile});
        QVERIFY2(forced.succeeded(), qPrintable(forced.describe()));
        QCOMPARE(forced.out.trimmed(), QStringLiteral("configmap/ssa-cm serverside-applied"));
        QCOMPARE(dataOwned(), QStringLiteral("bob"));
        // The field moved to bob; alice owned nothing else, so her entry is gone.
        QCOMPARE(managers(), QStringList{"bob/Apply"});
    }

    void replaceWithStaleResourceVersionConflicts() {
        QVERIFY(m_cluster
                    .create("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: replaced}\ndata: {v: \"1\"}\n",
                            kNamespace)
                    .succeeded());
        const KubectlResult original =
            kubectl({QStringLiteral("get"), QStringLiteral("configmap"), QStringLiteral("replaced"),
                     QStringLiteral("-o"), QStringLiteral("json")});
        QVERIFY2(original.succeeded(), qPrintable(original.describe()));
        QJsonObject object = parseObject(original.out);
        QJsonObject data{{"v", "2"}};
        object["data"] = data;
        const QString file =
            m_cluster.writeFile(QStringLiteral("replaced.json"), QJsonDocument(object).toJson());

        const KubectlResult first = kubectl({QStringLiteral("replace"), QStringLiteral("-f"), file});
        QVERIFY2(first.succeeded(), qPrintable(first.describe()));
        QCOMPARE(first.out.trimmed(), QStringLiteral("configmap/replaced replaced"));

        // The same file again carries the resourceVersion the first replace made stale.
        const KubectlResult stale = kubectl({QStringLiteral("replace"), QStringLiteral("-f"), file});
        QCOMPARE(stale.exitCode, 1);
        QCOMPARE(
            stale.err.trimmed(),
            QStringLiteral(
                "Error from server (Conflict): error when replacing \"%1\": Operation cannot be fulfilled "
                "on configmaps \"replaced\": the object has been modified; please apply your changes to "
                "the latest version and try again")
                .arg(file));
    }

private:
    KubectlResult kubectl(const QStringList& arguments) const {
        return m_cluster.kubectl().run(arguments + QStringList{QStringLiteral("-n"), kNamespace});
    }

    QString dataOwned() const {
        return kubectl({QStringLiteral("get"), QStringLiteral("configmap"), QStringLiteral("ssa-cm"),
                        QStringLiteral("-o"), QStringLiteral("jsonpath={.data.owned}")})
            .out;
    }

    // "manager/operation" of each managedFields entry of ssa-cm.
    QStringList managers() const {
        const KubectlResult result =
            kubectl({QStringLiteral("get"), QStringLiteral("configmap"), QStringLiteral("ssa-cm"),
                     QStringLiteral("-o"), QStringLiteral("json"), QStringLiteral("--show-managed-fields")});
        QStringList entries;
        for (const QJsonValue& entry :
             parseObject(result.out).value("metadata").toObject().value("managedFields").toArray()) {
            entries.append(entry["manager"].toString() + QLatin1Char('/') + entry["operation"].toString());
        }
        return entries;
    }

    ConformanceCluster m_cluster;
};

BINNACLE_CONFORMANCE_MAIN(TestKubectlApply)
#include "tst_kubectl_apply.moc"
