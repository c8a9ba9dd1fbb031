// The Pod printer: kube's printPod, the most intricate of the printers (STATUS derivation and RESTARTS).

#include "printerutil.h"

#include <QHash>

namespace binnacle::sim::printers {

namespace {

bool conditionIsTrue(const QJsonArray& conditions, const QString& type) {
    for (const auto& condition : conditions) {
        const QJsonObject c = condition.toObject();
        if (c.value(u"type").toString() == type)
            return c.value(u"status").toString() == u"True";
    }
    return false;
}

bool isRestartable(const QJsonObject& initContainer) {
    return initContainer.value(u"restartPolicy").toString() == u"Always";
}

// Keeps the latest lastState.terminated.finishedAt seen, as a parsed time and its original text.
struct LastRestart {
    std::optional<QDateTime> time;
    QString text;

    void consider(const QJsonObject& containerStatus) {
        const QString finishedAt = stringAt(containerStatus, u"lastState.terminated.finishedAt");
        const auto finished = parseTimestamp(finishedAt);
        if (finished && (!time || *time < *finished)) {
            time = finished;
            text = finishedAt;
        }
    }
};

QString terminatedReason(const QJsonObject& terminated, const QString& prefix) {
    const QString reason = terminated.value(u"reason").toString();
    if (!reason.isEmpty())
        return prefix + reason;
    const qint64 signal = terminated.value(u"signal").toInteger();
    if (signal != 0)
        return prefix + QStringLiteral("Signal:%1").arg(signal);
    return prefix + QStringLiteral("ExitCode:%1").arg(terminated.value(u"exitCode").toInteger());
}

QJsonArray podCells(const QJsonObject& pod, const QDateTime& now) {
    const QJsonObject spec = pod.value(u"spec").toObject();
    const QJsonObject status = pod.value(u"status").toObject();
    const QJsonArray conditions = status.value(u"conditions").toArray();
    const QJsonArray initContainers = spec.value(u"initContainers").toArray();
    const QString phase = status.value(u"phase").toString();

    qint64 restarts = 0;
    qint64 restartableInitRestarts = 0;
    qint64 totalContainers = spec.value(u"containers").toArray().size();
    qint64 readyContainers = 0;
    LastRestart lastRestart;
    LastRestart lastRestartableInitRestart;

    QString reason = status.value(u"reason").toString();
    if (reason.isEmpty())
        reason = phase;
    for (const auto& condition : conditions) {
        const QJsonObject c = condition.toObject();
        if (c.value(u"type").toString() == u"PodScheduled" &&
            c.value(u"reason").toString() == u"SchedulingGated")
            reason = QStringLiteral("SchedulingGated");
    }

    QHash<QString, QJsonObject> initContainersByName;
    for (const auto& container : initContainers) {
        const QJsonObject c = container.toObject();
        initContainersByName.insert(c.value(u"name").toString(), c);
        if (isRestartable(c))
            ++totalContainers;
    }

    bool initializing = false;
    const QJsonArray initStatuses = status.value(u"initContainerStatuses").toArray();
    for (qsizetype i = 0; i < initStatuses.size(); ++i) {
        const QJsonObject container = initStatuses.at(i).toObject();
        const QJsonObject state = container.value(u"state").toObject();
        const bool restartable =
            isRestartable(initContainersByName.value(container.value(u"name").toString()));
        restarts += container.value(u"restartCount").toInteger();
        lastRestart.consider(container);
        if (restartable) {
            restartableInitRestarts += container.value(u"restartCount").toInteger();
            lastRestartableInitRestart.consider(container);
        }
        const QJsonObject terminated = state.value(u"terminated").toObject();
        const bool isTerminated = state.contains(u"terminated");
        const QString waitingReason = stringAt(state, u"waiting.reason");
        if (isTerminated && terminated.value(u"exitCode").toInteger() == 0)
            continue;
        if (restartable && container.value(u"started").toBool()) {
            if (container.value(u"ready").toBool())
                ++readyContainers;
            continue;
        }
        if (isTerminated)
            reason = terminatedReason(terminated, QStringLiteral("Init:"));
        else if (!waitingReason.isEmpty() && waitingReason != u"PodInitializing")
            reason = QStringLiteral("Init:") + waitingReason;
        else
            reason = QStringLiteral("Init:%1/%2").arg(i).arg(initContainers.size());
        initializing = true;
        break;
    }

    if (!initializing || conditionIsTrue(conditions, QStringLiteral("Initialized"))) {
        restarts = restartableInitRestarts;
        lastRestart = lastRestartableInitRestart;
        bool hasRunning = false;
        const QJsonArray statuses = status.value(u"containerStatuses").toArray();
        // Last to first, so that the first container's state wins the STATUS column.
        for (qsizetype i = statuses.size() - 1; i >= 0; --i) {
            const QJsonObject container = statuses.at(i).toObject();
            const QJsonObject state = container.value(u"state").toObject();
            restarts += container.value(u"restartCount").toInteger();
            lastRestart.consider(container);
            const QString waitingReason = stringAt(state, u"waiting.reason");
            const QJsonObject terminated = state.value(u"terminated").toObject();
            if (!waitingReason.isEmpty()) {
                reason = waitingReason;
            } else if (state.contains(u"terminated")) {
                reason = terminatedReason(terminated, QString());
            } else if (container.value(u"ready").toBool() && state.contains(u"running")) {
                hasRunning = true;
                ++readyContainers;
            }
        }
        // A pod whose sidecar or other containers still run is not "Completed".
        if (reason == u"Completed" && hasRunning)
            reason = conditionIsTrue(conditions, QStringLiteral("Ready")) ? QStringLiteral("Running")
                                                                          : QStringLiteral("NotReady");
    }

    const bool deleting = !stringAt(pod, u"metadata.deletionTimestamp").isEmpty();
    if (deleting && status.value(u"reason").toString() == u"NodeLost")
        reason = QStringLiteral("Unknown");
    else if (deleting && phase != u"Succeeded" && phase != u"Failed")
        reason = QStringLiteral("Terminating");

    QString restartsText = QString::number(restarts);
    if (restarts != 0 && lastRestart.time)
        restartsText =
            QStringLiteral("%1 (%2 ago)").arg(restarts).arg(translateTimestampSince(lastRestart.text, now));

    // kube reads podIPs[0]; podIP is the same address on any server-written pod.
    const QJsonArray podIPs = status.value(u"podIPs").toArray();
    QString podIP = podIPs.isEmpty() ? status.value(u"podIP").toString()
                                     : podIPs.first().toObject().value(u"ip").toString();
    if (podIP.isEmpty())
        podIP = QStringLiteral("<none>");
    QString nodeName = spec.value(u"nodeName").toString();
    if (nodeName.isEmpty())
        nodeName = QStringLiteral("<none>");
    QString nominatedNodeName = status.value(u"nominatedNodeName").toString();
    if (nominatedNodeName.isEmpty())
        nominatedNodeName = QStringLiteral("<none>");

    QString readinessGates = QStringLiteral("<none>");
    const QJsonArray gates = spec.value(u"readinessGates").toArray();
    if (!gates.isEmpty()) {
        int trueConditions = 0;
        for (const auto& gate : gates) {
            if (conditionIsTrue(conditions, gate.toObject().value(u"conditionType").toString()))
                ++trueConditions;
        }
        readinessGates = QStringLiteral("%1/%2").arg(trueConditions).arg(gates.size());
    }

    return {objectName(pod), QStringLiteral("%1/%2").arg(readyContainers).arg(totalContainers),
            reason,          restartsText,
            age(pod, now),   podIP,
            nodeName,        nominatedNodeName,
            readinessGates};
}

QJsonArray podConditions(const QJsonObject& pod) {
    const QString phase = stringAt(pod, u"status.phase");
    if (phase == u"Succeeded")
        return {QJsonObject{{"type", "Completed"},
                            {"status", "True"},
                            {"reason", "Succeeded"},
                            {"message", "The pod has completed successfully."}}};
    if (phase == u"Failed")
        return {QJsonObject{
            {"type", "Completed"}, {"status", "True"}, {"reason", "Failed"}, {"message", "The pod failed."}}};
    return {};
}

} // namespace

QList<KindPrinter> podPrinters() {
    const QList<TableColumn> columns{
        nameColumn(),
        column("Ready", "string", "The aggregate readiness state of this pod for accepting traffic."),
        column("Status", "string", "The aggregate status of the containers in this pod."),
        column(
            "Restarts", "string",
            "The number of times the containers in this pod have been restarted and when the last container "
            "in this pod has restarted."),
        ageColumn(),
        column("IP", "string",
               "podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet "
               "allocated.",
               1),
        column(
            "Node", "string",
            "NodeName indicates in which node this pod is scheduled. If empty, this pod is a candidate for "
            "preemption by the scheduler.",
            1),
        column(
            "Nominated Node", "string",
            "nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be "
            "scheduled right away as preemption victims receive their graceful termination periods.",
            1),
        column(
            "Readiness Gates", "string",
            "If specified, all readiness gates will be evaluated for pod readiness. A pod is ready when all "
            "its containers are ready AND all conditions specified in the readiness gates have status equal "
            "to \"True\"",
            1),
    };
    return {KindPrinter{QString(), QStringLiteral("Pod"), columns, &podCells, &podConditions}};
}

} // namespace binnacle::sim::printers
