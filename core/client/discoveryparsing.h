#pragma once

// Internal to binnacle_client: discovery documents -> neutral pieces that DiscoveryModel merges.

#include "apiresource.h"

#include <QJsonObject>
#include <QList>

namespace binnacle::client::detail {

struct ParsedGroup {
    ApiGroupInfo info;
    QList<ApiResource> resources; // of any of info.versions; empty for legacy group lists
};

// apidiscovery.k8s.io/v2 and v2beta1 APIGroupDiscoveryList (both /api and /apis answer one).
bool parseAggregatedDiscovery(const QJsonObject& document, QList<ParsedGroup>* groups, QString* error);

// Legacy documents: APIVersions (/api), APIGroupList (/apis), APIGroup (/apis/G) and
// APIResourceList (/api/v1, /apis/G/V; the latter yields one group with one version and its resources).
bool parseApiVersions(const QJsonObject& document, QList<ParsedGroup>* groups, QString* error);
bool parseApiGroupList(const QJsonObject& document, QList<ParsedGroup>* groups, QString* error);
bool parseApiGroup(const QJsonObject& document, QList<ParsedGroup>* groups, QString* error);
bool parseApiResourceList(const QJsonObject& document, QList<ParsedGroup>* groups, QString* error);

QStringList stringList(const QJsonValue& value);

} // namespace binnacle::client::detail
