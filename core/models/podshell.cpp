#include "podshell.h"

#include "execsession.h"
#include "shellsession.h"
#include "websocketconnector.h"

#include <QTimer>

namespace binnacle {

namespace {
// The session lives on the worker thread as a child of the anchor.
// A shell, or an attach (an ExecSession of its own); either lives on the worker thread under the anchor.
streaming::ShellSession* sessionOf(QObject* anchor) {
    return anchor ? anchor->findChild<streaming::ShellSession*>(QString(), Qt::FindDirectChildrenOnly)
                  : nullptr;
}
streaming::ExecSession* attachOf(QObject* anchor) {
    return anchor ? anchor->findChild<streaming::ExecSession*>(QString(), Qt::FindDirectChildrenOnly)
                  : nullptr;
}
} // namespace

PodShell::PodShell(QObject* parent)
    : QObject(parent)
    , m_restart(
          this, [this] { stop(); }, [this] { restart(); }) {}

PodShell::~PodShell() {
    stop();
}

void PodShell::setConnection(ClusterConnection* connection) {
    if (m_restart.setConnection(connection)) {
        emit targetChanged();
    }
}

template <typename T> void PodShell::update(T& field, const T& value) {
    if (m_restart.update(field, value)) {
        emit targetChanged();
    }
}

void PodShell::setNamespaceName(const QString& namespaceName) {
    update(m_namespace, namespaceName);
}
void PodShell::setPodName(const QString& podName) {
    update(m_pod, podName);
}
void PodShell::setContainer(const QString& container) {
    update(m_container, container);
}
void PodShell::setActive(bool active) {
    update(m_active, active);
}
void PodShell::setAttach(bool attach) {
    update(m_attach, attach);
}

void PodShell::stop() {
    if (QObject* anchor = m_anchor) {
        m_anchor = nullptr;
        QMetaObject::invokeMethod(anchor, [anchor] {
            if (streaming::ShellSession* session = sessionOf(anchor)) {
                session->terminate();
            }
            if (streaming::ExecSession* session = attachOf(anchor)) {
                session->terminate();
            }
            anchor->deleteLater();
        });
    }
}

void PodShell::restart() {
    stop();
    transport::ClusterTransport* transport = connection() ? connection()->transport() : nullptr;
    transport::CredentialProvider* credentials = connection() ? connection()->credentials() : nullptr;
    if (!m_active || !transport || !credentials || m_pod.isEmpty()) {
        setStatus(QString(), false);
        return;
    }
    auto* anchor = new QObject;
    anchor->moveToThread(transport->thread());
    m_anchor = anchor;
    streaming::ExecOptions options;
    options.namespaceName = m_namespace;
    options.podName = m_pod;
    options.container = m_container;
    options.tty = true;
    options.stderrEnabled = false; // a TTY merges stderr into stdout
    const transport::ClusterEndpoint endpoint = connection()->endpoint();
    const int rows = m_rows;
    const int columns = m_columns;
    setStatus(tr("connecting"), false);
    QPointer<PodShell> self(this);
    if (m_attach) {
        startAttach(anchor, options);
        return;
    }
    QMetaObject::invokeMethod(anchor, [self, anchor, endpoint, credentials, transport, options, rows,
                                       columns] {
        auto* connector = new streaming::WebSocketConnector(endpoint, credentials, anchor);
        connector->setStatusTransport(transport);
        auto* session = new streaming::ShellSession(connector, anchor);
        // Output, status and the end go to the GUI thread; `self` guards against a PodShell gone meanwhile.
        QObject::connect(session, &streaming::ShellSession::stdoutReceived, anchor,
                         [self](const QByteArray& bytes) {
                             QMetaObject::invokeMethod(self.data(), [self, bytes] {
                                 if (self) {
                                     emit self->output(bytes);
                                 }
                             });
                         });
        QObject::connect(session, &streaming::ShellSession::shellStarted, anchor,
                         [self](const QString& shell) {
                             QMetaObject::invokeMethod(self.data(), [self, shell] {
                                 if (self) {
                                     self->setStatus(shell, true);
                                 }
                             });
                         });
        QObject::connect(
            session, &streaming::ShellSession::finished, anchor, [self](const streaming::ExecResult& result) {
                const QString text = result.error ? result.error->message()
                                     : result.terminated
                                         ? QString()
                                         : PodShell::tr("exited with code %1").arg(result.exitCode);
                QMetaObject::invokeMethod(self.data(), [self, text] {
                    if (self) {
                        self->setStatus(text, false);
                    }
                });
            });
        session->resize(quint16(columns), quint16(rows));
        session->start(options);
    });
}

void PodShell::startAttach(QObject* anchor, streaming::ExecOptions options) {
    options.stdinEnabled = true;
    transport::ClusterTransport* transport = connection()->transport();
    transport::CredentialProvider* credentials = connection()->credentials();
    const transport::ClusterEndpoint endpoint = connection()->endpoint();
    const int rows = m_rows;
    const int columns = m_columns;
    QPointer<PodShell> self(this);
    QMetaObject::invokeMethod(anchor, [self, anchor, endpoint, credentials, transport, options, rows,
                                       columns] {
        auto* connector = new streaming::WebSocketConnector(endpoint, credentials, anchor);
        connector->setStatusTransport(transport);
        // A direct child of the anchor, which attachOf() finds (a shell's session is its ShellSession's).
        auto* session = new streaming::ExecSession(connector, anchor);
        const auto toGui = [self](std::function<void(PodShell*)> work) {
            QMetaObject::invokeMethod(self.data(), [self, work] {
                if (self) {
                    work(self.data());
                }
            });
        };
        QObject::connect(session, &streaming::ExecSession::stdoutReceived, anchor,
                         [toGui](const QByteArray& bytes) {
                             toGui([bytes](PodShell* shell) { emit shell->output(bytes); });
                         });
        QObject::connect(session, &streaming::ExecSession::started, anchor, [toGui] {
            toGui([](PodShell* shell) { shell->setStatus(PodShell::tr("attached"), true); });
        });
        QObject::connect(
            session, &streaming::ExecSession::finished, anchor, [toGui](const streaming::ExecResult& result) {
                const QString text = result.error ? result.error->message() : PodShell::tr("detached");
                toGui([text](PodShell* shell) { shell->setStatus(text, false); });
            });
        session->resize(quint16(columns), quint16(rows));
        session->startAttach(options);
    });
}

void PodShell::send(const QByteArray& bytes) {
    if (QObject* anchor = m_anchor) {
        QMetaObject::invokeMethod(anchor, [anchor, bytes] {
            if (streaming::ShellSession* session = sessionOf(anchor)) {
                session->writeStdin(bytes);
            } else if (streaming::ExecSession* attached = attachOf(anchor)) {
                attached->writeStdin(bytes);
            }
        });
    }
}

void PodShell::resize(int rows, int columns) {
    m_rows = rows;
    m_columns = columns;
    if (QObject* anchor = m_anchor) {
        QMetaObject::invokeMethod(anchor, [anchor, rows, columns] {
            if (streaming::ShellSession* session = sessionOf(anchor)) {
                session->resize(quint16(columns), quint16(rows));
            } else if (streaming::ExecSession* attached = attachOf(anchor)) {
                attached->resize(quint16(columns), quint16(rows));
            }
        });
    }
}

void PodShell::setStatus(const QString& status, bool running) {
    if (status != m_status || running != m_running) {
        m_status = status;
        m_running = running;
        emit statusChanged();
    }
}

} // namespace binnacle
