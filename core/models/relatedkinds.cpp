#include "relatedkinds.h"

#include "restmapper.h"

#include <QJsonArray>
#include <QSet>

namespace binnacle::related {

namespace {

using PodSpec = KindTraits::PodSpec;

const QList<KindTraits>& builtinKinds() {
    static const QList<KindTraits> kinds{
        {{}, "v1", "pods", "Pod", true, {}, SelectorKind::None, PodSpec::Own},
        {"apps",
         "v1",
         "replicasets",
         "ReplicaSet",
         true,
         {"Pod"},
         SelectorKind::LabelSelector,
         PodSpec::Template},
        {"apps",
         "v1",
         "deployments",
         "Deployment",
         true,
         {"ReplicaSet"},
         SelectorKind::LabelSelector,
         PodSpec::Template},
        {"apps",
         "v1",
         "statefulsets",
         "StatefulSet",
         true,
         {"Pod"},
         SelectorKind::LabelSelector,
         PodSpec::Template},
        {"apps",
         "v1",
         "daemonsets",
         "DaemonSet",
         true,
         {"Pod"},
         SelectorKind::LabelSelector,
         PodSpec::Template},
        {"batch", "v1", "jobs", "Job", true, {"Pod"}, SelectorKind::LabelSelector, PodSpec::Template},
        {"batch", "v1", "cronjobs", "CronJob", true, {"Job"}, SelectorKind::None, PodSpec::JobTemplate},
        {{}, "v1", "services", "Service", true, {}, SelectorKind::ServiceMap, PodSpec::None},
        {{}, "v1", "configmaps", "ConfigMap", true, {}, SelectorKind::None, PodSpec::None},
        {{}, "v1", "secrets", "Secret", true, {}, SelectorKind::None, PodSpec::None},
        {{},
         "v1",
         "persistentvolumeclaims",
         "PersistentVolumeClaim",
         true,
         {},
         SelectorKind::None,
         PodSpec::None},
        {{}, "v1", "serviceaccounts", "ServiceAccount", true, {}, SelectorKind::None, PodSpec::None},
        {{}, "v1", "nodes", "Node", false, {}, SelectorKind::None, PodSpec::None},
        {{}, "v1", "events", "Event", true, {}, SelectorKind::None, PodSpec::None},
    };
    return kinds;
}

void addReference(QList<NamedReference>* references, QSet<QString>* seen, const QString& kind,
                  const QString& name, const QString& detail) {
    if (name.isEmpty() || seen->contains(kind + QLatin1Char('/') + name)) {
        return;
    }
    seen->insert(kind + QLatin1Char('/') + name);
    references->append({kind, name, detail});
}

QString labelValue(const QList<QPair<QString, QString>>& labels, const QString& key, bool* present) {
    for (const auto& [labelKey, value] : labels) {
        if (labelKey == key) {
            *present = true;
            return value;
        }
    }
    *present = false;
    return {};
}

bool expressionMatches(const QJsonObject& expression, const QList<QPair<QString, QString>>& labels) {
    bool present = false;
    const QString value = labelValue(labels, expression.value(u"key").toString(), &present);
    const QString op = expression.value(u"operator").toString();
    const QJsonArray values = expression.value(u"values").toArray();
    if (op == QLatin1String("In")) {
        return present && values.contains(value);
    }
    if (op == QLatin1String("NotIn")) {
        return !present || !values.contains(value);
    }
    if (op == QLatin1String("Exists")) {
        return present;
    }
    if (op == QLatin1String("DoesNotExist")) {
        return !present;
    }
    return false; // an operator we do not know selects nothing rather than everything
}

} // namespace

client::ApiResource KindTraits::apiResource() const {
    client::ApiResource result;
    result.group = group;
    result.version = version;
    result.resource = resource;
    result.singular = kind.toLower();
    result.kind = kind;
    result.namespaced = namespaced;
    result.verbs = QStringList{QStringLiteral("get"), QStringLiteral("list"), QStringLiteral("watch")};
    return result;
}

const KindTraits* builtinKind(const QString& kind) {
    for (const KindTraits& traits : builtinKinds()) {
        if (traits.kind == kind) {
            return &traits;
        }
    }
    return nullptr;
}

const KindTraits* builtinKindFor(const QString& input) {
    for (const KindTraits& traits : builtinKinds()) {
        const QString qualified =
            traits.group.isEmpty() ? traits.resource : traits.resource + QLatin1Char('.') + traits.group;
        if (input.compare(traits.kind, Qt::CaseInsensitive) == 0 ||
            input.compare(traits.resource, Qt::CaseInsensitive) == 0 ||
            input.compare(qualified, Qt::CaseInsensitive) == 0) {
            return &traits;
        }
    }
    return nullptr;
}

std::optional<client::ApiResource> resourceForKind(const QString& group, const QString& kind,
                                                   const client::RestMapper* mapper) {
    if (mapper) {
        if (auto resource = mapper->resourceForKind(group, kind)) {
            return resource;
        }
    }
    const KindTraits* traits = builtinKind(kind);
    if (traits && traits->group == group) {
        return traits->apiResource();
    }
    return std::nullopt;
}

QString groupOfApiVersion(const QString& apiVersion) {
    const qsizetype slash = apiVersion.indexOf(QLatin1Char('/'));
    return slash < 0 ? QString() : apiVersion.left(slash);
}

QJsonObject podSpecOf(const KindTraits& traits, const QJsonObject& object) {
    const QJsonObject spec = object.value(u"spec").toObject();
    switch (traits.podSpec) {
    case PodSpec::Own:
        return spec;
    case PodSpec::Template:
        return spec.value(u"template").toObject().value(u"spec").toObject();
    case PodSpec::JobTemplate:
        return spec.value(u"jobTemplate")
            .toObject()
            .value(u"spec")
            .toObject()
            .value(u"template")
            .toObject()
            .value(u"spec")
            .toObject();
    case PodSpec::None:
        break;
    }
    return {};
}

QList<NamedReference> podSpecReferences(const QJsonObject& podSpec) {
    const QString configMap = QStringLiteral("ConfigMap");
    const QString secret = QStringLiteral("Secret");
    QList<NamedReference> references;
    QSet<QString> seen;
    for (const QJsonValue& entry : podSpec.value(u"volumes").toArray()) {
        const QJsonObject volume = entry.toObject();
        const QString detail = QStringLiteral("volume ") + volume.value(u"name").toString();
        addReference(&references, &seen, QStringLiteral("PersistentVolumeClaim"),
                     volume.value(u"persistentVolumeClaim").toObject().value(u"claimName").toString(),
                     detail);
        addReference(&references, &seen, configMap,
                     volume.value(u"configMap").toObject().value(u"name").toString(), detail);
        addReference(&references, &seen, secret,
                     volume.value(u"secret").toObject().value(u"secretName").toString(), detail);
        for (const QJsonValue& source : volume.value(u"projected").toObject().value(u"sources").toArray()) {
            const QJsonObject projection = source.toObject();
            addReference(&references, &seen, configMap,
                         projection.value(u"configMap").toObject().value(u"name").toString(), detail);
            addReference(&references, &seen, secret,
                         projection.value(u"secret").toObject().value(u"name").toString(), detail);
        }
    }
    for (const char* list : {"initContainers", "containers", "ephemeralContainers"}) {
        for (const QJsonValue& entry : podSpec.value(QLatin1String(list)).toArray()) {
            const QJsonObject container = entry.toObject();
            for (const QJsonValue& from : container.value(u"envFrom").toArray()) {
                const QJsonObject source = from.toObject();
                addReference(&references, &seen, configMap,
                             source.value(u"configMapRef").toObject().value(u"name").toString(),
                             QStringLiteral("envFrom"));
                addReference(&references, &seen, secret,
                             source.value(u"secretRef").toObject().value(u"name").toString(),
                             QStringLiteral("envFrom"));
            }
            for (const QJsonValue& variable : container.value(u"env").toArray()) {
                const QJsonObject env = variable.toObject();
                const QJsonObject valueFrom = env.value(u"valueFrom").toObject();
                const QString detail = QStringLiteral("env ") + env.value(u"name").toString();
                addReference(&references, &seen, configMap,
                             valueFrom.value(u"configMapKeyRef").toObject().value(u"name").toString(),
                             detail);
                addReference(&references, &seen, secret,
                             valueFrom.value(u"secretKeyRef").toObject().value(u"name").toString(), detail);
            }
        }
    }
    for (const QJsonValue& entry : podSpec.value(u"imagePullSecrets").toArray()) {
        addReference(&references, &seen, secret, entry.toObject().value(u"name").toString(),
                     QStringLiteral("imagePullSecrets"));
    }
    return references;
}

bool serviceSelectorMatches(const QJsonObject& selector, const QList<QPair<QString, QString>>& labels) {
    if (selector.isEmpty()) {
        return false;
    }
    for (auto it = selector.constBegin(); it != selector.constEnd(); ++it) {
        bool present = false;
        if (labelValue(labels, it.key(), &present) != it.value().toString() || !present) {
            return false;
        }
    }
    return true;
}

bool labelSelectorMatches(const QJsonObject& selector, const QList<QPair<QString, QString>>& labels) {
    const QJsonObject matchLabels = selector.value(u"matchLabels").toObject();
    const QJsonArray expressions = selector.value(u"matchExpressions").toArray();
    if (matchLabels.isEmpty() && expressions.isEmpty()) {
        return false;
    }
    for (auto it = matchLabels.constBegin(); it != matchLabels.constEnd(); ++it) {
        bool present = false;
        if (labelValue(labels, it.key(), &present) != it.value().toString() || !present) {
            return false;
        }
    }
    for (const QJsonValue& expression : expressions) {
        if (!expressionMatches(expression.toObject(), labels)) {
            return false;
        }
    }
    return true;
}

} // namespace binnacle::related
