// RFC 7386 JSON Merge Patch: the examples of the RFC's Appendix A.
#include "mergepatch.h"
#include "patchtestsupport.h"

#include <QTest>

using namespace binnacle::sim;
using binnacle::sim::test::json;

class TestMergePatch : public QObject {
    Q_OBJECT

private slots:
    void rfcExamples_data();
    void rfcExamples();
    void rejectsMalformedBody();
};

// moc only needs the class above; the test bodies' raw JSON strings confuse its macro expansion.
#ifndef Q_MOC_RUN

void TestMergePatch::rfcExamples_data() {
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("patch");
    QTest::addColumn<QByteArray>("expected");

    const QList<std::array<const char*, 3>> examples{
        {R"({"a":"b"})", R"({"a":"c"})", R"({"a":"c"})"},
        {R"({"a":"b"})", R"({"b":"c"})", R"({"a":"b","b":"c"})"},
        {R"({"a":"b"})", R"({"a":null})", R"({})"},
        {R"({"a":"b","b":"c"})", R"({"a":null})", R"({"b":"c"})"},
        {R"({"a":["b"]})", R"({"a":"c"})", R"({"a":"c"})"},
        {R"({"a":"c"})", R"({"a":["b"]})", R"({"a":["b"]})"},
        {R"({"a":{"b":"c"}})", R"({"a":{"b":"d","c":null}})", R"({"a":{"b":"d"}})"},
        {R"({"a":[{"b":"c"}]})", R"({"a":[1]})", R"({"a":[1]})"},
        {R"(["a","b"])", R"(["c","d"])", R"(["c","d"])"},
        {R"({"a":"b"})", R"(["c"])", R"(["c"])"},
        {R"({"a":"foo"})", R"(null)", R"(null)"},
        {R"({"a":"foo"})", R"("bar")", R"("bar")"},
        {R"({"e":null})", R"({"a":1})", R"({"e":null,"a":1})"},
        {R"([1,2])", R"({"a":"b","c":null})", R"({"a":"b"})"},
        {R"({})", R"({"a":{"bb":{"ccc":null}}})", R"({"a":{"bb":{}}})"},
    };
    int row = 0;
    for (const auto& [target, patch, expected] : examples)
        QTest::addRow("appendix A #%d", ++row)
            << QByteArray(target) << QByteArray(patch) << QByteArray(expected);
}

void TestMergePatch::rfcExamples() {
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, patch);
    QFETCH(QByteArray, expected);

    const PatchResult result = applyMergePatch(json(target.constData()), patch);
    QVERIFY(result.ok());
    QCOMPARE(result.value, json(expected.constData()));
}

void TestMergePatch::rejectsMalformedBody() {
    const PatchResult result = applyMergePatch(json(R"({"a":1})"), "{\"a\":");
    QVERIFY(!result.ok());
    QCOMPARE(result.failure->httpCode, 400);
    QCOMPARE(result.failure->reason, QStringLiteral("BadRequest"));
}

#endif // Q_MOC_RUN

QTEST_GUILESS_MAIN(TestMergePatch)
#include "tst_mergepatch.moc"
