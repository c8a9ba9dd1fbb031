#include "kindsmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace binnacle;

namespace {

client::ApiResource resource(const QString& group, const QString& name, const QString& kind,
                             bool namespaced = true,
                             const QStringList& verbs = {QStringLiteral("list"), QStringLiteral("watch")},
                             const QString& version = QStringLiteral("v1")) {
    client::ApiResource result;
    result.group = group;
    result.version = version;
    result.resource = name;
    result.kind = kind;
    result.namespaced = namespaced;
    result.verbs = verbs;
    return result;
}

QStringList column(const QAbstractItemModel& model, int role) {
    QStringList values;
    for (int row = 0; row < model.rowCount(); ++row) {
        values.append(model.index(row, 0).data(role).toString());
    }
    return values;
}

QList<client::ApiResource> clusterResources() {
    return {
        resource({}, "pods", "Pod"),
        resource({}, "pods/log", "Pod"),
        resource({}, "configmaps", "ConfigMap"),
        resource({}, "nodes", "Node", false),
        resource("apps", "deployments", "Deployment"),
        resource("authentication.k8s.io", "tokenreviews", "TokenReview", false, {QStringLiteral("create")}),
        resource("rbac.authorization.k8s.io", "roles", "Role"),
        resource("networking.k8s.io", "ingresses", "Ingress"),
        resource("example.com", "widgets", "Widget"),
        resource("cert-manager.io", "certificates", "Certificate"),
        resource("metrics.k8s.io", "podmetrics", "PodMetrics"),
        resource({}, "events", "Event"),
        resource("events.k8s.io", "events", "Event")};
}

} // namespace

class TestKindsModel : public QObject {
    Q_OBJECT
private slots:
    void sectionsInOrder();
    void followsDiscoveryWithoutAReset();
    void favourites();
};

void TestKindsModel::sectionsInOrder() {
    KindsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setResources(clusterResources());
    QCOMPARE(column(model, KindsModel::ResourceKeyRole),
             (QStringList{"deployments.apps", "pods", "ingresses.networking.k8s.io", "configmaps", "events",
                          "nodes", "roles.rbac.authorization.k8s.io", "certificates.cert-manager.io",
                          "widgets.example.com", "podmetrics.metrics.k8s.io"}));
    QCOMPARE(
        column(model, KindsModel::SectionRole),
        (QStringList{"Workloads", "Workloads", "Network", "Config", "Cluster", "Cluster", "Access control",
                     "Custom resources: cert-manager.io", "Custom resources: example.com", "Other"}));
    QCOMPARE(model.index(0, 0).data(KindsModel::CountRole).toLongLong(),
             -1); // not counted without a registry
}

void TestKindsModel::followsDiscoveryWithoutAReset() {
    KindsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setResources(clusterResources());
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserts(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removes(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
    // A CRD went away, two came (one in a new group), and one changed its preferred version.
    QList<client::ApiResource> next = clusterResources();
    next.removeIf([](const client::ApiResource& r) { return r.resource == QLatin1String("widgets"); });
    next.removeIf([](const client::ApiResource& r) { return r.resource == QLatin1String("certificates"); });
    next.append(resource("cert-manager.io", "certificates", "Certificate", true,
                         {QStringLiteral("list"), QStringLiteral("watch")}, QStringLiteral("v2")));
    next.append(resource("cert-manager.io", "issuers", "Issuer"));
    next.append(resource("acme.example.org", "orders", "Order"));
    model.setResources(next);
    QCOMPARE(resets.size(), 0);
    QCOMPARE(removes.size(), 1);
    QCOMPARE(inserts.size(), 2); // orders, issuers: separate runs
    QCOMPARE(changes.size(), 1);
    QCOMPARE(column(model, KindsModel::ResourceKeyRole).mid(7),
             (QStringList{"orders.acme.example.org", "certificates.cert-manager.io",
                          "issuers.cert-manager.io", "podmetrics.metrics.k8s.io"}));
    QCOMPARE(
        model.index(model.rowOf("certificates.cert-manager.io"), 0).data(KindsModel::VersionRole).toString(),
        QStringLiteral("v2"));
}

void TestKindsModel::favourites() {
    KindsModel model;
    model.setResources(clusterResources());
    QSignalSpy changed(&model, &KindsModel::favouritesChanged);
    model.toggleFavourite(QStringLiteral("pods"));
    model.toggleFavourite(QStringLiteral("widgets.example.com"));
    QCOMPARE(model.favourites(), (QStringList{"pods", "widgets.example.com"}));
    QVERIFY(model.index(model.rowOf("pods"), 0).data(KindsModel::FavouriteRole).toBool());
    model.toggleFavourite(QStringLiteral("pods"));
    QVERIFY(!model.index(model.rowOf("pods"), 0).data(KindsModel::FavouriteRole).toBool());
    QCOMPARE(changed.size(), 3);
}

QTEST_GUILESS_MAIN(TestKindsModel)
#include "tst_kindsmodel.moc"
