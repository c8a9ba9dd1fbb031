#include "fixtures.h"
#include "jsonpath.h"
#include "tableprinters.h"

#include <QTest>

using namespace binnacle::sim;
using binnacle::sim::testing::json;

namespace {

const QDateTime kNow = QDateTime::fromString(QStringLiteral("2024-05-01T12:00:00Z"), Qt::ISODate);

QJsonArray destinationRuleColumns() {
    QFile file(QStringLiteral(BINNACLE_FIXTURES_DIR "/crd-destinationrules-printercolumns.json"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing CRD fixture");
    const QJsonObject crd = QJsonDocument::fromJson(file.readAll()).object();
    return crd.value(u"spec")
        .toObject()
        .value(u"versions")
        .toArray()
        .first()
        .toObject()
        .value(u"additionalPrinterColumns")
        .toArray();
}

const char* const kSample = R"({
  "apiVersion": "example.com/v1", "kind": "Widget",
  "metadata": {"name": "w1", "creationTimestamp": "2024-04-28T12:00:00Z",
               "labels": {"app.kubernetes.io/name": "shop", "tier": "web"}},
  "spec": {"replicas": 3, "ratio": 0.25, "paused": false, "ports": [{"name": "http", "port": 80}, {"name": "https", "port": 443}],
           "selector": {"matchLabels": {"a": "<b>"}}},
  "status": {"conditions": [{"type": "Ready", "status": "True", "lastTransitionTime": "2024-05-01T11:00:00Z"},
                            {"type": "Synced", "status": "False"}],
             "observedAt": "not a time", "count": "7"}
})";

} // namespace

class TestCustomResourcePrinter : public QObject {
    Q_OBJECT

private slots:
    void destinationRuleColumns() {
        const auto columns = TablePrinters::customResourceColumns(::destinationRuleColumns());
        QCOMPARE(columns.size(), 3);
        QCOMPARE(columns.at(0).name, QStringLiteral("Name"));
        QCOMPARE(columns.at(0).format, QStringLiteral("name"));
        QCOMPARE(columns.at(1).name, QStringLiteral("Host"));
        QCOMPARE(columns.at(1).type, QStringLiteral("string"));
        QCOMPARE(columns.at(1).description,
                 QStringLiteral("The name of a service from the service registry"));
        QCOMPARE(columns.at(2).name, QStringLiteral("Age"));
        QCOMPARE(columns.at(2).type, QStringLiteral("date"));
        QCOMPARE(columns.at(2).priority, 0);
        QCOMPARE(columns.at(2).toJson().keys(),
                 QStringList({"description", "format", "name", "priority", "type"}));
    }

    void destinationRuleRow() {
        const QJsonObject rule =
            json(R"({"apiVersion":"networking.istio.io/v1alpha3","kind":"DestinationRule",
            "metadata":{"name":"reviews","namespace":"default","creationTimestamp":"2024-04-28T09:00:00Z"},
            "spec":{"host":"reviews.prod.svc.cluster.local","trafficPolicy":{"loadBalancer":{"simple":"LEAST_REQUEST"}}}})");
        const TableRowData row = TablePrinters::customResourceRow(::destinationRuleColumns(), rule, kNow);
        QCOMPARE(row.cells, (QJsonArray{"reviews", "reviews.prod.svc.cluster.local", "3d3h"}));
        QVERIFY(row.conditions.isEmpty());
    }

    void defaultAgeColumn() {
        const auto columns = TablePrinters::customResourceColumns({});
        QCOMPARE(columns.size(), 2);
        QCOMPARE(columns.at(1).name, QStringLiteral("Age"));
        QCOMPARE(columns.at(1).type, QStringLiteral("date"));
        QCOMPARE(TablePrinters::customResourceRow({}, json(kSample), kNow).cells, (QJsonArray{"w1", "3d"}));
    }

    void cells_data() {
        QTest::addColumn<QString>("jsonPath");
        QTest::addColumn<QString>("type");
        QTest::addColumn<QJsonValue>("expected");
        const QJsonValue null(QJsonValue::Null);
        QTest::newRow("string") << ".metadata.labels.tier"
                                << "string" << QJsonValue("web");
        QTest::newRow("escaped dots") << ".metadata.labels.app\\.kubernetes\\.io/name"
                                      << "string" << QJsonValue("shop");
        QTest::newRow("bracket key") << ".metadata.labels['app.kubernetes.io/name']"
                                     << "string" << QJsonValue("shop");
        QTest::newRow("missing") << ".spec.nothing.here"
                                 << "string" << null;
        QTest::newRow("integer") << ".spec.replicas"
                                 << "integer" << QJsonValue(3);
        QTest::newRow("number") << ".spec.ratio"
                                << "number" << QJsonValue(0.25);
        QTest::newRow("integer truncates number") << ".spec.ratio"
                                                  << "integer" << QJsonValue(0);
        QTest::newRow("boolean") << ".spec.paused"
                                 << "boolean" << QJsonValue(false);
        QTest::newRow("integer of a string is null") << ".status.count"
                                                     << "integer" << null;
        QTest::newRow("number printed as string") << ".spec.replicas"
                                                  << "string" << QJsonValue("3");
        QTest::newRow("bool printed as string") << ".spec.paused"
                                                << "string" << QJsonValue("false");
        QTest::newRow("index") << ".spec.ports[1].port"
                               << "integer" << QJsonValue(443);
        QTest::newRow("negative index") << ".spec.ports[-1].name"
                                        << "string" << QJsonValue("https");
        QTest::newRow("wildcard prints the first") << ".spec.ports[*].name"
                                                   << "string" << QJsonValue("http");
        QTest::newRow("filter") << ".status.conditions[?(@.type==\"Ready\")].status"
                                << "string" << QJsonValue("True");
        QTest::newRow("filter single quotes") << ".status.conditions[?(@.type == 'Synced')].status"
                                              << "string" << QJsonValue("False");
        QTest::newRow("filter no match") << ".status.conditions[?(@.type==\"Gone\")].status"
                                         << "string" << null;
        QTest::newRow("date") << ".status.conditions[0].lastTransitionTime"
                              << "date" << QJsonValue("60m");
        QTest::newRow("bad date") << ".status.observedAt"
                                  << "date" << QJsonValue("<invalid>");
        QTest::newRow("object as JSON") << ".spec.selector"
                                        << "string" << QJsonValue(R"({"matchLabels":{"a":"\u003cb\u003e"}})");
        QTest::newRow("list as JSON") << ".spec.ports[0]"
                                      << "string" << QJsonValue(R"({"name":"http","port":80})");
        QTest::newRow("braces and dollar") << "{$.spec.replicas}"
                                           << "integer" << QJsonValue(3);
        QTest::newRow("unknown type") << ".spec.replicas"
                                      << "quantity" << null;
        QTest::newRow("unparsable path") << ".spec..replicas"
                                         << "integer" << null;
    }

    void cells() {
        QFETCH(QString, jsonPath);
        QFETCH(QString, type);
        QFETCH(QJsonValue, expected);
        const QJsonArray columns{QJsonObject{{"name", "C"}, {"type", type}, {"jsonPath", jsonPath}}};
        const TableRowData row = TablePrinters::customResourceRow(columns, json(kSample), kNow);
        QCOMPARE(row.cells.size(), 2);
        QCOMPARE(row.cells.at(1), expected);
        QCOMPARE(TablePrinters::customResourceColumns(columns).at(1).description,
                 QStringLiteral("Custom resource definition column (in JSONPath format): ") + jsonPath);
    }

    void jsonPathMatches() {
        const auto path = JsonPath::parse(QStringLiteral(".spec.ports[?(@.port > 100)].name"));
        QVERIFY(path.has_value());
        QCOMPARE(path->evaluate(json(kSample)), (QJsonArray{"https"}));
        const auto all = JsonPath::parse(QStringLiteral(".status.conditions[*].type"));
        QVERIFY(all.has_value());
        QCOMPARE(all->evaluate(json(kSample)), (QJsonArray{"Ready", "Synced"}));
        QVERIFY(!JsonPath::parse(QStringLiteral("spec")).has_value());
        QVERIFY(!JsonPath::parse(QStringLiteral(".a[")).has_value());
    }
};

QTEST_GUILESS_MAIN(TestCustomResourcePrinter)
#include "tst_customresourceprinter.moc"
