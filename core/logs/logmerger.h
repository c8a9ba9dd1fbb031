#pragma once

#include "logline.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QSet>
#include <chrono>
#include <vector>

class QTimer;

namespace binnacle::logs {

// Merges the line streams of several containers into one, ordered by timestamp. Each stream is ordered on
// its own; a line is released once every stream has reached its time (the watermark), or once it has waited
// `hold`, so that one quiet container never holds up the others for long. A line later than that, and older
// than lines already released, comes out late rather than never.
class LogMerger : public QObject {
    Q_OBJECT
public:
    explicit LogMerger(std::chrono::milliseconds hold = std::chrono::milliseconds(250),
                       QObject* parent = nullptr);

    void addStream(const QString& key);
    // The stream's lines still waiting are released in order; it no longer holds the others back.
    void removeStream(const QString& key);
    void add(const QString& key, const LogLines& lines);
    // Releases everything waiting now.
    void flush();
    qsizetype pendingCount() const { return qsizetype(m_pending.size()); }

signals:
    void linesReady(const binnacle::logs::LogLines& lines);

private:
    struct Pending {
        qint64 timestamp;
        quint64 sequence;
        qint64 arrivedMs;
        LogLine line;
    };
    void release(bool everything);

    std::chrono::milliseconds m_hold;
    std::vector<Pending> m_pending;
    QSet<QString> m_streams;
    QHash<QString, qint64> m_lastTimestamp; // of the streams that sent a line
    quint64 m_sequence = 0;
    QElapsedTimer m_clock;
    QTimer* m_timer;
};

} // namespace binnacle::logs
