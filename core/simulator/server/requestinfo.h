#pragma once

#include <QString>
#include <QStringList>

namespace binnacle::sim {

struct HttpRequest;

// What an API request addresses, parsed from its path and method, as the apiserver's RequestInfoFactory does.
struct RequestInfo {
    bool isResourceRequest = false;
    QString path;
    QString verb; // get list watch create update patch delete deletecollection; for non-resource: http verb
    QString apiPrefix; // "api" or "apis"
    QString group;
    QString version;
    QString namespaceName;
    QString resource;
    QString subresource;
    QString name;
    QStringList parts; // path segments after the group/version

    static RequestInfo parse(const HttpRequest& request);
};

} // namespace binnacle::sim
