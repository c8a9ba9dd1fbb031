#pragma once

#include "apirequest.h"
#include "servercontext.h"

#include <QObject>

namespace binnacle::sim {

// pods/NAME/portforward?ports=P&ports=Q: the API server's checks (create on pods/portforward, the pod, a
// node), the kubelet's (the pod is there and not finished, `ports` parses), then the kubelet's WebSocket
// protocol (v4.channel.k8s.io, v4.base64.channel.k8s.io, or no subprotocol): per port a data and an error
// channel, each opened with the port as uint16 little-endian. Ports the pod declares on a running container
// get an echo service or, when they look like HTTP, a small web page (PortResponder); other ports get the
// runtime's "connection refused" on their error channel. kubectl's SPDY/3.1 is served too, tunnelled in
// WebSocket (SPDY/3.1+portforward.k8s.io) or as a plain upgrade (X-Stream-Protocol-Version:
// portforward.k8s.io), by SpdyPortForwardSession with the same responders; its ports come in stream headers.
class PodPortForwardHandler : public QObject {
    Q_OBJECT

public:
    PodPortForwardHandler(const ServerContext& context, QObject* parent = nullptr);
    void portForward(const ApiRequestPtr& request);

    // What the kubelet writes on a port's error channel when nothing listens on it in the pod.
    static QString refusalMessage(quint16 port, const QString& podUid);

private:
    const ServerContext& m_context;
};

} // namespace binnacle::sim
