#include "spdysession.h"

#include "websocketconnection.h"

#include <QAbstractSocket>
#include <QTimer>

namespace binnacle::sim {

namespace {
// k8s.io/api/core/v1: the stream headers of port-forward.
constexpr char streamTypeHeader[] = "streamtype";
constexpr char portHeader[] = "port";
constexpr char requestIdHeader[] = "requestid";
constexpr char streamTypeError[] = "error";
constexpr char streamTypeData[] = "data";
} // namespace

SpdyPortForwardSession::SpdyPortForwardSession(QString podName, QString namespaceName, Resolver resolve,
                                               QObject* parent)
    : QObject(parent)
    , m_podName(std::move(podName))
    , m_namespaceName(std::move(namespaceName))
    , m_resolve(std::move(resolve)) {}

SpdyPortForwardSession::~SpdyPortForwardSession() = default;

SpdyPortForwardSession* SpdyPortForwardSession::attach(QAbstractSocket* socket, const QByteArray& alreadyRead,
                                                       SpdyPortForwardSession* session) {
    socket->setParent(session);
    session->onSend = [socket](const QByteArray& bytes) { socket->write(bytes); };
    session->onCloseTransport = [socket] { socket->disconnectFromHost(); }; // what was written still goes
    connect(socket, &QAbstractSocket::readyRead, session,
            [session, socket] { session->receive(socket->readAll()); });
    connect(socket, &QAbstractSocket::disconnected, session, &SpdyPortForwardSession::transportClosed);
    if (!alreadyRead.isEmpty()) {
        QTimer::singleShot(0, session, [session, alreadyRead] { session->receive(alreadyRead); });
    }
    return session;
}

SpdyPortForwardSession* SpdyPortForwardSession::attach(WebSocketConnection* connection,
                                                       SpdyPortForwardSession* session) {
    connection->setParent(session);
    // The tunnel is a byte stream: kubectl writes each piece of a frame as its own binary message.
    session->onSend = [connection](const QByteArray& bytes) { connection->sendBinary(bytes); };
    session->onCloseTransport = [connection] { connection->close(); };
    connect(connection, &WebSocketConnection::binaryMessageReceived, session,
            &SpdyPortForwardSession::receive);
    connect(connection, &WebSocketConnection::disconnected, session,
            &SpdyPortForwardSession::transportClosed);
    return session;
}

int SpdyPortForwardSession::activePairs() const {
    int count = 0;
    for (const auto& [id, pair] : m_pairs) {
        count += pair.started && !pair.finished ? 1 : 0;
    }
    return count;
}

void SpdyPortForwardSession::send(const QByteArray& bytes) {
    if (!m_ended && onSend) {
        onSend(bytes);
    }
}

void SpdyPortForwardSession::receive(const QByteArray& bytes) {
    if (m_ended) {
        return;
    }
    m_parser.feed(bytes);
    while (!m_ended && !m_closing) {
        const auto frame = m_parser.next();
        if (!frame) {
            break;
        }
        handle(*frame);
    }
    if (!m_parser.error().isEmpty()) {
        closeConnection(spdy::goAwayProtocolError);
    }
}

void SpdyPortForwardSession::handle(const spdy::Frame& frame) {
    switch (frame.type) {
    case spdy::FrameType::SynStream:
        onSynStream(frame);
        break;
    case spdy::FrameType::Data:
        onData(frame);
        break;
    case spdy::FrameType::RstStream:
        onReset(frame.streamId);
        break;
    case spdy::FrameType::Ping:
        if (frame.value & 1) { // the client's pings are odd; even ones would answer ours, and we send none
            send(m_writer.ping(frame.value));
        }
        break;
    case spdy::FrameType::GoAway:
        closeConnection(spdy::goAwayOk);
        break;
    default:
        break; // SETTINGS, WINDOW_UPDATE, HEADERS and unknown types change nothing here
    }
}

void SpdyPortForwardSession::onSynStream(const spdy::Frame& frame) {
    // Client streams are odd and increasing (spdystream's validateStreamId).
    if (frame.streamId % 2 == 0 || frame.streamId <= m_lastStreamId) {
        send(m_writer.rstStream(frame.streamId, spdy::rstProtocolError));
        return;
    }
    m_lastStreamId = frame.streamId;
    const QByteArray portText = spdy::headerValue(frame.headers, portHeader);
    const QByteArray type = spdy::headerValue(frame.headers, streamTypeHeader);
    bool portOk = false;
    const uint port = portText.toUInt(&portOk);
    const bool isData = type == streamTypeData;
    if (!portOk || port < 1 || port > 65535 || (!isData && type != streamTypeError)) {
        send(m_writer.rstStream(frame.streamId, spdy::rstCancel)); // the kubelet rejects it: Reset()
        return;
    }
    send(m_writer.synReply(frame.streamId));

    QByteArray requestId = spdy::headerValue(frame.headers, requestIdHeader);
    if (requestId.isEmpty()) {
        // Old clients: an error stream and its data stream have consecutive odd ids (the kubelet's guess).
        requestId = QByteArray::number(isData ? frame.streamId - 2 : frame.streamId);
    }
    m_streams[frame.streamId] = StreamRef{requestId, isData};
    Pair& pair = m_pairs[requestId];
    quint32& slot = isData ? pair.dataStream : pair.errorStream;
    if (slot != 0) {
        const QByteArray message = "error processing stream for request " + requestId + ": " +
                                   (isData ? "data" : "error") + " stream already assigned";
        if (pair.errorStream != 0 && !pair.finished) {
            send(m_writer.data(pair.errorStream, message));
        }
        return;
    }
    slot = frame.streamId;
    if (isData) {
        pair.port = quint16(port);
        pair.dataRemoteDone = frame.fin();
    } else {
        pair.errorRemoteDone = frame.fin();
    }
    if (pair.errorStream != 0 && pair.dataStream != 0) {
        startPair(requestId);
    }
}

void SpdyPortForwardSession::startPair(const QByteArray& requestId) {
    Pair& pair = m_pairs[requestId];
    pair.started = true;
    const PortForwardSession::Target target = m_resolve(pair.port);
    if (!target.service) {
        finishPair(pair, target.refusal.toUtf8());
        return;
    }
    pair.responder = std::make_unique<PortResponder>(*target.service, m_podName, m_namespaceName, pair.port);
    const quint32 dataStream = pair.dataStream;
    pair.responder->onData = [this, dataStream](const QByteArray& bytes) {
        send(m_writer.data(dataStream, bytes));
    };
    pair.responder->onClosed = [this, requestId] {
        if (const auto found = m_pairs.find(requestId); found != m_pairs.end()) {
            finishPair(found->second);
        }
    };
    if (!pair.pending.isEmpty()) {
        pair.responder->receive(std::exchange(pair.pending, {}));
    }
    if (pair.dataRemoteDone) {
        finishPair(pair);
    }
}

void SpdyPortForwardSession::finishPair(Pair& pair, const QByteArray& errorMessage) {
    if (pair.finished) {
        return;
    }
    pair.finished = true;
    // As the kubelet: the error (if any), then FIN on the error stream, then on the data stream. The
    // responder itself goes with the pair, never from inside one of its own callbacks.
    send(m_writer.data(pair.errorStream, errorMessage, true));
    send(m_writer.data(pair.dataStream, {}, true));
}

void SpdyPortForwardSession::onData(const spdy::Frame& frame) {
    const auto ref = m_streams.find(frame.streamId);
    if (ref == m_streams.end()) {
        return; // a stream already gone, or never opened: spdystream drops such frames too
    }
    const QByteArray requestId = ref->second.requestId;
    const bool isData = ref->second.isData;
    const auto found = m_pairs.find(requestId);
    if (found == m_pairs.end()) {
        return;
    }
    Pair& pair = found->second;
    if (!isData) {
        pair.errorRemoteDone = pair.errorRemoteDone || frame.fin(); // the client writes nothing there
        forgetIfDone(requestId);
        return;
    }
    if (!pair.finished && !frame.data.isEmpty()) {
        if (pair.responder) {
            pair.responder->receive(frame.data);
        } else if (!pair.started) {
            pair.pending += frame.data;
        }
    }
    if (frame.fin()) {
        // The local connection stopped sending. The responders answer at once, so all there is to send
        // has been sent: the pod's side ends too, as containerd's copy does.
        pair.dataRemoteDone = true;
        if (pair.started) {
            finishPair(pair);
        }
    }
    forgetIfDone(requestId);
}

void SpdyPortForwardSession::onReset(quint32 streamId) {
    const auto ref = m_streams.find(streamId);
    if (ref == m_streams.end()) {
        return;
    }
    const QByteArray requestId = ref->second.requestId;
    const bool isData = ref->second.isData;
    const auto found = m_pairs.find(requestId);
    if (found != m_pairs.end()) {
        Pair& pair = found->second;
        (isData ? pair.dataRemoteDone : pair.errorRemoteDone) = true;
        if (isData && pair.started && !pair.finished) {
            // kubectl gave up on the connection: the pod's side goes, the error stream ends.
            pair.finished = true;
            send(m_writer.data(pair.errorStream, {}, true));
        }
        forgetIfDone(requestId);
    }
}

void SpdyPortForwardSession::forgetIfDone(const QByteArray& requestId) {
    const auto found = m_pairs.find(requestId);
    if (found == m_pairs.end()) {
        return;
    }
    const Pair& pair = found->second;
    if (!pair.finished || !pair.errorRemoteDone || !pair.dataRemoteDone) {
        return;
    }
    m_streams.erase(pair.errorStream);
    m_streams.erase(pair.dataStream);
    m_pairs.erase(found);
}

void SpdyPortForwardSession::closeConnection(quint32 status) {
    if (m_closing || m_ended) {
        return;
    }
    m_closing = true;
    send(m_writer.goAway(m_lastStreamId, status));
    if (onCloseTransport) {
        onCloseTransport();
    }
}

void SpdyPortForwardSession::podStopped() {
    for (auto& [id, pair] : m_pairs) {
        if (pair.started) {
            finishPair(pair);
        }
    }
    closeConnection(spdy::goAwayOk);
}

void SpdyPortForwardSession::transportClosed() {
    if (m_ended) {
        return;
    }
    m_ended = true;
    m_pairs.clear(); // the pod side of every connection goes with it
    m_streams.clear();
    Q_EMIT ended();
    deleteLater();
}

} // namespace binnacle::sim
