#pragma once

#include "objectmodel.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

namespace binnacle {

// The details panel's overview of one object: the fields that matter for its kind, as titled sections of
// rows ({label, value, depth, tone}), recomputed when the object changes.
//   Pod: status, node, IPs, QoS, conditions, and per container its image, state, readiness, restarts and
//   ports. Workloads: replicas, strategy, selector, conditions, images. Service: type, IPs, ports, selector.
//   Node: addresses, versions, capacity and allocatable, conditions, taints. PVC/PV: binding, class,
//   capacity, access modes. Job/CronJob, Ingress, ConfigMap keys. Anything else (custom resources among
//   them): spec and status as an indented tree.
// Secret values never enter the sections: a Secret lists its keys with their sizes, and revealSecret()
// decodes one value when the user asks for it.
class ObjectOverview : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(binnacle::ObjectModel* source READ source WRITE setSource NOTIFY sourceChanged)
    Q_PROPERTY(QVariantList sections READ sections NOTIFY sectionsChanged)
public:
    explicit ObjectOverview(QObject* parent = nullptr);

    ObjectModel* source() const { return m_source; }
    void setSource(ObjectModel* source);
    QVariantList sections() const { return m_sections; }

    // The sections for an object of `kind`; the model's own work, public for tests.
    static QVariantList sectionsFor(const QString& kind, const QJsonObject& object);
    // A Secret's value for `key`, base64-decoded (as text when it is UTF-8, else a byte count).
    Q_INVOKABLE QString revealSecret(const QString& key) const;

signals:
    void sourceChanged();
    void sectionsChanged();

private:
    void update();

    QPointer<ObjectModel> m_source;
    QVariantList m_sections;
};

} // namespace binnacle
