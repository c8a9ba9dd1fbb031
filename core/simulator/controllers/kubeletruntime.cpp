// The simulated kubelet's housekeeping: graceful termination, events, pod IPs and container IDs.
#include "controllerutil.h"
#include "eventrecorder.h"
#include "kubelet.h"

namespace binnacle::sim {

namespace {

constexpr int kMaxGraceMs = 2000; // graceful termination never takes longer than this

QJsonArray containersOf(const QJsonObject& pod) {
    return pod.value(QLatin1String("spec")).toObject().value(QLatin1String("containers")).toArray();
}

} // namespace

void Kubelet::handleDeletion(const QJsonObject& pod, PodRuntime& runtime) {
    const bool started = runtime.stage == Stage::Running || runtime.stage == Stage::BackOff;
    if (!runtime.terminating && started) {
        runtime.terminating = true;
        for (const QJsonValue& value : containersOf(pod)) {
            const QString containerName = value.toObject().value(QLatin1String("name")).toString();
            recordEvent(pod, runtime, false, QStringLiteral("Killing"),
                        QStringLiteral("Stopping container %1").arg(containerName), containerName);
        }
        const QJsonObject metadata = objects::metadata(pod);
        const qint64 grace = metadata.contains(QLatin1String("deletionGracePeriodSeconds"))
                                 ? metadata.value(QLatin1String("deletionGracePeriodSeconds")).toInteger()
                                 : pod.value(QLatin1String("spec"))
                                       .toObject()
                                       .value(QLatin1String("terminationGracePeriodSeconds"))
                                       .toInteger(30);
        wakeAfter(runtime, int(std::min<qint64>(grace * 1000, kMaxGraceMs)));
        return;
    }
    if (runtime.timerPending) {
        return;
    }
    if (!objects::metadata(pod).value(QLatin1String("finalizers")).toArray().isEmpty()) {
        // Someone else's finalizer holds the pod; look again later.
        wakeAfter(runtime, 2000);
        return;
    }
    m_context->storage()->purge(m_pods, runtime.namespaceName, runtime.name);
}

void Kubelet::recordEvent(const QJsonObject& pod, const PodRuntime& runtime, bool warning,
                          const QString& reason, const QString& message, const QString& container) {
    const QString fieldPath =
        container.isEmpty() ? QString() : QStringLiteral("spec.containers{%1}").arg(container);
    const EventRecorder::Source source{QStringLiteral("kubelet"), runtime.nodeName};
    m_context->events().record(pod, warning ? QStringLiteral("Warning") : QStringLiteral("Normal"), reason,
                               message, source, fieldPath);
}

QString Kubelet::allocatePodIp(const QJsonObject& node) {
    // Each node owns a /24 of 10.244.0.0/16: from its spec.podCIDR, or from its position among the nodes.
    QString prefix;
    const QString cidr =
        node.value(QLatin1String("spec")).toObject().value(QLatin1String("podCIDR")).toString();
    const QStringList octets = cidr.section(QLatin1Char('/'), 0, 0).split(QLatin1Char('.'));
    if (octets.size() == 4 && cidr.startsWith(QLatin1String("10.244."))) {
        prefix = octets.mid(0, 3).join(QLatin1Char('.'));
    } else {
        int index = 0;
        for (const ObjectPtr& other : m_context->storage()->list(m_nodes)) {
            if (other->name() == objects::name(node)) {
                break;
            }
            ++index;
        }
        prefix = QStringLiteral("10.244.%1").arg(index % 256);
    }
    const QString nodeName = objects::name(node);
    for (int attempt = 0; attempt < 253; ++attempt) {
        int& last = m_nextAddress[nodeName];
        last = last >= 254 ? 2 : std::max(last + 1, 2);
        const QString ip = prefix + QLatin1Char('.') + QString::number(last);
        if (!m_usedIps.contains(ip)) {
            m_usedIps.insert(ip);
            return ip;
        }
    }
    return prefix + QStringLiteral(".254");
}

QString Kubelet::newContainerId() {
    QString hex;
    for (int i = 0; i < 8; ++i) {
        hex += QStringLiteral("%1").arg(m_context->nextRandom(), 8, 16, QLatin1Char('0'));
    }
    return QStringLiteral("containerd://") + hex;
}

} // namespace binnacle::sim
