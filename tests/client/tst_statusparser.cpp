#include "statusparser.h"

#include <QTest>

using namespace binnacle::client;

class TestStatusParser : public QObject {
    Q_OBJECT
private slots:
    void parsesStatus_data();
    void parsesStatus();
    void rejectsNonStatus_data();
    void rejectsNonStatus();
};

void TestStatusParser::parsesStatus_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<bool>("expired");
    QTest::addColumn<int>("causes");
    QTest::addColumn<int>("retryAfter");

    QTest::newRow("404 not found")
        << QByteArray(
               R"({"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"pods \"x\" not found","reason":"NotFound","details":{"name":"x","kind":"pods"},"code":404})")
        << 404 << "NotFound" << false << 0 << 0;
    QTest::newRow("410 expired")
        << QByteArray(
               R"json({"kind":"Status","apiVersion":"v1","metadata":{"continue":"fresh"},"status":"Failure","message":"too old resource version: 1 (5)","reason":"Expired","code":410})json")
        << 410 << "Expired" << true << 0 << 0;
    QTest::newRow("410 legacy gone")
        << QByteArray(R"({"kind":"Status","status":"Failure","reason":"Gone","code":410})") << 410 << "Gone"
        << true << 0 << 0;
    QTest::newRow("422 invalid with causes")
        << QByteArray(
               R"({"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Deployment.apps \"web\" is invalid","reason":"Invalid","details":{"name":"web","group":"apps","kind":"Deployment","causes":[{"reason":"FieldValueInvalid","message":"Invalid value: -1","field":"spec.replicas"},{"reason":"FieldValueRequired","message":"Required value","field":"spec.selector"}]},"code":422})")
        << 422 << "Invalid" << false << 2 << 0;
    QTest::newRow("429 retry after")
        << QByteArray(
               R"({"kind":"Status","status":"Failure","reason":"TooManyRequests","details":{"retryAfterSeconds":3},"code":429})")
        << 429 << "TooManyRequests" << false << 0 << 3;
    QTest::newRow("success") << QByteArray(
                                    R"({"kind":"Status","apiVersion":"v1","status":"Success","code":200})")
                             << 200 << "" << false << 0 << 0;
}

void TestStatusParser::parsesStatus() {
    QFETCH(QByteArray, body);
    const auto status = StatusParser::parse(body);
    QVERIFY(status);
    QTEST(status->code, "code");
    QTEST(status->reason, "reason");
    QTEST(status->isExpired(), "expired");
    QTEST(int(status->details.causes.size()), "causes");
    QTEST(status->details.retryAfterSeconds, "retryAfter");
    QCOMPARE(status->isFailure(), status->code != 200);
    for (const StatusCause& cause : status->details.causes) {
        QVERIFY(!cause.reason.isEmpty() && !cause.field.isEmpty());
    }
}

void TestStatusParser::rejectsNonStatus_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("pod") << QByteArray(R"({"kind":"Pod","apiVersion":"v1","metadata":{"name":"x"}})");
    QTest::newRow("not json") << QByteArray("<html>502 Bad Gateway</html>");
    QTest::newRow("array") << QByteArray("[]");
}

void TestStatusParser::rejectsNonStatus() {
    QFETCH(QByteArray, body);
    QVERIFY(!StatusParser::parse(body));
}

QTEST_GUILESS_MAIN(TestStatusParser)
#include "tst_statusparser.moc"
