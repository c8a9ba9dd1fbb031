// The pod status the simulated kubelet reports, shaped like a v1.32 kubelet's.
#include "controllerutil.h"
#include "kubelet.h"

namespace binnacle::sim {

namespace {

// "nginx" -> "docker.io/library/nginx:latest", as the container runtime reports images.
QString normalizedImage(const QString& image) {
    QString result = image;
    const QString first = image.section(QLatin1Char('/'), 0, 0);
    const bool hasRegistry = image.contains(QLatin1Char('/')) &&
                             (first.contains(QLatin1Char('.')) || first.contains(QLatin1Char(':')) ||
                              first == QLatin1String("localhost"));
    if (!image.contains(QLatin1Char('/'))) {
        result = QStringLiteral("docker.io/library/") + image;
    } else if (!hasRegistry) {
        result = QStringLiteral("docker.io/") + image;
    }
    const QString last = result.section(QLatin1Char('/'), -1);
    if (!last.contains(QLatin1Char(':')) && !last.contains(QLatin1Char('@'))) {
        result += QStringLiteral(":latest");
    }
    return result;
}

QString imageId(const QString& image) {
    const QString repository = normalizedImage(image).section(QLatin1Char(':'), 0, -2);
    QString digest;
    quint32 seed = objects::fnv32a(image.toUtf8());
    for (int i = 0; i < 8; ++i) {
        seed = objects::fnv32a(QByteArray::number(seed));
        digest += QStringLiteral("%1").arg(seed, 8, 16, QLatin1Char('0'));
    }
    return repository + QStringLiteral("@sha256:") + digest;
}

QString qosClass(const QJsonObject& spec) {
    bool anyResources = false;
    bool guaranteed = true;
    for (const QJsonValue& value : spec.value(QLatin1String("containers")).toArray()) {
        const QJsonObject resources = value.toObject().value(QLatin1String("resources")).toObject();
        const QJsonObject limits = resources.value(QLatin1String("limits")).toObject();
        QJsonObject requests = resources.value(QLatin1String("requests")).toObject();
        anyResources = anyResources || !limits.isEmpty() || !requests.isEmpty();
        for (const char* resource : {"cpu", "memory"}) {
            const QJsonValue limit = limits.value(QLatin1String(resource));
            const QJsonValue request = requests.value(QLatin1String(resource));
            guaranteed = guaranteed && !limit.isUndefined() && (request.isUndefined() || request == limit);
        }
    }
    if (!anyResources) {
        return QStringLiteral("BestEffort");
    }
    return guaranteed ? QStringLiteral("Guaranteed") : QStringLiteral("Burstable");
}

QJsonObject podCondition(const QString& type, bool status, const QString& reason, const QString& message,
                         const QString& now) {
    QJsonObject condition{
        {QStringLiteral("type"), type},
        {QStringLiteral("status"), status ? QStringLiteral("True") : QStringLiteral("False")},
        {QStringLiteral("lastProbeTime"), QJsonValue::Null},
        {QStringLiteral("lastTransitionTime"), now},
    };
    if (!reason.isEmpty()) {
        condition.insert(QStringLiteral("reason"), reason);
    }
    if (!message.isEmpty()) {
        condition.insert(QStringLiteral("message"), message);
    }
    return condition;
}

} // namespace

void Kubelet::writeStatus(const QJsonObject& pod, const PodRuntime& runtime, View view) {
    const QJsonObject status = buildStatus(pod, runtime, view);
    if (status == pod.value(QLatin1String("status")).toObject()) {
        return;
    }
    QJsonObject updated = pod;
    updated.insert(QStringLiteral("status"), status);
    m_context->storage()->update(
        m_pods, runtime.namespaceName, runtime.name, updated,
        ControllerContext::writeOptions(QStringLiteral("kubelet"), QStringLiteral("status")));
}

QJsonObject Kubelet::buildStatus(const QJsonObject& pod, const PodRuntime& runtime, View view) const {
    const QString now = objects::timestamp(m_context->now());
    const QJsonObject spec = pod.value(QLatin1String("spec")).toObject();
    const QJsonArray initContainers = spec.value(QLatin1String("initContainers")).toArray();
    const bool finished = view == View::Succeeded || view == View::Failed;

    QJsonArray containerStatuses;
    QStringList unready;
    for (const QJsonValue& value : spec.value(QLatin1String("containers")).toArray()) {
        const QJsonObject container = value.toObject();
        const QString name = container.value(QLatin1String("name")).toString();
        const QString image = container.value(QLatin1String("image")).toString();
        const bool crashing = crashes(pod, container);
        const QString containerId = runtime.containerIds.value(name);
        QJsonObject state;
        QJsonObject lastState;
        bool ready = false;
        if (view == View::Creating) {
            state.insert(QStringLiteral("waiting"),
                         QJsonObject{{QStringLiteral("reason"), initContainers.isEmpty()
                                                                    ? QStringLiteral("ContainerCreating")
                                                                    : QStringLiteral("PodInitializing")}});
        } else if (finished) {
            const bool failed = view == View::Failed;
            state.insert(QStringLiteral("terminated"),
                         QJsonObject{{QStringLiteral("exitCode"), failed ? 1 : 0},
                                     {QStringLiteral("reason"),
                                      failed ? QStringLiteral("Error") : QStringLiteral("Completed")},
                                     {QStringLiteral("startedAt"), runtime.runningSince},
                                     {QStringLiteral("finishedAt"), runtime.finishedAt},
                                     {QStringLiteral("containerID"), containerId}});
        } else if (view == View::BackOff && crashing) {
            const int backOffSeconds = std::min(10 << std::min(runtime.restarts - 1, 10), 300);
            state.insert(
                QStringLiteral("waiting"),
                QJsonObject{{QStringLiteral("reason"), QStringLiteral("CrashLoopBackOff")},
                            {QStringLiteral("message"),
                             QStringLiteral("back-off %1 restarting failed container=%2 pod=%3_%4(%5)")
                                 .arg(backOffSeconds >= 60 ? QStringLiteral("%1m0s").arg(backOffSeconds / 60)
                                                           : QStringLiteral("%1s").arg(backOffSeconds),
                                      name, runtime.name, runtime.namespaceName, runtime.uid)}});
        } else {
            state.insert(QStringLiteral("running"),
                         QJsonObject{{QStringLiteral("startedAt"), runtime.runningSince}});
            ready = true;
        }
        if (crashing && runtime.restarts > 0) {
            QJsonObject terminated = runtime.lastTerminated;
            terminated.insert(QStringLiteral("containerID"), containerId);
            lastState.insert(QStringLiteral("terminated"), terminated);
        }
        QJsonObject containerStatus{
            {QStringLiteral("name"), name},
            {QStringLiteral("image"), normalizedImage(image)},
            {QStringLiteral("imageID"), view == View::Creating ? QString() : imageId(image)},
            {QStringLiteral("ready"), ready},
            {QStringLiteral("started"), ready},
            {QStringLiteral("restartCount"), crashing ? runtime.restarts : 0},
            {QStringLiteral("state"), state},
            {QStringLiteral("lastState"), lastState},
        };
        if (!containerId.isEmpty() && view != View::Creating) {
            containerStatus.insert(QStringLiteral("containerID"), containerId);
        }
        containerStatuses.append(containerStatus);
        if (!ready) {
            unready.append(name);
        }
    }

    QJsonArray initStatuses;
    QStringList uninitialized;
    for (const QJsonValue& value : initContainers) {
        const QJsonObject container = value.toObject();
        const QString name = container.value(QLatin1String("name")).toString();
        const QString image = container.value(QLatin1String("image")).toString();
        const bool done = view != View::Creating;
        QJsonObject state;
        if (done) {
            state.insert(QStringLiteral("terminated"),
                         QJsonObject{{QStringLiteral("exitCode"), 0},
                                     {QStringLiteral("reason"), QStringLiteral("Completed")},
                                     {QStringLiteral("startedAt"), runtime.startTime},
                                     {QStringLiteral("finishedAt"), runtime.startTime}});
        } else {
            state.insert(QStringLiteral("waiting"),
                         QJsonObject{{QStringLiteral("reason"), QStringLiteral("PodInitializing")}});
            uninitialized.append(name);
        }
        initStatuses.append(QJsonObject{
            {QStringLiteral("name"), name},
            {QStringLiteral("image"), normalizedImage(image)},
            {QStringLiteral("imageID"), done ? imageId(image) : QString()},
            {QStringLiteral("ready"), done},
            {QStringLiteral("started"), false},
            {QStringLiteral("restartCount"), 0},
            {QStringLiteral("state"), state},
            {QStringLiteral("lastState"), QJsonObject()},
        });
    }

    QJsonObject status = pod.value(QLatin1String("status")).toObject();
    QJsonArray conditions = status.value(QLatin1String("conditions")).toArray();
    const QString unreadyMessage =
        QStringLiteral("containers with unready status: [%1]").arg(unready.join(QLatin1Char(' ')));
    objects::setCondition(conditions,
                          podCondition(QStringLiteral("PodReadyToStartContainers"),
                                       view != View::Creating && !finished, QString(), QString(), now));
    objects::setCondition(
        conditions,
        uninitialized.isEmpty()
            ? podCondition(QStringLiteral("Initialized"), true,
                           finished ? QStringLiteral("PodCompleted") : QString(), QString(), now)
            : podCondition(QStringLiteral("Initialized"), false, QStringLiteral("ContainersNotInitialized"),
                           QStringLiteral("containers with incomplete status: [%1]")
                               .arg(uninitialized.join(QLatin1Char(' '))),
                           now));
    for (const QString& type : {QStringLiteral("Ready"), QStringLiteral("ContainersReady")}) {
        if (finished) {
            objects::setCondition(conditions,
                                  podCondition(type, false, QStringLiteral("PodCompleted"), QString(), now));
        } else if (unready.isEmpty()) {
            objects::setCondition(conditions, podCondition(type, true, QString(), QString(), now));
        } else {
            objects::setCondition(conditions, podCondition(type, false, QStringLiteral("ContainersNotReady"),
                                                           unreadyMessage, now));
        }
    }
    objects::setCondition(conditions,
                          podCondition(QStringLiteral("PodScheduled"), true, QString(), QString(), now));
    // The kubelet's order: PodReadyToStartContainers, Initialized, Ready, ContainersReady, PodScheduled.
    QJsonArray ordered;
    for (const char* type :
         {"PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"}) {
        ordered.append(objects::findCondition(conditions, QLatin1String(type)));
    }

    status.insert(QStringLiteral("conditions"), ordered);
    status.insert(QStringLiteral("phase"), view == View::Creating    ? QStringLiteral("Pending")
                                           : view == View::Succeeded ? QStringLiteral("Succeeded")
                                           : view == View::Failed    ? QStringLiteral("Failed")
                                                                     : QStringLiteral("Running"));
    status.insert(QStringLiteral("containerStatuses"), containerStatuses);
    if (!initStatuses.isEmpty()) {
        status.insert(QStringLiteral("initContainerStatuses"), initStatuses);
    }
    if (!runtime.hostIp.isEmpty()) {
        status.insert(QStringLiteral("hostIP"), runtime.hostIp);
        status.insert(QStringLiteral("hostIPs"),
                      QJsonArray{QJsonObject{{QStringLiteral("ip"), runtime.hostIp}}});
    }
    if (!runtime.podIp.isEmpty()) {
        status.insert(QStringLiteral("podIP"), runtime.podIp);
        status.insert(QStringLiteral("podIPs"),
                      QJsonArray{QJsonObject{{QStringLiteral("ip"), runtime.podIp}}});
    }
    status.insert(QStringLiteral("startTime"), runtime.startTime);
    status.insert(QStringLiteral("qosClass"), qosClass(spec));
    return status;
}

} // namespace binnacle::sim
