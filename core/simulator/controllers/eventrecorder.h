#pragma once

#include <QHash>
#include <QJsonObject>
#include <QString>

namespace binnacle::sim {

class ControllerContext;

// Writes core/v1 Events the way client-go's recorder does: named `<object>.<hex time>`, and a repeat
// of the same (object, reason, message, source) bumps count and lastTimestamp of the earlier event.
class EventRecorder {
public:
    explicit EventRecorder(ControllerContext* context);

    struct Source {
        QString component; // "deployment-controller", "kubelet", "default-scheduler", ...
        QString host;      // the node, for kubelet events
    };

    // `involved` is the stored object (with kind and apiVersion); fieldPath names a container,
    // e.g. "spec.containers{nginx}".
    void normal(const QJsonObject& involved, const QString& reason, const QString& message,
                const Source& source, const QString& fieldPath = QString());
    void warning(const QJsonObject& involved, const QString& reason, const QString& message,
                 const Source& source, const QString& fieldPath = QString());
    void record(const QJsonObject& involved, const QString& type, const QString& reason,
                const QString& message, const Source& source, const QString& fieldPath);

private:
    ControllerContext* m_context;
    QHash<QString, QString> m_eventNames; // aggregation key -> namespace/name of the event
    quint64 m_sequence = 0;
};

} // namespace binnacle::sim
