// The headers every response carries and the injected faults, over the wire: the plain-text 429 of API
// Priority and Fairness, 5xx Status answers, added latency, closed idle connections, and a restart.
#include "apitestcluster.h"
#include "statusassert.h"

#include <QElapsedTimer>
#include <QTest>
#include <QUuid>

using namespace binnacle::sim;
using namespace binnacle::sim::apitest;

Q_DECLARE_METATYPE(binnacle::sim::apitest::Credential)

class TestApiFaults : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void commonHeaders_data();
    void commonHeaders();
    void throttled();
    void serverErrors_data();
    void serverErrors();
    void latency();
    void closeIdleConnections();
    void restart();

private:
    std::unique_ptr<ApiTestCluster> m_cluster;
};

void TestApiFaults::initTestCase() {
    SimulatorOptions options;
    options.controllers = false;
    m_cluster = std::make_unique<ApiTestCluster>(options);
    QString error;
    QVERIFY2(m_cluster->start(&error), qPrintable(error));
    QCOMPARE(m_cluster->post("/api/v1/namespaces", namespaceObject("misc")).status, 201);
    QCOMPARE(
        m_cluster->post("/api/v1/namespaces/misc/configmaps", configMap("t1", {{"row", "1"}}, {{"k", "v"}}))
            .status,
        201);
    QCOMPARE(m_cluster->post("/api/v1/namespaces/misc/configmaps", configMap("t2", {{"row", "2"}})).status,
             201);
}

void TestApiFaults::commonHeaders_data() {
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<Credential>("credential");
    QTest::addColumn<int>("code");

    QTest::newRow("get") << QByteArray("GET") << QByteArray("/api/v1/namespaces/misc/configmaps/t1")
                         << QByteArray() << Credential::Admin << 200;
    QTest::newRow("list") << QByteArray("GET") << QByteArray("/api/v1/namespaces/misc/configmaps")
                          << QByteArray() << Credential::Admin << 200;
    QTest::newRow("create") << QByteArray("POST") << QByteArray("/api/v1/namespaces/misc/configmaps")
                            << compact(configMap("headers")) << Credential::Admin << 201;
    QTest::newRow("not found") << QByteArray("GET") << QByteArray("/api/v1/namespaces/misc/configmaps/none")
                               << QByteArray() << Credential::Admin << 404;
    QTest::newRow("forbidden") << QByteArray("DELETE") << QByteArray("/api/v1/namespaces/misc/configmaps/t1")
                               << QByteArray() << Credential::ReadOnly << 403;
    QTest::newRow("discovery") << QByteArray("GET") << QByteArray("/apis") << QByteArray()
                               << Credential::Admin << 200;
    QTest::newRow("healthz") << QByteArray("GET") << QByteArray("/healthz") << QByteArray()
                             << Credential::Admin << 200;
    QTest::newRow("unauthorized") << QByteArray("GET") << QByteArray("/api/v1/pods") << QByteArray()
                                  << Credential::BadToken << 401;
}

void TestApiFaults::commonHeaders() {
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, body);
    QFETCH(Credential, credential);
    QFETCH(int, code);

    WireRequest request{method, target, body, {}, credential};
    if (!body.isEmpty()) {
        request.headers.append(header("Content-Type", "application/json"));
    }
    const WireResponse first = m_cluster->send(request);
    QCOMPARE(first.status, code);
    const QByteArray auditId = first.header("Audit-Id");
    QVERIFY2(!QUuid::fromString(QLatin1String(auditId)).isNull(), auditId.constData());
    QVERIFY(!first.header("Date").isEmpty());
    QVERIFY(!first.header("Content-Type").isEmpty());
    QVERIFY(!first.header("Content-Length").isEmpty() || first.chunked);
    // Authentication runs before API Priority and Fairness: a 401 has no flow schema yet.
    if (code != 401) {
        QVERIFY(!first.header("X-Kubernetes-Pf-Flowschema-Uid").isEmpty());
        QVERIFY(!first.header("X-Kubernetes-Pf-Prioritylevel-Uid").isEmpty());
        QCOMPARE(first.header("Cache-Control"), QByteArray("no-cache, private"));
    }
    // Every request gets its own audit ID.
    request.body.replace("headers", "headers2");
    QVERIFY(m_cluster->send(request).header("Audit-Id") != auditId);
}

void TestApiFaults::throttled() {
    m_cluster->fault({{"failNext", QJsonObject{{"count", 1}, {"code", 429}, {"retryAfterSeconds", 2}}}});
    const WireResponse response = m_cluster->get("/api/v1/namespaces/misc/configmaps");
    QCOMPARE(response.status, 429);
    // API Priority and Fairness rejects in plain text, not with a Status.
    QCOMPARE(response.header("Content-Type"), QByteArray("text/plain; charset=utf-8"));
    QCOMPARE(response.header("X-Content-Type-Options"), QByteArray("nosniff"));
    QCOMPARE(response.header("Retry-After"), QByteArray("2"));
    QCOMPARE(response.body.trimmed(), QByteArray("Too many requests, please try again later."));
    QVERIFY(!response.header("Audit-Id").isEmpty());
    QVERIFY(!response.header("X-Kubernetes-Pf-Flowschema-Uid").isEmpty());
    QCOMPARE(m_cluster->get("/api/v1/namespaces/misc/configmaps").status, 200);
}

void TestApiFaults::serverErrors_data() {
    QTest::addColumn<int>("code");
    QTest::addColumn<int>("retryAfter");
    QTest::addColumn<QString>("reason");

    QTest::newRow("500") << 500 << -1 << QStringLiteral("InternalError");
    QTest::newRow("503 with Retry-After") << 503 << 3 << QStringLiteral("ServiceUnavailable");
}

void TestApiFaults::serverErrors() {
    QFETCH(int, code);
    QFETCH(int, retryAfter);
    QFETCH(QString, reason);

    m_cluster->fault(
        {{"failNext", QJsonObject{{"count", 2}, {"code", code}, {"retryAfterSeconds", retryAfter}}}});
    for (int i = 0; i < 2; ++i) {
        const WireResponse response = m_cluster->get("/api/v1/namespaces/misc/configmaps/t1");
        VERIFY_STATUS(response, code, reason);
        QCOMPARE(response.header("Retry-After"),
                 retryAfter < 0 ? QByteArray() : QByteArray::number(retryAfter));
        if (retryAfter >= 0) {
            QCOMPARE(response.json()
                         .value(QLatin1String("details"))
                         .toObject()
                         .value(QLatin1String("retryAfterSeconds"))
                         .toInt(),
                     retryAfter);
        }
    }
    QCOMPARE(m_cluster->get("/api/v1/namespaces/misc/configmaps/t1").status, 200);
}

void TestApiFaults::latency() {
    m_cluster->fault({{"latencyMs", 400}});
    QElapsedTimer timer;
    timer.start();
    QCOMPARE(m_cluster->get("/api/v1/namespaces/misc/configmaps/t1").status, 200);
    const qint64 slow = timer.elapsed();
    m_cluster->fault({{"latencyMs", 0}});
    timer.restart();
    QCOMPARE(m_cluster->get("/api/v1/namespaces/misc/configmaps/t1").status, 200);
    const qint64 fast = timer.elapsed();
    QVERIFY2(slow >= 400, qPrintable(QString::number(slow)));
    QVERIFY2(fast < 300, qPrintable(QString::number(fast)));
}

void TestApiFaults::closeIdleConnections() {
    // An idle keep-alive connection, and one busy with a watch.
    WireConnection idle(m_cluster->access(), Credential::Admin);
    QCOMPARE(idle.exchange(WireRequest{"GET", "/version", {}, {}, Credential::Admin}).status, 200);
    QVERIFY(idle.isOpen());
    WatchReader watch(m_cluster->access(),
                      WireRequest{"GET",
                                  "/api/v1/namespaces/misc/configmaps?watch=1&resourceVersion=" +
                                      QByteArray::number(m_cluster->resourceVersion()),
                                  {},
                                  {},
                                  Credential::Admin});
    QCOMPARE(watch.head().status, 200);

    m_cluster->fault({{"closeIdleConnections", true}});
    QVERIFY(idle.waitForDisconnected(2000));
    // The watch was not idle: it still delivers.
    QCOMPARE(m_cluster->post("/api/v1/namespaces/misc/configmaps", configMap("after-close")).status, 201);
    const auto event = watch.next();
    QVERIFY(event);
    QCOMPARE(meta(event->value(QLatin1String("object")).toObject(), QStringLiteral("name")).toString(),
             QStringLiteral("after-close"));
}

void TestApiFaults::restart() {
    const quint16 port = m_cluster->port();
    WireConnection open(m_cluster->access(), Credential::Admin);
    QCOMPARE(open.exchange(WireRequest{"GET", "/version", {}, {}, Credential::Admin}).status, 200);

    m_cluster->fault({{"restart", QJsonObject{{"downMs", 300}}}});
    // Connections are dropped, then the server comes back on the same port with the same data.
    QVERIFY(open.waitForDisconnected(2000));
    QTRY_COMPARE_WITH_TIMEOUT(m_cluster->get("/version").status, 200, 5000);
    QCOMPARE(m_cluster->port(), port);
    QCOMPARE(m_cluster->get("/api/v1/namespaces/misc/configmaps/t1").status, 200);
}

QTEST_GUILESS_MAIN(TestApiFaults)
#include "tst_apifaults.moc"
