#pragma once

#include "logline.h"

#include <QIODevice>
#include <QList>
#include <QString>
#include <deque>
#include <functional>
#include <memory>

class QTemporaryFile;

namespace binnacle::logs {

// One search hit: the line's number in the whole log (0 = the first line ever appended) and the ranges of
// the text that matched, as (start, length) in UTF-16 units.
struct LogMatch {
    qint64 line = 0;
    QList<QPair<int, int>> ranges;

    bool operator==(const LogMatch&) const = default;
};

struct LogBufferLimits {
    qsizetype maxLines = 100000;
    qint64 maxBytes = 64LL * 1024 * 1024; // of text held in memory (UTF-16)
};

// A log of any length in bounded memory: the newest lines in a ring capped by lines and bytes, the older ones
// spilled in order to a temporary file, so that saving and searching still see every line.
class LogBuffer {
public:
    explicit LogBuffer(LogBufferLimits limits = {});
    ~LogBuffer();
    LogBuffer(const LogBuffer&) = delete;
    LogBuffer& operator=(const LogBuffer&) = delete;

    // Appends in order; spills the oldest lines over the caps.
    void append(const LogLines& lines);
    void clear();

    // Every line ever appended (since clear()).
    qint64 lineCount() const { return m_spilledLines + qint64(m_memory.size()); }
    qint64 spilledLines() const { return m_spilledLines; }
    qsizetype memoryLines() const { return qsizetype(m_memory.size()); }
    qint64 memoryBytes() const { return m_memoryBytes; }
    // A line still in memory: `line` counts from the first line ever (spilledLines() is the first in memory).
    const LogLine& memoryLine(qint64 line) const { return m_memory[size_t(line - m_spilledLines)]; }
    const LogBufferLimits& limits() const { return m_limits; }
    // Whether the spill file could not be written (the oldest lines were then dropped).
    bool spillFailed() const { return m_spillFailed; }

    // Calls `visit` for every line in order, spilled ones included; stops when it returns false.
    bool forEachLine(const std::function<bool(qint64 number, const LogLine& line)>& visit) const;
    // Lines whose text contains `needle`, in order, at most maxMatches of them.
    QList<LogMatch> search(const QString& needle, Qt::CaseSensitivity cs = Qt::CaseInsensitive,
                           qsizetype maxMatches = 10000) const;
    // Writes every line as kubectl would print it: [timestamp ]text, or with a [pod/container] prefix.
    bool save(QIODevice* device, bool timestamps, bool podPrefix) const;
    bool save(const QString& path, bool timestamps, bool podPrefix) const;

    // The ranges of `needle` in `text` (non-overlapping, left to right).
    static QList<QPair<int, int>> matchRanges(const QString& text, const QString& needle,
                                              Qt::CaseSensitivity cs);
    static qint64 memoryCost(const LogLine& line);

private:
    void spill(qsizetype count);
    bool ensureFile();

    LogBufferLimits m_limits;
    std::deque<LogLine> m_memory;
    qint64 m_memoryBytes = 0;
    qint64 m_spilledLines = 0;
    std::unique_ptr<QTemporaryFile> m_file;
    bool m_spillFailed = false;
};

} // namespace binnacle::logs
