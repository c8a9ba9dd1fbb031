#include "listpageparser.h"

#include "clientlogging.h"
#include "simdjsonsupport.h"

namespace binnacle::client {

namespace detail {

struct ListPageParserState {
    ondemand::parser parser;
    PaddedBuffer buffer;
    bool dropManagedFields = false;

    simdjson::error_code parse(simdjson::padded_string_view json, ListPage* page,
                               const ListPageParser::MetadataRead& onMetadata);
};

namespace {

simdjson::error_code readListMeta(ondemand::value value, ListPage* page) {
    ondemand::object metadata;
    if (auto error = value.get_object().get(metadata)) {
        return error;
    }
    for (auto field : metadata) {
        std::string_view key;
        if (auto error = field.unescaped_key().get(key)) {
            return error;
        }
        std::string_view text;
        if (key == "resourceVersion") {
            if (auto error = field.value().get_string().get(text)) {
                return error;
            }
            page->resourceVersion = toQString(text);
        } else if (key == "continue") {
            if (auto error = field.value().get_string().get(text)) {
                return error;
            }
            page->continueToken = toQString(text);
        } else if (key == "remainingItemCount") {
            int64_t remaining = 0;
            if (auto error = field.value().get_int64().get(remaining)) {
                return error;
            }
            page->remainingItemCount = remaining;
        }
    }
    return simdjson::SUCCESS;
}

// items: an array of objects; null is accepted as empty (some servers and proxies send it).
simdjson::error_code readItems(ondemand::value value, QList<ObjectSummary>* items, const ObjectReading& how) {
    ondemand::array array;
    if (auto error = value.get_array().get(array)) {
        return value.is_null().value_unsafe() ? simdjson::SUCCESS : error;
    }
    for (auto element : array) {
        ondemand::value object;
        if (auto error = element.get(object)) {
            return error;
        }
        ObjectSummary item;
        if (auto error = readObjectSummary(object, &item, how)) {
            return error;
        }
        items->append(std::move(item));
    }
    return simdjson::SUCCESS;
}

simdjson::error_code readRows(ondemand::value value, QList<ObjectSummary>* items, const ObjectReading& how) {
    ondemand::array array;
    if (auto error = value.get_array().get(array)) {
        return value.is_null().value_unsafe() ? simdjson::SUCCESS : error;
    }
    for (auto element : array) {
        ondemand::object row;
        if (auto error = element.get_object().get(row)) {
            return error;
        }
        ObjectSummary item;
        if (auto error = readTableRow(row, &item, nullptr, how)) {
            return error;
        }
        items->append(std::move(item));
    }
    return simdjson::SUCCESS;
}

} // namespace

simdjson::error_code ListPageParserState::parse(simdjson::padded_string_view json, ListPage* page,
                                                const ListPageParser::MetadataRead& onMetadata) {
    ondemand::document document;
    if (auto error = parser.iterate(json).get(document)) {
        return error;
    }
    ondemand::object root;
    if (auto error = document.get_object().get(root)) {
        return error;
    }
    const ObjectReading how{&document, dropManagedFields, &RepeatedStrings::forThisThread()};
    for (auto field : root) {
        std::string_view key;
        if (auto error = field.unescaped_key().get(key)) {
            return error;
        }
        simdjson::error_code error = simdjson::SUCCESS;
        std::string_view text;
        if (key == "kind") {
            error = field.value().get_string().get(text);
            page->kind = toQString(text);
        } else if (key == "apiVersion") {
            error = field.value().get_string().get(text);
            page->apiVersion = toQString(text);
        } else if (key == "metadata") {
            error = readListMeta(field.value(), page);
            if (!error && onMetadata) {
                onMetadata(*page);
            }
        } else if (key == "items") {
            error = readItems(field.value(), &page->items, how);
        } else if (key == "columnDefinitions") {
            error = readColumnDefinitions(field.value(), &page->tableColumns);
        } else if (key == "rows") {
            error = readRows(field.value(), &page->items, how);
        }
        if (error) {
            return error;
        }
    }
    return simdjson::SUCCESS;
}

} // namespace detail

ListPageParser::ListPageParser()
    : d(std::make_unique<detail::ListPageParserState>()) {}

ListPageParser::~ListPageParser() = default;
ListPageParser::ListPageParser(ListPageParser&&) noexcept = default;
ListPageParser& ListPageParser::operator=(ListPageParser&&) noexcept = default;

namespace {
std::optional<ListPage> parsePage(detail::ListPageParserState& state, simdjson::padded_string_view json,
                                  QString* error, const ListPageParser::MetadataRead& onMetadata) {
    ListPage page;
    if (const auto parseError = state.parse(json, &page, onMetadata)) {
        *error = QStringLiteral("malformed list response: %1").arg(detail::errorText(parseError));
        qCWarning(lcClient) << *error;
        return std::nullopt;
    }
    const bool isTable = page.kind == QLatin1String("Table");
    if (!isTable && !page.kind.endsWith(QLatin1String("List"))) {
        *error = page.kind.isEmpty() ? QStringLiteral("list response without a kind")
                                     : QStringLiteral("expected a list, got kind %1").arg(page.kind);
        return std::nullopt;
    }
    if (!isTable) {
        // Items of a list carry no kind/apiVersion on the wire; the list's own tell them.
        page.itemKind = ListPageParser::itemKindForListKind(page.kind);
        for (ObjectSummary& item : page.items) {
            if (item.kind.isEmpty()) {
                item.kind = page.itemKind;
            }
            if (item.apiVersion.isEmpty()) {
                item.apiVersion = page.apiVersion;
            }
        }
    }
    return page;
}
} // namespace

std::optional<ListPage> ListPageParser::parseInPlace(const QByteArray& body, QString* error,
                                                     const MetadataRead& onMetadata) {
    // The room after the end only: capacity() also counts free space before the data (left by a remove()
    // from the front), and fromRawData has none. Only readable bytes are promised; their values do not
    // matter.
    const qsizetype spare = const_cast<QByteArray&>(body).data_ptr().freeSpaceAtEnd(); // does not detach
    if (spare < qsizetype(simdjson::SIMDJSON_PADDING)) {
        return parse(QByteArrayView(body), error, onMetadata);
    }
    return parsePage(
        *d, simdjson::padded_string_view(body.constData(), size_t(body.size()), size_t(body.size() + spare)),
        error, onMetadata);
}

std::optional<ListPage> ListPageParser::parse(QByteArrayView body, QString* error,
                                              const MetadataRead& onMetadata) {
    return parsePage(*d, d->buffer.assign(body), error, onMetadata);
}

void ListPageParser::setDropManagedFields(bool drop) {
    d->dropManagedFields = drop;
}

QString ListPageParser::itemKindForListKind(const QString& listKind) {
    if (!listKind.endsWith(QLatin1String("List")) || listKind.size() <= 4) {
        return {};
    }
    return listKind.chopped(4);
}

} // namespace binnacle::client
