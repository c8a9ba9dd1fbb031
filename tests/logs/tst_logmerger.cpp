// Merging container streams by timestamp: held until every stream has reached a line's time, or until the
// hold passes for a quiet stream.
#include "logmerger.h"

#include <QSignalSpy>
#include <QTest>

using namespace binnacle::logs;

namespace {
LogLines linesAt(const QString& pod, const QList<qint64>& times) {
    LogLines lines;
    for (qint64 t : times) {
        lines.append(LogLine{t, pod, QStringLiteral("c"), QStringLiteral("%1@%2").arg(pod).arg(t), false});
    }
    return lines;
}

QList<qint64> timesOf(const QSignalSpy& spy) {
    QList<qint64> times;
    for (const auto& arguments : spy) {
        for (const LogLine& line : arguments.at(0).value<LogLines>()) {
            times.append(line.timestampNs);
        }
    }
    return times;
}
} // namespace

class TestLogMerger : public QObject {
    Q_OBJECT
private slots:
    void interleavesByTimestamp() {
        LogMerger merger(std::chrono::milliseconds(60000));
        QSignalSpy spy(&merger, &LogMerger::linesReady);
        merger.addStream("a");
        merger.addStream("b");
        merger.add("a", linesAt("a", {1, 4, 9}));
        QCOMPARE(spy.size(), 0); // b has said nothing yet: anything could come before 1
        merger.add("b", linesAt("b", {2, 3, 10}));
        // Both reached 9: everything up to 9 goes, 10 waits for a.
        QCOMPARE(timesOf(spy), (QList<qint64>{1, 2, 3, 4, 9}));
        merger.add("a", linesAt("a", {12}));
        QCOMPARE(timesOf(spy), (QList<qint64>{1, 2, 3, 4, 9, 10}));
        merger.flush();
        QCOMPARE(timesOf(spy), (QList<qint64>{1, 2, 3, 4, 9, 10, 12}));
        QCOMPARE(merger.pendingCount(), 0);
    }

    void equalTimestampsKeepArrivalOrder() {
        LogMerger merger(std::chrono::milliseconds(60000));
        QSignalSpy spy(&merger, &LogMerger::linesReady);
        merger.addStream("a");
        merger.addStream("b");
        merger.add("a", linesAt("a", {5, 5}));
        merger.add("b", linesAt("b", {5}));
        QStringList texts;
        for (const LogLine& line : spy.at(0).at(0).value<LogLines>()) {
            texts.append(line.pod);
        }
        QCOMPARE(texts, (QStringList{"a", "a", "b"}));
    }

    void quietStreamHoldsLinesOnlyForTheHold() {
        LogMerger merger(std::chrono::milliseconds(50));
        QSignalSpy spy(&merger, &LogMerger::linesReady);
        merger.addStream("a");
        merger.addStream("quiet");
        merger.add("a", linesAt("a", {3, 1})); // out of order within a batch: sorted on release
        QCOMPARE(spy.size(), 0);
        QTRY_COMPARE(timesOf(spy), (QList<qint64>{1, 3}));
    }

    void removedStreamNoLongerHoldsOthers() {
        LogMerger merger(std::chrono::milliseconds(60000));
        QSignalSpy spy(&merger, &LogMerger::linesReady);
        merger.addStream("a");
        merger.addStream("gone");
        merger.add("a", linesAt("a", {7}));
        QCOMPARE(spy.size(), 0);
        merger.removeStream("gone");
        QCOMPARE(timesOf(spy), QList<qint64>{7});
    }
};

QTEST_GUILESS_MAIN(TestLogMerger)
#include "tst_logmerger.moc"
