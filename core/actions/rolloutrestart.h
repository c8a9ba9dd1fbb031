#pragma once

#include "patchobjects.h"

#include <QDateTime>

namespace binnacle::actions {

// `kubectl rollout restart` for Deployments, StatefulSets and DaemonSets: a strategic-merge patch that
// sets spec.template.metadata.annotations."kubectl.kubernetes.io/restartedAt" to now (RFC 3339, local
// time with its offset, as Go's time.Now().Format(time.RFC3339)), so the controller rolls new pods.
class RolloutRestart : public PatchObjects {
    Q_OBJECT
public:
    static constexpr auto restartedAtAnnotation = "kubectl.kubernetes.io/restartedAt";

    RolloutRestart(dynamic::DynamicClient* client, client::ApiResource resource, QList<ObjectRef> objects,
                   const QDateTime& now = QDateTime::currentDateTime(), QObject* parent = nullptr);

    static QByteArray patchFor(const QDateTime& now);
    // RFC 3339 with the offset ("2025-01-02T03:04:05+01:00", or "...Z" in UTC).
    static QString rfc3339(const QDateTime& time);

protected:
    QString pastTense() const override { return QStringLiteral("restarted"); }
    QString precondition() const override;
};

} // namespace binnacle::actions
