#pragma once

#include "execsession.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QStringList>

class QTimer;

namespace binnacle::streaming {

// An interactive shell in a container: tries each shell in turn (bash, then sh) and settles on the
// first that starts. A shell that is not there fails in one of two ways — the runtime refuses the
// exec (a Status "executable file not found in $PATH") or a wrapper answers with exit code 126/127
// ("sh: bash: not found") — and both come at once; so a candidate's output is held back for a short
// probation, dropped if it fails that way, and passed on when it lives.
class ShellSession : public QObject {
    Q_OBJECT
public:
    explicit ShellSession(WebSocketConnector* connector, QObject* parent = nullptr);

    static QStringList defaultShells() { return {QStringLiteral("bash"), QStringLiteral("sh")}; }
    // Whether a failed start means "no such shell here" rather than a real failure.
    static bool isMissingExecutable(const ExecResult& result, const QByteArray& heldOutput);

    // `options.command` is ignored: each shell is run in turn. tty and stdin are the caller's choice
    // (an interactive terminal sets both).
    void start(const ExecOptions& options, const QStringList& shells = defaultShells());
    void writeStdin(const QByteArray& data);
    void resize(quint16 columns, quint16 rows);
    void terminate();

    // The shell that runs (empty while still trying).
    QString shell() const { return m_confirmed ? m_shells.value(m_index) : QString(); }
    ExecSession* session() const { return m_session; }
    void setProbationMs(int milliseconds) { m_probationMs = milliseconds; }

Q_SIGNALS:
    void shellStarted(const QString& shell);
    void stdoutReceived(const QByteArray& data);
    void stderrReceived(const QByteArray& data);
    void finished(const binnacle::streaming::ExecResult& result);

private:
    void tryNext();
    void confirm();
    void onFinished(const ExecResult& result);

    QPointer<WebSocketConnector> m_connector;
    ExecOptions m_options;
    QStringList m_shells;
    qsizetype m_index = -1;
    ExecSession* m_session = nullptr;
    QTimer* m_probation = nullptr;
    int m_probationMs = 1500;
    bool m_confirmed = false;
    QByteArray m_heldStdout;
    QByteArray m_heldStderr;
    QByteArray m_stdinBeforeConfirm;
    std::optional<QPair<quint16, quint16>> m_size;
};

} // namespace binnacle::streaming
