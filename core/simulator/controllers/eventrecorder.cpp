#include "eventrecorder.h"

#include "controllercontext.h"
#include "controllerutil.h"

namespace binnacle::sim {

EventRecorder::EventRecorder(ControllerContext* context)
    : m_context(context) {}

void EventRecorder::normal(const QJsonObject& involved, const QString& reason, const QString& message,
                           const Source& source, const QString& fieldPath) {
    record(involved, QStringLiteral("Normal"), reason, message, source, fieldPath);
}

void EventRecorder::warning(const QJsonObject& involved, const QString& reason, const QString& message,
                            const Source& source, const QString& fieldPath) {
    record(involved, QStringLiteral("Warning"), reason, message, source, fieldPath);
}

void EventRecorder::record(const QJsonObject& involved, const QString& type, const QString& reason,
                           const QString& message, const Source& source, const QString& fieldPath) {
    ResourceStorage* storage = m_context->storage();
    const ResourceType& events = m_context->type(QString(), QStringLiteral("events"));
    const QString involvedNamespace = objects::namespaceName(involved);
    // Events about cluster-scoped objects (Nodes) live in "default", as on a real cluster.
    const QString eventNamespace =
        involvedNamespace.isEmpty() ? QStringLiteral("default") : involvedNamespace;
    const QDateTime now = m_context->now();
    const QString stamp = objects::timestamp(now);
    const QString key =
        QStringList{objects::uid(involved), fieldPath, type, reason, message, source.component}.join(
            QLatin1Char('\x1f'));

    const auto known = m_eventNames.constFind(key);
    if (known != m_eventNames.cend()) {
        const ObjectPtr existing = storage->get(events, eventNamespace, *known);
        if (existing) {
            QJsonObject event = existing->object;
            event.insert(QStringLiteral("count"), event.value(QLatin1String("count")).toInt(1) + 1);
            event.insert(QStringLiteral("lastTimestamp"), stamp);
            if (storage
                    ->update(events, eventNamespace, *known, event,
                             ControllerContext::writeOptions(source.component))
                    .ok()) {
                return;
            }
        }
    }

    QJsonObject involvedObject{
        {QStringLiteral("apiVersion"), involved.value(QLatin1String("apiVersion"))},
        {QStringLiteral("kind"), involved.value(QLatin1String("kind"))},
        {QStringLiteral("name"), objects::name(involved)},
        {QStringLiteral("uid"), objects::uid(involved)},
        {QStringLiteral("resourceVersion"),
         objects::metadata(involved).value(QLatin1String("resourceVersion"))},
    };
    if (!involvedNamespace.isEmpty()) {
        involvedObject.insert(QStringLiteral("namespace"), involvedNamespace);
    }
    if (!fieldPath.isEmpty()) {
        involvedObject.insert(QStringLiteral("fieldPath"), fieldPath);
    }
    // client-go names events "<object>.<unix nanoseconds in hex>"; the sequence keeps names unique.
    const quint64 nanoseconds = quint64(now.toMSecsSinceEpoch()) * 1000000ULL + (m_sequence++ % 1000000ULL);
    const QString name = objects::name(involved) + QLatin1Char('.') + QString::number(nanoseconds, 16);
    QJsonObject sourceObject{{QStringLiteral("component"), source.component}};
    if (!source.host.isEmpty()) {
        sourceObject.insert(QStringLiteral("host"), source.host);
    }
    const QJsonObject event{
        {QStringLiteral("apiVersion"), QStringLiteral("v1")},
        {QStringLiteral("kind"), QStringLiteral("Event")},
        {QStringLiteral("metadata"),
         QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("namespace"), eventNamespace}}},
        {QStringLiteral("involvedObject"), involvedObject},
        {QStringLiteral("reason"), reason},
        {QStringLiteral("message"), message},
        {QStringLiteral("source"), sourceObject},
        {QStringLiteral("firstTimestamp"), stamp},
        {QStringLiteral("lastTimestamp"), stamp},
        {QStringLiteral("count"), 1},
        {QStringLiteral("type"), type},
        {QStringLiteral("eventTime"), QJsonValue::Null},
        {QStringLiteral("reportingComponent"), source.component},
        {QStringLiteral("reportingInstance"), source.host},
    };
    // An event that cannot be written (its namespace is terminating) is dropped, as the recorder does.
    if (storage->create(events, eventNamespace, event, ControllerContext::writeOptions(source.component))
            .ok()) {
        if (m_eventNames.size() > 4096) {
            m_eventNames.clear(); // like the recorder's LRU cache: old events simply stop aggregating
        }
        m_eventNames.insert(key, name);
    }
}

} // namespace binnacle::sim
