// The StatefulSet controller's pods and their PersistentVolumeClaims.
#include "controllerutil.h"
#include "eventrecorder.h"
#include "podtemplate.h"
#include "statefulsetcontroller.h"

namespace binnacle::sim {

namespace {

const EventRecorder::Source kSource{QStringLiteral("statefulset-controller"), QString()};
const QString kRevisionLabel = QStringLiteral("controller-revision-hash");

} // namespace

bool StatefulSetController::ensureClaims(const QJsonObject& statefulSet, int ordinal) {
    const QString namespaceName = objects::namespaceName(statefulSet);
    const QString podName = objects::name(statefulSet) + QLatin1Char('-') + QString::number(ordinal);
    const QJsonObject spec = statefulSet.value(QLatin1String("spec")).toObject();
    for (const QJsonValue& value : spec.value(QLatin1String("volumeClaimTemplates")).toArray()) {
        const QJsonObject claimTemplate = value.toObject();
        const QString claimName = objects::name(claimTemplate) + QLatin1Char('-') + podName;
        if (m_context->storage()->get(m_claims, namespaceName, claimName)) {
            continue;
        }
        QJsonObject labels = objects::labels(claimTemplate);
        const QJsonObject matchLabels = objects::objectAt(spec, QStringLiteral("selector.matchLabels"));
        for (auto it = matchLabels.begin(); it != matchLabels.end(); ++it) {
            labels.insert(it.key(), it.value());
        }
        QJsonObject claimSpec = claimTemplate.value(QLatin1String("spec")).toObject();
        if (!claimSpec.contains(QLatin1String("volumeMode"))) {
            claimSpec.insert(QStringLiteral("volumeMode"), QStringLiteral("Filesystem"));
        }
        const QJsonObject claim{
            {QStringLiteral("apiVersion"), QStringLiteral("v1")},
            {QStringLiteral("kind"), QStringLiteral("PersistentVolumeClaim")},
            {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), claimName},
                                                     {QStringLiteral("namespace"), namespaceName},
                                                     {QStringLiteral("labels"), labels}}},
            {QStringLiteral("spec"), claimSpec},
        };
        const WriteOptions options =
            ControllerContext::writeOptions(QStringLiteral("kube-controller-manager"));
        const WriteResult created = m_context->storage()->create(m_claims, namespaceName, claim, options);
        if (!created.ok()) {
            m_context->events().warning(
                statefulSet, QStringLiteral("FailedCreate"),
                QStringLiteral("create Claim %1 for Pod %2 in StatefulSet %3 failed error: %4")
                    .arg(claimName, podName, objects::name(statefulSet), created.error->message),
                kSource);
            return false;
        }
        m_context->events().normal(statefulSet, QStringLiteral("SuccessfulCreate"),
                                   QStringLiteral("create Claim %1 Pod %2 in StatefulSet %3 success")
                                       .arg(claimName, podName, objects::name(statefulSet)),
                                   kSource);
        // No volume provisioner runs in the simulator: the claim is bound at once.
        QJsonObject bound = created.object->object;
        bound.insert(
            QStringLiteral("status"),
            QJsonObject{{QStringLiteral("phase"), QStringLiteral("Bound")},
                        {QStringLiteral("accessModes"), claimSpec.value(QLatin1String("accessModes"))},
                        {QStringLiteral("capacity"),
                         objects::objectAt(claimSpec, QStringLiteral("resources.requests"))}});
        m_context->storage()->update(
            m_claims, namespaceName, claimName, bound,
            ControllerContext::writeOptions(QStringLiteral("kube-controller-manager"),
                                            QStringLiteral("status")));
    }
    return true;
}

void StatefulSetController::createPod(const QJsonObject& statefulSet, int ordinal, const QString& revision) {
    if (!ensureClaims(statefulSet, ordinal)) {
        return;
    }
    const QJsonObject spec = statefulSet.value(QLatin1String("spec")).toObject();
    const QString podName = objects::name(statefulSet) + QLatin1Char('-') + QString::number(ordinal);
    PodRequest request;
    request.podTemplate = templateOfRevision(statefulSet, revision);
    request.owner = statefulSet;
    request.ownerType = &m_statefulSets;
    request.name = podName;
    request.extraLabels = QJsonObject{
        {kRevisionLabel, revision},
        {QStringLiteral("statefulset.kubernetes.io/pod-name"), podName},
        {QStringLiteral("apps.kubernetes.io/pod-index"), QString::number(ordinal)},
    };
    QJsonArray volumes = objects::objectAt(request.podTemplate, QStringLiteral("spec"))
                             .value(QLatin1String("volumes"))
                             .toArray();
    for (const QJsonValue& value : spec.value(QLatin1String("volumeClaimTemplates")).toArray()) {
        const QString volumeName = objects::name(value.toObject());
        for (qsizetype i = volumes.size() - 1; i >= 0; --i) {
            if (volumes.at(i).toObject().value(QLatin1String("name")).toString() == volumeName) {
                volumes.removeAt(i);
            }
        }
        volumes.append(QJsonObject{
            {QStringLiteral("name"), volumeName},
            {QStringLiteral("persistentVolumeClaim"),
             QJsonObject{{QStringLiteral("claimName"), volumeName + QLatin1Char('-') + podName}}},
        });
    }
    request.specOverrides.insert(QStringLiteral("hostname"), podName);
    if (spec.contains(QLatin1String("serviceName"))) {
        request.specOverrides.insert(QStringLiteral("subdomain"), spec.value(QLatin1String("serviceName")));
    }
    if (!volumes.isEmpty()) {
        request.specOverrides.insert(QStringLiteral("volumes"), volumes);
    }
    QString error;
    if (binnacle::sim::createPod(m_context, request, &error)) {
        m_context->events().normal(statefulSet, QStringLiteral("SuccessfulCreate"),
                                   QStringLiteral("create Pod %1 in StatefulSet %2 successful")
                                       .arg(podName, objects::name(statefulSet)),
                                   kSource);
    } else {
        m_context->events().warning(statefulSet, QStringLiteral("FailedCreate"),
                                    QStringLiteral("create Pod %1 in StatefulSet %2 failed error: %3")
                                        .arg(podName, objects::name(statefulSet), error),
                                    kSource);
    }
}

void StatefulSetController::deletePodOf(const QJsonObject& statefulSet, const QJsonObject& pod) {
    if (deletePod(m_context, pod)) {
        m_context->events().normal(statefulSet, QStringLiteral("SuccessfulDelete"),
                                   QStringLiteral("delete Pod %1 in StatefulSet %2 successful")
                                       .arg(objects::name(pod), objects::name(statefulSet)),
                                   kSource);
    }
}

} // namespace binnacle::sim
