// The Pod printer: kube's printPod, the most intricate of the printers (STATUS derivation and RESTARTS).

#include "derivedcache.h"
#include "printerutil.h"

#include <QVarLengthArray>
#include <algorithm>

namespace binnacle::sim::printers {

namespace {

// Latin-1 keys throughout: QJsonObject finds them among its (ASCII) keys up to twice as fast as UTF-16
// ones, and this printer looks up some forty members per row.
using namespace Qt::Literals::StringLiterals;

bool conditionIsTrue(const QJsonArray& conditions, QStringView type) {
    for (const auto& condition : conditions) {
        const QJsonObject c = condition.toObject();
        if (c.value("type"_L1).toString() == type)
            return c.value("status"_L1).toString() == "True"_L1;
    }
    return false;
}

bool isSchedulingGated(const QJsonArray& conditions) {
    // The reason first: most conditions have none, which costs neither a lookup of the type nor a string.
    for (qsizetype i = 0; i < conditions.size(); ++i) {
        const QJsonObject c = conditions.at(i).toObject();
        const QJsonValue reason = c.value("reason"_L1);
        if (reason.isString() && reason.toString() == "SchedulingGated"_L1 &&
            c.value("type"_L1).toString() == "PodScheduled"_L1)
            return true;
    }
    return false;
}

// The latest lastState.terminated.finishedAt among the container statuses that count for RESTARTS. Only
// needed when there were restarts, so the statuses are kept and read only then.
class LastRestart {
public:
    void add(const QJsonObject& containerStatus) { m_statuses.append(containerStatus); }

    std::optional<qint64> msecsSinceEpoch() const {
        std::optional<qint64> latest;
        for (const QJsonObject& status : m_statuses) {
            const QJsonValue lastState = status.value("lastState"_L1);
            if (!lastState.isObject())
                continue;
            const QJsonValue terminated = lastState.toObject().value("terminated"_L1);
            if (!terminated.isObject())
                continue;
            const auto finished =
                parseTimestampMsecs(terminated.toObject().value("finishedAt"_L1).toString());
            if (finished && (!latest || *latest < *finished))
                latest = finished;
        }
        return latest;
    }

private:
    QVarLengthArray<QJsonObject, 8> m_statuses;
};

QString terminatedReason(const QJsonObject& terminated, QLatin1StringView prefix) {
    const QString reason = terminated.value("reason"_L1).toString();
    if (!reason.isEmpty())
        return prefix + reason;
    const qint64 signal = terminated.value("signal"_L1).toInteger();
    if (signal != 0)
        return prefix + "Signal:"_L1 + QString::number(signal);
    return prefix + "ExitCode:"_L1 + QString::number(terminated.value("exitCode"_L1).toInteger());
}

QString orNone(QString text) {
    return text.isEmpty() ? QStringLiteral("<none>") : text;
}

QString fraction(qint64 count, qint64 total) {
    return QString::number(count) + u'/' + QString::number(total);
}

// Which init containers are sidecars (restartPolicy Always), by name; a later duplicate name wins, as it
// does in kube's map.
class RestartableInitContainers {
public:
    explicit RestartableInitContainers(const QJsonArray& initContainers) {
        QVarLengthArray<bool, 4> restartable;
        for (const auto& container : initContainers)
            restartable.append(container.toObject().value("restartPolicy"_L1).toString() == "Always"_L1);
        m_count = std::count(restartable.begin(), restartable.end(), true);
        if (m_count == 0)
            return; // the usual case: no names to read
        for (qsizetype i = 0; i < initContainers.size(); ++i)
            m_names.append({initContainers.at(i).toObject().value("name"_L1).toString(), restartable[i]});
    }
    qsizetype count() const { return m_count; }
    bool contains(const QJsonObject& containerStatus) const {
        if (m_count == 0)
            return false;
        const QString name = containerStatus.value("name"_L1).toString();
        for (auto it = m_names.crbegin(); it != m_names.crend(); ++it) {
            if (it->first == name)
                return it->second;
        }
        return false;
    }

private:
    qsizetype m_count = 0;
    QVarLengthArray<std::pair<QString, bool>, 4> m_names;
};

// What printPod counts as it goes through the container statuses.
struct PodTally {
    QString reason;
    qint64 restarts = 0;
    qint64 restartableInitRestarts = 0;
    qint64 totalContainers = 0;
    qint64 readyContainers = 0;
    LastRestart lastRestart;
    LastRestart lastRestartableInitRestart;
};

// The init containers' part of printPod: STATUS while they run, and their restarts. Returns whether the pod
// is still initializing.
bool readInitContainers(const QJsonObject& spec, const QJsonObject& status, PodTally& tally) {
    const QJsonArray initContainers = spec.value("initContainers"_L1).toArray();
    const QJsonArray initStatuses = status.value("initContainerStatuses"_L1).toArray();
    if (initContainers.isEmpty() && initStatuses.isEmpty())
        return false;
    const RestartableInitContainers restartableContainers(initContainers);
    tally.totalContainers += restartableContainers.count();

    for (qsizetype i = 0; i < initStatuses.size(); ++i) {
        const QJsonObject container = initStatuses.at(i).toObject();
        const QJsonObject state = container.value("state"_L1).toObject();
        const bool restartable = restartableContainers.contains(container);
        const qint64 restartCount = container.value("restartCount"_L1).toInteger();
        tally.restarts += restartCount;
        tally.lastRestart.add(container);
        if (restartable) {
            tally.restartableInitRestarts += restartCount;
            tally.lastRestartableInitRestart.add(container);
        }
        const QJsonValue terminatedValue = state.value("terminated"_L1);
        const bool isTerminated = !terminatedValue.isUndefined();
        const QJsonObject terminated = terminatedValue.toObject();
        if (isTerminated && terminated.value("exitCode"_L1).toInteger() == 0)
            continue;
        if (restartable && container.value("started"_L1).toBool()) {
            if (container.value("ready"_L1).toBool())
                ++tally.readyContainers;
            continue;
        }
        const QString waitingReason = state.value("waiting"_L1).toObject().value("reason"_L1).toString();
        if (isTerminated)
            tally.reason = terminatedReason(terminated, "Init:"_L1);
        else if (!waitingReason.isEmpty() && waitingReason != "PodInitializing"_L1)
            tally.reason = "Init:"_L1 + waitingReason;
        else
            tally.reason = "Init:"_L1 + fraction(i, initContainers.size());
        return true;
    }
    return false;
}

// The app containers' part: STATUS from their states (the first container's wins), ready count, restarts.
void readContainers(const QJsonObject& status, const QJsonArray& conditions, PodTally& tally) {
    tally.restarts = tally.restartableInitRestarts;
    tally.lastRestart = tally.lastRestartableInitRestart;
    bool hasRunning = false;
    const QJsonArray statuses = status.value("containerStatuses"_L1).toArray();
    // Last to first, so that the first container's state wins the STATUS column.
    for (qsizetype i = statuses.size() - 1; i >= 0; --i) {
        const QJsonObject container = statuses.at(i).toObject();
        const QJsonObject state = container.value("state"_L1).toObject();
        tally.restarts += container.value("restartCount"_L1).toInteger();
        tally.lastRestart.add(container);
        const QJsonValue waiting = state.value("waiting"_L1);
        const QString waitingReason =
            waiting.isObject() ? waiting.toObject().value("reason"_L1).toString() : QString();
        if (!waitingReason.isEmpty()) {
            tally.reason = waitingReason;
        } else if (const QJsonValue terminated = state.value("terminated"_L1); !terminated.isUndefined()) {
            tally.reason = terminatedReason(terminated.toObject(), QLatin1StringView());
        } else if (container.value("ready"_L1).toBool() && state.contains("running"_L1)) {
            hasRunning = true;
            ++tally.readyContainers;
        }
    }
    // A pod whose sidecar or other containers still run is not "Completed".
    if (tally.reason == "Completed"_L1 && hasRunning)
        tally.reason =
            conditionIsTrue(conditions, u"Ready") ? QStringLiteral("Running") : QStringLiteral("NotReady");
}

QJsonArray podConditions(const QJsonObject& pod) {
    const QString phase = pod.value("status"_L1).toObject().value("phase"_L1).toString();
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

// Everything a pod's row says that does not depend on the time it is printed at: what a stored version
// keeps (DerivedCache), so that every later list page, GET and watch event only ages it.
struct PodRowFacts {
    QString name;
    QString ready;                          // "1/2"
    QString status;                         // the STATUS column
    QString restarts;                       // the count
    std::optional<qint64> lastRestartMsecs; // set only when there were restarts
    std::optional<qint64> createdMsecs;     // unset: missing, unparsable or Go's zero time ("<unknown>")
    QString ip;
    QString node;
    QString nominatedNode;
    QString readinessGates;
    QJsonArray conditions;
};

PodRowFacts podRowFacts(const QJsonObject& pod) {
    const QJsonObject metadata = pod.value("metadata"_L1).toObject();
    const QJsonObject spec = pod.value("spec"_L1).toObject();
    const QJsonObject status = pod.value("status"_L1).toObject();
    const QJsonArray conditions = status.value("conditions"_L1).toArray();
    const QString phase = status.value("phase"_L1).toString();
    const QString statusReason = status.value("reason"_L1).toString();

    PodTally tally;
    tally.totalContainers = spec.value("containers"_L1).toArray().size();
    tally.reason = isSchedulingGated(conditions) ? QStringLiteral("SchedulingGated")
                   : statusReason.isEmpty()      ? phase
                                                 : statusReason;
    const bool initializing = readInitContainers(spec, status, tally);
    if (!initializing || conditionIsTrue(conditions, u"Initialized"))
        readContainers(status, conditions, tally);

    PodRowFacts facts;
    facts.name = metadata.value("name"_L1).toString();
    facts.ready = fraction(tally.readyContainers, tally.totalContainers);
    facts.status = tally.reason;
    const bool deleting = !metadata.value("deletionTimestamp"_L1).toString().isEmpty();
    if (deleting && statusReason == "NodeLost"_L1)
        facts.status = QStringLiteral("Unknown");
    else if (deleting && phase != "Succeeded"_L1 && phase != "Failed"_L1)
        facts.status = QStringLiteral("Terminating");

    facts.restarts = QString::number(tally.restarts);
    if (tally.restarts != 0)
        facts.lastRestartMsecs = tally.lastRestart.msecsSinceEpoch();
    facts.createdMsecs = parseTimestampMsecs(metadata.value("creationTimestamp"_L1).toString());

    // kube reads podIPs[0]; podIP is the same address on any server-written pod.
    const QJsonArray podIPs = status.value("podIPs"_L1).toArray();
    facts.ip = orNone(podIPs.isEmpty() ? status.value("podIP"_L1).toString()
                                       : podIPs.first().toObject().value("ip"_L1).toString());
    facts.node = orNone(spec.value("nodeName"_L1).toString());
    facts.nominatedNode = orNone(status.value("nominatedNodeName"_L1).toString());

    facts.readinessGates = QStringLiteral("<none>");
    const QJsonArray gates = spec.value("readinessGates"_L1).toArray();
    if (!gates.isEmpty()) {
        int trueConditions = 0;
        for (const auto& gate : gates) {
            if (conditionIsTrue(conditions, gate.toObject().value("conditionType"_L1).toString()))
                ++trueConditions;
        }
        facts.readinessGates = fraction(trueConditions, gates.size());
    }
    facts.conditions = podConditions(pod);
    return facts;
}

// The facts at `now`: AGE and the time since the last restart are all that change as time passes.
TableRowData renderPodRow(const PodRowFacts& facts, const QDateTime& now) {
    QString restarts = facts.restarts;
    if (facts.lastRestartMsecs)
        restarts += " ("_L1 + durationSince(*facts.lastRestartMsecs, now) + " ago)"_L1;
    const QString age =
        facts.createdMsecs ? durationSince(*facts.createdMsecs, now) : QStringLiteral("<unknown>");
    return {stringCells({facts.name, facts.ready, facts.status, restarts, age, facts.ip, facts.node,
                         facts.nominatedNode, facts.readinessGates}),
            facts.conditions};
}

TableRowData podRow(const QJsonObject& pod, const QDateTime& now, const DerivedCache* cache) {
    if (!cache)
        return renderPodRow(podRowFacts(pod), now);
    return renderPodRow(*cache->get<PodRowFacts>([&pod] { return podRowFacts(pod); }), now);
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
    return {KindPrinter{QString(), QStringLiteral("Pod"), columns, nullptr, nullptr, &podRow}};
}

} // namespace binnacle::sim::printers
