#include "requestinfo.h"

#include "httprequest.h"

namespace binnacle::sim {

RequestInfo RequestInfo::parse(const HttpRequest& request) {
    RequestInfo info;
    info.path = request.path;
    const QString method = QString::fromLatin1(request.method).toLower();
    info.verb = method;
    QStringList segments = request.path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    if (segments.isEmpty() || (segments[0] != QLatin1String("api") && segments[0] != QLatin1String("apis"))) {
        return info;
    }
    info.apiPrefix = segments.takeFirst();
    if (info.apiPrefix == QLatin1String("apis")) {
        if (segments.size() < 2) {
            return info; // /apis or /apis/GROUP: discovery
        }
        info.group = segments.takeFirst();
    } else if (segments.isEmpty()) {
        return info; // /api
    }
    info.version = segments.takeFirst();
    if (segments.isEmpty()) {
        return info; // /api/v1, /apis/G/V: discovery
    }
    info.isResourceRequest = true;

    // namespaces/NS/RES/... addresses namespaced resources; namespaces/NS[/status|/finalize] the namespace
    // itself.
    if (segments[0] == QLatin1String("namespaces") && segments.size() > 1) {
        info.namespaceName = segments[1];
        if (segments.size() > 2 && segments[2] != QLatin1String("status") &&
            segments[2] != QLatin1String("finalize")) {
            segments = segments.mid(2);
        }
    }
    info.parts = segments;
    info.resource = segments.value(0);
    info.name = segments.value(1);
    info.subresource = segments.value(2);
    if (info.resource == QLatin1String("namespaces")) {
        info.namespaceName.clear();
    }

    if (method == QLatin1String("get") || method == QLatin1String("head")) {
        if (info.name.isEmpty()) {
            info.verb =
                request.queryBool(QStringLiteral("watch")) ? QStringLiteral("watch") : QStringLiteral("list");
        } else {
            info.verb = QStringLiteral("get");
        }
    } else if (method == QLatin1String("post")) {
        info.verb = QStringLiteral("create");
    } else if (method == QLatin1String("put")) {
        info.verb = QStringLiteral("update");
    } else if (method == QLatin1String("patch")) {
        info.verb = QStringLiteral("patch");
    } else if (method == QLatin1String("delete")) {
        info.verb = info.name.isEmpty() ? QStringLiteral("deletecollection") : QStringLiteral("delete");
    }
    return info;
}

} // namespace binnacle::sim
