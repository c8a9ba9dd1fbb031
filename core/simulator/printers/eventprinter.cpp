// The Event printer. events.k8s.io/v1 Events are the same stored objects as core v1 Events, so the
// server renders both with one printer; the events.k8s.io field names are mapped onto the core ones.

#include "printerutil.h"

namespace binnacle::sim::printers {

namespace {

QString firstNonEmpty(const QString& first, const QString& second) {
    return first.isEmpty() ? second : first;
}

QJsonArray coreEventCells(const QJsonObject& event, const QDateTime& now) {
    const QString firstTimestampText = event.value(u"firstTimestamp").toString();
    QString firstSeen = parseTimestamp(firstTimestampText)
                            ? translateTimestampSince(firstTimestampText, now)
                            : translateTimestampSince(event.value(u"eventTime").toString(), now);
    const QString lastTimestampText = event.value(u"lastTimestamp").toString();
    QString lastSeen =
        parseTimestamp(lastTimestampText) ? translateTimestampSince(lastTimestampText, now) : firstSeen;

    qint64 count = event.value(u"count").toInteger();
    if (event.value(u"series").isObject()) {
        lastSeen = translateTimestampSince(stringAt(event, u"series.lastObservedTime"), now);
        count = integerAt(event, u"series.count");
    } else if (count == 0) {
        count = 1; // singleton events of the new API carry no count
    }

    const QJsonObject involved = event.value(u"involvedObject").toObject();
    const QString kind = involved.value(u"kind").toString().toLower();
    const QString involvedName = involved.value(u"name").toString();
    const QString target = involvedName.isEmpty() ? kind : kind + u'/' + involvedName;

    const QString component =
        firstNonEmpty(stringAt(event, u"source.component"), event.value(u"reportingComponent").toString());
    const QString instance =
        firstNonEmpty(stringAt(event, u"source.host"), event.value(u"reportingInstance").toString());
    const QString source = instance.isEmpty() ? component : component + QStringLiteral(", ") + instance;

    return {lastSeen,
            event.value(u"type").toString(),
            event.value(u"reason").toString(),
            target,
            involved.value(u"fieldPath").toString(),
            source,
            event.value(u"message").toString().trimmed(),
            firstSeen,
            count,
            objectName(event)};
}

// events.k8s.io/v1 -> core v1 field names (the conversion the server applies before printing).
QJsonObject asCoreEvent(const QJsonObject& event) {
    QJsonObject core = event;
    const std::pair<const char*, const char*> renames[] = {
        {"regarding", "involvedObject"},
        {"note", "message"},
        {"deprecatedSource", "source"},
        {"deprecatedFirstTimestamp", "firstTimestamp"},
        {"deprecatedLastTimestamp", "lastTimestamp"},
        {"deprecatedCount", "count"},
        {"reportingController", "reportingComponent"},
    };
    for (const auto& [from, to] : renames) {
        const QString fromKey = QLatin1String(from);
        if (core.contains(fromKey))
            core.insert(QLatin1String(to), core.take(fromKey));
    }
    return core;
}

QJsonArray eventsApiEventCells(const QJsonObject& event, const QDateTime& now) {
    return coreEventCells(asCoreEvent(event), now);
}

} // namespace

QList<KindPrinter> eventPrinters() {
    const QList<TableColumn> columns{
        column("Last Seen", "string",
               "The time at which the most recent occurrence of this event was recorded."),
        column("Type", "string",
               "Type of this event (Normal, Warning), new types could be added in the future"),
        column(
            "Reason", "string",
            "This should be a short, machine understandable string that gives the reason for the transition "
            "into the object's current status."),
        column("Object", "string", "The object that this event is about."),
        column(
            "Subobject", "string",
            "If referring to a piece of an object instead of an entire object, this string should contain a "
            "valid JSON/Go field access statement, such as desiredState.manifest.containers[2].",
            1),
        column("Source", "string",
               "The component reporting this event. Should be a short machine understandable string.", 1),
        column("Message", "string", "A human-readable description of the status of this operation."),
        column("First Seen", "string",
               "The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)", 1),
        column("Count", "string", "The number of times this event has occurred.", 1),
        TableColumn{QStringLiteral("Name"), QStringLiteral("string"), QStringLiteral("name"),
                    QString::fromLatin1(kNameDescription), 1},
    };
    return {
        KindPrinter{QString(), QStringLiteral("Event"), columns, &coreEventCells},
        KindPrinter{QStringLiteral("events.k8s.io"), QStringLiteral("Event"), columns, &eventsApiEventCells}};
}

} // namespace binnacle::sim::printers
