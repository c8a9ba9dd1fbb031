#pragma once

#include "apiresource.h"

#include <QString>

namespace binnacle {

// The sidebar's sections, in the order shown; resources of groups Kubernetes does not define go to
// CustomResources, one sub-section per API group (as Lens and Headlamp do).
enum class KindCategory {
    Workloads,
    Network,
    Config,
    Storage,
    Cluster,
    AccessControl,
    CustomResources,
    Other
};

// Where a resource belongs in the sidebar. Built-in kinds by group and resource name; everything of a
// non-Kubernetes group is a custom resource. Subresources and resources that cannot be listed do not show.
KindCategory categoryOf(const client::ApiResource& resource);
QString categoryName(KindCategory category);
// Whether the resource belongs to an API group Kubernetes itself serves (core, apps, batch, *.k8s.io ...).
bool isBuiltInGroup(const QString& group);

} // namespace binnacle
