// Cutting a timestamped log body into lines whatever the chunk boundaries, and the resume filter that drops
// replayed lines after a reconnect — same-timestamp lines counted.
#include "loglinesplitter.h"

#include <QTest>

using namespace binnacle::logs;

namespace {
const QByteArray body = "2024-05-01T10:00:05.000000000Z first line\n"
                        "2024-05-01T10:00:05.000000000Z same time\n"
                        "2024-05-01T10:00:06.500000000Z \xc3\xa9t\xc3\xa9 \t tabs\n"
                        "no timestamp here\n"
                        "2024-05-01T10:00:07.000000000Z \n";
constexpr qint64 t5 = 1714557605000000000LL;
} // namespace

class TestLogLineSplitter : public QObject {
    Q_OBJECT
private slots:
    void splitsAtAnyChunkBoundary_data() {
        QTest::addColumn<int>("chunk");
        for (int chunk : {1, 2, 7, 31, 1000}) {
            QTest::addRow("chunks of %d", chunk) << chunk;
        }
    }
    void splitsAtAnyChunkBoundary() {
        QFETCH(int, chunk);
        LogLineSplitter splitter(QStringLiteral("pod-1"), QStringLiteral("app"));
        LogLines lines;
        for (qsizetype at = 0; at < body.size(); at += chunk) {
            splitter.feed(QByteArrayView(body).sliced(at, std::min<qsizetype>(chunk, body.size() - at)),
                          &lines);
        }
        splitter.finish(&lines);
        QCOMPARE(lines.size(), 5);
        QCOMPARE(lines.at(0).text, QStringLiteral("first line"));
        QCOMPARE(lines.at(0).timestampNs, t5);
        QCOMPARE(lines.at(1).timestampNs, t5);
        QCOMPARE(lines.at(2).text, QStringLiteral("été \t tabs"));
        QCOMPARE(lines.at(2).timestampNs, t5 + 1500000000LL);
        // A line without a timestamp keeps the text whole and the previous time.
        QCOMPARE(lines.at(3).text, QStringLiteral("no timestamp here"));
        QCOMPARE(lines.at(3).timestampNs, t5 + 1500000000LL);
        QCOMPARE(lines.at(4).text, QString());
        for (const LogLine& line : std::as_const(lines)) {
            QCOMPARE(line.pod, QStringLiteral("pod-1"));
            QCOMPARE(line.container, QStringLiteral("app"));
            QVERIFY(!line.truncated);
        }
    }

    void lastLineWithoutNewlineIsTruncated() {
        LogLineSplitter splitter(QStringLiteral("p"), QStringLiteral("c"));
        LogLines lines;
        splitter.feed("2024-05-01T10:00:05.000000000Z whole\n2024-05-01T10:00:05.000000000Z cu", &lines);
        QCOMPARE(lines.size(), 1);
        splitter.finish(&lines);
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines.at(1).text, QStringLiteral("cu"));
        QVERIFY(lines.at(1).truncated);
    }

    void resetDropsAPartialLine() {
        LogLineSplitter splitter(QStringLiteral("p"), QStringLiteral("c"));
        LogLines lines;
        splitter.feed("2024-05-01T10:00:05.000000000Z half", &lines);
        splitter.reset();
        splitter.feed("2024-05-01T10:00:05.000000000Z whole\n", &lines);
        QCOMPARE(lines.size(), 1);
        QCOMPARE(lines.first().text, QStringLiteral("whole"));
    }

    void resumeDropsWhatWasDelivered_data() {
        QTest::addColumn<QList<qint64>>("delivered");
        QTest::addColumn<QList<qint64>>("replayed");
        QTest::addColumn<QList<qint64>>("accepted");
        QTest::newRow("replayed second")
            << QList<qint64>{1, 2, 5} << QList<qint64>{1, 2, 5, 6, 7} << QList<qint64>{6, 7};
        QTest::newRow("same timestamp counted")
            << QList<qint64>{3, 5, 5} << QList<qint64>{3, 5, 5, 5, 6} << QList<qint64>{5, 6};
        QTest::newRow("nothing new") << QList<qint64>{5} << QList<qint64>{5} << QList<qint64>{};
        QTest::newRow("later equal timestamps pass")
            << QList<qint64>{5} << QList<qint64>{5, 6, 6} << QList<qint64>{6, 6};
        QTest::newRow("nothing delivered") << QList<qint64>{} << QList<qint64>{1, 1} << QList<qint64>{1, 1};
    }
    void resumeDropsWhatWasDelivered() {
        QFETCH(QList<qint64>, delivered);
        QFETCH(QList<qint64>, replayed);
        QFETCH(QList<qint64>, accepted);
        ResumeFilter filter;
        for (qint64 t : delivered) {
            QVERIFY(filter.accept(t));
            filter.delivered(t);
        }
        filter.beginReplay();
        QList<qint64> passed;
        for (qint64 t : replayed) {
            if (filter.accept(t)) {
                passed.append(t);
                filter.delivered(t);
            }
        }
        QCOMPARE(passed, accepted);
        QCOMPARE(filter.duplicatesDropped(), replayed.size() - accepted.size());
    }
};

QTEST_GUILESS_MAIN(TestLogLineSplitter)
#include "tst_loglinesplitter.moc"
