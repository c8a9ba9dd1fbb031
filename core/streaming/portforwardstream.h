#pragma once

#include "websocketconnector.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <optional>

class QWebSocket;

namespace binnacle::streaming {

// One port-forward WebSocket to a pod (wire spec §9.3, the kubelet's v4.channel.k8s.io handler that
// the API server passes through): `GET .../pods/NAME/portforward?ports=A&ports=B`; the i-th port has
// data channel 2i and error channel 2i+1; the server's first message on each of them starts with the
// port as 2 bytes little-endian, which is checked and stripped; the client sends raw bytes on 2i with
// no prefix. One WebSocket carries one TCP connection per port. (client-go's own WebSocket
// port-forward tunnels SPDY inside the WebSocket, SPDY/3.1+portforward.k8s.io; not spoken here.)
class PortForwardStream : public QObject {
    Q_OBJECT
public:
    enum class State { Idle, Connecting, Open, Closed };
    Q_ENUM(State)

    explicit PortForwardStream(WebSocketConnector* connector, QObject* parent = nullptr);
    ~PortForwardStream() override;

    static WebSocketRequest requestFor(const QString& namespaceName, const QString& podName,
                                       const QList<quint16>& ports);

    void open(const QString& namespaceName, const QString& podName, const QList<quint16>& ports);
    // Bytes for the pod's port at `portIndex`; kept until the stream is open.
    void write(int portIndex, const QByteArray& data);
    // Closes the WebSocket; closed() follows.
    void close();

    State state() const { return m_state; }
    const QList<quint16>& ports() const { return m_ports; }

Q_SIGNALS:
    void opened();
    void dataReceived(int portIndex, const QByteArray& data);
    // The server's error channel for that port (e.g. "error forwarding port 80 to pod ...: connection
    // refused"): that port's connection failed.
    void portError(int portIndex, const QString& message);
    // The end: no error for a close asked for here or a clean close by the server; else the refused
    // upgrade (a Status error) or the broken connection.
    void closed(const std::optional<binnacle::transport::ApiError>& error);

private:
    void onConnected(WebSocketConnection connection);
    void onMessage(const QByteArray& message);
    void finish(std::optional<transport::ApiError> error);

    QPointer<WebSocketConnector> m_connector;
    QList<quint16> m_ports;
    QList<bool> m_prefixSeen; // per channel
    QList<QByteArray> m_pending;
    State m_state = State::Idle;
    QWebSocket* m_socket = nullptr;
    bool m_closeAsked = false;
    std::optional<transport::ApiError> m_protocolError;
};

} // namespace binnacle::streaming
