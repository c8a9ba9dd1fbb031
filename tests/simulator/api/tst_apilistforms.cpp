// The list forms a client can ask for (plain items, metadata only, Tables), checked byte for byte: the
// server splices these bodies from each object's cached JSON, and they must be exactly what serialising
// the same objects with QJsonDocument gives. And paging across all namespaces while objects change: every
// page shows the snapshot of the first, whichever form it is written in.
#include "apitestcluster.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QUrl>

using namespace binnacle::sim;
using namespace binnacle::sim::apitest;

namespace {
const QByteArray metadataAccept =
    "application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io,application/json";
const QByteArray tableAccept = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json";

QByteArray compactJson(const QJsonValue& value) {
    return value.isArray() ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                           : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
}

// What the metadata-only list must be, from the full list of the same objects.
QByteArray expectedMetadataList(const QJsonObject& fullList, const QString& metaVersion) {
    QByteArray body =
        "{\"kind\":\"PartialObjectMetadataList\",\"apiVersion\":\"meta.k8s.io/" + metaVersion.toLatin1() +
        "\",\"metadata\":" + compactJson(fullList.value(QLatin1String("metadata"))) + ",\"items\":[";
    const QJsonArray items = fullList.value(QLatin1String("items")).toArray();
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QJsonObject partial{
            {QStringLiteral("kind"), QStringLiteral("PartialObjectMetadata")},
            {QStringLiteral("apiVersion"), QStringLiteral("meta.k8s.io/") + metaVersion},
            {QStringLiteral("metadata"), items.at(i).toObject().value(QLatin1String("metadata"))}};
        body += (i > 0 ? "," : "") + compactJson(partial);
    }
    return body + "]}\n";
}

QStringList names(const QJsonArray& objects) {
    QStringList result;
    for (const QJsonValue& object : objects) {
        const QJsonObject metadata = object.toObject().value(QLatin1String("metadata")).toObject();
        result.append(metadata.value(QLatin1String("namespace")).toString() + QLatin1Char('/') +
                      metadata.value(QLatin1String("name")).toString());
    }
    return result;
}

QStringList rowNames(const QJsonObject& table) {
    QJsonArray objects;
    for (const QJsonValue& row : table.value(QLatin1String("rows")).toArray()) {
        objects.append(row.toObject().value(QLatin1String("object")));
    }
    return names(objects);
}
} // namespace

class TestApiListForms : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void metadataOnlyBytes_data();
    void metadataOnlyBytes();
    void metadataOnlyGet();
    void tableBytes_data();
    void tableBytes();
    void pagingAllNamespacesWhileWriting_data();
    void pagingAllNamespacesWhileWriting();

private:
    WireResponse getAs(const QByteArray& target, const QByteArray& accept) {
        return m_cluster->get(target, Credential::Admin, {header("Accept", accept)});
    }

    std::unique_ptr<ApiTestCluster> m_cluster;
};

void TestApiListForms::initTestCase() {
    SimulatorOptions options;
    options.controllers = false;
    m_cluster = std::make_unique<ApiTestCluster>(options);
    QString error;
    QVERIFY2(m_cluster->start(&error), qPrintable(error));
    // ConfigMaps' "data" sorts before "metadata": the splice must step over it. Escapes, quotes,
    // brackets inside strings and non-ASCII text must not confuse it either.
    const QJsonObject tricky{
        {QStringLiteral("quote-key"), QStringLiteral("a \"quoted\" {value} [with] brackets")},
        {QStringLiteral("path"), QStringLiteral("C:\\dir\\file, \"x\":1}")},
        {QStringLiteral("unicode"), QStringLiteral("Grüße, 日本, \u2028 line")},
        {QStringLiteral("control"), QStringLiteral("tab\there\nnewline")}};
    m_cluster->ensureNamespace(QStringLiteral("default"));
    for (const char* ns : {"forms-a", "forms-b", "forms-c"}) {
        m_cluster->ensureNamespace(QString::fromLatin1(ns));
        for (int i = 0; i < 7; ++i) {
            QJsonObject object = configMap(QStringLiteral("cm-%1").arg(i), {{"index", QString::number(i)}},
                                           i % 2 ? tricky : QJsonObject{});
            if (i == 3) {
                QJsonObject metadata = object.value(QLatin1String("metadata")).toObject();
                metadata.insert(QStringLiteral("annotations"), tricky);
                object.insert(QStringLiteral("metadata"), metadata);
                object.insert(QStringLiteral("binaryData"),
                              QJsonObject{{QStringLiteral("b"), QStringLiteral("AAEC")}});
            }
            QCOMPARE(m_cluster->post("/api/v1/namespaces/" + QByteArray(ns) + "/configmaps", object).status,
                     201);
        }
    }
}

void TestApiListForms::metadataOnlyBytes_data() {
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QString>("metaVersion");
    QTest::newRow("namespaced, v1") << QByteArray("/api/v1/namespaces/forms-b/configmaps") << "v1";
    QTest::newRow("namespaced, v1beta1") << QByteArray("/api/v1/namespaces/forms-b/configmaps") << "v1beta1";
    QTest::newRow("namespaces (cluster-scoped)") << QByteArray("/api/v1/namespaces") << "v1";
}

void TestApiListForms::metadataOnlyBytes() {
    QFETCH(QByteArray, path);
    QFETCH(QString, metaVersion);
    const QByteArray accept = "application/json;as=PartialObjectMetadataList;v=" + metaVersion.toLatin1() +
                              ";g=meta.k8s.io,application/json";
    // Without controllers nothing moves between the two requests: both see the same objects.
    const WireResponse full = m_cluster->get(path);
    QCOMPARE(full.status, 200);
    const WireResponse partial = getAs(path, accept);
    QCOMPARE(partial.status, 200);
    QCOMPARE(partial.header("Content-Type"), QByteArray("application/json"));
    QCOMPARE(partial.body, expectedMetadataList(full.json(), metaVersion));
}

void TestApiListForms::metadataOnlyGet() {
    const QByteArray path = "/api/v1/namespaces/forms-a/configmaps/cm-3";
    const QJsonObject full = m_cluster->get(path).json();
    const WireResponse partial =
        getAs(path, "application/json;as=PartialObjectMetadata;v=v1;g=meta.k8s.io,application/json");
    QCOMPARE(partial.status, 200);
    const QJsonObject expected{{QStringLiteral("kind"), QStringLiteral("PartialObjectMetadata")},
                               {QStringLiteral("apiVersion"), QStringLiteral("meta.k8s.io/v1")},
                               {QStringLiteral("metadata"), full.value(QLatin1String("metadata"))}};
    QCOMPARE(partial.body, compactJson(expected) + '\n');
}

void TestApiListForms::tableBytes_data() {
    QTest::addColumn<QByteArray>("query");
    QTest::newRow("default (Metadata)") << QByteArray();
    QTest::newRow("includeObject=Metadata") << QByteArray("includeObject=Metadata");
    QTest::newRow("includeObject=None") << QByteArray("includeObject=None");
    QTest::newRow("includeObject=Object") << QByteArray("includeObject=Object");
    QTest::newRow("paged") << QByteArray("includeObject=Metadata&limit=4");
}

void TestApiListForms::tableBytes() {
    QFETCH(QByteArray, query);
    const QByteArray path = "/api/v1/configmaps" + (query.isEmpty() ? QByteArray() : "?" + query);
    const WireResponse table = getAs(path, tableAccept);
    QCOMPARE(table.status, 200);
    // The Table is written as QJsonDocument writes it: members in key order, compact, one line.
    const QJsonObject parsed = table.json();
    QCOMPARE(parsed.value(QLatin1String("kind")).toString(), QStringLiteral("Table"));
    QCOMPARE(table.body, compactJson(parsed) + '\n');
    const QJsonArray rows = parsed.value(QLatin1String("rows")).toArray();
    QVERIFY(!rows.isEmpty());
    const QJsonObject full = m_cluster->get("/api/v1/configmaps").json();
    QHash<QString, QJsonObject> metadataByName;
    for (const QJsonValue& item : full.value(QLatin1String("items")).toArray()) {
        const QJsonObject metadata = item.toObject().value(QLatin1String("metadata")).toObject();
        metadataByName.insert(metadata.value(QLatin1String("namespace")).toString() + QLatin1Char('/') +
                                  metadata.value(QLatin1String("name")).toString(),
                              metadata);
    }
    for (const QJsonValue& rowValue : rows) {
        const QJsonObject row = rowValue.toObject();
        QVERIFY(row.value(QLatin1String("cells")).isArray());
        if (query.contains("None")) {
            QVERIFY(!row.contains(QLatin1String("object")));
            continue;
        }
        const QJsonObject object = row.value(QLatin1String("object")).toObject();
        const QJsonObject metadata = object.value(QLatin1String("metadata")).toObject();
        const QString key = metadata.value(QLatin1String("namespace")).toString() + QLatin1Char('/') +
                            metadata.value(QLatin1String("name")).toString();
        QCOMPARE(metadata, metadataByName.value(key));
        QCOMPARE(object.value(QLatin1String("kind")).toString(),
                 query.contains("=Object") ? QStringLiteral("ConfigMap")
                                           : QStringLiteral("PartialObjectMetadata"));
    }
}

void TestApiListForms::pagingAllNamespacesWhileWriting_data() {
    QTest::addColumn<QByteArray>("accept");
    QTest::newRow("items") << QByteArray("application/json");
    QTest::newRow("metadata only") << metadataAccept;
    QTest::newRow("table") << tableAccept;
}

void TestApiListForms::pagingAllNamespacesWhileWriting() {
    QFETCH(QByteArray, accept);
    const bool table = accept.contains("as=Table");
    const QByteArray base = "/api/v1/configmaps?limit=5";
    const QStringList before =
        names(m_cluster->get("/api/v1/configmaps").json().value(QLatin1String("items")).toArray());
    QVERIFY(before.size() > 15);

    const WireResponse first = getAs(base, accept);
    QCOMPARE(first.status, 200);
    QJsonObject page = first.json();
    const QString version = meta(page, QStringLiteral("resourceVersion")).toString();
    QStringList seen = table ? rowNames(page) : names(page.value(QLatin1String("items")).toArray());
    QCOMPARE(meta(page, QStringLiteral("remainingItemCount")).toInt(), before.size() - 5);

    // Changes on both sides of the page boundary, in a namespace sorting first and in one sorting last:
    // a new object, a deleted one, a modified one.
    const QString tag =
        QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('-'));
    QCOMPARE(m_cluster->post("/api/v1/namespaces/forms-c/configmaps", configMap(QStringLiteral("new-") + tag))
                 .status,
             201);
    QCOMPARE(m_cluster->post("/api/v1/namespaces/default/configmaps", configMap(QStringLiteral("new-") + tag))
                 .status,
             201);
    const QString victim = before.at(before.size() - 2);
    QCOMPARE(m_cluster
                 ->remove("/api/v1/namespaces/" + victim.section(QLatin1Char('/'), 0, 0).toLatin1() +
                          "/configmaps/" + victim.section(QLatin1Char('/'), 1).toLatin1())
                 .status,
             200);
    QCOMPARE(m_cluster
                 ->patch("/api/v1/namespaces/forms-b/configmaps/cm-2", "application/merge-patch+json",
                         R"({"metadata":{"labels":{"patched":")" + tag.toLatin1() + R"("}}})")
                 .status,
             200);

    for (int guard = 0; guard < 100; ++guard) {
        const QString token = meta(page, QStringLiteral("continue")).toString();
        if (token.isEmpty()) {
            break;
        }
        const WireResponse next = getAs(base + "&continue=" + QUrl::toPercentEncoding(token), accept);
        QCOMPARE(next.status, 200);
        page = next.json();
        QCOMPARE(meta(page, QStringLiteral("resourceVersion")).toString(), version);
        const QStringList pageNames =
            table ? rowNames(page) : names(page.value(QLatin1String("items")).toArray());
        seen += pageNames;
        if (!meta(page, QStringLiteral("continue")).toString().isEmpty()) {
            QCOMPARE(meta(page, QStringLiteral("remainingItemCount")).toInt(), before.size() - seen.size());
        }
        // The snapshot's version of the patched object: without the label added since.
        if (!table && pageNames.contains(QStringLiteral("forms-b/cm-2"))) {
            const QJsonArray items = page.value(QLatin1String("items")).toArray();
            const QJsonObject patched =
                items.at(pageNames.indexOf(QStringLiteral("forms-b/cm-2"))).toObject();
            QVERIFY(meta(patched, QStringLiteral("labels")).toObject().value(QLatin1String("patched")) !=
                    tag);
        }
    }
    QCOMPARE(seen, before);
    // A new list sees the changes.
    const QStringList after =
        names(m_cluster->get("/api/v1/configmaps").json().value(QLatin1String("items")).toArray());
    QVERIFY(after.contains(QStringLiteral("forms-c/new-") + tag));
    QVERIFY(!after.contains(victim));
}

QTEST_GUILESS_MAIN(TestApiListForms)
#include "tst_apilistforms.moc"
