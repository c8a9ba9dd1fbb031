#include "mergeschema.h"

namespace binnacle::sim {
namespace {

using Rule = MergeSchema::ListRule;

void addObjectMeta(MergeSchema& schema, const QString& metadata) {
    schema.addList(MergeSchema::fieldPath(metadata, QStringLiteral("ownerReferences")),
                   MergeSchema::keyedBy(QStringLiteral("uid")));
    // OwnerReference is +structType=atomic: an item is owned as a whole.
    schema.addAtomicObject(MergeSchema::fieldPath(metadata, QStringLiteral("ownerReferences[]")));
    schema.addList(MergeSchema::fieldPath(metadata, QStringLiteral("finalizers")), MergeSchema::mergedSet());
}

void addContainer(MergeSchema& schema, const QString& container) {
    const auto at = [&container](const char* field) {
        return MergeSchema::fieldPath(container, QString::fromLatin1(field));
    };
    schema.addList(at("env"), MergeSchema::keyedBy(QStringLiteral("name")));
    for (const char* selector : {"fieldRef", "resourceFieldRef", "configMapKeyRef", "secretKeyRef"})
        schema.addAtomicObject(at("env[].valueFrom.") + QString::fromLatin1(selector));
    // Ports merge by containerPort in a strategic patch but are keyed by (containerPort, protocol) for
    // apply, protocol defaulting to TCP.
    schema.addList(at("ports"),
                   MergeSchema::keyedBy(QStringLiteral("containerPort"),
                                        {QStringLiteral("containerPort"), QStringLiteral("protocol")},
                                        {{QStringLiteral("protocol"), QStringLiteral("TCP")}}));
    schema.addList(at("volumeMounts"), MergeSchema::keyedBy(QStringLiteral("mountPath")));
    schema.addList(at("volumeDevices"), MergeSchema::keyedBy(QStringLiteral("devicePath")));
}

void addPodSpec(MergeSchema& schema, const QString& spec) {
    const auto at = [&spec](const char* field) {
        return MergeSchema::fieldPath(spec, QString::fromLatin1(field));
    };
    for (const char* list : {"containers", "initContainers", "ephemeralContainers"}) {
        schema.addList(at(list), MergeSchema::keyedBy(QStringLiteral("name")));
        addContainer(schema, MergeSchema::itemPath(at(list)));
    }
    schema.addList(at("volumes"), MergeSchema::keyedBy(QStringLiteral("name")));
    schema.addList(at("imagePullSecrets"), MergeSchema::keyedBy(QStringLiteral("name")));
    schema.addAtomicObject(at("imagePullSecrets[]")); // LocalObjectReference is +structType=atomic
    schema.addList(at("hostAliases"), MergeSchema::keyedBy(QStringLiteral("ip")));
    schema.addList(
        at("topologySpreadConstraints"),
        MergeSchema::keyedBy(QStringLiteral("topologyKey"),
                             {QStringLiteral("topologyKey"), QStringLiteral("whenUnsatisfiable")}));
    schema.addList(at("schedulingGates"), MergeSchema::keyedBy(QStringLiteral("name")));
    schema.addList(at("resourceClaims"), MergeSchema::keyedBy(QStringLiteral("name")));
    schema.addAtomicObject(at("affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution"));
}

void addPodTemplate(MergeSchema& schema, const QString& templatePath) {
    addObjectMeta(schema, MergeSchema::fieldPath(templatePath, QStringLiteral("metadata")));
    addPodSpec(schema, MergeSchema::fieldPath(templatePath, QStringLiteral("spec")));
}

void addConditions(MergeSchema& schema, const QString& status) {
    schema.addList(MergeSchema::fieldPath(status, QStringLiteral("conditions")),
                   MergeSchema::keyedBy(QStringLiteral("type")));
}

MergeSchema buildSchema(const QString& group, const QString& kind) {
    MergeSchema schema;
    addObjectMeta(schema, QStringLiteral("metadata"));
    const bool apps = group == QLatin1String("apps");
    const bool batch = group == QLatin1String("batch");
    const bool core = group.isEmpty() || group == QLatin1String("core");

    if (core && kind == QLatin1String("Pod")) {
        addPodSpec(schema, QStringLiteral("spec"));
        addConditions(schema, QStringLiteral("status"));
        schema.addList(QStringLiteral("status.podIPs"), MergeSchema::keyedBy(QStringLiteral("ip")));
        schema.addList(QStringLiteral("status.hostIPs"), MergeSchema::keyedBy(QStringLiteral("ip")));
    } else if (core && kind == QLatin1String("PodTemplate")) {
        addPodTemplate(schema, QStringLiteral("template"));
    } else if (core && kind == QLatin1String("ReplicationController")) {
        addPodTemplate(schema, QStringLiteral("spec.template"));
        addConditions(schema, QStringLiteral("status"));
    } else if ((apps && (kind == QLatin1String("Deployment") || kind == QLatin1String("ReplicaSet") ||
                         kind == QLatin1String("StatefulSet") || kind == QLatin1String("DaemonSet"))) ||
               (batch && kind == QLatin1String("Job"))) {
        addPodTemplate(schema, QStringLiteral("spec.template"));
        schema.addAtomicObject(QStringLiteral("spec.selector")); // LabelSelector is +structType=atomic
        if (batch) {
            // JobStatus.conditions merge by type in a strategic patch but are +listType=atomic.
            Rule conditions = MergeSchema::keyedBy(QStringLiteral("type"));
            conditions.applyType = MergeSchema::ApplyListType::Atomic;
            conditions.applyKeys.clear();
            schema.addList(QStringLiteral("status.conditions"), conditions);
        } else {
            addConditions(schema, QStringLiteral("status"));
        }
    } else if (batch && kind == QLatin1String("CronJob")) {
        addObjectMeta(schema, QStringLiteral("spec.jobTemplate.metadata"));
        addPodTemplate(schema, QStringLiteral("spec.jobTemplate.spec.template"));
        schema.addAtomicObject(QStringLiteral("spec.jobTemplate.spec.selector"));
    } else if (core && kind == QLatin1String("Service")) {
        schema.addList(QStringLiteral("spec.ports"),
                       MergeSchema::keyedBy(QStringLiteral("port"),
                                            {QStringLiteral("port"), QStringLiteral("protocol")},
                                            {{QStringLiteral("protocol"), QStringLiteral("TCP")}}));
        schema.addAtomicObject(QStringLiteral("spec.selector")); // +mapType=atomic
        addConditions(schema, QStringLiteral("status"));
    } else if (core && kind == QLatin1String("Node")) {
        // NodeSpec.taints carries no patch tags (+listType=atomic): a patch replaces the whole list.
        Rule podCidrs = MergeSchema::mergedSet();
        schema.addList(QStringLiteral("spec.podCIDRs"), podCidrs);
        addConditions(schema, QStringLiteral("status"));
        schema.addList(QStringLiteral("status.addresses"), MergeSchema::keyedBy(QStringLiteral("type")));
    } else if (core && kind == QLatin1String("ServiceAccount")) {
        schema.addList(QStringLiteral("secrets"), MergeSchema::keyedBy(QStringLiteral("name")));
    } else if (core && kind == QLatin1String("Namespace")) {
        addConditions(schema, QStringLiteral("status"));
    }
    return schema;
}

} // namespace

MergeSchema::ListRule MergeSchema::keyedBy(const QString& patchMergeKey, const QStringList& applyKeys,
                                           const QJsonObject& keyDefaults) {
    return ListRule{patchMergeKey, true, ApplyListType::Map, applyKeys, keyDefaults};
}

MergeSchema::ListRule MergeSchema::mergedSet() {
    return ListRule{QString(), true, ApplyListType::Set, {}, {}};
}

const MergeSchema::ListRule* MergeSchema::listRule(const QString& path) const {
    const auto it = m_lists.constFind(path);
    return it == m_lists.constEnd() ? nullptr : &it.value();
}

const MergeSchema& MergeSchema::forKind(const QString& group, const QString& kind) {
    static const QStringList builtIn{QStringLiteral("/Pod"),
                                     QStringLiteral("/PodTemplate"),
                                     QStringLiteral("/ReplicationController"),
                                     QStringLiteral("/Service"),
                                     QStringLiteral("/Node"),
                                     QStringLiteral("/ServiceAccount"),
                                     QStringLiteral("/Namespace"),
                                     QStringLiteral("apps/Deployment"),
                                     QStringLiteral("apps/ReplicaSet"),
                                     QStringLiteral("apps/StatefulSet"),
                                     QStringLiteral("apps/DaemonSet"),
                                     QStringLiteral("batch/Job"),
                                     QStringLiteral("batch/CronJob")};
    // Built once, on first use; thread-safe by the rules of function-local statics.
    static const QHash<QString, MergeSchema> schemas = [] {
        QHash<QString, MergeSchema> all;
        for (const QString& name : builtIn) {
            const qsizetype slash = name.indexOf(QLatin1Char('/'));
            all.insert(name, buildSchema(name.left(slash), name.mid(slash + 1)));
        }
        return all;
    }();
    const QString normalizedGroup = group == QLatin1String("core") ? QString() : group;
    const auto it = schemas.constFind(normalizedGroup + QLatin1Char('/') + kind);
    return it == schemas.constEnd() ? forCustomResource() : it.value();
}

const MergeSchema& MergeSchema::forCustomResource() {
    static const MergeSchema schema = [] {
        MergeSchema metaOnly;
        addObjectMeta(metaOnly, QStringLiteral("metadata"));
        return metaOnly;
    }();
    return schema;
}

const MergeSchema& MergeSchema::empty() {
    static const MergeSchema schema;
    return schema;
}

} // namespace binnacle::sim
