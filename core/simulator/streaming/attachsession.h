#pragma once

#include "attachprogram.h"

#include <QObject>
#include <memory>

namespace binnacle::sim {

class WebSocketConnection;

// Binds an AttachProgram to a WebSocket speaking v4/v5.channel.k8s.io. The kubelet's attach ends with a
// Success status on the error channel whatever the process did (the exit code is not part of attach):
// when the main process exits, when the container stops (containerStopped), or when the client detaches
// by closing stdin (v5 close signal, or Ctrl-D on a TTY). Then the WebSocket closes. It deletes itself when
// the connection is gone.
class AttachSession : public QObject {
    Q_OBJECT

public:
    struct Streams {
        bool stdinOpen = false;
        bool stdoutOpen = false;
        bool stderrOpen = false;
        bool tty = false;
    };

    AttachSession(WebSocketConnection* connection, const QByteArray& protocol, Streams streams,
                  QObject* parent = nullptr);
    ~AttachSession() override;

    void start();
    // The container's main process printed a log line.
    void containerOutput(const QByteArray& line);
    // The container is gone (pod deleted or container no longer running): the attach ends.
    void containerStopped();

    const AttachProgram& program() const { return *m_program; }
    bool isEnded() const { return m_ended; }

Q_SIGNALS:
    void ended();

private:
    void onMessage(const QByteArray& message);
    void end();

    WebSocketConnection* m_connection;
    bool m_v5;
    Streams m_streams;
    std::unique_ptr<AttachProgram> m_program;
    bool m_ended = false;
};

} // namespace binnacle::sim
