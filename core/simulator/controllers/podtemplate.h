#pragma once

#include "controllercontext.h"

#include <QJsonObject>

namespace binnacle::sim {

// What a workload controller asks for when it makes a Pod from its template.
struct PodRequest {
    QJsonObject podTemplate; // a PodTemplateSpec {metadata, spec}
    QJsonObject owner;       // the stored controller object
    const ResourceType* ownerType = nullptr;
    QString name;            // a fixed name (StatefulSet), or empty for `<generateName><5 chars>`
    QString generateName;    // "web-6d68ff5f86-"
    QJsonObject extraLabels; // pod-template-hash, controller-revision-hash, ...
    QJsonObject extraAnnotations;
    QJsonObject specOverrides; // hostname, subdomain, affinity, volumes, ...
};

// Creates the Pod through the storage as kube-controller-manager would; on a name clash of a generated
// name it draws another suffix. Returns the stored pod, or null with *error set.
ObjectPtr createPod(ControllerContext* context, const PodRequest& request, QString* error);

// Lists the pods (in the owner's namespace) whose controller is `ownerUid`.
QList<ObjectPtr> podsControlledBy(ControllerContext* context, const QString& namespaceName,
                                  const QString& ownerUid);

// Deletes a pod gracefully on behalf of a controller. Returns false when the delete failed.
bool deletePod(ControllerContext* context, const QJsonObject& pod);

} // namespace binnacle::sim
