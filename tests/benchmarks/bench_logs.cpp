// Log ingest into the view: timestamped log bytes cut into lines (LogLineSplitter, what LogStream does per
// network read) and appended to a LogModel (one batch per frame, its LogBuffer spilling past the cap) —
// lines/s, with the resident memory printed as it goes to show it stays flat. Printed, never asserted. Goal:
// >= 200,000 lines/s.
//   build/tests/benchmarks/bench_logs [lines=2000000] [cap=100000]
#include "loglinesplitter.h"
#include "logmodel.h"
#include "logtimestamp.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTextStream>

using namespace binnacle::logs;

namespace {
qint64 residentKiB() {
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly)) {
        return -1;
    }
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:")) {
            return line.mid(6).trimmed().split(' ').first().toLongLong();
        }
    }
    return -1;
}

// One network read's worth of kubelet output: ~64 KiB of timestamped lines.
QByteArray chunk(qint64 firstLine, int lines) {
    QByteArray out;
    for (int i = 0; i < lines; ++i) {
        const qint64 n = firstLine + i;
        out += timestamp::formatNano(1714557605000000000LL + n * 1000000LL).toLatin1();
        out += " level=info msg=\"request handled\" path=/api/items/" + QByteArray::number(n % 9973) +
               " status=200 duration_ms=" + QByteArray::number(n % 400) + '\n';
    }
    return out;
}
} // namespace

int main(int argc, char* argv[]) {
    QCoreApplication app(argc, argv);
    const qint64 total = argc > 1 ? QByteArray(argv[1]).toLongLong() : 2000000;
    const qsizetype cap = argc > 2 ? QByteArray(argv[2]).toLongLong() : 100000;
    QTextStream out(stdout);
    constexpr int linesPerRead = 600;
    constexpr int readsPerFrame = 10; // 6,000 lines per 16 ms frame = 375,000 lines/s offered

    // The bytes are made before timing: the benchmark measures the client, not the generator.
    QList<QByteArray> reads;
    for (qint64 line = 0; line < 100 * linesPerRead; line += linesPerRead) {
        reads.append(chunk(line, linesPerRead));
    }
    LogLineSplitter splitter(QStringLiteral("web-7d9f8-abcde"), QStringLiteral("main"));
    LogModel model(LogBufferLimits{cap, 256LL * 1024 * 1024});
    out << "lines " << total << ", row/ring cap " << cap << ", RSS at start " << residentKiB() << " KiB\n";

    QElapsedTimer splitTimer;
    QElapsedTimer clock;
    clock.start();
    qint64 splitNs = 0;
    qint64 done = 0;
    int read = 0;
    while (done < total) {
        for (int i = 0; i < readsPerFrame && done < total; ++i) {
            LogLines lines;
            splitTimer.start();
            splitter.feed(reads.at(read++ % reads.size()), &lines);
            splitNs += splitTimer.nsecsElapsed();
            done += lines.size();
            model.appendLines(lines);
        }
        model.flushNow(); // what the frame timer does
        if (done % (total / 5) < linesPerRead * readsPerFrame) {
            out << "  " << done << " lines: RSS " << residentKiB() << " KiB, rows " << model.rowCount()
                << ", spilled " << model.buffer().spilledLines() << '\n';
            out.flush();
        }
    }
    const double seconds = clock.nsecsElapsed() / 1e9;
    out << QStringLiteral("split only: %1 lines/s\n").arg(qint64(total / (splitNs / 1e9)));
    out << QStringLiteral("split + model + buffer: %1 lines/s (%2 s), RSS at end %3 KiB\n")
               .arg(qint64(total / seconds))
               .arg(seconds, 0, 'f', 2)
               .arg(residentKiB());
    return 0;
}
