// Deletion with the controllers running (on a fast clock): namespace termination, and the garbage
// collector's Background, Foreground and Orphan propagation from a Deployment to its ReplicaSet and pods.
#include "apitestcluster.h"
#include "statusassert.h"

#include <QJsonArray>
#include <QTest>

using namespace binnacle::sim;
using namespace binnacle::sim::apitest;

namespace {
int itemCount(const WireResponse& list) {
    return int(list.json().value(QLatin1String("items")).toArray().size());
}

QJsonArray items(const WireResponse& list) {
    return list.json().value(QLatin1String("items")).toArray();
}
} // namespace

class TestApiLifecycle : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void namespaceDeletion();
    void propagation_data();
    void propagation();

private:
    std::unique_ptr<ApiTestCluster> m_cluster;
};

void TestApiLifecycle::initTestCase() {
    SimulatorOptions options;
    options.controllers = true;
    options.timeScale = 0.02;
    m_cluster = std::make_unique<ApiTestCluster>(options);
    QString error;
    QVERIFY2(m_cluster->start(&error), qPrintable(error));
}

void TestApiLifecycle::namespaceDeletion() {
    QCOMPARE(m_cluster->post("/api/v1/namespaces", namespaceObject("doomed")).status, 201);
    QCOMPARE(m_cluster->post("/api/v1/namespaces/doomed/configmaps", configMap("inside")).status, 201);
    QCOMPARE(
        m_cluster->post("/apis/apps/v1/namespaces/doomed/deployments", deployment("web", 1, "web")).status,
        201);
    // A finalizer nobody removes keeps the namespace Terminating until the test lets go.
    QJsonObject held = configMap("held");
    held.insert(QStringLiteral("metadata"),
                QJsonObject{{"name", "held"}, {"finalizers", QJsonArray{"example.com/hold"}}});
    QCOMPARE(m_cluster->post("/api/v1/namespaces/doomed/configmaps", held).status, 201);

    const WireResponse deleted = m_cluster->remove("/api/v1/namespaces/doomed");
    QCOMPARE(deleted.status, 200);
    const QJsonObject terminating = deleted.json();
    QCOMPARE(terminating.value(QLatin1String("kind")).toString(), QStringLiteral("Namespace"));
    QVERIFY(!meta(terminating, QStringLiteral("deletionTimestamp")).toString().isEmpty());
    QCOMPARE(terminating.value(QLatin1String("status")).toObject().value(QLatin1String("phase")).toString(),
             QStringLiteral("Terminating"));

    // The namespace controller deletes the content; the held object waits for its finalizer.
    QTRY_COMPARE_WITH_TIMEOUT(
        itemCount(m_cluster->get("/apis/apps/v1/deployments?fieldSelector=metadata.namespace%3Ddoomed")), 0,
        10000);
    QTRY_COMPARE_WITH_TIMEOUT(m_cluster->get("/api/v1/namespaces/doomed/configmaps/inside").status, 404,
                              10000);
    QTRY_VERIFY_WITH_TIMEOUT(!meta(m_cluster->get("/api/v1/namespaces/doomed/configmaps/held").json(),
                                   QStringLiteral("deletionTimestamp"))
                                  .isUndefined(),
                             10000);
    QCOMPARE(m_cluster->get("/api/v1/namespaces/doomed").status, 200);

    // Nothing new may be created in a terminating namespace (checked after the clean-up, so that a wrong
    // message does not hide whether the namespace goes away).
    const WireResponse refused = m_cluster->post("/api/v1/namespaces/doomed/configmaps", configMap("late"));

    // Once the last finalizer is gone, so is the namespace.
    QCOMPARE(m_cluster
                 ->patch("/api/v1/namespaces/doomed/configmaps/held", "application/merge-patch+json",
                         R"({"metadata":{"finalizers":null}})")
                 .status,
             200);
    QTRY_COMPARE_WITH_TIMEOUT(m_cluster->get("/api/v1/namespaces/doomed").status, 404, 10000);
    QCOMPARE(itemCount(m_cluster->get("/api/v1/configmaps?fieldSelector=metadata.namespace%3Ddoomed")), 0);
    QCOMPARE(itemCount(m_cluster->get("/api/v1/pods?fieldSelector=metadata.namespace%3Ddoomed")), 0);

    VERIFY_STATUS(refused, 403, QStringLiteral("Forbidden"));
    QVERIFY2(hasCause(refused.json(), QStringLiteral("metadata.namespace"),
                      QStringLiteral("NamespaceTerminating")),
             refused.body.constData());
    QCOMPARE(
        refused.json().value(QLatin1String("message")).toString(),
        QStringLiteral("configmaps \"late\" is forbidden: unable to create new content in namespace doomed "
                       "because it is being terminated"));
}

void TestApiLifecycle::propagation_data() {
    QTest::addColumn<QString>("policy");
    QTest::newRow("Background") << QStringLiteral("Background");
    QTest::newRow("Foreground") << QStringLiteral("Foreground");
    QTest::newRow("Orphan") << QStringLiteral("Orphan");
}

void TestApiLifecycle::propagation() {
    QFETCH(QString, policy);
    const QString ns = QStringLiteral("gc-") + policy.toLower();
    const QByteArray base = "/apis/apps/v1/namespaces/" + ns.toLatin1();
    const QByteArray pods = "/api/v1/namespaces/" + ns.toLatin1() + "/pods";
    QCOMPARE(m_cluster->post("/api/v1/namespaces", namespaceObject(ns)).status, 201);
    const WireResponse created = m_cluster->post(base + "/deployments", deployment("owner", 2, "owner"));
    QCOMPARE(created.status, 201);
    const QString ownerUid = meta(created.json(), QStringLiteral("uid")).toString();

    // The deployment controller makes a ReplicaSet owned by the Deployment, which makes two pods.
    QTRY_COMPARE_WITH_TIMEOUT(itemCount(m_cluster->get(base + "/replicasets")), 1, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(itemCount(m_cluster->get(pods)), 2, 10000);
    const QJsonObject replicaSet = items(m_cluster->get(base + "/replicasets")).first().toObject();
    const QJsonArray owners = meta(replicaSet, QStringLiteral("ownerReferences")).toArray();
    QCOMPARE(owners.size(), 1);
    QCOMPARE(owners.first().toObject().value(QLatin1String("uid")).toString(), ownerUid);
    QCOMPARE(owners.first().toObject().value(QLatin1String("kind")).toString(), QStringLiteral("Deployment"));
    QCOMPARE(owners.first().toObject().value(QLatin1String("controller")).toBool(), true);
    const QString replicaSetName = meta(replicaSet, QStringLiteral("name")).toString();

    const WireResponse deleted = m_cluster->remove(
        base + "/deployments/owner",
        QJsonObject{{"kind", "DeleteOptions"}, {"apiVersion", "v1"}, {"propagationPolicy", policy}});
    QVERIFY2(deleted.status == 200, deleted.body.constData());

    if (policy == QLatin1String("Foreground")) {
        // The owner stays, marked, until its blocking dependents are gone.
        const QJsonObject marked = deleted.json();
        QCOMPARE(marked.value(QLatin1String("kind")).toString(), QStringLiteral("Deployment"));
        QVERIFY(!meta(marked, QStringLiteral("deletionTimestamp")).toString().isEmpty());
        QVERIFY(meta(marked, QStringLiteral("finalizers"))
                    .toArray()
                    .contains(QStringLiteral("foregroundDeletion")));
    } else if (policy == QLatin1String("Orphan")) {
        const QJsonObject marked = deleted.json();
        QVERIFY(marked.value(QLatin1String("kind")).toString() == QLatin1String("Deployment") ||
                marked.value(QLatin1String("kind")).toString() == QLatin1String("Status"));
    }

    QTRY_COMPARE_WITH_TIMEOUT(m_cluster->get(base + "/deployments/owner").status, 404, 10000);
    if (policy == QLatin1String("Orphan")) {
        // The dependents stay, without the reference to the gone owner.
        const WireResponse orphan = m_cluster->get(base + "/replicasets/" + replicaSetName.toLatin1());
        QCOMPARE(orphan.status, 200);
        QVERIFY(meta(orphan.json(), QStringLiteral("ownerReferences")).toArray().isEmpty());
        QVERIFY(meta(orphan.json(), QStringLiteral("deletionTimestamp")).isUndefined());
        QCOMPARE(itemCount(m_cluster->get(pods)), 2);
        return;
    }
    if (policy == QLatin1String("Foreground")) {
        // Foreground: the owner went only after its blocking dependent.
        QCOMPARE(m_cluster->get(base + "/replicasets/" + replicaSetName.toLatin1()).status, 404);
    }
    QTRY_COMPARE_WITH_TIMEOUT(m_cluster->get(base + "/replicasets/" + replicaSetName.toLatin1()).status, 404,
                              10000);
    QTRY_COMPARE_WITH_TIMEOUT(itemCount(m_cluster->get(pods)), 0, 10000);
}

QTEST_GUILESS_MAIN(TestApiLifecycle)
#include "tst_apilifecycle.moc"
