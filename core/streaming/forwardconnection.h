#pragma once

#include "apierror.h"
#include "websocketconnector.h"

#include <QObject>
#include <QPointer>
#include <optional>

class QTcpSocket;

namespace binnacle::streaming {

class PortForwardStream;

// One accepted local TCP connection and the WebSocket that carries it to a pod's port. The local
// socket is not read until the WebSocket is open, so that a refused upgrade can be tried again on
// another pod without losing a byte.
class ForwardConnection : public QObject {
    Q_OBJECT
public:
    ForwardConnection(QTcpSocket* client, int mappingIndex, WebSocketConnector* connector,
                      QObject* parent = nullptr);
    ~ForwardConnection() override;

    int mappingIndex() const { return m_mappingIndex; }
    const QString& podName() const { return m_podName; }
    // Opens the WebSocket to `podPort` of `podName` (again, after a refusal).
    void begin(const QString& namespaceName, const QString& podName, quint16 podPort);
    // Closes both ends.
    void close();

Q_SIGNALS:
    // Bytes moved: from the pod to the local client (in) and the other way (out).
    void transferred(qint64 bytesIn, qint64 bytesOut);
    // The upgrade was refused before anything moved: the caller may pick another pod and begin() again,
    // or close().
    void refused(const binnacle::transport::ApiError& error);
    // The pod's error channel spoke (e.g. nothing listens on that port in the pod).
    void remoteError(const QString& message);
    // Both ends are closed; emitted once, after which the object deletes itself later.
    void ended(const std::optional<binnacle::transport::ApiError>& error);

private:
    void pumpLocal();
    void end(const std::optional<transport::ApiError>& error);

    QTcpSocket* m_client;
    int m_mappingIndex;
    QPointer<WebSocketConnector> m_connector;
    PortForwardStream* m_stream = nullptr;
    QString m_podName;
    bool m_moved = false;
    bool m_ended = false;
};

} // namespace binnacle::streaming
