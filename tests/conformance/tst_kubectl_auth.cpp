// Who may do what, and the errors kubectl shows: auth can-i and whoami for the three kubeconfig users, 401
// with a wrong token, 403 for the read-only user, 404, AlreadyExists, 422 Invalid with its causes, and a
// throttled request that kubectl retries after Retry-After.
#include "conformancecluster.h"

#include <QFile>
#include <QRegularExpression>

using namespace binnacle::sim::conformance;

namespace {
const QString kNamespace = QStringLiteral("conf-auth");
const QByteArray kConfigMap = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: twice}\ndata: {a: b}\n";
} // namespace

class TestKubectlAuth : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QString error;
        QVERIFY2(m_cluster.start(&error), qPrintable(error));
        QVERIFY2(m_cluster.createNamespace(kNamespace, &error), qPrintable(error));
    }

    void canI_data() {
        QTest::addColumn<QString>("context");
        QTest::addColumn<QStringList>("question");
        QTest::addColumn<bool>("allowed");
        QTest::newRow("admin list pods") << "sim-admin" << QStringList{"list", "pods"} << true;
        QTest::newRow("admin everything") << "sim-admin" << QStringList{"*", "*"} << true;
        QTest::newRow("cert admin delete nodes") << "sim-cert" << QStringList{"delete", "nodes"} << true;
        QTest::newRow("readonly list pods") << "sim-readonly" << QStringList{"list", "pods"} << true;
        QTest::newRow("readonly watch deployments")
            << "sim-readonly" << QStringList{"watch", "deployments.apps"} << true;
        QTest::newRow("readonly create pods") << "sim-readonly" << QStringList{"create", "pods"} << false;
        QTest::newRow("readonly delete configmaps")
            << "sim-readonly" << QStringList{"delete", "configmaps"} << false;
        QTest::newRow("readonly get secrets") << "sim-readonly" << QStringList{"get", "secrets"} << false;
    }

    void canI() {
        QFETCH(QString, context);
        QFETCH(QStringList, question);
        QFETCH(bool, allowed);
        const KubectlResult result =
            m_cluster.kubectl(context).run(QStringList{QStringLiteral("auth"), QStringLiteral("can-i")} +
                                           question + QStringList{QStringLiteral("-n"), kNamespace});
        QVERIFY2(!result.timedOut && !result.crashed, qPrintable(result.describe()));
        QVERIFY2(result.err.isEmpty() || result.err.trimmed().startsWith(QStringLiteral("Warning:")),
                 qPrintable(result.describe()));
        QCOMPARE(result.out.trimmed(), allowed ? QStringLiteral("yes") : QStringLiteral("no"));
        QCOMPARE(result.exitCode, allowed ? 0 : 1);
    }

    void whoami_data() {
        QTest::addColumn<QString>("context");
        QTest::addColumn<QString>("username");
        QTest::addColumn<QString>("groups");
        QTest::newRow("read-only token") << "sim-readonly"
                                         << "sim-readonly"
                                         << "[binnacle:viewers system:authenticated]";
        QTest::newRow("client certificate") << "sim-cert"
                                            << "sim-cert-admin"
                                            << "[system:masters system:authenticated]";
    }

    void whoami() {
        QFETCH(QString, context);
        QFETCH(QString, username);
        QFETCH(QString, groups);
        const KubectlResult result =
            m_cluster.kubectl(context).run({QStringLiteral("auth"), QStringLiteral("whoami")});
        QVERIFY2(result.succeeded(), qPrintable(result.describe()));
        const KubectlTable table = KubectlTable::parse(result.out);
        QCOMPARE(table.header(), (QStringList{"ATTRIBUTE", "VALUE"}));
        QCOMPARE(table.cell(table.rowWhere("ATTRIBUTE", "Username"), "VALUE"), username);
        QCOMPARE(table.cell(table.rowWhere("ATTRIBUTE", "Groups"), "VALUE"), groups);
    }

    void wrongTokenIsUnauthorized() {
        QFile original(m_cluster.simulator().kubeconfigPath());
        QVERIFY(original.open(QIODevice::ReadOnly));
        QByteArray kubeconfig = original.readAll();
        const QByteArray token = m_cluster.simulator().adminToken().toUtf8();
        QVERIFY(kubeconfig.contains(token));
        kubeconfig.replace(token, "not-the-right-token");
        const QString path = m_cluster.writeFile(QStringLiteral("wrong-token.kubeconfig"), kubeconfig);

        const KubectlResult result = m_cluster.kubectl().withKubeconfig(path).run(
            {QStringLiteral("get"), QStringLiteral("configmaps"), QStringLiteral("-n"), kNamespace});
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.trimmed().endsWith(
                     QStringLiteral("error: You must be logged in to the server (Unauthorized)")),
                 qPrintable(result.describe()));
    }

    void readOnlyUserIsForbidden_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("create")
            << QStringList{"create", "-f", "-"}
            << "Error from server (Forbidden): error when creating \"STDIN\": configmaps is "
               "forbidden: User \"sim-readonly\" cannot create resource \"configmaps\" in API group "
               "\"\" in the namespace \"conf-auth\"";
        QTest::newRow("list secrets")
            << QStringList{"get", "secrets"}
            << "Error from server (Forbidden): secrets is forbidden: User \"sim-readonly\" "
               "cannot list resource \"secrets\" in API group \"\" in the namespace \"conf-auth\"";
        QTest::newRow("delete")
            << QStringList{"delete", "configmap", "anything"}
            << "Error from server (Forbidden): configmaps \"anything\" is forbidden: User "
               "\"sim-readonly\" cannot delete resource \"configmaps\" in API group \"\" in the "
               "namespace \"conf-auth\"";
    }

    void readOnlyUserIsForbidden() {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const KubectlResult result =
            m_cluster.kubectl(QStringLiteral("sim-readonly"))
                .run(arguments + QStringList{QStringLiteral("-n"), kNamespace}, kConfigMap);
        QCOMPARE(result.exitCode, 1);
        QCOMPARE(result.err.trimmed(), message);
    }

    void missingObjectIsNotFound() {
        const KubectlResult result =
            kubectl({QStringLiteral("get"), QStringLiteral("configmap"), QStringLiteral("missing")});
        QCOMPARE(result.exitCode, 1);
        QCOMPARE(result.err.trimmed(),
                 QStringLiteral("Error from server (NotFound): configmaps \"missing\" not found"));
        const KubectlResult group =
            kubectl({QStringLiteral("get"), QStringLiteral("deployment"), QStringLiteral("missing")});
        QCOMPARE(group.err.trimmed(),
                 QStringLiteral("Error from server (NotFound): deployments.apps \"missing\" not found"));
    }

    void creatingTwiceIsAlreadyExists() {
        const KubectlResult first =
            kubectl({QStringLiteral("create"), QStringLiteral("-f"), QStringLiteral("-")}, kConfigMap);
        QVERIFY2(first.succeeded(), qPrintable(first.describe()));
        const KubectlResult second =
            kubectl({QStringLiteral("create"), QStringLiteral("-f"), QStringLiteral("-")}, kConfigMap);
        QCOMPARE(second.exitCode, 1);
        QCOMPARE(second.err.trimmed(),
                 QStringLiteral("Error from server (AlreadyExists): error when creating \"STDIN\": "
                                "configmaps \"twice\" already exists"));
    }

    void invalidObjectShowsCauses() {
        const QByteArray negativeReplicas = R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: negative}
spec:
  replicas: -1
  selector: {matchLabels: {app: negative}}
  template:
    metadata: {labels: {app: negative}}
    spec: {containers: [{name: web, image: nginx:1.27}]}
)";
        const KubectlResult result =
            kubectl({QStringLiteral("create"), QStringLiteral("-f"), QStringLiteral("-")}, negativeReplicas);
        QCOMPARE(result.exitCode, 1);
        QCOMPARE(result.err.trimmed(),
                 QStringLiteral("The Deployment \"negative\" is invalid: spec.replicas: Invalid "
                                "value: -1: must be greater than or equal to 0"));

        // Two causes: kubectl lists them one per line.
        const QByteArray twoProblems = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: Bad_Name, labels: "
                                       "{\"bad key!\": x}}\n";
        const KubectlResult two =
            kubectl({QStringLiteral("create"), QStringLiteral("-f"), QStringLiteral("-")}, twoProblems);
        QCOMPARE(two.exitCode, 1);
        const QStringList lines = two.err.trimmed().split('\n');
        QCOMPARE(lines.value(0), QStringLiteral("The ConfigMap \"Bad_Name\" is invalid: "));
        QCOMPARE(lines.size(), 3);
        QVERIFY2(two.err.contains(QStringLiteral(
                     "* metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain")),
                 qPrintable(two.err));
        QVERIFY2(two.err.contains(QStringLiteral(
                     "* metadata.labels: Invalid value: \"bad key!\": name part must consist of")),
                 qPrintable(two.err));
    }

    void throttledRequestIsRetried() {
        // Warm kubectl's discovery cache first, so the failure hits the list request itself.
        QVERIFY(kubectl({QStringLiteral("get"), QStringLiteral("configmaps")}).succeeded());
        const KubectlResult fault =
            m_cluster.setFaults(R"({"failNext":{"count":1,"code":429,"retryAfterSeconds":1}})");
        QVERIFY2(fault.succeeded(), qPrintable(fault.describe()));
        const KubectlResult result = kubectl({QStringLiteral("get"), QStringLiteral("configmap"),
                                              QStringLiteral("twice"), QStringLiteral("-v=6")});
        QVERIFY2(result.succeeded(), qPrintable(result.describe()));
        QCOMPARE(KubectlTable::parse(result.out).column("NAME"), QStringList{"twice"});
        static const QRegularExpression throttled(QStringLiteral("GET https://\\S+ 429 Too Many Requests"));
        QVERIFY2(throttled.match(result.err).hasMatch(), qPrintable(result.err));
    }

private:
    KubectlResult kubectl(const QStringList& arguments, const QByteArray& input = {}) const {
        return m_cluster.kubectl().run(arguments + QStringList{QStringLiteral("-n"), kNamespace}, input);
    }

    ConformanceCluster m_cluster;
};

BINNACLE_CONFORMANCE_MAIN(TestKubectlAuth)
#include "tst_kubectl_auth.moc"
