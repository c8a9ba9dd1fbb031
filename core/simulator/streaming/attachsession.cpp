#include "attachsession.h"

#include "channelprotocol.h"
#include "websocketconnection.h"

namespace binnacle::sim {

AttachSession::AttachSession(WebSocketConnection* connection, const QByteArray& protocol, Streams streams,
                             QObject* parent)
    : QObject(parent)
    , m_connection(connection)
    , m_v5(protocol == channel::v5Protocol)
    , m_streams(streams) {
    m_connection->setParent(this);
    m_program = std::make_unique<AttachProgram>(AttachProgram::Options{streams.tty, streams.stdinOpen});
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
    m_program->onExit = [this](int) { end(); };
    m_program->onStdinClosed = [this] { end(); };
    connect(m_connection, &WebSocketConnection::binaryMessageReceived, this, &AttachSession::onMessage);
    connect(m_connection, &WebSocketConnection::disconnected, this, [this] {
        m_ended = true;
        Q_EMIT ended();
        deleteLater();
    });
}

AttachSession::~AttachSession() = default;

void AttachSession::start() {
    // As for exec: an empty message on the first writable channel says the streams are up.
    const quint8 first = m_streams.stdoutOpen   ? channel::stdoutChannel
                         : m_streams.stderrOpen ? channel::stderrChannel
                                                : channel::errorChannel;
    m_connection->sendBinary(channel::message(first, {}));
}

void AttachSession::containerOutput(const QByteArray& line) {
    if (!m_ended) {
        m_program->printLogLine(line);
    }
}

void AttachSession::containerStopped() {
    end();
}

void AttachSession::onMessage(const QByteArray& message) {
    if (message.isEmpty() || m_ended) {
        return;
    }
    const quint8 id = quint8(message.at(0));
    const QByteArray payload = message.mid(1);
    if (id == channel::stdinChannel) {
        m_program->writeStdin(payload);
    } else if (id == channel::resizeChannel) {
        if (const auto size = channel::parseResize(payload)) {
            m_program->resize(size->width(), size->height());
        }
    } else if (id == channel::closeSignal && m_v5 && m_streams.stdinOpen && payload.size() == 1 &&
               quint8(payload.at(0)) == channel::stdinChannel) {
        m_program->closeStdin();
    }
}

void AttachSession::end() {
    if (m_ended) {
        return;
    }
    m_ended = true;
    m_connection->sendBinary(channel::message(channel::errorChannel, channel::successStatus()));
    m_connection->close();
    Q_EMIT ended();
}

} // namespace binnacle::sim
