#pragma once

#include "apirequest.h"
#include "servercontext.h"

#include <QObject>

namespace binnacle::sim {

// pods/NAME/exec: checks what the API server checks (the create verb on pods/exec, the pod, its
// container, that it runs), then upgrades to a WebSocket (v5.channel.k8s.io or v4.channel.k8s.io)
// and runs the command in a simulated container (binnacle_sim_streaming). SPDY is not served: a
// SPDY upgrade that passes the checks gets 400, so clients see the same errors either way.
class PodExecHandler : public QObject {
    Q_OBJECT
public:
    PodExecHandler(const ServerContext& context, QObject* parent = nullptr);
    void exec(const ApiRequestPtr& request);

private:
    const ServerContext& m_context;
};

} // namespace binnacle::sim
