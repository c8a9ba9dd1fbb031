#include "objectoverview.h"

#include <QJsonArray>
#include <QStringDecoder>
#include <list>

namespace binnacle {

namespace {

// One section under construction.
class Section {
public:
    explicit Section(QString title)
        : m_title(std::move(title)) {}

    // Adds a row unless the value is empty: the overview shows what is there, not a form of blanks.
    Section& row(const QString& label, const QString& value, const QString& tone = {}, int depth = 0) {
        if (!value.isEmpty()) {
            m_rows.append(QVariantMap{{"label", label}, {"value", value}, {"tone", tone}, {"depth", depth}});
        }
        return *this;
    }
    bool isEmpty() const { return m_rows.isEmpty(); }
    QVariantMap toMap() const { return {{"title", m_title}, {"rows", m_rows}}; }

private:
    QString m_title;
    QVariantList m_rows;
};

class SectionList {
public:
    Section& add(const QString& title) {
        m_sections.emplace_back(title);
        return m_sections.back();
    }
    QVariantList toList() const {
        QVariantList list;
        for (const Section& section : m_sections) {
            if (!section.isEmpty()) {
                list.append(section.toMap());
            }
        }
        return list;
    }

private:
    std::list<Section> m_sections; // stable references while rows are added
};

QJsonObject objectAt(const QJsonObject& object, std::initializer_list<const char*> path) {
    QJsonObject current = object;
    for (const char* key : path) {
        current = current.value(QLatin1String(key)).toObject();
    }
    return current;
}

QString scalar(const QJsonValue& value) {
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Double: {
        const double number = value.toDouble();
        return number == qint64(number) ? QString::number(qint64(number)) : QString::number(number);
    }
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    default:
        return QString();
    }
}

QString pairs(const QJsonObject& map, const QString& separator = QStringLiteral(", ")) {
    QStringList parts;
    for (auto it = map.begin(); it != map.end(); ++it) {
        parts.append(it.key() + u'=' + scalar(it.value()));
    }
    return parts.join(separator);
}

QString joined(const QJsonArray& array, const QString& separator = QStringLiteral(", ")) {
    QStringList parts;
    for (const QJsonValue& value : array) {
        parts.append(scalar(value));
    }
    return parts.join(separator);
}

QString conditionTone(const QJsonObject& condition) {
    const QString type = condition.value("type").toString();
    const bool isTrue = condition.value("status").toString() == QLatin1String("True");
    // For these, True is bad news.
    static const QStringList troubles{"MemoryPressure",     "DiskPressure",   "PIDPressure",
                                      "NetworkUnavailable", "ReplicaFailure", "Failed"};
    const bool good = troubles.contains(type) ? !isTrue : isTrue;
    return good ? QStringLiteral("good") : QStringLiteral("warning");
}

void addConditions(SectionList& sections, const QJsonObject& status) {
    Section& section = sections.add(QStringLiteral("Conditions"));
    for (const QJsonValue& value : status.value("conditions").toArray()) {
        const QJsonObject condition = value.toObject();
        QString text = condition.value("status").toString();
        const QString reason = condition.value("reason").toString();
        const QString message = condition.value("message").toString();
        if (!reason.isEmpty()) {
            text += QStringLiteral(" (%1)").arg(reason);
        }
        if (!message.isEmpty()) {
            text += QStringLiteral(": ") + message;
        }
        section.row(condition.value("type").toString(), text, conditionTone(condition));
    }
}

QString containerState(const QJsonObject& state, QString* tone) {
    if (state.contains("running")) {
        *tone = QStringLiteral("good");
        return QStringLiteral("Running since %1")
            .arg(objectAt(state, {"running"}).value("startedAt").toString());
    }
    if (state.contains("waiting")) {
        const QJsonObject waiting = objectAt(state, {"waiting"});
        const QString reason = waiting.value("reason").toString();
        *tone = reason == QLatin1String("ContainerCreating") || reason == QLatin1String("PodInitializing")
                    ? QStringLiteral("warning")
                    : QStringLiteral("bad");
        const QString message = waiting.value("message").toString();
        return QStringLiteral("Waiting: %1").arg(reason) + (message.isEmpty() ? QString() : u' ' + message);
    }
    if (state.contains("terminated")) {
        const QJsonObject terminated = objectAt(state, {"terminated"});
        const int exitCode = terminated.value("exitCode").toInt();
        *tone = exitCode == 0 ? QString() : QStringLiteral("bad");
        return QStringLiteral("Terminated: %1 (exit code %2)")
            .arg(terminated.value("reason").toString())
            .arg(exitCode);
    }
    return QString();
}

QString portsOf(const QJsonArray& ports) {
    QStringList parts;
    for (const QJsonValue& value : ports) {
        const QJsonObject port = value.toObject();
        QString text = scalar(port.value("containerPort")) + u'/' +
                       port.value("protocol").toString(QStringLiteral("TCP"));
        if (port.contains("name")) {
            text = port.value("name").toString() + u' ' + text;
        }
        parts.append(text);
    }
    return parts.join(QStringLiteral(", "));
}

void addContainers(SectionList& sections, const QJsonObject& spec, const QJsonObject& status,
                   const char* specKey, const char* statusKey, const QString& titlePrefix) {
    QHash<QString, QJsonObject> statuses;
    for (const QJsonValue& value : status.value(QLatin1String(statusKey)).toArray()) {
        statuses.insert(value.toObject().value("name").toString(), value.toObject());
    }
    for (const QJsonValue& value : spec.value(QLatin1String(specKey)).toArray()) {
        const QJsonObject container = value.toObject();
        const QString name = container.value("name").toString();
        const QJsonObject containerStatus = statuses.value(name);
        Section& section = sections.add(titlePrefix + u' ' + name);
        section.row(QStringLiteral("Image"), container.value("image").toString());
        QString tone;
        const QString state = containerState(containerStatus.value("state").toObject(), &tone);
        section.row(QStringLiteral("State"), state, tone);
        if (containerStatus.contains("ready")) {
            section.row(QStringLiteral("Ready"), scalar(containerStatus.value("ready")),
                        containerStatus.value("ready").toBool() ? QStringLiteral("good")
                                                                : QStringLiteral("warning"));
        }
        const int restarts = containerStatus.value("restartCount").toInt();
        if (containerStatus.contains("restartCount")) {
            QString text = QString::number(restarts);
            QString lastTone;
            const QString last = containerState(containerStatus.value("lastState").toObject(), &lastTone);
            if (!last.isEmpty()) {
                text += QStringLiteral(" (last: %1)").arg(last);
            }
            section.row(QStringLiteral("Restarts"), text,
                        restarts > 0 ? QStringLiteral("warning") : QString());
        }
        section.row(QStringLiteral("Ports"), portsOf(container.value("ports").toArray()));
        section.row(QStringLiteral("Command"),
                    joined(container.value("command").toArray(), QStringLiteral(" ")));
        section.row(QStringLiteral("Args"), joined(container.value("args").toArray(), QStringLiteral(" ")));
        const QJsonObject resources = container.value("resources").toObject();
        section.row(QStringLiteral("Requests"), pairs(resources.value("requests").toObject()));
        section.row(QStringLiteral("Limits"), pairs(resources.value("limits").toObject()));
    }
}

void addPod(SectionList& sections, const QJsonObject& object) {
    const QJsonObject spec = object.value("spec").toObject();
    const QJsonObject status = object.value("status").toObject();
    const QString phase = status.value("phase").toString();
    const QString tone = phase == QLatin1String("Running") || phase == QLatin1String("Succeeded")
                             ? QStringLiteral("good")
                         : phase == QLatin1String("Pending") ? QStringLiteral("warning")
                                                             : QStringLiteral("bad");
    QStringList podIps;
    for (const QJsonValue& value : status.value("podIPs").toArray()) {
        podIps.append(value.toObject().value("ip").toString());
    }
    if (podIps.isEmpty()) {
        podIps.append(status.value("podIP").toString());
    }
    sections.add(QStringLiteral("Pod"))
        .row(QStringLiteral("Status"),
             phase + (status.contains("reason") ? u' ' + status.value("reason").toString() : QString()), tone)
        .row(QStringLiteral("Node"), spec.value("nodeName").toString())
        .row(QStringLiteral("Pod IPs"), podIps.join(QStringLiteral(", ")))
        .row(QStringLiteral("Host IP"), status.value("hostIP").toString())
        .row(QStringLiteral("QoS class"), status.value("qosClass").toString())
        .row(QStringLiteral("Service account"), spec.value("serviceAccountName").toString())
        .row(QStringLiteral("Started"), status.value("startTime").toString())
        .row(QStringLiteral("Priority class"), spec.value("priorityClassName").toString());
    addConditions(sections, status);
    addContainers(sections, spec, status, "initContainers", "initContainerStatuses",
                  QStringLiteral("Init container"));
    addContainers(sections, spec, status, "containers", "containerStatuses", QStringLiteral("Container"));
    addContainers(sections, spec, status, "ephemeralContainers", "ephemeralContainerStatuses",
                  QStringLiteral("Ephemeral container"));
}

void addWorkload(SectionList& sections, const QString& kind, const QJsonObject& object) {
    const QJsonObject spec = object.value("spec").toObject();
    const QJsonObject status = object.value("status").toObject();
    Section& section = sections.add(kind);
    if (kind == QLatin1String("DaemonSet")) {
        const int desired = status.value("desiredNumberScheduled").toInt();
        const int ready = status.value("numberReady").toInt();
        section.row(QStringLiteral("Pods"),
                    QStringLiteral("%1 desired, %2 ready, %3 up to date, %4 available")
                        .arg(desired)
                        .arg(ready)
                        .arg(status.value("updatedNumberScheduled").toInt())
                        .arg(status.value("numberAvailable").toInt()),
                    ready == desired ? QStringLiteral("good") : QStringLiteral("warning"));
    } else {
        const int desired = spec.value("replicas").toInt(1);
        const int ready = status.value("readyReplicas").toInt();
        section.row(QStringLiteral("Replicas"),
                    QStringLiteral("%1 desired, %2 ready, %3 up to date, %4 available")
                        .arg(desired)
                        .arg(ready)
                        .arg(status.value("updatedReplicas").toInt())
                        .arg(status.value("availableReplicas").toInt()),
                    ready == desired ? QStringLiteral("good") : QStringLiteral("warning"));
    }
    const QJsonObject strategy =
        spec.value(kind == QLatin1String("Deployment") ? "strategy" : "updateStrategy").toObject();
    QString strategyText = strategy.value("type").toString();
    const QJsonObject rolling = strategy.value("rollingUpdate").toObject();
    if (!rolling.isEmpty()) {
        strategyText += QStringLiteral(" (%1)").arg(pairs(rolling));
    }
    section.row(QStringLiteral("Strategy"), strategyText)
        .row(QStringLiteral("Selector"), pairs(objectAt(spec, {"selector", "matchLabels"})))
        .row(QStringLiteral("Service name"), spec.value("serviceName").toString())
        .row(QStringLiteral("Paused"), spec.value("paused").toBool() ? QStringLiteral("yes") : QString(),
             QStringLiteral("warning"));
    addConditions(sections, status);
    addContainers(sections, objectAt(spec, {"template", "spec"}), {}, "containers", "",
                  QStringLiteral("Container"));
}

void addService(SectionList& sections, const QJsonObject& object) {
    const QJsonObject spec = object.value("spec").toObject();
    QStringList ports;
    for (const QJsonValue& value : spec.value("ports").toArray()) {
        const QJsonObject port = value.toObject();
        QString text = scalar(port.value("port")) + u'→' + scalar(port.value("targetPort")) + u'/' +
                       port.value("protocol").toString(QStringLiteral("TCP"));
        if (port.contains("nodePort")) {
            text += QStringLiteral(" (node port %1)").arg(scalar(port.value("nodePort")));
        }
        if (port.contains("name")) {
            text = port.value("name").toString() + u' ' + text;
        }
        ports.append(text);
    }
    QStringList ingress;
    for (const QJsonValue& value : objectAt(object, {"status", "loadBalancer"}).value("ingress").toArray()) {
        const QJsonObject entry = value.toObject();
        ingress.append(entry.contains("ip") ? entry.value("ip").toString()
                                            : entry.value("hostname").toString());
    }
    sections.add(QStringLiteral("Service"))
        .row(QStringLiteral("Type"), spec.value("type").toString())
        .row(QStringLiteral("Cluster IPs"), joined(spec.value("clusterIPs").toArray()))
        .row(QStringLiteral("External IPs"), joined(spec.value("externalIPs").toArray()))
        .row(QStringLiteral("Load balancer"), ingress.join(QStringLiteral(", ")))
        .row(QStringLiteral("External name"), spec.value("externalName").toString())
        .row(QStringLiteral("Ports"), ports.join(QStringLiteral(", ")))
        .row(QStringLiteral("Selector"), pairs(spec.value("selector").toObject()))
        .row(QStringLiteral("Session affinity"), spec.value("sessionAffinity").toString());
}

void addNode(SectionList& sections, const QJsonObject& object) {
    const QJsonObject spec = object.value("spec").toObject();
    const QJsonObject status = object.value("status").toObject();
    const QJsonObject info = status.value("nodeInfo").toObject();
    QStringList addresses;
    for (const QJsonValue& value : status.value("addresses").toArray()) {
        addresses.append(value.toObject().value("type").toString() + u' ' +
                         value.toObject().value("address").toString());
    }
    sections.add(QStringLiteral("Node"))
        .row(QStringLiteral("Schedulable"),
             spec.value("unschedulable").toBool() ? QStringLiteral("no (cordoned)") : QStringLiteral("yes"),
             spec.value("unschedulable").toBool() ? QStringLiteral("warning") : QString())
        .row(QStringLiteral("Addresses"), addresses.join(QStringLiteral(", ")))
        .row(QStringLiteral("Kubelet"), info.value("kubeletVersion").toString())
        .row(QStringLiteral("OS image"), info.value("osImage").toString())
        .row(QStringLiteral("Kernel"), info.value("kernelVersion").toString())
        .row(QStringLiteral("Runtime"), info.value("containerRuntimeVersion").toString())
        .row(QStringLiteral("Pod CIDR"), spec.value("podCIDR").toString());
    Section& resources = sections.add(QStringLiteral("Capacity / allocatable"));
    const QJsonObject capacity = status.value("capacity").toObject();
    const QJsonObject allocatable = status.value("allocatable").toObject();
    for (auto it = capacity.begin(); it != capacity.end(); ++it) {
        resources.row(it.key(),
                      scalar(it.value()) + QStringLiteral(" / ") + scalar(allocatable.value(it.key())));
    }
    addConditions(sections, status);
    Section& taints = sections.add(QStringLiteral("Taints"));
    for (const QJsonValue& value : spec.value("taints").toArray()) {
        const QJsonObject taint = value.toObject();
        taints.row(taint.value("key").toString(),
                   taint.value("value").toString() + u':' + taint.value("effect").toString());
    }
}

void addStorage(SectionList& sections, const QString& kind, const QJsonObject& object) {
    const QJsonObject spec = object.value("spec").toObject();
    const QJsonObject status = object.value("status").toObject();
    const QString phase = status.value("phase").toString();
    const QString tone = phase == QLatin1String("Bound") ? QStringLiteral("good") : QStringLiteral("warning");
    Section& section = sections.add(kind);
    section.row(QStringLiteral("Status"), phase, tone)
        .row(QStringLiteral("Storage class"), spec.value("storageClassName").toString())
        .row(QStringLiteral("Access modes"), joined(spec.value("accessModes").toArray()))
        .row(QStringLiteral("Volume mode"), spec.value("volumeMode").toString());
    if (kind == QLatin1String("PersistentVolumeClaim")) {
        section.row(QStringLiteral("Volume"), spec.value("volumeName").toString())
            .row(QStringLiteral("Requested"),
                 scalar(objectAt(spec, {"resources", "requests"}).value("storage")))
            .row(QStringLiteral("Capacity"), scalar(status.value("capacity").toObject().value("storage")));
    } else {
        const QJsonObject claim = spec.value("claimRef").toObject();
        section
            .row(QStringLiteral("Claim"), claim.isEmpty() ? QString()
                                                          : claim.value("namespace").toString() + u'/' +
                                                                claim.value("name").toString())
            .row(QStringLiteral("Capacity"), scalar(spec.value("capacity").toObject().value("storage")))
            .row(QStringLiteral("Reclaim policy"), spec.value("persistentVolumeReclaimPolicy").toString());
    }
}

void addJobs(SectionList& sections, const QString& kind, const QJsonObject& object) {
    const QJsonObject spec = object.value("spec").toObject();
    const QJsonObject status = object.value("status").toObject();
    if (kind == QLatin1String("CronJob")) {
        sections.add(kind)
            .row(QStringLiteral("Schedule"), spec.value("schedule").toString())
            .row(QStringLiteral("Time zone"), spec.value("timeZone").toString())
            .row(QStringLiteral("Suspended"),
                 spec.value("suspend").toBool() ? QStringLiteral("yes") : QStringLiteral("no"),
                 spec.value("suspend").toBool() ? QStringLiteral("warning") : QString())
            .row(QStringLiteral("Concurrency"), spec.value("concurrencyPolicy").toString())
            .row(QStringLiteral("Last schedule"), status.value("lastScheduleTime").toString())
            .row(QStringLiteral("Last success"), status.value("lastSuccessfulTime").toString())
            .row(QStringLiteral("Active jobs"), QString::number(status.value("active").toArray().size()));
        return;
    }
    const int failed = status.value("failed").toInt();
    sections.add(kind)
        .row(QStringLiteral("Completions"), QStringLiteral("%1 of %2 succeeded")
                                                .arg(status.value("succeeded").toInt())
                                                .arg(spec.value("completions").toInt(1)))
        .row(QStringLiteral("Failed"), failed > 0 ? QString::number(failed) : QString(),
             QStringLiteral("bad"))
        .row(QStringLiteral("Active"), scalar(status.value("active")))
        .row(QStringLiteral("Parallelism"), scalar(spec.value("parallelism")))
        .row(QStringLiteral("Started"), status.value("startTime").toString())
        .row(QStringLiteral("Completed"), status.value("completionTime").toString());
    addConditions(sections, status);
}

void addIngress(SectionList& sections, const QJsonObject& object) {
    const QJsonObject spec = object.value("spec").toObject();
    Section& section = sections.add(QStringLiteral("Ingress"));
    section.row(QStringLiteral("Class"), spec.value("ingressClassName").toString());
    for (const QJsonValue& ruleValue : spec.value("rules").toArray()) {
        const QJsonObject rule = ruleValue.toObject();
        const QString host = rule.value("host").toString(QStringLiteral("*"));
        for (const QJsonValue& pathValue : objectAt(rule, {"http"}).value("paths").toArray()) {
            const QJsonObject path = pathValue.toObject();
            const QJsonObject service = objectAt(path, {"backend", "service"});
            const QJsonObject port = service.value("port").toObject();
            section.row(
                host + path.value("path").toString(QStringLiteral("/")),
                service.value("name").toString() + u':' +
                    (port.contains("name") ? port.value("name").toString() : scalar(port.value("number"))));
        }
    }
    for (const QJsonValue& tlsValue : spec.value("tls").toArray()) {
        const QJsonObject tls = tlsValue.toObject();
        section.row(QStringLiteral("TLS"), joined(tls.value("hosts").toArray()) +
                                               QStringLiteral(" (secret ") +
                                               tls.value("secretName").toString() + u')');
    }
}

void addTree(Section& section, const QJsonValue& value, const QString& label, int depth) {
    if (depth > 8) {
        return; // deeper than a panel can show usefully; the YAML tab has it all
    }
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        if (!label.isEmpty()) {
            section.row(label, object.isEmpty() ? QStringLiteral("{}") : QStringLiteral(" "), {}, depth);
        }
        for (auto it = object.begin(); it != object.end(); ++it) {
            addTree(section, it.value(), it.key(), label.isEmpty() ? depth : depth + 1);
        }
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        section.row(label, array.isEmpty() ? QStringLiteral("[]") : QStringLiteral(" "), {}, depth);
        for (qsizetype i = 0; i < array.size(); ++i) {
            addTree(section, array.at(i), QStringLiteral("[%1]").arg(i), depth + 1);
        }
    } else {
        section.row(label, value.isNull() ? QStringLiteral("null") : scalar(value), {}, depth);
    }
}

} // namespace

ObjectOverview::ObjectOverview(QObject* parent)
    : QObject(parent) {}

void ObjectOverview::setSource(ObjectModel* source) {
    if (source == m_source) {
        return;
    }
    if (m_source) {
        disconnect(m_source, nullptr, this, nullptr);
    }
    m_source = source;
    if (source) {
        connect(source, &ObjectModel::objectChanged, this, &ObjectOverview::update);
        connect(source, &ObjectModel::sourceChanged, this, &ObjectOverview::update);
    }
    emit sourceChanged();
    update();
}

void ObjectOverview::update() {
    m_sections = m_source ? sectionsFor(m_source->kind(), m_source->json()) : QVariantList();
    emit sectionsChanged();
}

QVariantList ObjectOverview::sectionsFor(const QString& kind, const QJsonObject& object) {
    SectionList sections;
    if (object.isEmpty()) {
        return {};
    }
    static const QStringList workloads{"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet"};
    if (kind == QLatin1String("Pod")) {
        addPod(sections, object);
    } else if (workloads.contains(kind)) {
        addWorkload(sections, kind, object);
    } else if (kind == QLatin1String("Service")) {
        addService(sections, object);
    } else if (kind == QLatin1String("Node")) {
        addNode(sections, object);
    } else if (kind == QLatin1String("PersistentVolumeClaim") || kind == QLatin1String("PersistentVolume")) {
        addStorage(sections, kind, object);
    } else if (kind == QLatin1String("Job") || kind == QLatin1String("CronJob")) {
        addJobs(sections, kind, object);
    } else if (kind == QLatin1String("Ingress")) {
        addIngress(sections, object);
    } else if (kind == QLatin1String("ConfigMap")) {
        Section& data = sections.add(QStringLiteral("Data"));
        const QJsonObject values = object.value("data").toObject();
        for (auto it = values.begin(); it != values.end(); ++it) {
            data.row(it.key(), it.value().toString());
        }
    } else if (kind == QLatin1String("Secret")) {
        Section& data = sections.add(QStringLiteral("Data"));
        data.row(QStringLiteral("Type"), object.value("type").toString());
        const QJsonObject values = object.value("data").toObject();
        for (auto it = values.begin(); it != values.end(); ++it) {
            // The size only: the value is decoded when the user reveals it.
            const qsizetype bytes = QByteArray::fromBase64(it.value().toString().toLatin1()).size();
            data.row(it.key(), QStringLiteral("%1 bytes").arg(bytes), QStringLiteral("secret"));
        }
    } else {
        addTree(sections.add(QStringLiteral("Spec")), object.value("spec"), QString(), 0);
        addTree(sections.add(QStringLiteral("Status")), object.value("status"), QString(), 0);
        if (!object.contains("spec") && !object.contains("status")) {
            QJsonObject rest = object;
            for (const char* key : {"apiVersion", "kind", "metadata"}) {
                rest.remove(QLatin1String(key));
            }
            addTree(sections.add(QStringLiteral("Fields")), rest, QString(), 0);
        }
    }
    return sections.toList();
}

QString ObjectOverview::revealSecret(const QString& key) const {
    if (!m_source || m_source->kind() != QLatin1String("Secret")) {
        return QString();
    }
    const QByteArray decoded =
        QByteArray::fromBase64(m_source->json().value("data").toObject().value(key).toString().toLatin1());
    QStringDecoder utf8(QStringDecoder::Utf8);
    const QString text = utf8.decode(decoded);
    if (utf8.hasError()) {
        return QStringLiteral("(%1 bytes of binary data)").arg(decoded.size());
    }
    return text;
}

} // namespace binnacle
