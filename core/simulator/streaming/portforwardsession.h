#pragma once

#include "portresponder.h"

#include <QList>
#include <QObject>
#include <memory>
#include <optional>
#include <vector>

namespace binnacle::sim {

class WebSocketConnection;

// The kubelet's WebSocket port-forward protocol (pkg/kubelet/cri/streaming/portforward/websocket.go).
namespace portforward {
constexpr char v4Protocol[] = "v4.channel.k8s.io";
constexpr char v4Base64Protocol[] = "v4.base64.channel.k8s.io"; // text frames: '0'+channel, then base64
// The subprotocols served, best first; a client that offers none gets the binary framing too.
QList<QByteArray> supportedProtocols();
// The first bytes the server sends on both channels of a port: the port, uint16 little-endian.
QByteArray portPrefix(quint16 port);
} // namespace portforward

// One port-forward WebSocket: for the i-th requested port, channel 2i carries the data both ways and
// channel 2i+1 carries errors to the client. Each channel's first message is the port prefix. A port with
// a service gets one connection to a PortResponder; a port without gets its refusal on the error channel
// and its pair closes. When every pair has closed the WebSocket closes, as the kubelet's does. It deletes
// itself when the connection is gone.
class PortForwardSession : public QObject {
    Q_OBJECT

public:
    struct Target {
        quint16 port = 0;
        std::optional<PortResponder::Kind> service; // nullopt: nothing listens there
        QString refusal;                            // what the error channel says then
    };

    PortForwardSession(WebSocketConnection* connection, const QByteArray& protocol, QString podName,
                       QString namespaceName, const QList<Target>& targets, QObject* parent = nullptr);
    ~PortForwardSession() override;

    void start();
    // The pod went away: every open connection ends (the kubelet closes the streams), then the socket.
    void podStopped();

Q_SIGNALS:
    void ended();

private:
    struct Pair {
        Target target;
        std::unique_ptr<PortResponder> responder;
        bool open = false;
    };

    void send(int channel, const QByteArray& payload);
    void onMessage(int channel, const QByteArray& payload);
    void closePair(int index);

    WebSocketConnection* m_connection;
    bool m_base64;
    QString m_podName;
    QString m_namespaceName;
    std::vector<Pair> m_pairs;
    bool m_closing = false;
};

} // namespace binnacle::sim
