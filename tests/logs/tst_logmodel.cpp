// LogModel under QAbstractItemModelTester: one rowsInserted per frame however many appends, the oldest rows
// removed past the cap (never a reset), pause and resume, search matches, save through the buffer.
#include "logmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace binnacle::logs;

namespace {
LogLines numbered(int from, int count) {
    LogLines lines;
    for (int i = from; i < from + count; ++i) {
        lines.append(LogLine{1714557605000000000LL + i * 1000000LL, QStringLiteral("pod"),
                             QStringLiteral("main"), QStringLiteral("line %1").arg(i), false});
    }
    return lines;
}

struct Spies {
    explicit Spies(LogModel* model)
        : inserted(model, &QAbstractItemModel::rowsInserted)
        , removed(model, &QAbstractItemModel::rowsRemoved)
        , changed(model, &QAbstractItemModel::dataChanged)
        , reset(model, &QAbstractItemModel::modelReset) {}
    QSignalSpy inserted;
    QSignalSpy removed;
    QSignalSpy changed;
    QSignalSpy reset;
};

QPair<int, int> range(const QSignalSpy& spy, int i) {
    return {spy.at(i).at(1).toInt(), spy.at(i).at(2).toInt()};
}
} // namespace

class TestLogModel : public QObject {
    Q_OBJECT
private slots:
    void appendsInOneBatchPerFrame() {
        LogModel model(LogBufferLimits{1000, 1 << 30});
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        Spies spies(&model);
        model.appendLines(numbered(0, 10));
        model.appendLines(numbered(10, 5));
        model.appendLines(numbered(15, 1));
        QCOMPARE(model.rowCount(), 0); // not before the frame
        QVERIFY(spies.inserted.wait(1000));
        QCOMPARE(spies.inserted.size(), 1);
        QCOMPARE(range(spies.inserted, 0), qMakePair(0, 15));
        QTest::qWait(50); // no second batch for the same lines
        QCOMPARE(spies.inserted.size(), 1);
        QCOMPARE(spies.reset.size(), 0);
        QCOMPARE(model.rowCount(), 16);
        const QModelIndex last = model.index(15);
        QCOMPARE(model.data(last, LogModel::TextRole).toString(), QStringLiteral("line 15"));
        QCOMPARE(model.data(last, LogModel::PodRole).toString(), QStringLiteral("pod"));
        QCOMPARE(model.data(last, LogModel::ContainerRole).toString(), QStringLiteral("main"));
        QCOMPARE(model.data(last, LogModel::TimestampRole).toString(),
                 QStringLiteral("2024-05-01T10:00:05.015000000Z"));
        QCOMPARE(model.roleNames().value(LogModel::MatchesRole), QByteArray("matches"));
        QCOMPARE(model.roleNames().value(LogModel::MarkerRole), QByteArray("marker"));
        QCOMPARE(model.data(last, LogModel::MarkerRole).toBool(), false);
    }

    void capRemovesOldestRows() {
        LogModel model(LogBufferLimits{100, 1 << 30});
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        Spies spies(&model);
        model.appendLines(
            numbered(0, 150)); // more than the cap in one frame: only the newest 100 become rows
        model.flushNow();
        QCOMPARE(spies.inserted.size(), 1);
        QCOMPARE(range(spies.inserted, 0), qMakePair(0, 99));
        QCOMPARE(spies.removed.size(), 0);
        QCOMPARE(model.data(model.index(0), LogModel::TextRole).toString(), QStringLiteral("line 50"));
        model.appendLines(numbered(150, 30));
        model.flushNow();
        QCOMPARE(spies.removed.size(), 1);
        QCOMPARE(range(spies.removed, 0), qMakePair(0, 29));
        QCOMPARE(spies.inserted.size(), 2);
        QCOMPARE(range(spies.inserted, 1), qMakePair(70, 99));
        QCOMPARE(model.rowCount(), 100);
        QCOMPARE(model.data(model.index(0), LogModel::TextRole).toString(), QStringLiteral("line 80"));
        QCOMPARE(model.lineOfRow(0), 80);
        QCOMPARE(model.totalLines(), 180);
        QCOMPARE(spies.reset.size(), 0);
    }

    void pauseHoldsTheViewStill() {
        LogModel model(LogBufferLimits{100, 1 << 30});
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.appendLines(numbered(0, 10));
        model.flushNow();
        Spies spies(&model);
        model.setPaused(true);
        model.appendLines(numbered(10, 20));
        model.flushNow();
        model.appendLines(numbered(30, 5));
        QTest::qWait(50);
        QCOMPARE(spies.inserted.size(), 0);
        QCOMPARE(model.rowCount(), 10);
        QCOMPARE(model.heldBackLines(), 25);
        QCOMPARE(model.totalLines(), 35);
        model.setPaused(false);
        QCOMPARE(spies.inserted.size(), 1);
        QCOMPARE(range(spies.inserted, 0), qMakePair(10, 34));
        QCOMPARE(model.data(model.index(34), LogModel::TextRole).toString(), QStringLiteral("line 34"));
        QCOMPARE(model.heldBackLines(), 0);
    }

    void pausedPastTheCapShowsTheNewestOnResume() {
        LogModel model(LogBufferLimits{10, 1 << 30});
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.appendLines(numbered(0, 10));
        model.flushNow();
        model.setPaused(true);
        model.appendLines(numbered(10, 25));
        model.flushNow();
        QCOMPARE(model.heldBackLines(), 10);
        Spies spies(&model);
        model.setPaused(false);
        QCOMPARE(spies.removed.size(), 1);
        QCOMPARE(spies.inserted.size(), 1);
        QCOMPARE(model.rowCount(), 10);
        QCOMPARE(model.data(model.index(0), LogModel::TextRole).toString(), QStringLiteral("line 25"));
        QCOMPARE(model.lineOfRow(0), 25);
        QCOMPARE(model.buffer().lineCount(), 35); // nothing lost for search and save
    }

    void searchMarksMatches() {
        LogModel model(LogBufferLimits{10, 1 << 30});
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.appendLines(numbered(0, 25));
        model.flushNow();
        Spies spies(&model);
        QSignalSpy matchCount(&model, &LogModel::matchCountChanged);
        model.setSearchText(QStringLiteral("LINE 2"));
        QCOMPARE(spies.changed.size(), 1);
        QCOMPARE(spies.changed.at(0).at(2).value<QList<int>>(), QList<int>{LogModel::MatchesRole});
        QCOMPARE(model.matchCount(), 6); // 2, 20..24: the spilled line 2 counts too
        QCOMPARE(matchCount.size(), 1);
        const QVariantList matches = model.data(model.index(5), LogModel::MatchesRole).toList(); // line 20
        QCOMPARE(matches.size(), 1);
        QCOMPARE(matches.first().toMap().value("start").toInt(), 0);
        QCOMPARE(matches.first().toMap().value("length").toInt(), 6);
        QVERIFY(model.data(model.index(0), LogModel::MatchesRole).toList().isEmpty()); // line 15
        QCOMPARE(model.matchRows(), (QList<int>{-1, 5, 6, 7, 8, 9}));
        model.appendLines(numbered(30, 5)); // nothing matching: count unchanged
        model.appendLines(QList<LogLine>{LogLine{1, "pod", "main", "xline 2x", false}});
        model.flushNow();
        QCOMPARE(model.matchCount(), 7);
        model.setCaseSensitive(true);
        QCOMPARE(model.matchCount(), 0);
        QCOMPARE(spies.reset.size(), 0);
    }

    void savesEverything() {
        LogModel model(LogBufferLimits{5, 1 << 30});
        model.appendLines(numbered(0, 12));
        QTemporaryDir dir;
        const QString path = dir.filePath("out.log");
        QVERIFY(model.saveToFile(QUrl::fromLocalFile(path).toString()));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll().count('\n'), 12);
    }

    void clearIsAReset() {
        LogModel model(LogBufferLimits{5, 1 << 30});
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.appendLines(numbered(0, 3));
        model.flushNow();
        Spies spies(&model);
        model.clear();
        QCOMPARE(spies.reset.size(), 1);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.totalLines(), 0);
    }
};

QTEST_MAIN(TestLogModel)
#include "tst_logmodel.moc"
