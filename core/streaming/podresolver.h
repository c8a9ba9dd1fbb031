#pragma once

#include "apierror.h"

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <functional>
#include <optional>

namespace binnacle::transport {
class ClusterTransport;
}

namespace binnacle::streaming {

// What a forward points at: a pod, or a Service or workload with pods behind it.
struct ForwardTarget {
    enum class Kind { Pod, Service, Workload };
    Kind kind = Kind::Pod;
    QString namespaceName;
    QString name;
    // Workloads only: where the object lives, e.g. apps/v1 deployments, batch/v1 jobs.
    QString group = QStringLiteral("apps");
    QString version = QStringLiteral("v1");
    QString resource = QStringLiteral("deployments");

    static ForwardTarget pod(const QString& namespaceName, const QString& name);
    static ForwardTarget service(const QString& namespaceName, const QString& name);
    static ForwardTarget workload(const QString& namespaceName, const QString& group, const QString& resource,
                                  const QString& name);
    // "pod/web-1", "service/web", "deployment/web" — kubectl's form, for the UI.
    QString displayName() const;
};

// A pod to forward to and the pod ports the requested ports become.
struct ResolvedPod {
    QString podName;
    QList<quint16> podPorts; // same order as the requested ports
    std::optional<transport::ApiError> error;

    bool ok() const { return !error.has_value(); }
};

// Finds the pod behind a forward target, as kubectl port-forward does: a Service's selector or a
// workload's spec.selector lists the pods, a Ready one that is not being deleted is chosen (by name,
// so that the choice is stable; pods in `avoid` only when nothing else is Ready). A Service's ports
// are service ports, mapped through targetPort (a number, or a name looked up in the chosen pod's
// container ports); a workload's and a pod's ports are container ports as given.
//
// The transport may live on another thread: requests are sent there and answers come back here.
class PodResolver : public QObject {
    Q_OBJECT
public:
    using Callback = std::function<void(const ResolvedPod&)>;

    explicit PodResolver(transport::ClusterTransport* transport, QObject* parent = nullptr);

    // `done` runs once, never from inside resolve(), and not after `context` is destroyed.
    void resolve(const ForwardTarget& target, const QList<quint16>& ports, const QStringList& avoid,
                 QObject* context, Callback done);

    // The pure parts, for tests.
    static QString labelSelector(const QJsonObject& selector, bool isLabelSelectorObject);
    static bool isReady(const QJsonObject& pod);
    // The pod port a Service port leads to; nullopt when the Service has no such port or a named
    // targetPort is not among the pod's container ports.
    static std::optional<quint16> servicePortToPodPort(const QJsonObject& service, quint16 servicePort,
                                                       const QJsonObject& pod);

private:
    struct Run;
    void get(const QString& path, const QString& labelSelector,
             std::function<void(const QJsonObject&, const std::optional<transport::ApiError>&)> done);
    void listPods(const std::shared_ptr<Run>& run, const QString& selector);
    void choose(const std::shared_ptr<Run>& run, const QJsonObject& podList);
    void finish(const std::shared_ptr<Run>& run, ResolvedPod result);

    QPointer<transport::ClusterTransport> m_transport;
};

} // namespace binnacle::streaming
