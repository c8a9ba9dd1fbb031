#pragma once

#include "apirequest.h"
#include "servercontext.h"

#include <QObject>

namespace binnacle::sim {

// pods/NAME/attach: the API server's checks (create on pods/attach, the pod, the container, a node), the
// kubelet's (the container runs), then a WebSocket (v5.channel.k8s.io or v4.channel.k8s.io) to the
// container's simulated main process (AttachSession): its log lines as they happen, stdin echoed back,
// resize, and a Success status when it exits, the container stops or the client detaches. As the kubelet
// does, the TTY and stdin follow the container's spec (`tty`, `stdin`), not the request.
class PodAttachHandler : public QObject {
    Q_OBJECT

public:
    PodAttachHandler(const ServerContext& context, QObject* parent = nullptr);
    void attach(const ApiRequestPtr& request);

private:
    const ServerContext& m_context;
};

} // namespace binnacle::sim
