#include "fieldselectorsupport.h"

#include <QJsonArray>
#include <QJsonValue>
#include <cmath>

namespace binnacle::sim {

namespace {

// How a kind's field-label conversion function words its refusal.
enum class MessageStyle {
    Default,         // runtime.DefaultMetaV1FieldSelectorConversion
    NotSupported,    // "field label not supported: <field>" (core/v1 kinds, events, certificates, apps)
    NotSupportedJob, // batch/v1 Job: "field label \"<field>\" not supported for Job"
};

struct KindFields {
    QString group;
    QString kind;
    QStringList fields;
    MessageStyle style;
};

const QList<KindFields>& registeredKinds() {
    static const QList<KindFields> kinds{
        {QString(),
         QStringLiteral("Pod"),
         {QStringLiteral("metadata.name"), QStringLiteral("metadata.namespace"),
          QStringLiteral("spec.nodeName"), QStringLiteral("spec.restartPolicy"),
          QStringLiteral("spec.schedulerName"), QStringLiteral("spec.serviceAccountName"),
          QStringLiteral("spec.hostNetwork"), QStringLiteral("status.phase"), QStringLiteral("status.podIP"),
          QStringLiteral("status.podIPs"), QStringLiteral("status.nominatedNodeName"),
          // Accepted for old v1 clients and rewritten to spec.nodeName.
          QStringLiteral("spec.host")},
         MessageStyle::NotSupported},
        // Cluster-scoped kinds with their own conversion accept no metadata.namespace.
        {QString(),
         QStringLiteral("Node"),
         {QStringLiteral("metadata.name"), QStringLiteral("spec.unschedulable")},
         MessageStyle::NotSupported},
        {QString(),
         QStringLiteral("ReplicationController"),
         {QStringLiteral("metadata.name"), QStringLiteral("metadata.namespace"),
          QStringLiteral("status.replicas")},
         MessageStyle::NotSupported},
        {QString(),
         QStringLiteral("Event"),
         {QStringLiteral("involvedObject.kind"), QStringLiteral("involvedObject.namespace"),
          QStringLiteral("involvedObject.name"), QStringLiteral("involvedObject.uid"),
          QStringLiteral("involvedObject.apiVersion"), QStringLiteral("involvedObject.resourceVersion"),
          QStringLiteral("involvedObject.fieldPath"), QStringLiteral("reason"),
          QStringLiteral("reportingComponent"), QStringLiteral("source"), QStringLiteral("type"),
          QStringLiteral("metadata.namespace"), QStringLiteral("metadata.name")},
         MessageStyle::NotSupported},
        {QString(),
         QStringLiteral("Namespace"),
         {QStringLiteral("status.phase"), QStringLiteral("metadata.name")},
         MessageStyle::NotSupported},
        {QString(),
         QStringLiteral("Secret"),
         {QStringLiteral("type"), QStringLiteral("metadata.namespace"), QStringLiteral("metadata.name")},
         MessageStyle::NotSupported},
        // Since v1.31.
        {QString(),
         QStringLiteral("Service"),
         {QStringLiteral("metadata.namespace"), QStringLiteral("metadata.name"),
          QStringLiteral("spec.clusterIP"), QStringLiteral("spec.type")},
         MessageStyle::NotSupported},
        // events.k8s.io names the core fields after its own schema (regarding, reportingController).
        {QStringLiteral("events.k8s.io"),
         QStringLiteral("Event"),
         {QStringLiteral("reason"), QStringLiteral("regarding.kind"), QStringLiteral("regarding.namespace"),
          QStringLiteral("regarding.name"), QStringLiteral("regarding.uid"),
          QStringLiteral("regarding.apiVersion"), QStringLiteral("regarding.resourceVersion"),
          QStringLiteral("regarding.fieldPath"), QStringLiteral("reportingController"),
          QStringLiteral("source"), QStringLiteral("type"), QStringLiteral("metadata.namespace"),
          QStringLiteral("metadata.name")},
         MessageStyle::NotSupported},
        {QStringLiteral("apps"),
         QStringLiteral("ReplicaSet"),
         {QStringLiteral("metadata.name"), QStringLiteral("metadata.namespace"),
          QStringLiteral("status.replicas")},
         MessageStyle::NotSupported},
        {QStringLiteral("batch"),
         QStringLiteral("Job"),
         {QStringLiteral("metadata.name"), QStringLiteral("metadata.namespace"),
          QStringLiteral("status.successful")},
         MessageStyle::NotSupportedJob},
        {QStringLiteral("certificates.k8s.io"),
         QStringLiteral("CertificateSigningRequest"),
         {QStringLiteral("metadata.name"), QStringLiteral("spec.signerName")},
         MessageStyle::NotSupported},
    };
    return kinds;
}

const KindFields* findKind(const QString& group, const QString& kind) {
    for (const KindFields& entry : registeredKinds()) {
        if (entry.group == group && entry.kind == kind) {
            return &entry;
        }
    }
    return nullptr;
}

QJsonValue valueAt(const QJsonObject& object, const QString& dottedPath) {
    QJsonValue current = object;
    for (const QString& part : dottedPath.split(QLatin1Char('.'))) {
        if (!current.isObject()) {
            return QJsonValue(QJsonValue::Undefined);
        }
        current = current.toObject().value(part);
    }
    return current;
}

// The text Go's fmt/strconv would produce for the typed field.
QString render(const QJsonValue& value) {
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double: {
        const double number = value.toDouble();
        if (std::trunc(number) == number && std::abs(number) < 9.0e15) {
            return QString::number(qint64(number));
        }
        return QString::number(number, 'g', 17);
    }
    default:
        return QString();
    }
}

// Typed fields default to their Go zero value when absent.
QString renderBool(const QJsonValue& value) {
    return value.toBool(false) ? QStringLiteral("true") : QStringLiteral("false");
}
QString renderInteger(const QJsonValue& value) {
    return QString::number(qint64(value.toDouble(0)));
}

QString firstNonEmpty(const QString& first, const QString& second) {
    return first.isEmpty() ? second : first;
}

QString podValue(const QJsonObject& pod, const QString& field) {
    if (field == QLatin1String("spec.host")) {
        return render(valueAt(pod, QStringLiteral("spec.nodeName")));
    }
    if (field == QLatin1String("spec.serviceAccountName")) {
        // The deprecated spec.serviceAccount fills in for a missing serviceAccountName on conversion.
        return firstNonEmpty(render(valueAt(pod, field)),
                             render(valueAt(pod, QStringLiteral("spec.serviceAccount"))));
    }
    if (field == QLatin1String("spec.hostNetwork")) {
        return renderBool(valueAt(pod, field));
    }
    if (field == QLatin1String("status.podIP")) {
        // The server selects on the first of status.podIPs (which conversion fills from podIP).
        const QJsonArray podIPs = valueAt(pod, QStringLiteral("status.podIPs")).toArray();
        if (!podIPs.isEmpty()) {
            return podIPs.first().toObject().value(QStringLiteral("ip")).toString();
        }
        return render(valueAt(pod, field));
    }
    if (field == QLatin1String("status.podIPs")) {
        // Accepted by the conversion function but absent from the pod's selectable field set, so
        // the server compares against "" (upstream TODO in pkg/registry/core/pod/strategy.go).
        return QString();
    }
    return render(valueAt(pod, field));
}

QString coreEventValue(const QJsonObject& event, const QString& field) {
    if (field == QLatin1String("source")) {
        return firstNonEmpty(render(valueAt(event, QStringLiteral("source.component"))),
                             render(valueAt(event, QStringLiteral("reportingComponent"))));
    }
    return render(valueAt(event, field));
}

QString eventsV1Value(const QJsonObject& event, const QString& field) {
    if (field == QLatin1String("source")) {
        return firstNonEmpty(render(valueAt(event, QStringLiteral("deprecatedSource.component"))),
                             render(valueAt(event, QStringLiteral("reportingController"))));
    }
    return render(valueAt(event, field));
}

} // namespace

bool isFieldSelectorSupported(const QString& group, const QString& kind, const QString& field) {
    return supportedFieldSelectors(group, kind).contains(field);
}

QStringList supportedFieldSelectors(const QString& group, const QString& kind) {
    if (const KindFields* entry = findKind(group, kind)) {
        return entry->fields;
    }
    return {QStringLiteral("metadata.name"), QStringLiteral("metadata.namespace")};
}

QString unsupportedFieldSelectorMessage(const QString& group, const QString& kind, const QString& field) {
    const KindFields* entry = findKind(group, kind);
    const MessageStyle style = entry ? entry->style : MessageStyle::Default;
    switch (style) {
    case MessageStyle::NotSupported:
        return QStringLiteral("field label not supported: ") + field;
    case MessageStyle::NotSupportedJob:
        return QStringLiteral("field label \"%1\" not supported for Job").arg(field);
    case MessageStyle::Default:
        break;
    }
    return QStringLiteral(
               "\"%1\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"")
        .arg(field);
}

QString fieldSelectorValue(const QString& group, const QString& kind, const QJsonObject& object,
                           const QString& field) {
    if (field == QLatin1String("metadata.name") || field == QLatin1String("metadata.namespace")) {
        return render(valueAt(object, field));
    }
    if (group.isEmpty()) {
        if (kind == QLatin1String("Pod")) {
            return podValue(object, field);
        }
        if (kind == QLatin1String("Event")) {
            return coreEventValue(object, field);
        }
        if (kind == QLatin1String("Node") && field == QLatin1String("spec.unschedulable")) {
            return renderBool(valueAt(object, field));
        }
        if (kind == QLatin1String("ReplicationController") && field == QLatin1String("status.replicas")) {
            return renderInteger(valueAt(object, field));
        }
    } else if (group == QLatin1String("events.k8s.io") && kind == QLatin1String("Event")) {
        return eventsV1Value(object, field);
    } else if (group == QLatin1String("apps") && kind == QLatin1String("ReplicaSet") &&
               field == QLatin1String("status.replicas")) {
        return renderInteger(valueAt(object, field));
    } else if (group == QLatin1String("batch") && kind == QLatin1String("Job") &&
               field == QLatin1String("status.successful")) {
        // The selector's name differs from the field it reads (status.succeeded).
        return renderInteger(valueAt(object, QStringLiteral("status.succeeded")));
    }
    return render(valueAt(object, field));
}

} // namespace binnacle::sim
