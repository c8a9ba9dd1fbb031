#include "logbuffer.h"

#include "logging.h"
#include "logtimestamp.h"

#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QTemporaryFile>

namespace binnacle::logs {

namespace {
// One spilled line: timestamp, flag (1: truncated, 2: a marker), pod, container, text — tab-separated, text
// last (it may hold tabs; never a newline, the stream split on them).
void writeRecord(QByteArray* out, const LogLine& line) {
    out->append(QByteArray::number(line.timestampNs));
    out->append(line.marker ? "\t2\t" : line.truncated ? "\t1\t" : "\t0\t");
    out->append(line.pod.toUtf8());
    out->append('\t');
    out->append(line.container.toUtf8());
    out->append('\t');
    out->append(line.text.toUtf8());
    out->append('\n');
}

bool readRecord(QByteArrayView record, LogLine* line) {
    if (record.endsWith('\n')) {
        record.chop(1);
    }
    qsizetype fields[4];
    qsizetype at = -1;
    for (qsizetype& field : fields) {
        at = record.indexOf('\t', at + 1);
        if (at < 0) {
            return false;
        }
        field = at;
    }
    bool ok = false;
    line->timestampNs = record.first(fields[0]).toLongLong(&ok);
    const QByteArrayView flag = record.sliced(fields[0] + 1, fields[1] - fields[0] - 1);
    line->truncated = flag == "1";
    line->marker = flag == "2";
    line->pod = QString::fromUtf8(record.sliced(fields[1] + 1, fields[2] - fields[1] - 1));
    line->container = QString::fromUtf8(record.sliced(fields[2] + 1, fields[3] - fields[2] - 1));
    line->text = QString::fromUtf8(record.sliced(fields[3] + 1));
    return ok;
}

void writeDisplayLine(QByteArray* out, const LogLine& line, bool timestamps, bool podPrefix) {
    if (podPrefix) {
        out->append('[');
        out->append(line.pod.toUtf8());
        out->append('/');
        out->append(line.container.toUtf8());
        out->append("] ");
    }
    if (timestamps) {
        out->append(timestamp::formatNano(line.timestampNs).toLatin1());
        out->append(' ');
    }
    out->append(line.text.toUtf8());
    if (!line.truncated) {
        out->append('\n');
    }
}
} // namespace

LogBuffer::LogBuffer(LogBufferLimits limits)
    : m_limits(limits) {}

LogBuffer::~LogBuffer() = default;

qint64 LogBuffer::memoryCost(const LogLine& line) {
    // The text's characters; pod and container names are shared between lines. Plus the line's own fields.
    return qint64(line.text.size()) * 2 + qint64(sizeof(LogLine));
}

void LogBuffer::append(const LogLines& lines) {
    for (const LogLine& line : lines) {
        m_memoryBytes += memoryCost(line);
        m_memory.push_back(line);
    }
    qsizetype excess = 0;
    qint64 bytes = m_memoryBytes;
    const qsizetype size = qsizetype(m_memory.size());
    while (excess < size && (size - excess > m_limits.maxLines || bytes > m_limits.maxBytes)) {
        bytes -= memoryCost(m_memory[size_t(excess)]);
        ++excess;
    }
    if (excess > 0) {
        spill(excess);
    }
}

void LogBuffer::clear() {
    m_memory.clear();
    m_memoryBytes = 0;
    m_spilledLines = 0;
    m_file.reset();
    m_spillFailed = false;
}

bool LogBuffer::ensureFile() {
    if (m_file) {
        return true;
    }
    m_file = std::make_unique<QTemporaryFile>(QDir::tempPath() + QStringLiteral("/binnacle-log-XXXXXX"));
    if (!m_file->open()) {
        qCWarning(lcLogs) << "cannot create the log spill file:" << m_file->errorString();
        m_file.reset();
        return false;
    }
    return true;
}

void LogBuffer::spill(qsizetype count) {
    QByteArray records;
    records.reserve(count * 128);
    for (qsizetype i = 0; i < count; ++i) {
        writeRecord(&records, m_memory.front());
        m_memoryBytes -= memoryCost(m_memory.front());
        m_memory.pop_front();
    }
    m_spilledLines += count;
    if (!ensureFile() || m_file->write(records) != records.size()) {
        m_spillFailed = true;
    }
}

bool LogBuffer::forEachLine(const std::function<bool(qint64, const LogLine&)>& visit) const {
    qint64 number = 0;
    if (m_file && m_spilledLines > 0) {
        m_file->flush();
        QFile reader(m_file->fileName());
        if (!reader.open(QIODevice::ReadOnly)) {
            return false;
        }
        LogLine line;
        while (number < m_spilledLines && !reader.atEnd()) {
            const QByteArray record = reader.readLine();
            if (!readRecord(record, &line)) {
                return false;
            }
            if (!visit(number++, line)) {
                return true;
            }
        }
    }
    number = m_spilledLines;
    for (const LogLine& line : m_memory) {
        if (!visit(number++, line)) {
            return true;
        }
    }
    return true;
}

QList<QPair<int, int>> LogBuffer::matchRanges(const QString& text, const QString& needle,
                                              Qt::CaseSensitivity cs) {
    QList<QPair<int, int>> ranges;
    if (needle.isEmpty()) {
        return ranges;
    }
    for (qsizetype at = text.indexOf(needle, 0, cs); at >= 0;
         at = text.indexOf(needle, at + needle.size(), cs)) {
        ranges.append({int(at), int(needle.size())});
    }
    return ranges;
}

QList<LogMatch> LogBuffer::search(const QString& needle, Qt::CaseSensitivity cs, qsizetype maxMatches) const {
    QList<LogMatch> matches;
    if (needle.isEmpty()) {
        return matches;
    }
    forEachLine([&](qint64 number, const LogLine& line) {
        auto ranges = matchRanges(line.text, needle, cs);
        if (!ranges.isEmpty()) {
            matches.append(LogMatch{number, std::move(ranges)});
        }
        return matches.size() < maxMatches;
    });
    return matches;
}

bool LogBuffer::save(QIODevice* device, bool timestamps, bool podPrefix) const {
    QByteArray chunk;
    bool ok = true;
    const bool complete = forEachLine([&](qint64, const LogLine& line) {
        writeDisplayLine(&chunk, line, timestamps, podPrefix);
        if (chunk.size() >= 1 << 20) {
            ok = device->write(chunk) == chunk.size();
            chunk.clear();
        }
        return ok;
    });
    if (ok && !chunk.isEmpty()) {
        ok = device->write(chunk) == chunk.size();
    }
    return ok && complete;
}

bool LogBuffer::save(const QString& path, bool timestamps, bool podPrefix) const {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return false;
    }
    if (!save(&file, timestamps, podPrefix)) {
        file.cancelWriting();
        return false;
    }
    return file.commit();
}

} // namespace binnacle::logs
