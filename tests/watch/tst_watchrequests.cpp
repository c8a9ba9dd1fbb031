// The reflector's requests: paths, list and watch parameters, the Table form, timeout rotation, and the
// target's sharing key.
#include "watchrequests.h"

#include <QTest>

using namespace binnacle::watch;

namespace {

WatchTarget target(const QString& group, const QString& resource, bool namespaced, const QString& ns) {
    WatchTarget target;
    target.resource.group = group;
    target.resource.version = QStringLiteral("v1");
    target.resource.resource = resource;
    target.resource.namespaced = namespaced;
    target.namespaceName = ns;
    return target;
}

} // namespace

class TestWatchRequests : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void collectionPath_data() {
        QTest::addColumn<QString>("group");
        QTest::addColumn<QString>("resource");
        QTest::addColumn<bool>("namespaced");
        QTest::addColumn<QString>("ns");
        QTest::addColumn<QString>("path");
        QTest::newRow("core, all namespaces") << ""
                                              << "pods" << true << ""
                                              << "/api/v1/pods";
        QTest::newRow("core, one namespace") << ""
                                             << "pods" << true << "kube-system"
                                             << "/api/v1/namespaces/kube-system/pods";
        QTest::newRow("group, one namespace") << "apps"
                                              << "deployments" << true << "default"
                                              << "/apis/apps/v1/namespaces/default/deployments";
        QTest::newRow("cluster-scoped ignores namespace") << ""
                                                          << "nodes" << false << "default"
                                                          << "/api/v1/nodes";
    }
    void collectionPath() {
        QFETCH(QString, group);
        QFETCH(QString, resource);
        QFETCH(bool, namespaced);
        QFETCH(QString, ns);
        QFETCH(QString, path);
        QCOMPARE(requests::collectionPath(target(group, resource, namespaced, ns)), path);
    }

    void listPage() {
        WatchTarget pods = target(QString(), QStringLiteral("pods"), true, QString());
        pods.labelSelector = QStringLiteral("app=web");
        const auto first = requests::listPage(pods, 500, QString());
        QCOMPARE(first.method, QByteArray("GET"));
        QCOMPARE(first.query.queryItemValue(QStringLiteral("limit")), QStringLiteral("500"));
        QCOMPARE(first.query.queryItemValue(QStringLiteral("labelSelector")), QStringLiteral("app=web"));
        QVERIFY(!first.query.hasQueryItem(QStringLiteral("continue")));
        QVERIFY(!first.query.hasQueryItem(QStringLiteral("resourceVersion")));
        QVERIFY(!first.query.hasQueryItem(QStringLiteral("watch")));
        QCOMPARE(first.accept, QByteArray("application/json"));
        const auto next = requests::listPage(pods, 0, QStringLiteral("token"));
        QVERIFY(!next.query.hasQueryItem(QStringLiteral("limit")));
        QCOMPARE(next.query.queryItemValue(QStringLiteral("continue")), QStringLiteral("token"));
        const auto fromCache = requests::listPage(pods, 500, QString(), QStringLiteral("0"));
        QCOMPARE(fromCache.query.queryItemValue(QStringLiteral("resourceVersion")), QStringLiteral("0"));
        QCOMPARE(fromCache.query.queryItemValue(QStringLiteral("limit")), QStringLiteral("500"));
    }

    void watchFrom() {
        WatchTarget pods = target(QString(), QStringLiteral("pods"), true, QString());
        pods.fieldSelector = QStringLiteral("spec.nodeName=n1");
        const auto spec = requests::watchFrom(pods, QStringLiteral("1234"), std::chrono::seconds(417));
        QCOMPARE(spec.query.queryItemValue(QStringLiteral("watch")), QStringLiteral("true"));
        QCOMPARE(spec.query.queryItemValue(QStringLiteral("resourceVersion")), QStringLiteral("1234"));
        QCOMPARE(spec.query.queryItemValue(QStringLiteral("allowWatchBookmarks")), QStringLiteral("true"));
        QCOMPARE(spec.query.queryItemValue(QStringLiteral("timeoutSeconds")), QStringLiteral("417"));
        QCOMPARE(spec.query.queryItemValue(QStringLiteral("fieldSelector")),
                 QStringLiteral("spec.nodeName=n1"));
        QVERIFY(!spec.query.hasQueryItem(QStringLiteral("sendInitialEvents")));
    }

    void watchList() {
        const auto spec = requests::watchList(target(QString(), QStringLiteral("pods"), true, QString()),
                                              std::chrono::seconds(300));
        QCOMPARE(spec.query.queryItemValue(QStringLiteral("sendInitialEvents")), QStringLiteral("true"));
        QCOMPARE(spec.query.queryItemValue(QStringLiteral("resourceVersionMatch")),
                 QStringLiteral("NotOlderThan"));
        QCOMPARE(spec.query.queryItemValue(QStringLiteral("allowWatchBookmarks")), QStringLiteral("true"));
        QVERIFY(spec.query.hasQueryItem(QStringLiteral("resourceVersion")));
        QCOMPARE(spec.query.queryItemValue(QStringLiteral("resourceVersion")), QString());
    }

    void tableForm() {
        WatchTarget pods = target(QString(), QStringLiteral("pods"), true, QString());
        pods.form = WatchTarget::Form::Table;
        for (const auto& spec : {requests::listPage(pods, 10, QString()),
                                 requests::watchFrom(pods, QStringLiteral("1"), std::chrono::seconds(300))}) {
            QVERIFY(spec.accept.startsWith("application/json;as=Table;v=v1;g=meta.k8s.io"));
            QCOMPARE(spec.query.queryItemValue(QStringLiteral("includeObject")), QStringLiteral("Metadata"));
        }
    }

    void watchTimeoutRotation_data() {
        QTest::addColumn<double>("random");
        QTest::addColumn<int>("seconds");
        QTest::newRow("low end") << 0.0 << 300;
        QTest::newRow("middle") << 0.5 << 450;
        QTest::newRow("high end stays below twice") << 0.99999 << 599;
        QTest::newRow("out of range clamped") << 1.5 << 599;
    }
    void watchTimeoutRotation() {
        QFETCH(double, random);
        QFETCH(int, seconds);
        QCOMPARE(requests::watchTimeout(std::chrono::seconds(300), random).count(), seconds);
    }

    void keysTellTargetsApart() {
        const WatchTarget pods = target(QString(), QStringLiteral("pods"), true, QString());
        WatchTarget inNamespace = pods;
        inNamespace.namespaceName = QStringLiteral("default");
        WatchTarget selected = pods;
        selected.labelSelector = QStringLiteral("a=b");
        WatchTarget table = pods;
        table.form = WatchTarget::Form::Table;
        WatchTarget fieldSelected = pods;
        fieldSelected.fieldSelector = QStringLiteral("a=b");
        const QStringList keys{pods.key(), inNamespace.key(), selected.key(), table.key(),
                               fieldSelected.key()};
        QCOMPARE(QSet<QString>(keys.begin(), keys.end()).size(), keys.size());
        QCOMPARE(pods.key(), target(QString(), QStringLiteral("pods"), true, QString()).key());
    }

    void stateNames() {
        QCOMPARE(reflectorStateName(ReflectorState::Reconnecting), QStringLiteral("reconnecting"));
        QCOMPARE(reflectorStateName(ReflectorState::Forbidden), QStringLiteral("forbidden"));
    }
};

QTEST_APPLESS_MAIN(TestWatchRequests)
#include "tst_watchrequests.moc"
