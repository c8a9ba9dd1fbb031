#pragma once

#include "portforwardsession.h"
#include "spdyframes.h"

#include <QObject>
#include <functional>
#include <map>
#include <memory>

class QAbstractSocket;

namespace binnacle::sim {

class WebSocketConnection;

namespace spdy {
constexpr char portForwardProtocol[] = "portforward.k8s.io";     // X-Stream-Protocol-Version
constexpr char tunnelProtocol[] = "SPDY/3.1+portforward.k8s.io"; // SPDY inside WebSocket
constexpr char upgradeToken[] = "SPDY/3.1";                      // Upgrade: for plain SPDY
} // namespace spdy

// The kubelet's SPDY port-forward (pkg/kubelet/cri/streaming/portforward/httpstream.go) over one
// connection, as kubectl speaks it: per forwarded local connection the client opens an error stream and
// then a data stream (SYN_STREAM headers `streamtype`, `port`, `requestid`), each answered by an empty
// SYN_REPLY. A complete pair gets one connection to the port's PortResponder; a port nothing listens on
// gets the refusal on its error stream. Either way the pair ends with FIN on the error stream, then on the
// data stream, which kubectl takes as the end of that connection. The client's PINGs are echoed; its
// GOAWAY, a malformed frame or the pod going away end the connection. No flow control: spdystream sends no
// WINDOW_UPDATE and needs none.
//
// The transport is given as two callbacks (bytes out, close) and receive()/transportClosed(); attach()
// wires them to a plain upgraded socket or to the WebSocket tunnel, whose binary messages carry the bytes.
class SpdyPortForwardSession : public QObject {
    Q_OBJECT

public:
    using Resolver = std::function<PortForwardSession::Target(quint16 port)>;

    SpdyPortForwardSession(QString podName, QString namespaceName, Resolver resolve,
                           QObject* parent = nullptr);
    ~SpdyPortForwardSession() override;

    // The session owns the transport from here on, and deletes itself once it is gone.
    static SpdyPortForwardSession* attach(QAbstractSocket* socket, const QByteArray& alreadyRead,
                                          SpdyPortForwardSession* session);
    static SpdyPortForwardSession* attach(WebSocketConnection* connection, SpdyPortForwardSession* session);

    std::function<void(const QByteArray&)> onSend;
    std::function<void()> onCloseTransport;

    void receive(const QByteArray& bytes);
    void transportClosed();
    // The pod went away: every open pair ends, then the connection (GOAWAY).
    void podStopped();

    int activePairs() const;

Q_SIGNALS:
    void ended();

private:
    struct Pair {
        quint16 port = 0;
        quint32 errorStream = 0;
        quint32 dataStream = 0;
        bool errorRemoteDone = false; // the client sent FIN or RST on it
        bool dataRemoteDone = false;
        bool started = false;
        bool finished = false;
        QByteArray pending; // data that came before the pair was complete
        std::unique_ptr<PortResponder> responder;
    };
    struct StreamRef {
        QByteArray requestId;
        bool isData = false;
    };

    void handle(const spdy::Frame& frame);
    void onSynStream(const spdy::Frame& frame);
    void onData(const spdy::Frame& frame);
    void onReset(quint32 streamId);
    void startPair(const QByteArray& requestId);
    void finishPair(Pair& pair, const QByteArray& errorMessage = {});
    void forgetIfDone(const QByteArray& requestId);
    void send(const QByteArray& bytes);
    void closeConnection(quint32 status);

    QString m_podName;
    QString m_namespaceName;
    Resolver m_resolve;
    spdy::FrameParser m_parser;
    spdy::FrameWriter m_writer;
    std::map<QByteArray, Pair> m_pairs;
    std::map<quint32, StreamRef> m_streams;
    quint32 m_lastStreamId = 0;
    bool m_closing = false;
    bool m_ended = false;
};

} // namespace binnacle::sim
