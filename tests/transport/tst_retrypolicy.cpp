// RetryPolicy: which failures are retried for which verbs, and how long the wait is.
#include "retrypolicy.h"

#include <QTest>

using namespace binnacle::transport;
using std::chrono::milliseconds;

namespace {

ApiError httpError(int code, const QByteArray& retryAfterHeader, const QByteArray& body = {}) {
    return ApiError::fromStatus(ApiStatus::fromHttpResponse(code, body, retryAfterHeader));
}

} // namespace

Q_DECLARE_METATYPE(binnacle::transport::ApiError)

class TestRetryPolicy : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void decisions_data() {
        QTest::addColumn<ApiError>("error");
        QTest::addColumn<bool>("isRead");
        QTest::addColumn<int>("expectedDelayMs"); // -1: not retried
        const auto refused = ApiError::fromNetworkError(QNetworkReply::ConnectionRefusedError, "refused", {});
        const auto closed = ApiError::fromNetworkError(QNetworkReply::RemoteHostClosedError, "closed", {});
        const auto dns = ApiError::fromNetworkError(QNetworkReply::HostNotFoundError, "nx", {});
        const auto tls = ApiError::fromNetworkError(QNetworkReply::SslHandshakeFailedError, "tls", {});
        // Backoff for the first retry with random 0 is the initial 800 ms.
        QTest::newRow("429 + Retry-After 3, GET") << httpError(429, "3") << true << 3000;
        QTest::newRow("429 + Retry-After 3, POST") << httpError(429, "3") << false << 3000;
        QTest::newRow("503 + Retry-After 0, POST waits the backoff") << httpError(503, "0") << false << 800;
        QTest::newRow("504 + Retry-After 1, DELETE") << httpError(504, "1") << false << 1000;
        QTest::newRow("500 without Retry-After") << httpError(500, {}) << true << -1;
        QTest::newRow("429 with an HTTP-date Retry-After")
            << httpError(429, "Wed, 21 Oct 2015 07:28:00 GMT") << true << -1;
        QTest::newRow("500 with retryAfterSeconds in the body only")
            << httpError(500, {}, R"({"kind":"Status","code":500,"details":{"retryAfterSeconds":2}})") << true
            << -1;
        QTest::newRow("409 Conflict") << httpError(409, "1") << true << -1;
        QTest::newRow("refused, GET") << refused << true << 800;
        QTest::newRow("refused, POST") << refused << false << -1;
        QTest::newRow("closed, GET") << closed << true << 800;
        QTest::newRow("closed, PATCH") << closed << false << -1;
        QTest::newRow("DNS failure") << dns << true << -1;
        QTest::newRow("TLS failure") << tls << true << -1;
    }
    void decisions() {
        QFETCH(ApiError, error);
        QFETCH(bool, isRead);
        QFETCH(int, expectedDelayMs);
        const RetryPolicy policy;
        const auto delay = policy.retryDelay(error, isRead, 0, 0.0);
        QCOMPARE(delay.has_value(), expectedDelayMs >= 0);
        if (delay) {
            QCOMPARE(int(delay->count()), expectedDelayMs);
        }
    }

    void backoffGrowsWithJitterAndCap_data() {
        QTest::addColumn<int>("retryIndex");
        QTest::addColumn<double>("random");
        QTest::addColumn<int>("expectedMs");
        QTest::newRow("first") << 0 << 0.0 << 800;
        QTest::newRow("first, full jitter") << 0 << 0.999999 << 959;
        QTest::newRow("third") << 2 << 0.0 << 3200;
        QTest::newRow("capped") << 6 << 0.0 << 30000;
        QTest::newRow("capped with jitter") << 9 << 0.5 << 30000;
    }
    void backoffGrowsWithJitterAndCap() {
        QFETCH(int, retryIndex);
        QFETCH(double, random);
        QFETCH(int, expectedMs);
        QCOMPARE(int(RetryPolicy().backoff(retryIndex, random).count()), expectedMs);
    }

    void stopsAfterMaxRetries() {
        const RetryPolicy policy;
        const ApiError error = httpError(429, "1");
        QVERIFY(policy.retryDelay(error, true, 9, 0).has_value());
        QVERIFY(!policy.retryDelay(error, true, 10, 0).has_value());
    }
};

QTEST_APPLESS_MAIN(TestRetryPolicy)
#include "tst_retrypolicy.moc"
