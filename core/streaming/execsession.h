#pragma once

#include "apierror.h"
#include "channelprotocol.h"
#include "websocketconnector.h"

#include <QObject>
#include <QPointer>
#include <QStringList>
#include <optional>

class QTimer;
class QWebSocket;

namespace binnacle::streaming {

// What to run and which streams to open. With tty, the server merges stderr into stdout.
struct ExecOptions {
    QString namespaceName;
    QString podName;
    QString container;   // empty: the pod's only container
    QStringList command; // exec only; one `command=` parameter per argv element
    bool stdinEnabled = true;
    bool stdoutEnabled = true;
    bool stderrEnabled = true;
    bool tty = false;
};

// How a session ended.
struct ExecResult {
    // The command's exit code: 0, N from NonZeroExitCode, -1 when there is none (see error).
    int exitCode = -1;
    // Why there is no exit code: the upgrade was refused (a Status: 403, 404, 400 container not
    // found), the server reported a failure on the error channel (e.g. executable not found), or the
    // connection broke before the status arrived.
    std::optional<transport::ApiError> error;
    // terminate() was called: neither a code nor an error is expected.
    bool terminated = false;

    bool ok() const { return exitCode == 0; }
};

// One exec or attach session over WebSocket (wire spec §9.2): asks for v5.channel.k8s.io, falling back
// to v4.channel.k8s.io when the server picks that; stdin 0, stdout 1, stderr 2, the error/status
// channel 3 and resize 4; on v5, closeStdin() sends the close signal [255, 0]. Keeps the connection
// alive with pings every 5 s and gives up after 60 s without a pong, as client-go does.
class ExecSession : public QObject {
    Q_OBJECT
public:
    enum class Mode { Exec, Attach };
    enum class State { Idle, Connecting, Running, Finished };
    Q_ENUM(State)

    explicit ExecSession(WebSocketConnector* connector, QObject* parent = nullptr);
    ~ExecSession() override;

    // The upgrade asked for: path, the query (command, container, streams, tty) and subprotocols.
    static WebSocketRequest requestFor(Mode mode, const ExecOptions& options);

    void start(Mode mode, const ExecOptions& options);
    void startExec(const ExecOptions& options) { start(Mode::Exec, options); }
    void startAttach(const ExecOptions& options) { start(Mode::Attach, options); }

    // Written once connected; bytes written before are kept until then.
    void writeStdin(const QByteArray& data);
    // End of input. v5 sends the close signal for stdin; v4 has no way to say it short of closing the
    // whole socket, so there it returns false and does nothing (call terminate() to end the session).
    bool closeStdin();
    // The terminal's size (tty sessions); sent at once when connected, else when the upgrade is done.
    void resize(quint16 columns, quint16 rows);
    // Closes the session from this side; finished() follows with `terminated` set.
    void terminate();

    State state() const { return m_state; }
    // The negotiated subprotocol, once Running.
    QString subprotocol() const { return m_subprotocol; }
    bool stdinCloseSupported() const { return m_subprotocol == QLatin1String(channel::v5Protocol); }
    const ExecOptions& options() const { return m_options; }

Q_SIGNALS:
    void started();
    void stdoutReceived(const QByteArray& data);
    void stderrReceived(const QByteArray& data);
    void finished(const binnacle::streaming::ExecResult& result);

private:
    void onConnected(WebSocketConnection connection);
    void onMessage(const QByteArray& message);
    void onDisconnected();
    void send(const QByteArray& message);
    void finish(ExecResult result);

    QPointer<WebSocketConnector> m_connector;
    ExecOptions m_options;
    State m_state = State::Idle;
    QWebSocket* m_socket = nullptr;
    QString m_subprotocol;
    QByteArray m_pendingStdin;
    bool m_stdinClosePending = false;
    std::optional<QByteArray> m_pendingResize;
    std::optional<RemoteStatus> m_status;
    QTimer* m_heartbeat = nullptr;
    qint64 m_lastPongMs = 0;
    bool m_terminated = false;
};

} // namespace binnacle::streaming
