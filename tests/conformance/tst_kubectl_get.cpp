// kubectl get against the simulator: output formats, pagination with --chunk-size, label and field
// selectors evaluated by the server, and a client-certificate context.
#include "conformancecluster.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

using namespace binnacle::sim::conformance;

namespace {
const QString kNamespace = QStringLiteral("conf-get");
const QString kChunkNamespace = QStringLiteral("conf-chunk");
constexpr int kChunkObjects = 25;

QStringList sorted(QStringList list) {
    list.sort();
    return list;
}
} // namespace

class TestKubectlGet : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QString error;
        QVERIFY2(m_cluster.start(&error), qPrintable(error));
        QVERIFY2(m_cluster.createNamespace(kNamespace, &error), qPrintable(error));
        QVERIFY2(m_cluster.createNamespace(kChunkNamespace, &error), qPrintable(error));
        // Four labelled configmaps for the selector tests, plus two pods for the field selectors.
        const QByteArray objects = R"(apiVersion: v1
kind: ConfigMap
metadata: {name: sel-a, labels: {set: sel, app: web, tier: front}}
data: {one: "1", two: "2"}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: sel-b, labels: {set: sel, app: api, tier: back}}
data: {one: "1"}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: sel-c, labels: {set: sel, app: db}}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: sel-d, labels: {set: sel}}
---
apiVersion: v1
kind: Pod
metadata: {name: field-pod-1, labels: {set: field}}
spec: {containers: [{name: c, image: nginx:1.27}]}
---
apiVersion: v1
kind: Pod
metadata: {name: field-pod-2, labels: {set: field}}
spec: {containers: [{name: c, image: nginx:1.27}]}
)";
        const KubectlResult created = m_cluster.create(objects, kNamespace);
        QVERIFY2(created.succeeded(), qPrintable(created.describe()));
        QCOMPARE(created.outLines().size(), 6);
    }

    void defaultOutputIsTheServerTable() {
        const KubectlResult result =
            get({QStringLiteral("configmaps"), QStringLiteral("-l"), QStringLiteral("set=sel")});
        QVERIFY2(result.succeeded(), qPrintable(result.describe()));
        const KubectlTable table = KubectlTable::parse(result.out);
        QCOMPARE(table.header(), (QStringList{"NAME", "DATA", "AGE"}));
        QCOMPARE(table.column("NAME"), (QStringList{"sel-a", "sel-b", "sel-c", "sel-d"}));
        QCOMPARE(table.column("DATA"), (QStringList{"2", "1", "0", "0"}));
        static const QRegularExpression age(QStringLiteral("^[0-9]+[smhd]"));
        QVERIFY2(age.match(table.column("AGE").value(0)).hasMatch(), qPrintable(result.out));
    }

    void outputJsonSingleObject() {
        const KubectlResult result = get({QStringLiteral("configmap"), QStringLiteral("sel-a"),
                                          QStringLiteral("-o"), QStringLiteral("json")});
        QVERIFY2(result.succeeded(), qPrintable(result.describe()));
        QJsonParseError parseError;
        const QJsonObject object = QJsonDocument::fromJson(result.out.toUtf8(), &parseError).object();
        QVERIFY2(parseError.error == QJsonParseError::NoError, qPrintable(result.out));
        QCOMPARE(object.value("apiVersion").toString(), QStringLiteral("v1"));
        QCOMPARE(object.value("kind").toString(), QStringLiteral("ConfigMap"));
        const QJsonObject metadata = object.value("metadata").toObject();
        QCOMPARE(metadata.value("name").toString(), QStringLiteral("sel-a"));
        QCOMPARE(metadata.value("namespace").toString(), kNamespace);
        QVERIFY(!metadata.value("uid").toString().isEmpty());
        QVERIFY(!metadata.value("resourceVersion").toString().isEmpty());
        QVERIFY(!metadata.value("creationTimestamp").toString().isEmpty());
        QCOMPARE(metadata.value("labels").toObject().value("app").toString(), QStringLiteral("web"));
        QCOMPARE(object.value("data").toObject().value("two").toString(), QStringLiteral("2"));
        // kubectl hides managedFields unless asked.
        QVERIFY(!metadata.contains("managedFields"));
    }

    void outputJsonList() {
        const KubectlResult result =
            get({QStringLiteral("configmaps"), QStringLiteral("-l"), QStringLiteral("set=sel"),
                 QStringLiteral("-o"), QStringLiteral("json")});
        QVERIFY2(result.succeeded(), qPrintable(result.describe()));
        const QJsonObject list = QJsonDocument::fromJson(result.out.toUtf8()).object();
        QCOMPARE(list.value("kind").toString(), QStringLiteral("List"));
        QCOMPARE(list.value("apiVersion").toString(), QStringLiteral("v1"));
        const QJsonArray items = list.value("items").toArray();
        QCOMPARE(items.size(), 4);
        for (const QJsonValue& item : items) {
            // Items of a list carry their own kind and apiVersion in kubectl's output.
            QCOMPARE(item.toObject().value("kind").toString(), QStringLiteral("ConfigMap"));
            QCOMPARE(item.toObject().value("apiVersion").toString(), QStringLiteral("v1"));
        }
    }

    void outputYaml() {
        const KubectlResult result = get({QStringLiteral("configmap"), QStringLiteral("sel-b"),
                                          QStringLiteral("-o"), QStringLiteral("yaml")});
        QVERIFY2(result.succeeded(), qPrintable(result.describe()));
        const QStringList lines = result.out.split('\n');
        QVERIFY2(lines.contains("apiVersion: v1"), qPrintable(result.out));
        QVERIFY2(lines.contains("kind: ConfigMap"), qPrintable(result.out));
        QVERIFY2(lines.contains("data:"), qPrintable(result.out));
        QVERIFY2(lines.contains("  one: \"1\""), qPrintable(result.out));
        QVERIFY2(lines.contains("  name: sel-b"), qPrintable(result.out));
        QVERIFY2(lines.contains("  namespace: " + kNamespace), qPrintable(result.out));
    }

    void outputWide() {
        const KubectlResult result =
            get({QStringLiteral("pods"), QStringLiteral("-l"), QStringLiteral("set=field"),
                 QStringLiteral("-o"), QStringLiteral("wide")});
        QVERIFY2(result.succeeded(), qPrintable(result.describe()));
        const KubectlTable table = KubectlTable::parse(result.out);
        QCOMPARE(table.header(), (QStringList{"NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP", "NODE",
                                              "NOMINATED NODE", "READINESS GATES"}));
        QCOMPARE(table.column("NAME"), (QStringList{"field-pod-1", "field-pod-2"}));
        QCOMPARE(table.column("READINESS GATES"), (QStringList{"<none>", "<none>"}));
    }

    void outputName() {
        const KubectlResult result =
            get({QStringLiteral("configmaps,pods"), QStringLiteral("-o"), QStringLiteral("name")});
        QVERIFY2(result.succeeded(), qPrintable(result.describe()));
        const QStringList names = result.outLines();
        for (const char* expected : {"configmap/sel-a", "configmap/sel-b", "configmap/sel-c",
                                     "configmap/sel-d", "pod/field-pod-1", "pod/field-pod-2"}) {
            QVERIFY2(names.contains(QLatin1String(expected)), qPrintable(result.out));
        }
    }

    void outputJsonPath() {
        const KubectlResult result =
            get({QStringLiteral("configmaps"), QStringLiteral("-l"), QStringLiteral("set=sel"),
                 QStringLiteral("-o"), QStringLiteral("jsonpath={.items[*].metadata.name}")});
        QVERIFY2(result.succeeded(), qPrintable(result.describe()));
        QCOMPARE(result.out, QStringLiteral("sel-a sel-b sel-c sel-d"));
    }

    void chunkedListReturnsEverything() {
        QByteArray manifests;
        QStringList expected;
        for (int i = 0; i < kChunkObjects; ++i) {
            const QString name = QStringLiteral("chunk-%1").arg(i, 2, 10, QLatin1Char('0'));
            expected.append(QStringLiteral("configmap/") + name);
            manifests +=
                QStringLiteral(
                    "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: %1}\ndata: {i: \"%2\"}\n---\n")
                    .arg(name)
                    .arg(i)
                    .toUtf8();
        }
        const KubectlResult created = m_cluster.create(manifests, kChunkNamespace);
        QVERIFY2(created.succeeded(), qPrintable(created.describe()));

        // -v=6 logs every request: the list must have been fetched in pages of four.
        const KubectlResult result =
            m_cluster.kubectl().run({QStringLiteral("get"), QStringLiteral("configmaps"),
                                     QStringLiteral("-n"), kChunkNamespace, QStringLiteral("--chunk-size=4"),
                                     QStringLiteral("-o"), QStringLiteral("name"), QStringLiteral("-v=6")});
        QVERIFY2(result.succeeded(), qPrintable(result.describe()));
        const QStringList names = result.outLines();
        QCOMPARE(QSet<QString>(names.begin(), names.end()).size(), names.size()); // nothing twice
        for (const QString& name : expected) {
            QVERIFY2(names.contains(name), qPrintable(name + " missing from:\n" + result.out));
        }
        static const QRegularExpression pageRequest(
            QStringLiteral("GET https://\\S+/api/v1/namespaces/conf-chunk/configmaps\\?limit=4\\S* 200 OK"));
        static const QRegularExpression continueRequest(
            QStringLiteral("configmaps\\?continue=\\S+&limit=4 200 OK"));
        int pages = 0;
        int continued = 0;
        for (const QString& line : result.err.split('\n')) {
            pages += pageRequest.match(line).hasMatch() ? 1 : 0;
            continued += continueRequest.match(line).hasMatch() ? 1 : 0;
        }
        QVERIFY2(pages + continued >= (kChunkObjects + 3) / 4, qPrintable(result.err));
        QVERIFY2(continued >= (kChunkObjects + 3) / 4 - 1, qPrintable(result.err));

        // The table output prints its header once, however many pages.
        const KubectlResult table = m_cluster.kubectl().run(
            {QStringLiteral("get"), QStringLiteral("configmaps"), QStringLiteral("-n"), kChunkNamespace,
             QStringLiteral("--chunk-size=4")});
        QVERIFY2(table.succeeded(), qPrintable(table.describe()));
        QCOMPARE(table.out.count(QStringLiteral("NAME")), 1);
        QCOMPARE(table.outLines().size(), names.size() + 1);
    }

    void labelSelector_data() {
        QTest::addColumn<QString>("selector");
        QTest::addColumn<QStringList>("names");
        QTest::newRow("equals") << "app=web" << QStringList{"sel-a"};
        QTest::newRow("double equals") << "app==api" << QStringList{"sel-b"};
        QTest::newRow("not equals matches missing key")
            << "app!=web" << QStringList{"sel-b", "sel-c", "sel-d"};
        QTest::newRow("in") << "app in (web,api)" << QStringList{"sel-a", "sel-b"};
        QTest::newRow("notin") << "app notin (web,api)" << QStringList{"sel-c", "sel-d"};
        QTest::newRow("exists") << "tier" << QStringList{"sel-a", "sel-b"};
        QTest::newRow("does not exist") << "!tier" << QStringList{"sel-c", "sel-d"};
        QTest::newRow("and") << "app=api,tier=back" << QStringList{"sel-b"};
        QTest::newRow("nothing") << "app=nothing" << QStringList{};
    }

    void labelSelector() {
        QFETCH(QString, selector);
        QFETCH(QStringList, names);
        const KubectlResult result =
            get({QStringLiteral("configmaps"), QStringLiteral("-l"), selector + QStringLiteral(",set=sel"),
                 QStringLiteral("-o"), QStringLiteral("jsonpath={.items[*].metadata.name}")});
        QVERIFY2(result.succeeded(), qPrintable(result.describe()));
        QCOMPARE(sorted(result.out.split(' ', Qt::SkipEmptyParts)), names);
    }

    void fieldSelector_data() {
        QTest::addColumn<QString>("resource");
        QTest::addColumn<QString>("selector");
        QTest::addColumn<QStringList>("names");
        QTest::newRow("metadata.name") << "configmaps"
                                       << "metadata.name=sel-c" << QStringList{"sel-c"};
        QTest::newRow("metadata.name !=") << "pods"
                                          << "metadata.name!=field-pod-1" << QStringList{"field-pod-2"};
        QTest::newRow("metadata.namespace")
            << "pods"
            << "metadata.namespace=" + kNamespace << QStringList{"field-pod-1", "field-pod-2"};
        QTest::newRow("status.phase !=")
            << "pods"
            << "status.phase!=Failed" << QStringList{"field-pod-1", "field-pod-2"};
        QTest::newRow("status.phase =") << "pods"
                                        << "status.phase=Failed" << QStringList{};
        QTest::newRow("two terms") << "pods"
                                   << "metadata.name=field-pod-2,status.phase!=Succeeded"
                                   << QStringList{"field-pod-2"};
    }

    void fieldSelector() {
        QFETCH(QString, resource);
        QFETCH(QString, selector);
        QFETCH(QStringList, names);
        const KubectlResult result = get({resource, QStringLiteral("--field-selector"), selector,
                                          QStringLiteral("-o"), QStringLiteral("name")});
        QVERIFY2(result.succeeded(), qPrintable(result.describe()));
        QStringList found;
        for (const QString& line : result.outLines()) {
            found.append(line.section('/', 1));
        }
        QCOMPARE(sorted(found), names);
    }

    void fieldSelectorEmptyResultMessage() {
        const KubectlResult result = get({QStringLiteral("pods"), QStringLiteral("--field-selector"),
                                          QStringLiteral("status.phase=Failed")});
        QVERIFY2(result.succeeded(), qPrintable(result.describe()));
        QCOMPARE(result.out, QString());
        QCOMPARE(result.err.trimmed(), QStringLiteral("No resources found in conf-get namespace."));
    }

    void unsupportedFieldSelectorShowsServerError() {
        const KubectlResult result = get({QStringLiteral("configmaps"), QStringLiteral("--field-selector"),
                                          QStringLiteral("spec.color=red")});
        QCOMPARE(result.exitCode, 1);
        QCOMPARE(result.err.trimmed(),
                 QStringLiteral(
                     "Error from server (BadRequest): Unable to find \"/v1, Resource=configmaps\" that match "
                     "label selector \"\", field selector \"spec.color=red\": \"spec.color\" is not a known "
                     "field selector: only \"metadata.name\", \"metadata.namespace\""));
    }

    void clientCertificateContext() {
        const KubectlResult result =
            m_cluster.kubectl(QStringLiteral("sim-cert"))
                .run({QStringLiteral("get"), QStringLiteral("configmaps"), QStringLiteral("-n"), kNamespace,
                      QStringLiteral("-l"), QStringLiteral("app=web")});
        QVERIFY2(result.succeeded(), qPrintable(result.describe()));
        QCOMPARE(KubectlTable::parse(result.out).column("NAME"), QStringList{"sel-a"});
    }

private:
    KubectlResult get(const QStringList& arguments) const {
        return m_cluster.kubectl().run(QStringList{QStringLiteral("get")} + arguments +
                                       QStringList{QStringLiteral("-n"), kNamespace});
    }

    ConformanceCluster m_cluster;
};

BINNACLE_CONFORMANCE_MAIN(TestKubectlGet)
#include "tst_kubectl_get.moc"
