// LineDiff: Myers' shortest edit script grouped into unified hunks, checked against what `diff -u` prints.
#include "linediff.h"

#include <QTest>

using binnacle::editing::DiffHunk;
using binnacle::editing::DiffLine;
using binnacle::editing::LineDiff;

class TestLineDiff : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void unified_data() {
        QTest::addColumn<QString>("oldText");
        QTest::addColumn<QString>("newText");
        QTest::addColumn<int>("context");
        QTest::addColumn<QString>("expected");
        QTest::newRow("identical") << "a\nb\n"
                                   << "a\nb\n"
                                   << 3 << "";
        QTest::newRow("both empty") << ""
                                    << "" << 3 << "";
        QTest::newRow("one line changed") << "a\nb\nc\n"
                                          << "a\nB\nc\n"
                                          << 3 << "@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n";
        QTest::newRow("from nothing") << ""
                                      << "x\ny\n"
                                      << 3 << "@@ -0,0 +1,2 @@\n+x\n+y\n";
        QTest::newRow("to nothing") << "x\ny\n"
                                    << "" << 3 << "@@ -1,2 +0,0 @@\n-x\n-y\n";
        QTest::newRow("insert at start") << "b\nc\n"
                                         << "a\nb\nc\n"
                                         << 1 << "@@ -1 +1,2 @@\n+a\n b\n";
        QTest::newRow("append at end") << "a\nb\n"
                                       << "a\nb\nc\n"
                                       << 1 << "@@ -2 +2,2 @@\n b\n+c\n";
        QTest::newRow("no context") << "a\nb\nc\n"
                                    << "a\nx\nc\n"
                                    << 0 << "@@ -2 +2 @@\n-b\n+x\n";
        // Two changes 7 lines apart with context 3 are two hunks; 6 apart share one.
        QTest::newRow("two hunks")
            << "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n"
            << "1\nX\n3\n4\n5\n6\n7\n8\n9\n10\nY\n"
            << 3 << "@@ -1,5 +1,5 @@\n 1\n-2\n+X\n 3\n 4\n 5\n@@ -8,4 +8,4 @@\n 8\n 9\n 10\n-11\n+Y\n";
        QTest::newRow("one hunk when close")
            << "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n"
            << "1\nX\n3\n4\n5\n6\n7\n8\nY\n10\n"
            << 3 << "@@ -1,10 +1,10 @@\n 1\n-2\n+X\n 3\n 4\n 5\n 6\n 7\n 8\n-9\n+Y\n 10\n";
        QTest::newRow("no final newline") << "a\nb"
                                          << "a\nc" << 3 << "@@ -1,2 +1,2 @@\n a\n-b\n+c\n";
    }
    void unified() {
        QFETCH(QString, oldText);
        QFETCH(QString, newText);
        QFETCH(int, context);
        QFETCH(QString, expected);
        QCOMPARE(LineDiff::unifiedText(LineDiff::compute(oldText, newText, context)), expected);
    }

    // The edit script is minimal: its changed lines are exactly the lines outside a longest common
    // subsequence, and applying it to the old text gives the new one.
    void scriptIsMinimalAndReproducesNewText_data() {
        QTest::addColumn<QStringList>("a");
        QTest::addColumn<QStringList>("b");
        QTest::addColumn<int>("edits");
        QTest::newRow("myers") << QStringList{"A", "B", "C", "A", "B", "B", "A"}
                               << QStringList{"C", "B", "A", "B", "A", "C"} << 5;
        QTest::newRow("reversed") << QStringList{"1", "2", "3", "4"} << QStringList{"4", "3", "2", "1"} << 6;
        QTest::newRow("interleaved") << QStringList{"a", "x", "b", "x", "c"} << QStringList{"a", "b", "c"}
                                     << 2;
        QTest::newRow("disjoint") << QStringList{"a", "b"} << QStringList{"c", "d", "e"} << 5;
    }
    void scriptIsMinimalAndReproducesNewText() {
        QFETCH(QStringList, a);
        QFETCH(QStringList, b);
        QFETCH(int, edits);
        const QList<DiffHunk> hunks = LineDiff::compute(a, b, 1000);
        int changed = 0;
        QStringList rebuilt;
        QStringList original;
        for (const DiffHunk& hunk : hunks) {
            for (const DiffLine& line : hunk.lines) {
                if (line.kind != DiffLine::Kind::Context) {
                    ++changed;
                }
                if (line.kind != DiffLine::Kind::Removed) {
                    rebuilt.append(line.text);
                }
                if (line.kind != DiffLine::Kind::Added) {
                    original.append(line.text);
                }
            }
        }
        QCOMPARE(changed, edits);
        QCOMPARE(rebuilt, b);
        QCOMPARE(original, a);
    }

    void lineNumbers() {
        const QList<DiffHunk> hunks =
            LineDiff::compute(QStringList{"a", "b", "c"}, QStringList{"a", "c", "d"}, 3);
        QCOMPARE(hunks.size(), 1);
        const QList<DiffLine> expected{{DiffLine::Kind::Context, "a", 1, 1},
                                       {DiffLine::Kind::Removed, "b", 2, 0},
                                       {DiffLine::Kind::Context, "c", 3, 2},
                                       {DiffLine::Kind::Added, "d", 0, 3}};
        QCOMPARE(hunks.front().lines, expected);
    }
};

QTEST_GUILESS_MAIN(TestLineDiff)
#include "tst_linediff.moc"
