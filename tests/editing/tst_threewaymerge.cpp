// ThreeWayMerge: one side's changes carried over, lists of named items merged by name, overlapping
// changes reported with both values and never decided silently.
#include "threewaymerge.h"

#include <QTest>

using namespace binnacle::editing;

namespace {
DocValue json(const char* text) {
    QString error;
    DocValue value = DocValue::fromJson(QByteArray(text), &error);
    if (!error.isEmpty()) {
        qFatal("bad test JSON: %s", qPrintable(error));
    }
    return value;
}
} // namespace

class TestThreeWayMerge : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void merge_data() {
        QTest::addColumn<QByteArray>("base");
        QTest::addColumn<QByteArray>("mine");
        QTest::addColumn<QByteArray>("theirs");
        QTest::addColumn<QByteArray>("merged");
        QTest::addColumn<QStringList>("conflicts");
        QTest::newRow("different fields")
            << QByteArray(R"({"a":1,"b":1})") << QByteArray(R"({"a":2,"b":1})")
            << QByteArray(R"({"a":1,"b":3})") << QByteArray(R"({"a":2,"b":3})") << QStringList();
        QTest::newRow("same change both sides")
            << QByteArray(R"({"a":1})") << QByteArray(R"({"a":2})") << QByteArray(R"({"a":2})")
            << QByteArray(R"({"a":2})") << QStringList();
        QTest::newRow("same field, different values")
            << QByteArray(R"({"spec":{"replicas":1}})") << QByteArray(R"({"spec":{"replicas":2}})")
            << QByteArray(R"({"spec":{"replicas":5}})") << QByteArray(R"({"spec":{"replicas":5}})")
            << QStringList{"spec.replicas: 1 → mine 2, theirs 5"};
        QTest::newRow("mine adds, theirs adds elsewhere")
            << QByteArray(R"({"l":{}})") << QByteArray(R"({"l":{"x":"1"}})")
            << QByteArray(R"({"l":{"y":"2"}})") << QByteArray(R"({"l":{"y":"2","x":"1"}})") << QStringList();
        QTest::newRow("mine removes an untouched field")
            << QByteArray(R"({"a":1,"b":2})") << QByteArray(R"({"a":1})") << QByteArray(R"({"a":9,"b":2})")
            << QByteArray(R"({"a":9})") << QStringList();
        QTest::newRow("mine removes what theirs changed")
            << QByteArray(R"({"a":1,"b":2})") << QByteArray(R"({"a":1})") << QByteArray(R"({"a":1,"b":3})")
            << QByteArray(R"({"a":1,"b":3})") << QStringList{"b: 2 → mine (removed), theirs 3"};
        QTest::newRow("containers by name")
            << QByteArray(R"({"c":[{"name":"web","image":"a"},{"name":"side","image":"s"}]})")
            << QByteArray(R"({"c":[{"name":"web","image":"b"},{"name":"side","image":"s"}]})")
            << QByteArray(R"({"c":[{"name":"side","image":"t"},{"name":"web","image":"a"}]})")
            << QByteArray(R"({"c":[{"name":"side","image":"t"},{"name":"web","image":"b"}]})")
            << QStringList();
        QTest::newRow("container image both sides") << QByteArray(R"({"c":[{"name":"web","image":"a"}]})")
                                                    << QByteArray(R"({"c":[{"name":"web","image":"b"}]})")
                                                    << QByteArray(R"({"c":[{"name":"web","image":"c"}]})")
                                                    << QByteArray(R"({"c":[{"name":"web","image":"c"}]})")
                                                    << QStringList{"c[0].image: a → mine b, theirs c"};
        QTest::newRow("scalar list is atomic")
            << QByteArray(R"({"args":["a"]})") << QByteArray(R"({"args":["a","m"]})")
            << QByteArray(R"({"args":["a","t"]})") << QByteArray(R"({"args":["a","t"]})")
            << QStringList{R"(args: ["a"] → mine ["a","m"], theirs ["a","t"])"};
        QTest::newRow("resourceVersion follows theirs")
            << QByteArray(R"({"metadata":{"resourceVersion":"1"},"data":{"k":"v"}})")
            << QByteArray(R"({"metadata":{"resourceVersion":"1"},"data":{"k":"mine"}})")
            << QByteArray(R"({"metadata":{"resourceVersion":"2"},"data":{"k":"v","other":"x"}})")
            << QByteArray(R"({"metadata":{"resourceVersion":"2"},"data":{"k":"mine","other":"x"}})")
            << QStringList();
    }
    void merge() {
        QFETCH(QByteArray, base);
        QFETCH(QByteArray, mine);
        QFETCH(QByteArray, theirs);
        QFETCH(QByteArray, merged);
        QFETCH(QStringList, conflicts);
        const ThreeWayMerge::Result result =
            ThreeWayMerge::merge(json(base.constData()), json(mine.constData()), json(theirs.constData()));
        QCOMPARE(result.merged.toJson(), merged);
        QStringList described;
        for (const MergeConflict& conflict : result.conflicts) {
            described.append(QStringLiteral("%1: %2 → mine %3, theirs %4")
                                 .arg(conflict.path, ThreeWayMerge::shortText(conflict.base),
                                      ThreeWayMerge::shortText(conflict.mine),
                                      ThreeWayMerge::shortText(conflict.theirs)));
        }
        QCOMPARE(described, conflicts);
    }

    void keepMineIsAnExplicitChoice() {
        const ThreeWayMerge::Result result = ThreeWayMerge::merge(
            json(R"({"a":1})"), json(R"({"a":2})"), json(R"({"a":3})"), ThreeWayMerge::Resolution::KeepMine);
        QCOMPARE(result.conflicts.size(), 1);
        QCOMPARE(result.merged.toJson(), QByteArray(R"({"a":2})"));
    }
};

QTEST_GUILESS_MAIN(TestThreeWayMerge)
#include "tst_threewaymerge.moc"
