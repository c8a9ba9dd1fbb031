#pragma once

#include "apirequest.h"
#include "servercontext.h"

#include <QObject>
#include <optional>

namespace binnacle::sim {

// The checks the API server makes before it hands pods/exec, pods/attach or pods/portforward to the
// kubelet. Each sends the error itself and returns nothing when a check fails.
namespace podstream {
// GET or POST only; the create verb on the subresource (AuthorizePodWebsocketUpgradeCreatePermission); the
// pod.
ObjectPtr authorizeAndFindPod(const ServerContext& context, const ApiRequestPtr& request);

// The container a request names (or the only one), in the spec and in the status.
struct ContainerTarget {
    QString name;
    QJsonObject spec;
    QJsonObject status;
    bool running() const;
};
// The named container's status (containers, init and ephemeral containers), if the pod reports one.
std::optional<QJsonObject> resolveContainerStatus(const QJsonObject& pod, const QString& containerName);
// Resolves `container=` (init and ephemeral containers too), then checks that the pod has a node.
std::optional<ContainerTarget> resolveContainer(const ApiRequestPtr& request, const QJsonObject& pod);

// Sends the answer for a request that is not a usable WebSocket upgrade (plain GET, SPDY, bad handshake,
// no common subprotocol); returns the chosen subprotocol otherwise. `what` names the subresource in the
// SPDY message.
std::optional<QByteArray> negotiateWebSocket(const ApiRequestPtr& request, const QList<QByteArray>& supported,
                                             const QString& what, bool allowNoProtocol);
} // namespace podstream

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
