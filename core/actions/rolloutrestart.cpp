#include "rolloutrestart.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace binnacle::actions {

RolloutRestart::RolloutRestart(dynamic::DynamicClient* client, client::ApiResource resource,
                               QList<ObjectRef> objects, const QDateTime& now, QObject* parent)
    : PatchObjects(client, std::move(resource), std::move(objects), dynamic::PatchType::StrategicMerge,
                   patchFor(now), parent) {}

QString RolloutRestart::rfc3339(const QDateTime& time) {
    const QDateTime withOffset = time.toOffsetFromUtc(time.offsetFromUtc());
    QString text = withOffset.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss"));
    const int offset = withOffset.offsetFromUtc();
    if (offset == 0) {
        return text + QLatin1Char('Z');
    }
    const int minutes = qAbs(offset) / 60;
    return text + QStringLiteral("%1%2:%3")
                      .arg(offset < 0 ? QLatin1Char('-') : QLatin1Char('+'))
                      .arg(minutes / 60, 2, 10, QLatin1Char('0'))
                      .arg(minutes % 60, 2, 10, QLatin1Char('0'));
}

QByteArray RolloutRestart::patchFor(const QDateTime& now) {
    const QJsonObject annotations{{QLatin1String(restartedAtAnnotation), rfc3339(now)}};
    const QJsonObject patch{
        {QStringLiteral("spec"),
         QJsonObject{{QStringLiteral("template"),
                      QJsonObject{{QStringLiteral("metadata"),
                                   QJsonObject{{QStringLiteral("annotations"), annotations}}}}}}}};
    return QJsonDocument(patch).toJson(QJsonDocument::Compact);
}

QString RolloutRestart::precondition() const {
    return onlyFor(resource(),
                   {QStringLiteral("apps/deployments"), QStringLiteral("apps/statefulsets"),
                    QStringLiteral("apps/daemonsets")},
                   QStringLiteral("rollout restart"));
}

} // namespace binnacle::actions
