#pragma once

#include "objectstore.h"
#include "resourcetype.h"
#include "tableprinters.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonArray>
#include <optional>

namespace binnacle::sim {

// What the client's Accept header asks for: plain objects, server-side Tables, or metadata only.
struct ResponseFormat {
    enum class Form { Object, Yaml, Table, PartialObjectMetadata };
    Form form = Form::Object;
    QByteArray contentType = "application/json";
    QString tableVersion; // meta.k8s.io version of the Table: v1 or v1beta1

    // nullopt: nothing in the Accept list can be served (406).
    static std::optional<ResponseFormat> negotiate(const QByteArray& accept);
};

// Renders objects as meta.k8s.io Table rows with the kind's printer columns (includeObject
// None, Metadata or Object), for get, list and watch.
class TableEncoder {
public:
    TableEncoder(const ResourceType& type, const QString& version, const QString& tableVersion,
                 const QString& includeObject, const QDateTime& now);

    QJsonArray columnDefinitions() const;
    QJsonObject row(const StoredObject& object) const;
    // row() as compact JSON, built from the object's cached metadata JSON where it can be.
    void appendRowJson(QByteArray& out, const StoredObject& object) const;
    // A whole Table: rows for `objects`, list metadata as given; columnDefinitions null when omitted (watch).
    QByteArray table(const QList<ObjectPtr>& objects, const QJsonObject& listMetadata,
                     bool withColumns) const;
    // The Table's JSON up to its first row, and after its last: for streaming the rows in between.
    QByteArray tableHead(const QJsonObject& listMetadata, bool withColumns) const;
    static QByteArray tableTail() { return "]}"; }
    QString apiVersion() const { return QStringLiteral("meta.k8s.io/") + m_tableVersion; }

private:
    TableRowData rowData(const StoredObject& object) const;
    QJsonObject rowWithoutObject(const StoredObject& object) const;

    const ResourceType& m_type;
    QString m_version;
    QString m_tableVersion;
    QString m_includeObject;
    QDateTime m_now;
};

QJsonObject partialObjectMetadata(const StoredObject& object, const QString& metaVersion);
// The same object as compact JSON, spliced from the object's cached metadata JSON: the bytes
// QJsonDocument would write (members in key order), without re-serialising the metadata.
void appendPartialObjectMetadataJson(QByteArray& out, const StoredObject& object, const QString& metaVersion);

} // namespace binnacle::sim
