#include "kubelet.h"

#include "controllerutil.h"
#include "eventrecorder.h"
#include "nodeutil.h"

#include <algorithm>

namespace binnacle::sim {

namespace {

const QString kBehavior = QStringLiteral("sim.binnacle.io/behavior");
const QString kRunSeconds = QStringLiteral("sim.binnacle.io/run-seconds");
constexpr int kCreateMs = 1500;       // sandbox and image pull
constexpr int kCrashAfterMs = 1000;   // a crash-looping container dies this soon after starting
constexpr int kBackOffBaseMs = 10000; // kubelet's crash back-off: 10 s doubling up to 5 min
constexpr int kBackOffMaxMs = 300000;

QJsonArray containersOf(const QJsonObject& pod) {
    return pod.value(QLatin1String("spec")).toObject().value(QLatin1String("containers")).toArray();
}

QString imageSize(const QString& image) {
    return QString::number(5000000 + objects::fnv32a(image.toUtf8()) % 90000000);
}

} // namespace

Kubelet::Kubelet(ControllerContext* context, QObject* parent)
    : Controller(context, parent)
    , m_pods(context->type(QString(), QStringLiteral("pods")))
    , m_nodes(context->type(QString(), QStringLiteral("nodes"))) {
    setResyncInterval(10000);
}

void Kubelet::observe(const WatchEvent& event) {
    if (event.typeKey != m_pods.key()) {
        return;
    }
    if (event.type == WatchEvent::Type::Deleted) {
        const QString uid = objects::uid(event.object->object);
        const auto runtime = m_runtimes.constFind(uid);
        if (runtime != m_runtimes.cend()) {
            m_usedIps.remove(runtime->podIp);
            m_runtimes.erase(runtime);
        }
        return;
    }
    const QJsonObject& pod = event.object->object;
    if (!pod.value(QLatin1String("spec")).toObject().value(QLatin1String("nodeName")).toString().isEmpty()) {
        enqueue(event.namespaceName, event.object->name());
    }
}

void Kubelet::resync() {
    for (const ObjectPtr& pod : m_context->storage()->list(m_pods)) {
        if (!pod->object.value(QLatin1String("spec"))
                 .toObject()
                 .value(QLatin1String("nodeName"))
                 .toString()
                 .isEmpty()) {
            enqueue(pod->namespaceName(), pod->name());
        }
    }
}

bool Kubelet::crashes(const QJsonObject& pod, const QJsonObject& container) {
    return objects::annotation(pod, kBehavior) == QLatin1String("crashloop") ||
           container.value(QLatin1String("image")).toString().contains(QLatin1String("crashloop"));
}

bool Kubelet::completes(const QJsonObject& pod) {
    const QString behavior = objects::annotation(pod, kBehavior);
    if (behavior == QLatin1String("complete") || behavior == QLatin1String("fail")) {
        return true;
    }
    const QString restartPolicy =
        pod.value(QLatin1String("spec")).toObject().value(QLatin1String("restartPolicy")).toString();
    if (restartPolicy == QLatin1String("Always") || restartPolicy.isEmpty()) {
        return false;
    }
    // Pods of Jobs (and any Never/OnFailure pod told how long to run) run to completion.
    for (const QJsonValue& owner : objects::metadata(pod).value(QLatin1String("ownerReferences")).toArray()) {
        if (owner.toObject().value(QLatin1String("kind")).toString() == QLatin1String("Job")) {
            return true;
        }
    }
    return !objects::annotation(pod, kRunSeconds).isEmpty();
}

Kubelet::PodRuntime& Kubelet::runtimeFor(const QJsonObject& pod, const QJsonObject& node) {
    const QString uid = objects::uid(pod);
    auto found = m_runtimes.find(uid);
    if (found != m_runtimes.end()) {
        return *found;
    }
    PodRuntime runtime;
    runtime.uid = uid;
    runtime.namespaceName = objects::namespaceName(pod);
    runtime.name = objects::name(pod);
    runtime.nodeName = objects::name(node);
    runtime.hostIp = nodes::internalIp(node);
    // A pod already running when the simulator started (seeded state) carries on from its status.
    const QJsonObject status = pod.value(QLatin1String("status")).toObject();
    const QString phase = status.value(QLatin1String("phase")).toString();
    if (phase == QLatin1String("Running")) {
        runtime.stage = Stage::Running;
        runtime.podIp = status.value(QLatin1String("podIP")).toString();
        runtime.startTime = status.value(QLatin1String("startTime")).toString();
        runtime.restarts = objects::podRestarts(pod);
        m_usedIps.insert(runtime.podIp);
    } else if (phase == QLatin1String("Succeeded") || phase == QLatin1String("Failed")) {
        runtime.stage = Stage::Done;
    }
    return *m_runtimes.insert(uid, runtime);
}

void Kubelet::wakeAfter(PodRuntime& runtime, int simulatedMs) {
    const quint64 token = ++runtime.timerToken;
    runtime.timerPending = true;
    QTimer::singleShot(m_context->scaled(simulatedMs), this, [this, uid = runtime.uid, token] {
        const auto found = m_runtimes.find(uid);
        // A newer wake-up (or the pod's end) supersedes this one.
        if (found != m_runtimes.end() && found->timerToken == token) {
            found->timerPending = false;
            enqueue(found->namespaceName, found->name);
        }
    });
}

void Kubelet::scheduleRunningWork(const QJsonObject& pod, PodRuntime& runtime) {
    bool anyCrashing = false;
    for (const QJsonValue& container : containersOf(pod)) {
        anyCrashing = anyCrashing || crashes(pod, container.toObject());
    }
    if (anyCrashing) {
        wakeAfter(runtime, kCrashAfterMs);
    } else if (completes(pod)) {
        const double seconds = objects::annotation(pod, kRunSeconds).toDouble();
        wakeAfter(runtime, seconds > 0 ? int(seconds * 1000) : 3000);
    }
}

void Kubelet::reconcile(const QString& namespaceName, const QString& name) {
    const ObjectPtr stored = m_context->storage()->get(m_pods, namespaceName, name);
    if (!stored) {
        return;
    }
    const QJsonObject& pod = stored->object;
    const QString nodeName =
        pod.value(QLatin1String("spec")).toObject().value(QLatin1String("nodeName")).toString();
    const ObjectPtr node =
        nodeName.isEmpty() ? nullptr : m_context->storage()->get(m_nodes, QString(), nodeName);
    if (!node) {
        // No kubelet runs there: a deleted pod goes at once, as the apiserver does for unbound pods.
        if (objects::isDeleting(pod) &&
            objects::metadata(pod).value(QLatin1String("finalizers")).toArray().isEmpty()) {
            m_context->storage()->purge(m_pods, namespaceName, name);
        }
        return;
    }
    PodRuntime& runtime = runtimeFor(pod, node->object);
    if (objects::isDeleting(pod)) {
        handleDeletion(pod, runtime);
        return;
    }
    if (runtime.timerPending) {
        return;
    }
    switch (runtime.stage) {
    case Stage::New: {
        runtime.startTime = objects::timestamp(m_context->now());
        runtime.stage = Stage::Creating;
        writeStatus(pod, runtime, View::Creating);
        const QSet<QString> present = m_pulledImages.value(runtime.nodeName);
        for (const QJsonValue& value : containersOf(pod)) {
            const QJsonObject container = value.toObject();
            const QString image = container.value(QLatin1String("image")).toString();
            if (!present.contains(image)) {
                recordEvent(pod, runtime, false, QStringLiteral("Pulling"),
                            QStringLiteral("Pulling image \"%1\"").arg(image),
                            container.value(QLatin1String("name")).toString());
            }
        }
        wakeAfter(runtime, kCreateMs);
        break;
    }
    case Stage::Creating:
        startContainers(pod, runtime, false);
        break;
    case Stage::BackOff:
        startContainers(pod, runtime, true);
        break;
    case Stage::Running: {
        if (runtime.runningSince.isEmpty()) {
            // A pod found running at start-up: carry on from now.
            runtime.runningSince = objects::timestamp(m_context->now());
            scheduleRunningWork(pod, runtime);
            break;
        }
        bool anyCrashing = false;
        for (const QJsonValue& container : containersOf(pod)) {
            anyCrashing = anyCrashing || crashes(pod, container.toObject());
        }
        if (anyCrashing) {
            crash(pod, runtime);
        } else if (completes(pod)) {
            finish(pod, runtime, objects::annotation(pod, kBehavior) != QLatin1String("fail"));
        }
        break;
    }
    case Stage::Done:
        break;
    }
}

void Kubelet::startContainers(const QJsonObject& pod, PodRuntime& runtime, bool restart) {
    if (runtime.podIp.isEmpty()) {
        const ObjectPtr node = m_context->storage()->get(m_nodes, QString(), runtime.nodeName);
        runtime.podIp = allocatePodIp(node ? node->object : QJsonObject());
    }
    QSet<QString>& present = m_pulledImages[runtime.nodeName];
    for (const QJsonValue& value : containersOf(pod)) {
        const QJsonObject container = value.toObject();
        const QString containerName = container.value(QLatin1String("name")).toString();
        const QString image = container.value(QLatin1String("image")).toString();
        const bool crashing = crashes(pod, container);
        if (restart && !crashing) {
            continue; // only the crashed containers start again
        }
        if (present.contains(image)) {
            recordEvent(pod, runtime, false, QStringLiteral("Pulled"),
                        QStringLiteral("Container image \"%1\" already present on machine").arg(image),
                        containerName);
        } else {
            present.insert(image);
            const double seconds = 0.5 + (objects::fnv32a(image.toUtf8()) % 4000) / 1000.0;
            recordEvent(
                pod, runtime, false, QStringLiteral("Pulled"),
                QStringLiteral(
                    "Successfully pulled image \"%1\" in %2s (%2s including waiting). Image size: %3 bytes.")
                    .arg(image, QString::number(seconds, 'f', 3), imageSize(image)),
                containerName);
        }
        runtime.containerIds.insert(containerName, newContainerId());
        recordEvent(pod, runtime, false, QStringLiteral("Created"),
                    QStringLiteral("Created container: %1").arg(containerName), containerName);
        recordEvent(pod, runtime, false, QStringLiteral("Started"),
                    QStringLiteral("Started container %1").arg(containerName), containerName);
    }
    runtime.runningSince = objects::timestamp(m_context->now());
    runtime.stage = Stage::Running;
    writeStatus(pod, runtime, View::Running);
    scheduleRunningWork(pod, runtime);
}

void Kubelet::crash(const QJsonObject& pod, PodRuntime& runtime) {
    const QString now = objects::timestamp(m_context->now());
    runtime.lastTerminated = QJsonObject{
        {QStringLiteral("exitCode"), 1},
        {QStringLiteral("reason"), QStringLiteral("Error")},
        {QStringLiteral("startedAt"), runtime.runningSince},
        {QStringLiteral("finishedAt"), now},
    };
    const QString restartPolicy =
        pod.value(QLatin1String("spec")).toObject().value(QLatin1String("restartPolicy")).toString();
    if (restartPolicy == QLatin1String("Never")) {
        runtime.finishedAt = now;
        finish(pod, runtime, false);
        return;
    }
    ++runtime.restarts;
    runtime.stage = Stage::BackOff;
    writeStatus(pod, runtime, View::BackOff);
    for (const QJsonValue& value : containersOf(pod)) {
        const QJsonObject container = value.toObject();
        if (crashes(pod, container)) {
            const QString containerName = container.value(QLatin1String("name")).toString();
            recordEvent(pod, runtime, true, QStringLiteral("BackOff"),
                        QStringLiteral("Back-off restarting failed container %1 in pod %2_%3(%4)")
                            .arg(containerName, runtime.name, runtime.namespaceName, objects::uid(pod)),
                        containerName);
        }
    }
    const int exponent = std::min(runtime.restarts - 1, 10);
    wakeAfter(runtime, std::min(kBackOffBaseMs << exponent, kBackOffMaxMs));
}

void Kubelet::finish(const QJsonObject& pod, PodRuntime& runtime, bool success) {
    if (runtime.finishedAt.isEmpty()) {
        runtime.finishedAt = objects::timestamp(m_context->now());
    }
    runtime.stage = Stage::Done;
    writeStatus(pod, runtime, success ? View::Succeeded : View::Failed);
}

} // namespace binnacle::sim
