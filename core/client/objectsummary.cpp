#include "objectsummary.h"

#include <QJsonDocument>

namespace binnacle::client {

QJsonObject ObjectSummary::toJsonObject() const {
    QJsonObject object = QJsonDocument::fromJson(json).object();
    if (!object.contains(QLatin1String("kind")) && !kind.isEmpty()) {
        object.insert(QLatin1String("kind"), kind);
    }
    if (!object.contains(QLatin1String("apiVersion")) && !apiVersion.isEmpty()) {
        object.insert(QLatin1String("apiVersion"), apiVersion);
    }
    return object;
}

} // namespace binnacle::client
