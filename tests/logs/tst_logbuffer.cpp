// LogBuffer: a ring capped by lines and bytes, older lines spilled to a temporary file in order, search and
// save over the whole log.
#include "logbuffer.h"
#include "logtimestamp.h"

#include <QBuffer>
#include <QTemporaryDir>
#include <QTest>

using namespace binnacle::logs;

namespace {
LogLines numbered(int from, int count) {
    LogLines lines;
    for (int i = from; i < from + count; ++i) {
        lines.append(LogLine{1714557605000000000LL + i * 1000LL, QStringLiteral("pod-%1").arg(i % 2),
                             QStringLiteral("main"), QStringLiteral("line %1 \tvalue=%2").arg(i).arg(i * 7),
                             false, i % 10 == 3}); // a restart marker now and then: the flag is kept too
    }
    return lines;
}

QByteArray expectedText(int count, bool timestamps, bool podPrefix) {
    QByteArray out;
    for (const LogLine& line : numbered(0, count)) {
        if (podPrefix) {
            out += "[" + line.pod.toUtf8() + "/main] ";
        }
        if (timestamps) {
            out += timestamp::formatNano(line.timestampNs).toLatin1() + ' ';
        }
        out += line.text.toUtf8() + '\n';
    }
    return out;
}
} // namespace

class TestLogBuffer : public QObject {
    Q_OBJECT
private slots:
    void spillsOldestLinesOverTheLineCap() {
        LogBuffer buffer(LogBufferLimits{10, 1 << 30});
        buffer.append(numbered(0, 4));
        QCOMPARE(buffer.spilledLines(), 0);
        buffer.append(numbered(4, 31));
        QCOMPARE(buffer.lineCount(), 35);
        QCOMPARE(buffer.memoryLines(), 10);
        QCOMPARE(buffer.spilledLines(), 25);
        QCOMPARE(buffer.memoryLine(25).text, QStringLiteral("line 25 \tvalue=175"));
        QCOMPARE(buffer.memoryLine(34).text, QStringLiteral("line 34 \tvalue=238"));
        QVERIFY(!buffer.spillFailed());
        // Every line comes back, in order, spilled ones included, with all their fields.
        const LogLines all = numbered(0, 35);
        qint64 seen = 0;
        buffer.forEachLine([&](qint64 number, const LogLine& line) {
            if (number != seen || line != all.at(number)) {
                return false;
            }
            ++seen;
            return true;
        });
        QCOMPARE(seen, 35);
    }

    void byteCapBoundsMemory() {
        const LogLine sample = numbered(0, 1).first();
        const qint64 cap = LogBuffer::memoryCost(sample) * 5 + 10;
        LogBuffer buffer(LogBufferLimits{1000, cap});
        for (int i = 0; i < 50; ++i) {
            buffer.append(numbered(i, 1));
            QVERIFY(buffer.memoryBytes() <= cap);
        }
        QVERIFY(buffer.memoryLines() >= 4 && buffer.memoryLines() <= 5); // later lines are longer
        QCOMPARE(buffer.spilledLines() + buffer.memoryLines(), 50);
    }

    void searchSeesSpilledLines() {
        LogBuffer buffer(LogBufferLimits{10, 1 << 30});
        buffer.append(numbered(0, 40));
        const QList<LogMatch> matches = buffer.search(QStringLiteral("LINE 3"));
        QList<qint64> lines;
        for (const LogMatch& match : matches) {
            lines.append(match.line);
            QCOMPARE(match.ranges, (QList<QPair<int, int>>{{0, 6}}));
        }
        QCOMPARE(lines, (QList<qint64>{3, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39}));
        QVERIFY(buffer.search(QStringLiteral("LINE 3"), Qt::CaseSensitive).isEmpty());
        QCOMPARE(buffer.search(QStringLiteral("line"), Qt::CaseInsensitive, 4).size(), 4);
        // Several hits in one line, left to right.
        QCOMPARE(LogBuffer::matchRanges(QStringLiteral("aXaXa"), QStringLiteral("a"), Qt::CaseSensitive),
                 (QList<QPair<int, int>>{{0, 1}, {2, 1}, {4, 1}}));
        QVERIFY(buffer.search(QString()).isEmpty());
    }

    void savesTheWholeLog_data() {
        QTest::addColumn<bool>("timestamps");
        QTest::addColumn<bool>("podPrefix");
        QTest::newRow("plain") << false << false;
        QTest::newRow("timestamps") << true << false;
        QTest::newRow("pod prefix") << false << true;
    }
    void savesTheWholeLog() {
        QFETCH(bool, timestamps);
        QFETCH(bool, podPrefix);
        LogBuffer buffer(LogBufferLimits{7, 1 << 30});
        buffer.append(numbered(0, 30));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("saved.log"));
        QVERIFY(buffer.save(path, timestamps, podPrefix));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), expectedText(30, timestamps, podPrefix));
    }

    void clearForgetsEverything() {
        LogBuffer buffer(LogBufferLimits{3, 1 << 30});
        buffer.append(numbered(0, 10));
        buffer.clear();
        QCOMPARE(buffer.lineCount(), 0);
        buffer.append(numbered(0, 2));
        QBuffer out;
        out.open(QIODevice::WriteOnly);
        QVERIFY(buffer.save(&out, false, false));
        QCOMPARE(out.data(), expectedText(2, false, false));
    }
};

QTEST_GUILESS_MAIN(TestLogBuffer)
#include "tst_logbuffer.moc"
