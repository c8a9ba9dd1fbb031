#include "containerstatus.h"

#include <QJsonArray>

namespace binnacle::logs {

ContainerStatus ContainerStatus::find(const QJsonObject& pod, const QString& container) {
    const QJsonObject spec = pod.value(QLatin1String("spec")).toObject();
    const QString wanted = !container.isEmpty() ? container
                                                : spec.value(QLatin1String("containers"))
                                                      .toArray()
                                                      .first()
                                                      .toObject()
                                                      .value(QLatin1String("name"))
                                                      .toString();
    ContainerStatus result;
    const QJsonObject status = pod.value(QLatin1String("status")).toObject();
    result.m_phase = status.value(QLatin1String("phase")).toString();
    result.m_restartPolicy = spec.value(QLatin1String("restartPolicy")).toString(QStringLiteral("Always"));
    for (const char* key : {"containerStatuses", "initContainerStatuses", "ephemeralContainerStatuses"}) {
        for (const QJsonValue& value : status.value(QLatin1String(key)).toArray()) {
            if (value.toObject().value(QLatin1String("name")).toString() == wanted) {
                result.m_status = value.toObject();
                result.m_init = qstrcmp(key, "initContainerStatuses") == 0;
                return result;
            }
        }
    }
    return result;
}

QString ContainerStatus::name() const {
    return m_status.value(QLatin1String("name")).toString();
}

int ContainerStatus::restartCount() const {
    return m_status.value(QLatin1String("restartCount")).toInt();
}

QJsonObject ContainerStatus::state() const {
    return m_status.value(QLatin1String("state")).toObject();
}

QString ContainerStatus::runningSince() const {
    return state().value(QLatin1String("running")).toObject().value(QLatin1String("startedAt")).toString();
}

QString ContainerStatus::runningInstance() const {
    if (!state().contains(QLatin1String("running"))) {
        return {};
    }
    return QStringLiteral("%1|%2|%3")
        .arg(m_status.value(QLatin1String("containerID")).toString())
        .arg(restartCount())
        .arg(runningSince());
}

bool ContainerStatus::willRestart() const {
    if (!exists() || m_phase == QLatin1String("Succeeded") || m_phase == QLatin1String("Failed") ||
        m_restartPolicy == QLatin1String("Never")) {
        return false;
    }
    const QJsonObject current = state();
    if (current.contains(QLatin1String("waiting"))) {
        return true; // a back-off before the next start
    }
    const int exitCode =
        current.value(QLatin1String("terminated")).toObject().value(QLatin1String("exitCode")).toInt();
    return exitCode != 0 || (m_restartPolicy == QLatin1String("Always") && !m_init);
}

} // namespace binnacle::logs
