#include "watchstreamparser.h"

#include "clientlogging.h"
#include "simdjsonsupport.h"
#include "statusparser.h"

#include <optional>

namespace binnacle::client {

namespace detail {

struct WatchStreamParserState {
    ondemand::parser parser;
    PaddedBuffer buffer;
    TableState table;
    QByteArray pending; // an incomplete line
    qint64 lineNumber = 0;
    bool dropManagedFields = false;

    void parseLine(QByteArrayView line, WatchStreamParser::Result* result);
    simdjson::error_code parseEvent(simdjson::padded_string_view json, WatchEvent* event, QString* problem);
};

namespace {

std::optional<WatchEvent::Type> eventType(std::string_view name) {
    if (name == "ADDED") {
        return WatchEvent::Type::Added;
    }
    if (name == "MODIFIED") {
        return WatchEvent::Type::Modified;
    }
    if (name == "DELETED") {
        return WatchEvent::Type::Deleted;
    }
    if (name == "BOOKMARK") {
        return WatchEvent::Type::Bookmark;
    }
    if (name == "ERROR") {
        return WatchEvent::Type::Error;
    }
    return std::nullopt;
}

bool isBlank(QByteArrayView line) {
    for (const char c : line) {
        if (c != ' ' && c != '\t' && c != '\r') {
            return false;
        }
    }
    return true;
}

} // namespace

simdjson::error_code WatchStreamParserState::parseEvent(simdjson::padded_string_view json, WatchEvent* event,
                                                        QString* problem) {
    ondemand::document document;
    if (auto error = parser.iterate(json).get(document)) {
        return error;
    }
    ondemand::object root;
    if (auto error = document.get_object().get(root)) {
        return error;
    }
    std::optional<WatchEvent::Type> type;
    QString typeName;
    bool sawObject = false;
    std::string_view statusJson;
    // Key order on the wire is "type" then "object"; the object is read before the type is known only
    // when a sender reorders them, which costs reading the bookmark annotation for every object then.
    for (auto field : root) {
        std::string_view key;
        if (auto error = field.unescaped_key().get(key)) {
            return error;
        }
        if (key == "type") {
            std::string_view name;
            if (auto error = field.value().get_string().get(name)) {
                return error;
            }
            type = eventType(name);
            typeName = toQString(name);
        } else if (key == "object") {
            ondemand::value object;
            if (auto error = field.value().get(object)) {
                return error;
            }
            sawObject = true;
            if (type == WatchEvent::Type::Error) {
                ondemand::object status;
                if (auto error = object.get_object().get(status)) {
                    return error;
                }
                if (auto error = status.raw_json().get(statusJson)) {
                    return error;
                }
                continue;
            }
            const bool wantAnnotations = !type || type == WatchEvent::Type::Bookmark;
            const ObjectReading how{&document, dropManagedFields, &RepeatedStrings::forThisThread()};
            if (auto error =
                    readObjectOrTableRow(object, &event->object, &table, &event->tableForm,
                                         wantAnnotations ? &event->initialEventsEnd : nullptr, how)) {
                return error;
            }
            if (!type) {
                // Reordered keys: keep the raw bytes in case this turns out to be an ERROR.
                statusJson =
                    std::string_view(event->object.json.constData(), size_t(event->object.json.size()));
            }
        }
    }
    if (!type) {
        *problem = typeName.isEmpty() ? QStringLiteral("watch event without a type")
                                      : QStringLiteral("unknown watch event type %1").arg(typeName);
        return simdjson::SUCCESS;
    }
    if (!sawObject) {
        *problem = QStringLiteral("%1 event without an object").arg(typeName);
        return simdjson::SUCCESS;
    }
    event->type = *type;
    if (event->type == WatchEvent::Type::Error) {
        const auto status =
            StatusParser::parse(QByteArrayView(statusJson.data(), qsizetype(statusJson.size())));
        if (!status) {
            *problem = QStringLiteral("ERROR event whose object is not a Status");
            return simdjson::SUCCESS;
        }
        event->status = *status;
        event->object = {};
        event->initialEventsEnd = false;
        return simdjson::SUCCESS;
    }
    if (event->type != WatchEvent::Type::Bookmark) {
        event->initialEventsEnd = false;
    }
    event->resourceVersion = event->object.resourceVersion;
    return simdjson::SUCCESS;
}

void WatchStreamParserState::parseLine(QByteArrayView line, WatchStreamParser::Result* result) {
    ++lineNumber;
    if (isBlank(line)) {
        return;
    }
    WatchEvent event;
    QString problem;
    const simdjson::error_code error = parseEvent(buffer.assign(line), &event, &problem);
    if (error) {
        problem = QStringLiteral("malformed watch event: %1").arg(errorText(error));
    }
    if (!problem.isEmpty()) {
        // Only the position is logged: the line may hold a Secret's data.
        qCWarning(lcWatch) << "line" << lineNumber << problem;
        result->errors.append(WatchStreamError{lineNumber, problem,
                                               line.first(qMin<qsizetype>(line.size(), 200)).toByteArray()});
        return;
    }
    result->events.append(std::move(event));
}

} // namespace detail

WatchStreamParser::WatchStreamParser()
    : d(std::make_unique<detail::WatchStreamParserState>()) {}

WatchStreamParser::~WatchStreamParser() = default;
WatchStreamParser::WatchStreamParser(WatchStreamParser&&) noexcept = default;
WatchStreamParser& WatchStreamParser::operator=(WatchStreamParser&&) noexcept = default;

WatchStreamParser::Result WatchStreamParser::feed(QByteArrayView bytes) {
    Result result;
    qsizetype start = 0;
    while (start < bytes.size()) {
        const qsizetype newline = bytes.indexOf('\n', start);
        if (newline < 0) {
            d->pending.append(bytes.sliced(start));
            break;
        }
        const QByteArrayView rest = bytes.sliced(start, newline - start);
        if (d->pending.isEmpty()) {
            d->parseLine(rest, &result);
        } else {
            d->pending.append(rest);
            d->parseLine(d->pending, &result);
            d->pending.clear();
        }
        start = newline + 1;
    }
    return result;
}

WatchStreamParser::Result WatchStreamParser::finish() {
    Result result;
    if (!d->pending.isEmpty()) {
        const QByteArray last = std::exchange(d->pending, {});
        d->parseLine(last, &result);
    }
    return result;
}

void WatchStreamParser::reset() {
    d->pending.clear();
    d->table = {};
    d->lineNumber = 0;
}

void WatchStreamParser::setDropManagedFields(bool drop) {
    d->dropManagedFields = drop;
}

qsizetype WatchStreamParser::pendingBytes() const {
    return d->pending.size();
}

QList<TableColumn> WatchStreamParser::tableColumns() const {
    return d->table.columns;
}

qint64 WatchStreamParser::linesSeen() const {
    return d->lineNumber;
}

QString watchEventTypeName(WatchEvent::Type type) {
    switch (type) {
    case WatchEvent::Type::Added:
        return QStringLiteral("ADDED");
    case WatchEvent::Type::Modified:
        return QStringLiteral("MODIFIED");
    case WatchEvent::Type::Deleted:
        return QStringLiteral("DELETED");
    case WatchEvent::Type::Bookmark:
        return QStringLiteral("BOOKMARK");
    case WatchEvent::Type::Error:
        return QStringLiteral("ERROR");
    }
    return {};
}

} // namespace binnacle::client
