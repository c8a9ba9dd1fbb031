// RFC 6902 JSON Patch: the examples of the RFC's Appendix A, plus what Kubernetes clients send.
#include "jsonpatch.h"
#include "patchtestsupport.h"

#include <QTest>

using namespace binnacle::sim;
using binnacle::sim::test::json;

class TestJsonPatch : public QObject {
    Q_OBJECT

private slots:
    void appliesOperations_data();
    void appliesOperations();
    void rejectsPatch_data();
    void rejectsPatch();
    void failedOperationLeavesNothingApplied();
};

// moc only needs the class above; the test bodies' raw JSON strings confuse its macro expansion.
#ifndef Q_MOC_RUN

void TestJsonPatch::appliesOperations_data() {
    QTest::addColumn<QByteArray>("document");
    QTest::addColumn<QByteArray>("patch");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("A.1 add object member")
        << QByteArray(R"({"foo":"bar"})") << QByteArray(R"([{"op":"add","path":"/baz","value":"qux"}])")
        << QByteArray(R"({"baz":"qux","foo":"bar"})");
    QTest::newRow("A.2 add array element") << QByteArray(R"({"foo":["bar","baz"]})")
                                           << QByteArray(R"([{"op":"add","path":"/foo/1","value":"qux"}])")
                                           << QByteArray(R"({"foo":["bar","qux","baz"]})");
    QTest::newRow("A.3 remove object member")
        << QByteArray(R"({"baz":"qux","foo":"bar"})") << QByteArray(R"([{"op":"remove","path":"/baz"}])")
        << QByteArray(R"({"foo":"bar"})");
    QTest::newRow("A.4 remove array element")
        << QByteArray(R"({"foo":["bar","qux","baz"]})") << QByteArray(R"([{"op":"remove","path":"/foo/1"}])")
        << QByteArray(R"({"foo":["bar","baz"]})");
    QTest::newRow("A.5 replace") << QByteArray(R"({"baz":"qux","foo":"bar"})")
                                 << QByteArray(R"([{"op":"replace","path":"/baz","value":"boo"}])")
                                 << QByteArray(R"({"baz":"boo","foo":"bar"})");
    QTest::newRow("A.6 move value")
        << QByteArray(R"({"foo":{"bar":"baz","waldo":"fred"},"qux":{"corge":"grault"}})")
        << QByteArray(R"([{"op":"move","from":"/foo/waldo","path":"/qux/thud"}])")
        << QByteArray(R"({"foo":{"bar":"baz"},"qux":{"corge":"grault","thud":"fred"}})");
    QTest::newRow("A.7 move array element")
        << QByteArray(R"({"foo":["all","grass","cows","eat"]})")
        << QByteArray(R"([{"op":"move","from":"/foo/1","path":"/foo/3"}])")
        << QByteArray(R"({"foo":["all","cows","eat","grass"]})");
    QTest::newRow("A.8 test success")
        << QByteArray(R"({"baz":"qux","foo":["a",2,"c"]})")
        << QByteArray(
               R"([{"op":"test","path":"/baz","value":"qux"},{"op":"test","path":"/foo/1","value":2}])")
        << QByteArray(R"({"baz":"qux","foo":["a",2,"c"]})");
    QTest::newRow("A.10 add nested member")
        << QByteArray(R"({"foo":"bar"})")
        << QByteArray(R"([{"op":"add","path":"/child","value":{"grandchild":{}}}])")
        << QByteArray(R"({"foo":"bar","child":{"grandchild":{}}})");
    QTest::newRow("A.11 unrecognized members ignored")
        << QByteArray(R"({"foo":"bar"})")
        << QByteArray(R"([{"op":"add","path":"/baz","value":"qux","xyz":123}])")
        << QByteArray(R"({"foo":"bar","baz":"qux"})");
    QTest::newRow("A.14 escape ordering")
        << QByteArray(R"({"/":9,"~1":10})") << QByteArray(R"([{"op":"test","path":"/~01","value":10}])")
        << QByteArray(R"({"/":9,"~1":10})");
    QTest::newRow("A.16 add array value")
        << QByteArray(R"({"foo":["bar"]})")
        << QByteArray(R"([{"op":"add","path":"/foo/-","value":["abc","def"]}])")
        << QByteArray(R"({"foo":["bar",["abc","def"]]})");
    QTest::newRow("copy") << QByteArray(R"({"a":{"b":1}})")
                          << QByteArray(R"([{"op":"copy","from":"/a","path":"/c"}])")
                          << QByteArray(R"({"a":{"b":1},"c":{"b":1}})");
    QTest::newRow("annotation key with slash, guarded by resourceVersion")
        << QByteArray(R"({"metadata":{"resourceVersion":"7","annotations":{}}})")
        << QByteArray(R"([{"op":"test","path":"/metadata/resourceVersion","value":"7"},)"
                      R"({"op":"add","path":"/metadata/annotations/example.com~1owner","value":"me"}])")
        << QByteArray(R"({"metadata":{"resourceVersion":"7","annotations":{"example.com/owner":"me"}}})");
    QTest::newRow("replace scale") << QByteArray(R"({"spec":{"replicas":1}})")
                                   << QByteArray(R"([{"op":"replace","path":"/spec/replicas","value":3}])")
                                   << QByteArray(R"({"spec":{"replicas":3}})");
}

void TestJsonPatch::appliesOperations() {
    QFETCH(QByteArray, document);
    QFETCH(QByteArray, patch);
    QFETCH(QByteArray, expected);

    const PatchResult result = applyJsonPatch(json(document.constData()), patch);
    QVERIFY2(result.ok(),
             qPrintable(result.failure ? result.failure->causes.first().toObject().value("message").toString()
                                       : QString()));
    QCOMPARE(result.value, json(expected.constData()));
}

void TestJsonPatch::rejectsPatch_data() {
    QTest::addColumn<QByteArray>("document");
    QTest::addColumn<QByteArray>("patch");
    QTest::addColumn<int>("httpCode");
    QTest::addColumn<QString>("reason");

    QTest::newRow("A.9 test error") << QByteArray(R"({"baz":"qux"})")
                                    << QByteArray(R"([{"op":"test","path":"/baz","value":"bar"}])") << 422
                                    << "Invalid";
    QTest::newRow("A.12 add to nonexistent target")
        << QByteArray(R"({"foo":"bar"})") << QByteArray(R"([{"op":"add","path":"/baz/bat","value":"qux"}])")
        << 422 << "Invalid";
    QTest::newRow("A.15 string is not number")
        << QByteArray(R"({"/":9,"~1":10})") << QByteArray(R"([{"op":"test","path":"/~01","value":"10"}])")
        << 422 << "Invalid";
    QTest::newRow("remove missing") << QByteArray(R"({"a":1})")
                                    << QByteArray(R"([{"op":"remove","path":"/b"}])") << 422 << "Invalid";
    QTest::newRow("index past end") << QByteArray(R"({"a":[1]})")
                                    << QByteArray(R"([{"op":"add","path":"/a/2","value":0}])") << 422
                                    << "Invalid";
    QTest::newRow("leading zero index")
        << QByteArray(R"({"a":[1,2]})") << QByteArray(R"([{"op":"replace","path":"/a/01","value":0}])") << 422
        << "Invalid";
    QTest::newRow("move into own child")
        << QByteArray(R"({"a":{"b":1}})") << QByteArray(R"([{"op":"move","from":"/a","path":"/a/c"}])") << 422
        << "Invalid";
    QTest::newRow("not an array") << QByteArray(R"({"a":1})") << QByteArray(R"({"op":"remove","path":"/a"})")
                                  << 400 << "BadRequest";
    QTest::newRow("not JSON") << QByteArray(R"({"a":1})") << QByteArray("[{") << 400 << "BadRequest";
}

void TestJsonPatch::rejectsPatch() {
    QFETCH(QByteArray, document);
    QFETCH(QByteArray, patch);
    QFETCH(int, httpCode);
    QFETCH(QString, reason);

    const PatchResult result = applyJsonPatch(json(document.constData()), patch);
    QVERIFY(!result.ok());
    QCOMPARE(result.failure->httpCode, httpCode);
    QCOMPARE(result.failure->reason, reason);
    QVERIFY(!result.failure->message.isEmpty());
}

void TestJsonPatch::failedOperationLeavesNothingApplied() {
    const QJsonValue document = json(R"({"a":1})");
    const PatchResult result = applyJsonPatch(
        document, R"([{"op":"add","path":"/b","value":2},{"op":"test","path":"/a","value":5}])");
    QVERIFY(!result.ok());
    QCOMPARE(result.failure->message,
             QStringLiteral("the server rejected our request due to an error in our request"));
    QCOMPARE(result.failure->causes.first().toObject().value("field").toString(), QStringLiteral("/a"));
    QCOMPARE(document, json(R"({"a":1})"));
}

#endif // Q_MOC_RUN

QTEST_GUILESS_MAIN(TestJsonPatch)
#include "tst_jsonpatch.moc"
