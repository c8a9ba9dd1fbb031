#include "watchrequests.h"

#include <algorithm>

namespace binnacle::watch {

QString WatchTarget::key() const {
    // Unambiguous because '|' cannot occur in a group, version, resource or namespace name; selectors may
    // hold it, so they come last and are length-prefixed.
    QString text = resource.group + QLatin1Char('|') + resource.version + QLatin1Char('|') +
                   resource.resource + QLatin1Char('|') + namespaceName + QLatin1Char('|') +
                   (form == Form::Table ? QStringLiteral("table") : QStringLiteral("objects"));
    text += QLatin1Char('|') + QString::number(labelSelector.size()) + QLatin1Char(':') + labelSelector;
    text += QLatin1Char('|') + QString::number(fieldSelector.size()) + QLatin1Char(':') + fieldSelector;
    return text;
}

QString reflectorStateName(ReflectorState state) {
    switch (state) {
    case ReflectorState::Idle:
        return QStringLiteral("idle");
    case ReflectorState::Syncing:
        return QStringLiteral("syncing");
    case ReflectorState::Live:
        return QStringLiteral("live");
    case ReflectorState::Reconnecting:
        return QStringLiteral("reconnecting");
    case ReflectorState::Stale:
        return QStringLiteral("stale");
    case ReflectorState::Forbidden:
        return QStringLiteral("forbidden");
    case ReflectorState::Error:
        return QStringLiteral("error");
    }
    return QString();
}

namespace requests {

namespace {

transport::ApiRequestSpec baseRequest(const WatchTarget& target) {
    transport::ApiRequestSpec spec;
    spec.path = collectionPath(target);
    if (!target.labelSelector.isEmpty()) {
        spec.query.addQueryItem(QStringLiteral("labelSelector"), target.labelSelector);
    }
    if (!target.fieldSelector.isEmpty()) {
        spec.query.addQueryItem(QStringLiteral("fieldSelector"), target.fieldSelector);
    }
    if (target.form == WatchTarget::Form::Table) {
        spec.accept = tableAccept;
        spec.query.addQueryItem(QStringLiteral("includeObject"), QStringLiteral("Metadata"));
    }
    return spec;
}

void addWatchParameters(transport::ApiRequestSpec& spec, std::chrono::seconds timeout) {
    spec.query.addQueryItem(QStringLiteral("watch"), QStringLiteral("true"));
    spec.query.addQueryItem(QStringLiteral("allowWatchBookmarks"), QStringLiteral("true"));
    spec.query.addQueryItem(QStringLiteral("timeoutSeconds"), QString::number(timeout.count()));
}

} // namespace

QString collectionPath(const WatchTarget& target) {
    const client::ApiResource& resource = target.resource;
    if (!resource.namespaced || target.namespaceName.isEmpty()) {
        return resource.collectionPath();
    }
    const QString prefix = resource.group.isEmpty()
                               ? QStringLiteral("/api/")
                               : QStringLiteral("/apis/") + resource.group + QLatin1Char('/');
    return prefix + resource.version + QStringLiteral("/namespaces/") + target.namespaceName +
           QLatin1Char('/') + resource.resource;
}

transport::ApiRequestSpec listPage(const WatchTarget& target, int pageSize, const QString& continueToken,
                                   const QString& resourceVersion) {
    transport::ApiRequestSpec spec = baseRequest(target);
    if (!resourceVersion.isEmpty()) {
        spec.query.addQueryItem(QStringLiteral("resourceVersion"), resourceVersion);
    }
    if (pageSize > 0) {
        spec.query.addQueryItem(QStringLiteral("limit"), QString::number(pageSize));
    }
    if (!continueToken.isEmpty()) {
        spec.query.addQueryItem(QStringLiteral("continue"), continueToken);
    }
    return spec;
}

transport::ApiRequestSpec watchFrom(const WatchTarget& target, const QString& resourceVersion,
                                    std::chrono::seconds timeout) {
    transport::ApiRequestSpec spec = baseRequest(target);
    addWatchParameters(spec, timeout);
    spec.query.addQueryItem(QStringLiteral("resourceVersion"), resourceVersion);
    return spec;
}

transport::ApiRequestSpec watchList(const WatchTarget& target, std::chrono::seconds timeout) {
    transport::ApiRequestSpec spec = baseRequest(target);
    addWatchParameters(spec, timeout);
    spec.query.addQueryItem(QStringLiteral("sendInitialEvents"), QStringLiteral("true"));
    spec.query.addQueryItem(QStringLiteral("resourceVersionMatch"), QStringLiteral("NotOlderThan"));
    spec.query.addQueryItem(QStringLiteral("resourceVersion"), QString());
    return spec;
}

std::chrono::seconds watchTimeout(std::chrono::seconds minimum, double random01) {
    const qint64 base = std::max<qint64>(minimum.count(), 1);
    const qint64 extra = std::clamp<qint64>(qint64(double(base) * random01), 0, base - 1);
    return std::chrono::seconds(base + extra);
}

} // namespace requests
} // namespace binnacle::watch
