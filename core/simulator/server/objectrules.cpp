#include "objectrules.h"

#include "labelvalidation.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>

namespace binnacle::sim::objectrules {

namespace {
QJsonObject obj(const QJsonObject& parent, const char* key) {
    return parent.value(QLatin1String(key)).toObject();
}

void setDefault(QJsonObject& target, const char* key, const QJsonValue& value) {
    if (!target.contains(QLatin1String(key))) {
        target.insert(QLatin1String(key), value);
    }
}

void defaultContainers(QJsonObject& podSpec, const char* key) {
    QJsonArray containers = podSpec.value(QLatin1String(key)).toArray();
    for (auto it = containers.begin(); it != containers.end(); ++it) {
        QJsonObject container = it->toObject();
        const QString image = container.value(QLatin1String("image")).toString();
        setDefault(container, "imagePullPolicy",
                   image.endsWith(QLatin1String(":latest")) || !image.contains(QLatin1Char(':'))
                       ? QStringLiteral("Always")
                       : QStringLiteral("IfNotPresent"));
        setDefault(container, "terminationMessagePath", QStringLiteral("/dev/termination-log"));
        setDefault(container, "terminationMessagePolicy", QStringLiteral("File"));
        setDefault(container, "resources", QJsonObject());
        QJsonArray ports = container.value(QLatin1String("ports")).toArray();
        for (auto port = ports.begin(); port != ports.end(); ++port) {
            QJsonObject p = port->toObject();
            setDefault(p, "protocol", QStringLiteral("TCP"));
            *port = p;
        }
        if (!ports.isEmpty()) {
            container.insert(QStringLiteral("ports"), ports);
        }
        *it = container;
    }
    if (!containers.isEmpty()) {
        podSpec.insert(QLatin1String(key), containers);
    }
}

void defaultPodSpec(QJsonObject& spec) {
    setDefault(spec, "restartPolicy", QStringLiteral("Always"));
    setDefault(spec, "terminationGracePeriodSeconds", 30);
    setDefault(spec, "dnsPolicy", QStringLiteral("ClusterFirst"));
    setDefault(spec, "securityContext", QJsonObject());
    setDefault(spec, "schedulerName", QStringLiteral("default-scheduler"));
    setDefault(spec, "enableServiceLinks", true);
    setDefault(spec, "preemptionPolicy", QStringLiteral("PreemptLowerPriority"));
    setDefault(spec, "priority", 0);
    defaultContainers(spec, "containers");
    defaultContainers(spec, "initContainers");
}

void defaultPodTemplate(QJsonObject& spec) {
    QJsonObject tmpl = obj(spec, "template");
    QJsonObject podSpec = obj(tmpl, "spec");
    defaultPodSpec(podSpec);
    tmpl.insert(QStringLiteral("spec"), podSpec);
    spec.insert(QStringLiteral("template"), tmpl);
}

QJsonObject rollingUpdate(const char* surgeKey, const QJsonValue& surge, const QJsonValue& unavailable) {
    return QJsonObject{{QLatin1String(surgeKey), surge}, {QStringLiteral("maxUnavailable"), unavailable}};
}

QJsonObject required(const QString& field, const QString& message = QStringLiteral("Required value")) {
    return ApiError::cause(QStringLiteral("FieldValueRequired"), message, field);
}

QJsonObject invalidValue(const QString& field, const QJsonValue& value, const QString& detail) {
    QString shown;
    if (value.isString()) {
        shown = QLatin1Char('"') + value.toString() + QLatin1Char('"');
    } else if (value.isDouble()) {
        shown = QString::number(value.toDouble());
    } else {
        shown = QStringLiteral("null");
    }
    return ApiError::cause(QStringLiteral("FieldValueInvalid"),
                           QStringLiteral("Invalid value: %1: %2").arg(shown, detail), field);
}

void validateContainers(const QJsonArray& containers, const QString& path, QJsonArray& causes,
                        bool requireOne) {
    if (requireOne && containers.isEmpty()) {
        causes.append(required(path));
    }
    QSet<QString> names;
    for (int i = 0; i < containers.size(); ++i) {
        const QJsonObject container = containers.at(i).toObject();
        const QString itemPath = QStringLiteral("%1[%2]").arg(path).arg(i);
        const QString name = container.value(QLatin1String("name")).toString();
        if (name.isEmpty()) {
            causes.append(required(itemPath + QStringLiteral(".name")));
        } else if (!isDns1123Label(name)) {
            causes.append(
                invalidValue(itemPath + QStringLiteral(".name"), name,
                             QStringLiteral("a lowercase RFC 1123 label must consist of lower case "
                                            "alphanumeric characters or '-', and must start and end with "
                                            "an alphanumeric character")));
        } else if (names.contains(name)) {
            causes.append(ApiError::cause(QStringLiteral("FieldValueDuplicate"),
                                          QStringLiteral("Duplicate value: \"%1\"").arg(name),
                                          itemPath + QStringLiteral(".name")));
        }
        names.insert(name);
        if (container.value(QLatin1String("image")).toString().trimmed().isEmpty()) {
            causes.append(required(itemPath + QStringLiteral(".image")));
        }
    }
}

void validatePodSpec(const QJsonObject& spec, const QString& path, QJsonArray& causes) {
    validateContainers(spec.value(QLatin1String("containers")).toArray(),
                       path + QStringLiteral(".containers"), causes, true);
    validateContainers(spec.value(QLatin1String("initContainers")).toArray(),
                       path + QStringLiteral(".initContainers"), causes, false);
}

void validateReplicas(const QJsonObject& spec, QJsonArray& causes) {
    const QJsonValue replicas = spec.value(QLatin1String("replicas"));
    if (replicas.isDouble() && replicas.toDouble() < 0) {
        causes.append(invalidValue(QStringLiteral("spec.replicas"), replicas,
                                   QStringLiteral("must be greater than or equal to 0")));
    }
}

void validateSelectorMatchesTemplate(const QJsonObject& spec, QJsonArray& causes) {
    const QJsonObject selector = obj(spec, "selector");
    if (selector.isEmpty()) {
        causes.append(required(QStringLiteral("spec.selector")));
        return;
    }
    const QJsonObject labels = obj(obj(obj(spec, "template"), "metadata"), "labels");
    const QJsonObject matchLabels = obj(selector, "matchLabels");
    for (auto it = matchLabels.begin(); it != matchLabels.end(); ++it) {
        if (labels.value(it.key()) != it.value()) {
            causes.append(invalidValue(QStringLiteral("spec.template.metadata.labels"), QJsonValue(),
                                       QStringLiteral("`selector` does not match template `labels`")));
            return;
        }
    }
}

// Known fields of the objects whose schema strict validation checks; other kinds accept anything below
// the top level (as CRDs with x-kubernetes-preserve-unknown-fields do).
const QSet<QString>& knownMetadataFields() {
    static const QSet<QString> fields{QStringLiteral("name"),
                                      QStringLiteral("generateName"),
                                      QStringLiteral("namespace"),
                                      QStringLiteral("selfLink"),
                                      QStringLiteral("uid"),
                                      QStringLiteral("resourceVersion"),
                                      QStringLiteral("generation"),
                                      QStringLiteral("creationTimestamp"),
                                      QStringLiteral("deletionTimestamp"),
                                      QStringLiteral("deletionGracePeriodSeconds"),
                                      QStringLiteral("labels"),
                                      QStringLiteral("annotations"),
                                      QStringLiteral("ownerReferences"),
                                      QStringLiteral("finalizers"),
                                      QStringLiteral("managedFields")};
    return fields;
}

QSet<QString> setOf(std::initializer_list<const char*> names) {
    QSet<QString> result;
    for (const char* name : names) {
        result.insert(QString::fromLatin1(name));
    }
    return result;
}

const QSet<QString>& knownContainerFields() {
    static const QSet<QString> fields = setOf({"name",
                                               "image",
                                               "command",
                                               "args",
                                               "workingDir",
                                               "ports",
                                               "envFrom",
                                               "env",
                                               "resources",
                                               "resizePolicy",
                                               "restartPolicy",
                                               "volumeMounts",
                                               "volumeDevices",
                                               "livenessProbe",
                                               "readinessProbe",
                                               "startupProbe",
                                               "lifecycle",
                                               "terminationMessagePath",
                                               "terminationMessagePolicy",
                                               "imagePullPolicy",
                                               "securityContext",
                                               "stdin",
                                               "stdinOnce",
                                               "tty"});
    return fields;
}

const QSet<QString>& knownPodSpecFields() {
    static const QSet<QString> fields = setOf({"volumes",
                                               "initContainers",
                                               "containers",
                                               "ephemeralContainers",
                                               "restartPolicy",
                                               "terminationGracePeriodSeconds",
                                               "activeDeadlineSeconds",
                                               "dnsPolicy",
                                               "nodeSelector",
                                               "serviceAccountName",
                                               "serviceAccount",
                                               "automountServiceAccountToken",
                                               "nodeName",
                                               "hostNetwork",
                                               "hostPID",
                                               "hostIPC",
                                               "shareProcessNamespace",
                                               "securityContext",
                                               "imagePullSecrets",
                                               "hostname",
                                               "subdomain",
                                               "affinity",
                                               "schedulerName",
                                               "tolerations",
                                               "hostAliases",
                                               "priorityClassName",
                                               "priority",
                                               "dnsConfig",
                                               "readinessGates",
                                               "runtimeClassName",
                                               "enableServiceLinks",
                                               "preemptionPolicy",
                                               "overhead",
                                               "topologySpreadConstraints",
                                               "setHostnameAsFQDN",
                                               "os",
                                               "hostUsers",
                                               "schedulingGates",
                                               "resourceClaims",
                                               "resources"});
    return fields;
}

void checkFields(const QJsonObject& object, const QSet<QString>& known, const QString& path,
                 QStringList& unknown) {
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!known.contains(it.key())) {
            unknown.append(path + QLatin1Char('.') + it.key());
        }
    }
}

void checkPodSpec(const QJsonObject& spec, const QString& path, QStringList& unknown) {
    checkFields(spec, knownPodSpecFields(), path, unknown);
    for (const char* key : {"containers", "initContainers"}) {
        const QJsonArray containers = spec.value(QLatin1String(key)).toArray();
        for (int i = 0; i < containers.size(); ++i) {
            checkFields(containers.at(i).toObject(), knownContainerFields(),
                        QStringLiteral("%1.%2[%3]").arg(path, QLatin1String(key)).arg(i), unknown);
        }
    }
}
} // namespace

void normalizeOnWrite(const ResourceType& type, QJsonObject& object) {
    // Built-in kinds pass through Go structs whose metadata fields are omitempty: an empty map or list
    // does not survive. Custom resources are unstructured and keep them.
    if (!type.custom) {
        QJsonObject metadata = obj(object, "metadata");
        bool changed = false;
        for (const char* key : {"labels", "annotations", "finalizers", "ownerReferences", "managedFields"}) {
            const QJsonValue value = metadata.value(QLatin1String(key));
            if ((value.isObject() && value.toObject().isEmpty()) ||
                (value.isArray() && value.toArray().isEmpty()) || value.isNull()) {
                metadata.remove(QLatin1String(key));
                changed = true;
            }
        }
        if (changed) {
            object.insert(QStringLiteral("metadata"), metadata);
        }
    }
    // Secret.stringData is write-only: each key lands base64-encoded in data, overriding a data key of the
    // same name.
    if (type.key() == QLatin1String("/secrets") && object.contains(QLatin1String("stringData"))) {
        QJsonObject data = obj(object, "data");
        const QJsonObject stringData = obj(object, "stringData");
        for (auto it = stringData.begin(); it != stringData.end(); ++it) {
            data.insert(it.key(), QString::fromLatin1(it.value().toString().toUtf8().toBase64()));
        }
        object.insert(QStringLiteral("data"), data);
        object.remove(QStringLiteral("stringData"));
    }
}

namespace {
// Removes the field at a path like ".spec.template.spec.containers[0].foo".
QJsonValue withoutField(const QJsonValue& value, QStringView path) {
    if (path.startsWith(u'.')) {
        path = path.mid(1);
        qsizetype end = 0;
        while (end < path.size() && path[end] != u'.' && path[end] != u'[') {
            ++end;
        }
        const QString key = path.left(end).toString();
        QJsonObject object = value.toObject();
        if (end == path.size()) {
            object.remove(key);
        } else if (object.contains(key)) {
            object.insert(key, withoutField(object.value(key), path.mid(end)));
        }
        return object;
    }
    if (path.startsWith(u'[')) {
        const qsizetype close = path.indexOf(u']');
        const int index = path.mid(1, close - 1).toInt();
        QJsonArray array = value.toArray();
        if (index >= 0 && index < array.size()) {
            array[index] = withoutField(array.at(index), path.mid(close + 1));
        }
        return array;
    }
    return value;
}
} // namespace

void removeFields(QJsonObject& object, const QStringList& paths) {
    for (const QString& path : paths) {
        object = withoutField(object, path).toObject();
    }
}

bool isDns1123Label(const QString& name) {
    static const QRegularExpression pattern(QStringLiteral("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"));
    return name.size() <= 63 && pattern.match(name).hasMatch();
}

bool isDns1123Subdomain(const QString& name) {
    static const QRegularExpression pattern(
        QStringLiteral("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"));
    return name.size() <= 253 && pattern.match(name).hasMatch();
}

bool hasGeneration(const ResourceType& type) {
    static const QSet<QString> without{QStringLiteral("/namespaces"),
                                       QStringLiteral("/configmaps"),
                                       QStringLiteral("/secrets"),
                                       QStringLiteral("/events"),
                                       QStringLiteral("/endpoints"),
                                       QStringLiteral("/serviceaccounts"),
                                       QStringLiteral("events.k8s.io/events"),
                                       QStringLiteral("/nodes"),
                                       QStringLiteral("/services"),
                                       QStringLiteral("coordination.k8s.io/leases")};
    return !without.contains(type.key());
}

bool specChanged(const QJsonObject& before, const QJsonObject& after) {
    QJsonObject a = before;
    QJsonObject b = after;
    for (const char* key : {"metadata", "status", "kind", "apiVersion"}) {
        a.remove(QLatin1String(key));
        b.remove(QLatin1String(key));
    }
    return a != b;
}

void applyCreateDefaults(const ResourceType& type, QJsonObject& object,
                         const std::function<quint32()>& randomToken) {
    QJsonObject spec = obj(object, "spec");
    const QString key = type.key();
    if (key == QLatin1String("/pods")) {
        defaultPodSpec(spec);
        const QString serviceAccount = spec.value(QLatin1String("serviceAccountName")).toString();
        if (serviceAccount.isEmpty()) {
            spec.insert(QStringLiteral("serviceAccountName"), QStringLiteral("default"));
            spec.insert(QStringLiteral("serviceAccount"), QStringLiteral("default"));
        }
        QJsonObject status = obj(object, "status");
        setDefault(status, "phase", QStringLiteral("Pending"));
        setDefault(status, "qosClass", QStringLiteral("BestEffort"));
        object.insert(QStringLiteral("status"), status);
    } else if (key == QLatin1String("apps/deployments")) {
        setDefault(spec, "replicas", 1);
        setDefault(spec, "revisionHistoryLimit", 10);
        setDefault(spec, "progressDeadlineSeconds", 600);
        setDefault(spec, "strategy",
                   QJsonObject{{QStringLiteral("type"), QStringLiteral("RollingUpdate")},
                               {QStringLiteral("rollingUpdate"),
                                rollingUpdate("maxSurge", QStringLiteral("25%"), QStringLiteral("25%"))}});
        defaultPodTemplate(spec);
    } else if (key == QLatin1String("apps/replicasets")) {
        setDefault(spec, "replicas", 1);
        defaultPodTemplate(spec);
    } else if (key == QLatin1String("apps/statefulsets")) {
        setDefault(spec, "replicas", 1);
        setDefault(spec, "podManagementPolicy", QStringLiteral("OrderedReady"));
        setDefault(spec, "revisionHistoryLimit", 10);
        setDefault(
            spec, "updateStrategy",
            QJsonObject{{QStringLiteral("type"), QStringLiteral("RollingUpdate")},
                        {QStringLiteral("rollingUpdate"), QJsonObject{{QStringLiteral("partition"), 0}}}});
        defaultPodTemplate(spec);
    } else if (key == QLatin1String("apps/daemonsets")) {
        setDefault(spec, "revisionHistoryLimit", 10);
        setDefault(spec, "updateStrategy",
                   QJsonObject{{QStringLiteral("type"), QStringLiteral("RollingUpdate")},
                               {QStringLiteral("rollingUpdate"), rollingUpdate("maxSurge", 0, 1)}});
        defaultPodTemplate(spec);
    } else if (key == QLatin1String("batch/jobs")) {
        setDefault(spec, "parallelism", 1);
        setDefault(spec, "completions", 1);
        setDefault(spec, "backoffLimit", 6);
        setDefault(spec, "completionMode", QStringLiteral("NonIndexed"));
        setDefault(spec, "suspend", false);
        defaultPodTemplate(spec);
    } else if (key == QLatin1String("batch/cronjobs")) {
        setDefault(spec, "concurrencyPolicy", QStringLiteral("Allow"));
        setDefault(spec, "suspend", false);
        setDefault(spec, "successfulJobsHistoryLimit", 3);
        setDefault(spec, "failedJobsHistoryLimit", 1);
    } else if (key == QLatin1String("/services")) {
        setDefault(spec, "type", QStringLiteral("ClusterIP"));
        setDefault(spec, "sessionAffinity", QStringLiteral("None"));
        if (spec.value(QLatin1String("clusterIP")).toString().isEmpty() &&
            spec.value(QLatin1String("type")).toString() != QLatin1String("ExternalName")) {
            const quint32 token = randomToken();
            const QString ip = QStringLiteral("10.96.%1.%2").arg((token >> 8) % 256).arg(token % 254 + 1);
            spec.insert(QStringLiteral("clusterIP"), ip);
            spec.insert(QStringLiteral("clusterIPs"), QJsonArray{ip});
        }
        setDefault(spec, "ipFamilies", QJsonArray{QStringLiteral("IPv4")});
        setDefault(spec, "ipFamilyPolicy", QStringLiteral("SingleStack"));
        setDefault(spec, "internalTrafficPolicy", QStringLiteral("Cluster"));
        QJsonArray ports = spec.value(QLatin1String("ports")).toArray();
        for (auto it = ports.begin(); it != ports.end(); ++it) {
            QJsonObject port = it->toObject();
            setDefault(port, "protocol", QStringLiteral("TCP"));
            setDefault(port, "targetPort", port.value(QLatin1String("port")));
            *it = port;
        }
        if (!ports.isEmpty()) {
            spec.insert(QStringLiteral("ports"), ports);
        }
        QJsonObject status = obj(object, "status");
        setDefault(status, "loadBalancer", QJsonObject());
        object.insert(QStringLiteral("status"), status);
    } else if (key == QLatin1String("/namespaces")) {
        setDefault(spec, "finalizers", QJsonArray{QStringLiteral("kubernetes")});
        object.insert(QStringLiteral("status"),
                      QJsonObject{{QStringLiteral("phase"), QStringLiteral("Active")}});
        QJsonObject metadata = obj(object, "metadata");
        QJsonObject labels = obj(metadata, "labels");
        labels.insert(QStringLiteral("kubernetes.io/metadata.name"), metadata.value(QLatin1String("name")));
        metadata.insert(QStringLiteral("labels"), labels);
        object.insert(QStringLiteral("metadata"), metadata);
    } else if (key == QLatin1String("/persistentvolumeclaims")) {
        setDefault(spec, "volumeMode", QStringLiteral("Filesystem"));
        QJsonObject status = obj(object, "status");
        setDefault(status, "phase", QStringLiteral("Pending"));
        object.insert(QStringLiteral("status"), status);
    } else if (key == QLatin1String("/secrets")) {
        setDefault(object, "type", QStringLiteral("Opaque"));
        return;
    } else {
        return;
    }
    object.insert(QStringLiteral("spec"), spec);
}

QJsonArray validate(const ResourceType& type, const QJsonObject& object) {
    QJsonArray causes;
    const QJsonObject metadata = obj(object, "metadata");
    const QString name = metadata.value(QLatin1String("name")).toString();
    const bool labelNames =
        type.key() == QLatin1String("/namespaces") || type.key() == QLatin1String("/services");
    if (name.isEmpty()) {
        causes.append(required(QStringLiteral("metadata.name"),
                               QStringLiteral("Required value: name or generateName is required")));
    } else if (labelNames ? !isDns1123Label(name) : !isDns1123Subdomain(name)) {
        causes.append(
            invalidValue(QStringLiteral("metadata.name"), name,
                         labelNames ? QStringLiteral("a lowercase RFC 1123 label must consist of lower "
                                                     "case alphanumeric characters or '-', and must "
                                                     "start and end with an alphanumeric character (e.g. "
                                                     "'my-name',  or '123-abc', regex used for validation "
                                                     "is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')")
                                    : QStringLiteral("a lowercase RFC 1123 subdomain must consist of lower "
                                                     "case alphanumeric characters, '-' or '.', and must "
                                                     "start and end with an alphanumeric character (e.g. "
                                                     "'example.com', regex used for validation is "
                                                     "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*"
                                                     "[a-z0-9])?)*')")));
    }
    const QJsonObject labels = obj(metadata, "labels");
    for (auto it = labels.begin(); it != labels.end(); ++it) {
        for (const QString& error : detail::qualifiedNameErrors(it.key())) {
            causes.append(invalidValue(QStringLiteral("metadata.labels"), it.key(), error));
        }
        for (const QString& error : detail::labelValueErrors(it.value().toString())) {
            causes.append(invalidValue(QStringLiteral("metadata.labels"), it.value().toString(), error));
        }
    }
    const QJsonObject annotations = obj(metadata, "annotations");
    for (auto it = annotations.begin(); it != annotations.end(); ++it) {
        for (const QString& error : detail::qualifiedNameErrors(it.key().toLower())) {
            causes.append(invalidValue(QStringLiteral("metadata.annotations"), it.key(), error));
        }
    }
    const QJsonObject spec = obj(object, "spec");
    const QString key = type.key();
    if (key == QLatin1String("/pods")) {
        validatePodSpec(spec, QStringLiteral("spec"), causes);
    } else if (key == QLatin1String("apps/deployments") || key == QLatin1String("apps/replicasets") ||
               key == QLatin1String("apps/statefulsets") || key == QLatin1String("apps/daemonsets")) {
        validateReplicas(spec, causes);
        validateSelectorMatchesTemplate(spec, causes);
        validatePodSpec(obj(obj(spec, "template"), "spec"), QStringLiteral("spec.template.spec"), causes);
    } else if (key == QLatin1String("batch/jobs")) {
        validatePodSpec(obj(obj(spec, "template"), "spec"), QStringLiteral("spec.template.spec"), causes);
    } else if (key == QLatin1String("batch/cronjobs")) {
        if (spec.value(QLatin1String("schedule")).toString().isEmpty()) {
            causes.append(required(QStringLiteral("spec.schedule")));
        }
    } else if (key == QLatin1String("/services")) {
        const QJsonArray ports = spec.value(QLatin1String("ports")).toArray();
        for (int i = 0; i < ports.size(); ++i) {
            const QJsonValue port = ports.at(i).toObject().value(QLatin1String("port"));
            if (!port.isDouble() || port.toInt() < 1 || port.toInt() > 65535) {
                causes.append(invalidValue(QStringLiteral("spec.ports[%1].port").arg(i), port,
                                           QStringLiteral("must be between 1 and 65535, inclusive")));
            }
        }
    } else if (key == QLatin1String("apiextensions.k8s.io/customresourcedefinitions")) {
        const QJsonObject names = obj(spec, "names");
        const QString expected = names.value(QLatin1String("plural")).toString() + QLatin1Char('.') +
                                 spec.value(QLatin1String("group")).toString();
        if (name != expected) {
            causes.append(invalidValue(QStringLiteral("metadata.name"), name,
                                       QStringLiteral("must be spec.names.plural+\".\"+spec.group")));
        }
        if (spec.value(QLatin1String("versions")).toArray().isEmpty()) {
            causes.append(required(
                QStringLiteral("spec.versions"),
                QStringLiteral("Required value: must have exactly one version marked as storage version")));
        }
    }
    return causes;
}

QStringList unknownFields(const ResourceType& type, const QJsonObject& object) {
    QStringList unknown;
    static const QSet<QString> topLevel = setOf({"apiVersion",
                                                 "kind",
                                                 "metadata",
                                                 "spec",
                                                 "status",
                                                 "data",
                                                 "binaryData",
                                                 "stringData",
                                                 "type",
                                                 "immutable",
                                                 "rules",
                                                 "subjects",
                                                 "roleRef",
                                                 "aggregationRule",
                                                 "secrets",
                                                 "imagePullSecrets",
                                                 "automountServiceAccountToken",
                                                 "subsets",
                                                 "endpoints",
                                                 "ports",
                                                 "addressType",
                                                 "provisioner",
                                                 "parameters",
                                                 "reclaimPolicy",
                                                 "mountOptions",
                                                 "allowVolumeExpansion",
                                                 "volumeBindingMode",
                                                 "allowedTopologies",
                                                 "involvedObject",
                                                 "reason",
                                                 "message",
                                                 "source",
                                                 "firstTimestamp",
                                                 "lastTimestamp",
                                                 "count",
                                                 "eventTime",
                                                 "series",
                                                 "action",
                                                 "related",
                                                 "reportingComponent",
                                                 "reportingInstance",
                                                 "regarding",
                                                 "note",
                                                 "reportingController",
                                                 "deprecatedSource",
                                                 "deprecatedFirstTimestamp",
                                                 "deprecatedLastTimestamp",
                                                 "deprecatedCount",
                                                 "data",
                                                 "revision",
                                                 "handler",
                                                 "overhead",
                                                 "scheduling",
                                                 "limits"});
    if (type.custom) {
        checkFields(object, setOf({"apiVersion", "kind", "metadata", "spec", "status"}), QString(), unknown);
    } else {
        checkFields(object, topLevel, QString(), unknown);
    }
    checkFields(obj(object, "metadata"), knownMetadataFields(), QStringLiteral(".metadata"), unknown);
    const QJsonObject spec = obj(object, "spec");
    const QString key = type.key();
    if (key == QLatin1String("/pods")) {
        checkPodSpec(spec, QStringLiteral(".spec"), unknown);
    } else if (key == QLatin1String("apps/deployments")) {
        checkFields(spec,
                    setOf({"replicas", "selector", "template", "strategy", "minReadySeconds",
                           "revisionHistoryLimit", "paused", "progressDeadlineSeconds"}),
                    QStringLiteral(".spec"), unknown);
        checkPodSpec(obj(obj(spec, "template"), "spec"), QStringLiteral(".spec.template.spec"), unknown);
    }
    return unknown;
}

} // namespace binnacle::sim::objectrules
