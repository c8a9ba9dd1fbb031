// PodResolver: selectors written as label-selector text, Service ports mapped through targetPort, and
// the choice of a Ready pod behind a Service or Deployment against the simulator (unready pods skipped,
// avoided pods only as a last resort, typed errors when nothing is there).
#include "forwardtesting.h"
#include "podresolver.h"

#include <QTest>

using namespace binnacle;
using namespace binnacle::streaming;
using namespace streamingtesting;

class TestPodResolver : public QObject {
    Q_OBJECT

    ResolvedPod resolve(const ForwardTarget& target, const QList<quint16>& ports,
                        const QStringList& avoid = {}) {
        std::optional<ResolvedPod> result;
        m_resolver->resolve(target, ports, avoid, this, [&](const ResolvedPod& r) { result = r; });
        if (!QTest::qWaitFor([&] { return result.has_value(); }, 10000)) {
            return {
                {}, {}, transport::ApiError(transport::ApiError::Kind::Timeout, QStringLiteral("no answer"))};
        }
        return *result;
    }

private slots:
    void initTestCase() {
        QVERIFY(m_cluster.start());
        m_resolver = std::make_unique<PodResolver>(m_cluster.transport.get());
        QVERIFY(createWebFixture(m_cluster));
    }

    void resolverParts() {
        QCOMPARE(PodResolver::labelSelector(QJsonObject{{"app", "web"}, {"tier", "front"}}, false),
                 QStringLiteral("app=web,tier=front"));
        const QJsonObject selector{
            {"matchLabels", QJsonObject{{"app", "web"}}},
            {"matchExpressions",
             QJsonArray{
                 QJsonObject{{"key", "env"}, {"operator", "In"}, {"values", QJsonArray{"prod", "staging"}}},
                 QJsonObject{{"key", "canary"}, {"operator", "DoesNotExist"}},
                 QJsonObject{{"key", "zone"}, {"operator", "NotIn"}, {"values", QJsonArray{"a"}}},
                 QJsonObject{{"key", "team"}, {"operator", "Exists"}}}}};
        QCOMPARE(PodResolver::labelSelector(selector, true),
                 QStringLiteral("app=web,env in (prod,staging),!canary,zone notin (a),team"));
        const QJsonObject service{
            {"spec", QJsonObject{{"ports", QJsonArray{QJsonObject{{"port", 80}, {"targetPort", "http"}},
                                                      QJsonObject{{"port", 443}, {"targetPort", 8443}},
                                                      QJsonObject{{"port", 53}}}}}}};
        const QJsonObject pod{
            {"spec",
             QJsonObject{{"containers", QJsonArray{QJsonObject{
                                            {"ports", QJsonArray{QJsonObject{{"name", "http"},
                                                                             {"containerPort", 8080}}}}}}}}}};
        QCOMPARE(PodResolver::servicePortToPodPort(service, 80, pod), std::optional<quint16>(8080));
        QCOMPARE(PodResolver::servicePortToPodPort(service, 443, pod), std::optional<quint16>(8443));
        QCOMPARE(PodResolver::servicePortToPodPort(service, 53, pod), std::optional<quint16>(53));
        QVERIFY(!PodResolver::servicePortToPodPort(service, 22, pod));
        QVERIFY(!PodResolver::servicePortToPodPort(service, 80, QJsonObject{}));
    }

    void targets_data() {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QStringList>("avoid");
        QTest::addColumn<QString>("pod");
        QTest::addColumn<int>("podPort");
        QTest::newRow("pod as given")
            << int(ForwardTarget::Kind::Pod) << "anything" << QStringList() << "anything" << 80;
        QTest::newRow("service: first Ready by name")
            << int(ForwardTarget::Kind::Service) << "web" << QStringList() << "web-a" << 8080;
        QTest::newRow("service: avoided pod skipped")
            << int(ForwardTarget::Kind::Service) << "web" << QStringList{"web-a"} << "web-b" << 8080;
        QTest::newRow("service: avoided only as a last resort")
            << int(ForwardTarget::Kind::Service) << "web" << QStringList{"web-a", "web-b"} << "web-a" << 8080;
        QTest::newRow("deployment") << int(ForwardTarget::Kind::Workload) << "web" << QStringList{"web-a"}
                                    << "web-b" << 80;
    }
    void targets() {
        QFETCH(int, kind);
        QFETCH(QString, name);
        QFETCH(QStringList, avoid);
        QFETCH(QString, pod);
        QFETCH(int, podPort);
        ForwardTarget target = ForwardTarget::pod(testNamespace, name);
        target.kind = ForwardTarget::Kind(kind);
        const ResolvedPod result = resolve(target, {80}, avoid);
        QVERIFY2(result.ok(), result.ok() ? "" : qPrintable(result.error->message()));
        QCOMPARE(result.podName, pod);
        QCOMPARE(result.podPorts, QList<quint16>{quint16(podPort)});
    }

    void failures_data() {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("port");
        QTest::addColumn<int>("httpStatus");
        QTest::addColumn<QString>("message");
        QTest::newRow("missing service")
            << int(ForwardTarget::Kind::Service) << "ghost" << 80 << 404 << "services \"ghost\" not found";
        QTest::newRow("no Ready pod") << int(ForwardTarget::Kind::Service) << "nobody" << 80 << 404
                                      << "no Ready pod behind service/nobody";
        QTest::newRow("no such service port") << int(ForwardTarget::Kind::Service) << "web" << 443 << 404
                                              << "service web has no port 443 that leads to pod web-a";
        QTest::newRow("missing deployment") << int(ForwardTarget::Kind::Workload) << "ghost" << 80 << 404
                                            << "deployments.apps \"ghost\" not found";
    }
    void failures() {
        QFETCH(int, kind);
        QFETCH(QString, name);
        QFETCH(int, port);
        QFETCH(int, httpStatus);
        QFETCH(QString, message);
        ForwardTarget target = ForwardTarget::pod(testNamespace, name);
        target.kind = ForwardTarget::Kind(kind);
        const ResolvedPod result = resolve(target, {quint16(port)});
        QVERIFY(!result.ok());
        QCOMPARE(result.error->httpStatus(), httpStatus);
        QCOMPARE(result.error->message(), message);
    }

    void displayNames() {
        QCOMPARE(ForwardTarget::pod("ns", "p").displayName(), QStringLiteral("pod/p"));
        QCOMPARE(ForwardTarget::service("ns", "s").displayName(), QStringLiteral("service/s"));
        QCOMPARE(ForwardTarget::workload("ns", "apps", "statefulsets", "db").displayName(),
                 QStringLiteral("statefulset/db"));
    }

private:
    Cluster m_cluster;
    std::unique_ptr<PodResolver> m_resolver;
};

QTEST_GUILESS_MAIN(TestPodResolver)
#include "tst_podresolver.moc"
