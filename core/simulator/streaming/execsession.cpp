#include "execsession.h"

#include "channelprotocol.h"
#include "websocketconnection.h"

namespace binnacle::sim {

ExecSession::ExecSession(WebSocketConnection* connection, const QByteArray& protocol, FakeContainer container,
                         const QStringList& command, Streams streams, QObject* parent)
    : QObject(parent)
    , m_connection(connection)
    , m_v5(protocol == channel::v5Protocol)
    , m_command(command)
    , m_streams(streams) {
    m_connection->setParent(this);
    ExecProgram::Options options;
    options.command = command;
    options.tty = streams.tty;
    options.stdinOpen = streams.stdinOpen;
    m_program = std::make_unique<ExecProgram>(std::move(container), options);
    m_program->onStdout = [this](const QByteArray& data) {
        if (m_streams.stdoutOpen) {
            m_connection->sendBinary(channel::message(channel::stdoutChannel, data));
        }
    };
    m_program->onStderr = [this](const QByteArray& data) {
        if (m_streams.stderrOpen) {
            m_connection->sendBinary(channel::message(channel::stderrChannel, data));
        }
    };
    m_program->onExit = [this](int exitCode) { onExit(exitCode); };
    connect(m_connection, &WebSocketConnection::binaryMessageReceived, this, &ExecSession::onMessage);
    connect(m_connection, &WebSocketConnection::disconnected, this, [this] {
        if (!m_program->isFinished()) {
            m_program->onExit = nullptr; // the client went away: nobody to tell
            m_program->closeStdin();
        }
        deleteLater();
    });
}

ExecSession::~ExecSession() = default;

void ExecSession::start() {
    // As the kubelet does: an empty message on the first writable channel tells the client the streams are
    // up.
    const quint8 first = m_streams.stdoutOpen   ? channel::stdoutChannel
                         : m_streams.stderrOpen ? channel::stderrChannel
                                                : channel::errorChannel;
    m_connection->sendBinary(channel::message(first, {}));
    m_program->start();
}

void ExecSession::onMessage(const QByteArray& message) {
    if (message.isEmpty()) {
        return;
    }
    const quint8 id = quint8(message.at(0));
    const QByteArray payload = message.mid(1);
    if (id == channel::stdinChannel && m_streams.stdinOpen) {
        m_program->writeStdin(payload);
    } else if (id == channel::resizeChannel) {
        if (const auto size = channel::parseResize(payload)) {
            m_program->resize(size->width(), size->height());
        }
    } else if (id == channel::closeSignal && m_v5 && payload.size() == 1 &&
               quint8(payload.at(0)) == channel::stdinChannel) {
        m_program->closeStdin();
    }
}

void ExecSession::onExit(int exitCode) {
    m_connection->sendBinary(channel::message(channel::errorChannel,
                                              exitCode == 0 ? channel::successStatus()
                                                            : channel::exitCodeStatus(m_command, exitCode)));
    m_connection->close();
    Q_EMIT finished(exitCode);
}

} // namespace binnacle::sim
