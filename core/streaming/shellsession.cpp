#include "shellsession.h"

#include "streaminglogging.h"

#include <QTimer>

namespace binnacle::streaming {

ShellSession::ShellSession(WebSocketConnector* connector, QObject* parent)
    : QObject(parent)
    , m_connector(connector) {
    m_probation = new QTimer(this);
    m_probation->setSingleShot(true);
    connect(m_probation, &QTimer::timeout, this, &ShellSession::confirm);
}

bool ShellSession::isMissingExecutable(const ExecResult& result, const QByteArray& heldOutput) {
    if (result.terminated) {
        return false;
    }
    if (result.exitCode == 126 || result.exitCode == 127) {
        return true; // the POSIX codes for "cannot execute" and "not found"
    }
    if (result.error && result.error->kind() == transport::ApiError::Kind::Status &&
        result.error->httpStatus() != 403 && result.error->httpStatus() != 404) {
        const QString text = result.error->message() + QString::fromUtf8(heldOutput);
        return text.contains(QLatin1String("executable file not found"), Qt::CaseInsensitive) ||
               text.contains(QLatin1String("no such file or directory"), Qt::CaseInsensitive) ||
               text.contains(QLatin1String("not found"), Qt::CaseInsensitive);
    }
    return false;
}

void ShellSession::start(const ExecOptions& options, const QStringList& shells) {
    m_options = options;
    m_shells = shells;
    m_index = -1;
    tryNext();
}

void ShellSession::tryNext() {
    ++m_index;
    m_heldStdout.clear();
    m_heldStderr.clear();
    m_confirmed = false;
    if (m_session) {
        m_session->disconnect(this);
        m_session->deleteLater();
    }
    ExecOptions options = m_options;
    options.command = {m_shells.value(m_index)};
    m_session = new ExecSession(m_connector, this);
    connect(m_session, &ExecSession::started, this, [this] { m_probation->start(m_probationMs); });
    connect(m_session, &ExecSession::stdoutReceived, this, [this](const QByteArray& data) {
        if (m_confirmed) {
            Q_EMIT stdoutReceived(data);
        } else {
            m_heldStdout.append(data);
        }
    });
    connect(m_session, &ExecSession::stderrReceived, this, [this](const QByteArray& data) {
        if (m_confirmed) {
            Q_EMIT stderrReceived(data);
        } else {
            m_heldStderr.append(data);
        }
    });
    connect(m_session, &ExecSession::finished, this, &ShellSession::onFinished);
    if (m_size) {
        m_session->resize(m_size->first, m_size->second);
    }
    qCDebug(lcStreaming) << "trying shell" << options.command;
    m_session->startExec(options);
}

void ShellSession::confirm() {
    if (m_confirmed || !m_session) {
        return;
    }
    m_confirmed = true;
    Q_EMIT shellStarted(m_shells.value(m_index));
    if (!m_heldStdout.isEmpty()) {
        Q_EMIT stdoutReceived(std::exchange(m_heldStdout, {}));
    }
    if (!m_heldStderr.isEmpty()) {
        Q_EMIT stderrReceived(std::exchange(m_heldStderr, {}));
    }
    if (!m_stdinBeforeConfirm.isEmpty()) {
        m_session->writeStdin(std::exchange(m_stdinBeforeConfirm, {}));
    }
}

void ShellSession::onFinished(const ExecResult& result) {
    m_probation->stop();
    if (!m_confirmed && m_index + 1 < m_shells.size() &&
        isMissingExecutable(result, m_heldStdout + m_heldStderr)) {
        tryNext();
        return;
    }
    if (!m_confirmed && (result.error || isMissingExecutable(result, {}))) {
        // The last candidate failed too: its output explains why, but no shell started.
        if (!m_heldStdout.isEmpty()) {
            Q_EMIT stdoutReceived(std::exchange(m_heldStdout, {}));
        }
        if (!m_heldStderr.isEmpty()) {
            Q_EMIT stderrReceived(std::exchange(m_heldStderr, {}));
        }
    } else {
        confirm();
    }
    Q_EMIT finished(result);
}

void ShellSession::writeStdin(const QByteArray& data) {
    // Keystrokes typed before a shell is settled on go to the one that lives.
    if (!m_confirmed) {
        m_stdinBeforeConfirm.append(data);
        return;
    }
    m_session->writeStdin(data);
}

void ShellSession::resize(quint16 columns, quint16 rows) {
    m_size = qMakePair(columns, rows);
    if (m_session) {
        m_session->resize(columns, rows);
    }
}

void ShellSession::terminate() {
    m_probation->stop();
    if (m_session) {
        m_session->terminate();
    }
}

} // namespace binnacle::streaming
