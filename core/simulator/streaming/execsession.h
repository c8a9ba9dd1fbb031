#pragma once

#include "execprogram.h"

#include <QObject>
#include <memory>

namespace binnacle::sim {

class WebSocketConnection;

// Binds an ExecProgram to a WebSocket speaking v4/v5.channel.k8s.io: stdin and resize messages in,
// stdout and stderr out on their channels, the exit status on the error channel, then the close.
// It deletes itself when the connection is gone.
class ExecSession : public QObject {
    Q_OBJECT
public:
    struct Streams {
        bool stdinOpen = false;
        bool stdoutOpen = false;
        bool stderrOpen = false;
        bool tty = false;
    };

    ExecSession(WebSocketConnection* connection, const QByteArray& protocol, FakeContainer container,
                const QStringList& command, Streams streams, QObject* parent = nullptr);
    ~ExecSession() override;

    void start();
    const ExecProgram& program() const { return *m_program; }

Q_SIGNALS:
    void finished(int exitCode);

private:
    void onMessage(const QByteArray& message);
    void onExit(int exitCode);

    WebSocketConnection* m_connection;
    bool m_v5;
    QStringList m_command;
    Streams m_streams;
    std::unique_ptr<ExecProgram> m_program;
};

} // namespace binnacle::sim
