#include "faultinjector.h"

namespace binnacle::sim {

FaultInjector::FaultInjector(QObject* parent)
    : QObject(parent) {}

void FaultInjector::failNext(int count, int code, int retryAfterSeconds) {
    m_failuresLeft = count;
    m_failure = Failure{code, retryAfterSeconds};
}

std::optional<FaultInjector::Failure> FaultInjector::takeFailure() {
    if (m_failuresLeft <= 0) {
        return std::nullopt;
    }
    --m_failuresLeft;
    return m_failure;
}

bool FaultInjector::takeExpireNextWatch() {
    const bool expire = m_expireNextWatch;
    m_expireNextWatch = false;
    return expire;
}

QJsonObject FaultInjector::configure(const QJsonObject& faults) {
    if (faults.contains(QLatin1String("latencyMs"))) {
        m_latencyMs = qMax(0, faults.value(QLatin1String("latencyMs")).toInt());
    }
    if (faults.contains(QLatin1String("failNext"))) {
        const QJsonObject fail = faults.value(QLatin1String("failNext")).toObject();
        failNext(fail.value(QLatin1String("count")).toInt(1), fail.value(QLatin1String("code")).toInt(500),
                 fail.value(QLatin1String("retryAfterSeconds")).toInt(-1));
    }
    if (faults.value(QLatin1String("expireNextWatch")).toBool()) {
        m_expireNextWatch = true;
    }
    if (faults.value(QLatin1String("compact")).toBool()) {
        Q_EMIT compactRequested();
    }
    if (faults.value(QLatin1String("dropWatches")).toBool()) {
        Q_EMIT dropWatchesRequested();
    }
    if (faults.value(QLatin1String("closeIdleConnections")).toBool()) {
        Q_EMIT closeIdleConnectionsRequested();
    }
    if (faults.contains(QLatin1String("restart"))) {
        Q_EMIT restartRequested(
            faults.value(QLatin1String("restart")).toObject().value(QLatin1String("downMs")).toInt(500));
    }
    if (faults.value(QLatin1String("reset")).toBool()) {
        m_latencyMs = 0;
        m_failuresLeft = 0;
        m_expireNextWatch = false;
    }
    return state();
}

QJsonObject FaultInjector::state() const {
    return QJsonObject{{QStringLiteral("latencyMs"), m_latencyMs},
                       {QStringLiteral("failuresLeft"), m_failuresLeft},
                       {QStringLiteral("failureCode"), m_failure.code},
                       {QStringLiteral("expireNextWatch"), m_expireNextWatch}};
}

} // namespace binnacle::sim
