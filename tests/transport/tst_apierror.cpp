// ApiStatus / ApiError: Status bodies parsed with their causes, other bodies classified by code,
// network errors given their kind.
#include "apierror.h"
#include "apirequest.h"

#include <QFile>
#include <QTest>

using namespace binnacle::transport;

class TestApiError : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void parsesInvalidWithCauses() {
        const QByteArray body =
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
            " \"message\":\"Deployment.apps \\\"web\\\" is invalid: spec.replicas: Invalid value: -1: must "
            "be greater than or equal to 0\","
            " \"reason\":\"Invalid\",\"details\":{\"name\":\"web\",\"group\":\"apps\",\"kind\":"
            "\"Deployment\","
            " \"causes\":[{\"reason\":\"FieldValueInvalid\",\"message\":\"Invalid value: "
            "-1\",\"field\":\"spec.replicas\"},"
            "           {\"reason\":\"FieldValueRequired\",\"message\":\"Required "
            "value\",\"field\":\"spec.selector\"}]},\"code\":422}";
        const ApiStatus status = ApiStatus::fromHttpResponse(422, body, {});
        QCOMPARE(status.code, 422);
        QCOMPARE(status.reason, QStringLiteral("Invalid"));
        QCOMPARE(status.name, QStringLiteral("web"));
        QCOMPARE(status.group, QStringLiteral("apps"));
        QCOMPARE(status.kind, QStringLiteral("Deployment"));
        QCOMPARE(status.causes.size(), 2);
        QCOMPARE(status.causes.at(0).reason, QStringLiteral("FieldValueInvalid"));
        QCOMPARE(status.causes.at(0).field, QStringLiteral("spec.replicas"));
        QCOMPARE(status.causes.at(1).message, QStringLiteral("Required value"));
        QVERIFY(status.message.startsWith(QLatin1String("Deployment.apps \"web\" is invalid")));
        const ApiError error = ApiError::fromStatus(status);
        QCOMPARE(error.kind(), ApiError::Kind::Status);
        QCOMPARE(error.httpStatus(), 422);
        QCOMPARE(error.message(), status.message);
    }

    void nonStatusBodies_data() {
        QTest::addColumn<int>("code");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("retryAfter");
        QTest::addColumn<QString>("reason");
        QTest::addColumn<QString>("message");
        QTest::addColumn<int>("retryAfterSeconds");
        QTest::newRow("APF plain-text 429")
            << 429 << QByteArray("Too many requests, please try again later.\n") << QByteArray("4")
            << "TooManyRequests"
            << "Too many requests, please try again later." << 4;
        QTest::newRow("proxy HTML 502")
            << 502 << QByteArray("<html><body>Bad Gateway</body></html>") << QByteArray() << "InternalError"
            << "the server answered HTTP 502 (InternalError)" << -1;
        QTest::newRow("empty 503") << 503 << QByteArray() << QByteArray(" 7 ") << "ServiceUnavailable"
                                   << "the server answered HTTP 503 (ServiceUnavailable)" << 7;
        QTest::newRow("Status with an empty reason")
            << 404 << QByteArray("{\"kind\":\"Status\",\"message\":\"gone\"}") << QByteArray() << "NotFound"
            << "gone" << -1;
        QTest::newRow("other JSON") << 418 << QByteArray("{\"teapot\":true}") << QByteArray() << "Unknown"
                                    << "{\"teapot\":true}" << -1;
    }
    void nonStatusBodies() {
        QFETCH(int, code);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, retryAfter);
        QFETCH(QString, reason);
        QFETCH(QString, message);
        QFETCH(int, retryAfterSeconds);
        const ApiStatus status = ApiStatus::fromHttpResponse(code, body, retryAfter);
        QCOMPARE(status.code, code);
        QCOMPARE(status.reason, reason);
        QCOMPARE(status.message, message);
        QCOMPARE(status.retryAfterSeconds, retryAfterSeconds);
        QCOMPARE(status.hasRetryAfterHeader, retryAfterSeconds >= 0);
    }

    void networkErrors_data() {
        QTest::addColumn<int>("networkError");
        QTest::addColumn<ApiError::Kind>("kind");
        QTest::addColumn<bool>("connectionFailure");
        QTest::newRow("refused") << int(QNetworkReply::ConnectionRefusedError)
                                 << ApiError::Kind::ConnectionRefused << true;
        QTest::newRow("closed") << int(QNetworkReply::RemoteHostClosedError) << ApiError::Kind::ConnectionLost
                                << true;
        QTest::newRow("timeout") << int(QNetworkReply::TimeoutError) << ApiError::Kind::Timeout << true;
        QTest::newRow("dns") << int(QNetworkReply::HostNotFoundError) << ApiError::Kind::HostNotFound
                             << false;
        QTest::newRow("tls") << int(QNetworkReply::SslHandshakeFailedError) << ApiError::Kind::Tls << false;
        QTest::newRow("proxy") << int(QNetworkReply::ProxyConnectionRefusedError) << ApiError::Kind::Proxy
                               << false;
        QTest::newRow("other") << int(QNetworkReply::ProtocolFailure) << ApiError::Kind::Network << false;
    }
    void networkErrors() {
        QFETCH(int, networkError);
        QFETCH(ApiError::Kind, kind);
        QFETCH(bool, connectionFailure);
        const ApiError error = ApiError::fromNetworkError(QNetworkReply::NetworkError(networkError),
                                                          QStringLiteral("qt says"), {});
        QCOMPARE(error.kind(), kind);
        QCOMPARE(error.isConnectionFailure(), connectionFailure);
        QVERIFY(!error.message().isEmpty());
        QCOMPARE(error.detail(), QStringLiteral("qt says"));
    }

    void tlsErrorNamesTheCertificateProblem() {
        const ApiError error =
            ApiError::fromNetworkError(QNetworkReply::SslHandshakeFailedError, QStringLiteral("x"),
                                       {QSslError(QSslError::SelfSignedCertificate)});
        QCOMPARE(error.kind(), ApiError::Kind::Tls);
        QVERIFY2(error.message().contains(QSslError(QSslError::SelfSignedCertificate).errorString()),
                 qPrintable(error.message()));
    }

    void warningsFromHeaders() {
        ApiResponse response;
        response.headers = {
            {"Content-Type", "application/json"},
            {"warning", "299 - \"v1beta1 is deprecated, use v1\", 299 - \"unknown field \\\"x\\\"\""}};
        QCOMPARE(response.warnings(), (QStringList{QStringLiteral("v1beta1 is deprecated, use v1"),
                                                   QStringLiteral("unknown field \"x\"")}));
        QCOMPARE(response.header("content-type"), QByteArray("application/json"));
    }
};

QTEST_APPLESS_MAIN(TestApiError)
#include "tst_apierror.moc"
