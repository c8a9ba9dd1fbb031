#pragma once

#include <QDateTime>
#include <QString>
#include <chrono>
#include <optional>

namespace binnacle::logs {

// What to read of one container's log: PodLogOptions (wire spec §9.1), plus how to resume a dropped stream.
struct LogOptions {
    QString container; // empty: the pod's only container (the server refuses when there are several)
    bool follow = false;
    bool previous = false;   // the previous, terminated instance of the container
    bool timestamps = false; // whether the user wants to see them; the stream always asks for them
    std::optional<qint64> tailLines;
    std::optional<qint64> sinceSeconds; // mutually exclusive with sinceTime
    std::optional<QDateTime> sinceTime;
    // Counted on what the user sees (with or without timestamps), and applied by the client: the server would
    // count the timestamps the stream asks for internally. The line where the limit falls is cut, as
    // kubectl's.
    std::optional<qint64> limitBytes;

    // follow: when the container restarts, go on with the new instance's log from its beginning (after a
    // marker line), for as long as the pod lives; off, the stream ends when the container stops.
    bool followRestarts = true;
    // How often the pod is looked at while its stopped container waits to start again (the kubelet's
    // back-off is 10 s and more).
    std::chrono::milliseconds restartPollInterval{2000};

    // Reconnects after a dropped stream: waits double from the first up to the cap; -1 attempts: no end.
    std::chrono::milliseconds reconnectInitialDelay{500};
    std::chrono::milliseconds reconnectMaxDelay{30000};
    int maxReconnectAttempts = 20;
};

} // namespace binnacle::logs
