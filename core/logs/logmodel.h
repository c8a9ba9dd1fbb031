#pragma once

#include "logbuffer.h"
#include "logline.h"

#include <QAbstractListModel>
#include <deque>

class QTimer;

namespace binnacle::logs {

// The lines a log view shows. Lines arrive through appendLines() at any rate and reach the view in one batch
// per frame at most (~16 ms): one rowsInserted, and one rowsRemoved of the oldest rows when the cap is
// passed — never a reset on a live update. Every line also goes to a LogBuffer, so that search and save see
// the whole log, the spilled part included. Paused, the view holds still while lines keep being buffered;
// resumed, it catches up in one batch. Made for QML (properties, invokables); registered by the app.
class LogModel : public QAbstractListModel {
    Q_OBJECT
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(bool paused READ isPaused WRITE setPaused NOTIFY pausedChanged)
    Q_PROPERTY(QString searchText READ searchText WRITE setSearchText NOTIFY searchTextChanged)
    Q_PROPERTY(bool caseSensitive READ isCaseSensitive WRITE setCaseSensitive NOTIFY searchTextChanged)
    Q_PROPERTY(int matchCount READ matchCount NOTIFY matchCountChanged)
    Q_PROPERTY(qint64 totalLines READ totalLines NOTIFY countChanged)
    Q_PROPERTY(qint64 heldBackLines READ heldBackLines NOTIFY countChanged)
public:
    enum Role {
        // RFC 3339 with nanoseconds, as kubectl --timestamps prints it
        TimestampRole = Qt::UserRole + 1,
        // the pod the line came from
        PodRole,
        // its container
        ContainerRole,
        // the line, without newline
        TextRole,
        // where the search text occurs in the line: a list of {start, length}
        MatchesRole,
        // a note of the stream's own (the container restarted), not the container's output
        MarkerRole,
    };
    Q_ENUM(Role)

    explicit LogModel(LogBufferLimits limits = {}, QObject* parent = nullptr);
    ~LogModel() override;

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    int count() const { return int(m_rows.size()); }
    bool isPaused() const { return m_paused; }
    void setPaused(bool paused);
    QString searchText() const { return m_searchText; }
    void setSearchText(const QString& text);
    bool isCaseSensitive() const { return m_caseSensitivity == Qt::CaseSensitive; }
    void setCaseSensitive(bool caseSensitive);
    int matchCount() const { return m_matchCount; }
    qint64 totalLines() const { return m_buffer.lineCount() + qint64(m_pending.size()); }
    qint64 heldBackLines() const { return qint64(m_heldBack.size()); }
    const LogBuffer& buffer() const { return m_buffer; }

    // Queues lines for the next frame. Connect LogStream::linesReceived or WorkloadLogs::linesReceived here.
    void appendLines(const binnacle::logs::LogLines& lines);
    // Applies what is queued now instead of at the next frame (tests, benchmarks, before a save).
    Q_INVOKABLE void flushNow();
    // Empties the view and the buffer: a reset, for the whole source changes.
    Q_INVOKABLE void clear();
    // Writes the whole log (spilled lines included) to a file path or file:// URL.
    Q_INVOKABLE bool saveToFile(const QString& pathOrUrl, bool timestamps = false, bool podPrefix = false);
    // The rows (-1: not shown any more) of the lines that match the search text, over the whole log.
    Q_INVOKABLE QList<int> matchRows() const;
    // The number of a row's line in the whole log.
    Q_INVOKABLE qint64 lineOfRow(int row) const { return m_displayedEnd - qint64(m_rows.size()) + row; }

signals:
    void countChanged();
    void pausedChanged();
    void searchTextChanged();
    void matchCountChanged();

private:
    void display(LogLines lines);
    void updateMatchCount();

    LogBufferLimits m_limits;
    LogBuffer m_buffer;
    std::deque<LogLine> m_rows;
    qint64 m_rowBytes = 0;
    qint64 m_displayedEnd = 0; // the number of the line after the last row
    LogLines m_pending;
    LogLines m_heldBack; // buffered while paused, at most a screenful of rows' cap
    QTimer* m_frameTimer;
    bool m_paused = false;
    QString m_searchText;
    Qt::CaseSensitivity m_caseSensitivity = Qt::CaseInsensitive;
    int m_matchCount = 0;
};

} // namespace binnacle::logs
