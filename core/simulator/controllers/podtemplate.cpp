#include "podtemplate.h"

#include "controllerutil.h"
#include "ownerindex.h"

namespace binnacle::sim {

ObjectPtr createPod(ControllerContext* context, const PodRequest& request, QString* error) {
    const ResourceType& pods = context->type(QString(), QStringLiteral("pods"));
    const QString namespaceName = objects::namespaceName(request.owner);
    QJsonObject templateMetadata = request.podTemplate.value(QLatin1String("metadata")).toObject();
    QJsonObject labels = templateMetadata.value(QLatin1String("labels")).toObject();
    for (auto it = request.extraLabels.begin(); it != request.extraLabels.end(); ++it) {
        labels.insert(it.key(), it.value());
    }
    QJsonObject annotations = templateMetadata.value(QLatin1String("annotations")).toObject();
    for (auto it = request.extraAnnotations.begin(); it != request.extraAnnotations.end(); ++it) {
        annotations.insert(it.key(), it.value());
    }
    QJsonObject metadata{{QStringLiteral("namespace"), namespaceName}};
    if (!labels.isEmpty()) {
        metadata.insert(QStringLiteral("labels"), labels);
    }
    if (!annotations.isEmpty()) {
        metadata.insert(QStringLiteral("annotations"), annotations);
    }
    if (request.ownerType) {
        metadata.insert(QStringLiteral("ownerReferences"),
                        QJsonArray{objects::controllerReference(request.owner, *request.ownerType)});
    }
    QJsonObject spec = request.podTemplate.value(QLatin1String("spec")).toObject();
    for (auto it = request.specOverrides.begin(); it != request.specOverrides.end(); ++it) {
        spec.insert(it.key(), it.value());
    }

    const WriteOptions options = ControllerContext::writeOptions(QStringLiteral("kube-controller-manager"));
    for (int attempt = 0; attempt < 5; ++attempt) {
        QJsonObject podMetadata = metadata;
        if (!request.name.isEmpty()) {
            podMetadata.insert(QStringLiteral("name"), request.name);
        } else {
            podMetadata.insert(QStringLiteral("generateName"), request.generateName);
            podMetadata.insert(QStringLiteral("name"), request.generateName + context->randomSuffix());
        }
        const QJsonObject pod{
            {QStringLiteral("apiVersion"), QStringLiteral("v1")},
            {QStringLiteral("kind"), QStringLiteral("Pod")},
            {QStringLiteral("metadata"), podMetadata},
            {QStringLiteral("spec"), spec},
        };
        WriteResult result = context->storage()->create(pods, namespaceName, pod, options);
        if (result.ok()) {
            return result.object;
        }
        if (!request.name.isEmpty() || result.error->code != 409) {
            if (error) {
                *error = result.error->message;
            }
            return nullptr;
        }
    }
    if (error) {
        *error = QStringLiteral("could not find a free pod name");
    }
    return nullptr;
}

QList<ObjectPtr> podsControlledBy(ControllerContext* context, const QString& namespaceName,
                                  const QString& ownerUid) {
    return ownerUid.isEmpty() ? QList<ObjectPtr>{}
                              : context->podOwners().controlledBy(namespaceName, ownerUid);
}

bool deletePod(ControllerContext* context, const QJsonObject& pod) {
    const ResourceType& pods = context->type(QString(), QStringLiteral("pods"));
    return context->storage()
        ->remove(pods, objects::namespaceName(pod), objects::name(pod), DeleteOptions{})
        .ok();
}

} // namespace binnacle::sim
