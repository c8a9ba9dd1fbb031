#include "responseformat.h"

#include "compactjson.h"
#include "tableprinters.h"

namespace binnacle::sim {

std::optional<ResponseFormat> ResponseFormat::negotiate(const QByteArray& accept) {
    if (accept.trimmed().isEmpty()) {
        return ResponseFormat{};
    }
    for (const QByteArray& rawClause : accept.split(',')) {
        const QList<QByteArray> parts = rawClause.trimmed().split(';');
        const QByteArray mediaType = parts.value(0).trimmed().toLower();
        QByteArray as;
        QByteArray group;
        QByteArray version;
        for (qsizetype i = 1; i < parts.size(); ++i) {
            const QList<QByteArray> pair = parts[i].trimmed().split('=');
            const QByteArray key = pair.value(0).trimmed();
            const QByteArray value = pair.value(1).trimmed();
            if (key == "as") {
                as = value;
            } else if (key == "g") {
                group = value;
            } else if (key == "v") {
                version = value;
            }
        }
        if (mediaType == "application/yaml" && as.isEmpty()) {
            return ResponseFormat{Form::Yaml, "application/yaml", QString()};
        }
        if (mediaType != "application/json" && mediaType != "*/*" && mediaType != "application/*") {
            continue; // protobuf, yaml, cbor: not served; the client listed a fallback
        }
        if (as.isEmpty()) {
            return ResponseFormat{};
        }
        if (group != "meta.k8s.io" || (version != "v1" && version != "v1beta1")) {
            continue;
        }
        // The apiserver writes these with plain application/json: the body's kind says what it is.
        if (as == "Table") {
            return ResponseFormat{Form::Table, "application/json", QString::fromLatin1(version)};
        }
        if (as == "PartialObjectMetadata" || as == "PartialObjectMetadataList") {
            return ResponseFormat{Form::PartialObjectMetadata, "application/json",
                                  QString::fromLatin1(version)};
        }
    }
    return std::nullopt;
}

QJsonObject partialObjectMetadata(const StoredObject& object, const QString& metaVersion) {
    return QJsonObject{{QStringLiteral("kind"), QStringLiteral("PartialObjectMetadata")},
                       {QStringLiteral("apiVersion"), QStringLiteral("meta.k8s.io/") + metaVersion},
                       {QStringLiteral("metadata"), object.object.value(QLatin1String("metadata"))}};
}

void appendPartialObjectMetadataJson(QByteArray& out, const StoredObject& object,
                                     const QString& metaVersion) {
    const QByteArrayView metadata = object.metadataJson();
    if (metadata.isEmpty()) {
        compactjson::append(out, partialObjectMetadata(object, metaVersion));
        return;
    }
    // QJsonObject keeps its members sorted by key: apiVersion, kind, metadata. The version is v1 or
    // v1beta1 (negotiated), so it needs no escaping.
    out += "{\"apiVersion\":\"meta.k8s.io/";
    out += metaVersion.toLatin1();
    out += "\",\"kind\":\"PartialObjectMetadata\",\"metadata\":";
    out += metadata;
    out += '}';
}

TableEncoder::TableEncoder(const ResourceType& type, const QString& version, const QString& tableVersion,
                           const QString& includeObject, const QDateTime& now)
    : m_type(type)
    , m_version(version)
    , m_tableVersion(tableVersion.isEmpty() ? QStringLiteral("v1") : tableVersion)
    , m_includeObject(includeObject.isEmpty() ? QStringLiteral("Metadata") : includeObject)
    , m_now(now) {}

QJsonArray TableEncoder::columnDefinitions() const {
    const QList<TableColumn> columns =
        m_type.custom
            ? TablePrinters::customResourceColumns(m_type.printerColumnsByVersion.value(m_version).toArray())
            : TablePrinters::columns(m_type.group, m_type.kind);
    QJsonArray definitions;
    for (const TableColumn& column : columns) {
        definitions.append(column.toJson());
    }
    return definitions;
}

TableRowData TableEncoder::rowData(const StoredObject& object) const {
    return m_type.custom
               ? TablePrinters::customResourceRow(m_type.printerColumnsByVersion.value(m_version).toArray(),
                                                  object.object, m_now)
               : TablePrinters::row(m_type.group, m_type.kind, object.object, m_now, object.derivedCache());
}

QJsonObject TableEncoder::rowWithoutObject(const StoredObject& object) const {
    return rowData(object).toJson();
}

QJsonObject TableEncoder::row(const StoredObject& object) const {
    QJsonObject row = rowWithoutObject(object);
    if (m_includeObject == QLatin1String("Object")) {
        QJsonObject full = object.object;
        full.insert(QStringLiteral("apiVersion"), m_type.apiVersion(m_version));
        row.insert(QStringLiteral("object"), full);
    } else if (m_includeObject == QLatin1String("Metadata")) {
        row.insert(QStringLiteral("object"), partialObjectMetadata(object, m_tableVersion));
    }
    return row;
}

void TableEncoder::appendRowJson(QByteArray& out, const StoredObject& object) const {
    if (m_includeObject != QLatin1String("Metadata") || object.metadataJson().isEmpty()) {
        compactjson::append(out, row(object));
        return;
    }
    // A row's members in QJsonObject's (sorted) order: cells, conditions (only when there are some), object.
    const TableRowData data = rowData(object);
    out += "{\"cells\":";
    compactjson::append(out, data.cells);
    if (!data.conditions.isEmpty()) {
        out += ",\"conditions\":";
        compactjson::append(out, data.conditions);
    }
    out += ",\"object\":";
    appendPartialObjectMetadataJson(out, object, m_tableVersion);
    out += '}';
}

QByteArray TableEncoder::tableHead(const QJsonObject& listMetadata, bool withColumns) const {
    // The members in QJsonObject's (sorted) order: apiVersion, columnDefinitions, kind, metadata, rows.
    QByteArray head = "{\"apiVersion\":\"" + apiVersion().toUtf8() + "\",\"columnDefinitions\":";
    head += withColumns ? compactjson::toJson(columnDefinitions()) : QByteArray("null");
    head += ",\"kind\":\"Table\",\"metadata\":";
    compactjson::append(head, listMetadata);
    head += ",\"rows\":[";
    return head;
}

QByteArray TableEncoder::table(const QList<ObjectPtr>& objects, const QJsonObject& listMetadata,
                               bool withColumns) const {
    QByteArray json = tableHead(listMetadata, withColumns);
    for (qsizetype i = 0; i < objects.size(); ++i) {
        if (i > 0) {
            json += ',';
        }
        appendRowJson(json, *objects.at(i));
    }
    json += tableTail();
    return json;
}

} // namespace binnacle::sim
