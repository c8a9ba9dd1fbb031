// kubectl get's default and wide output for every built-in kind and for a CRD with printer columns: the
// header line must be exactly what kubectl prints against a real v1.32 API server (the server sends the
// Table columns, kubectl only upper-cases and aligns them).
#include "builtinkinds.h"
#include "conformancecluster.h"

using namespace binnacle::sim::conformance;

namespace {
const QString kNamespace = QStringLiteral("conf-tables");

} // namespace

class TestKubectlTables : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QString error;
        QVERIFY2(m_cluster.start(&error), qPrintable(error));
        QVERIFY2(m_cluster.createNamespace(kNamespace, &error), qPrintable(error));
    }

    void builtinKindHeader_data() {
        QTest::addColumn<QString>("resource");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("manifest");
        QTest::addColumn<QStringList>("header");

        for (const BuiltinKindCase& kind : builtinKindCases(kNamespace, kCrdName)) {
            QTest::newRow(qPrintable(kind.resource))
                << kind.resource << kind.name << kind.manifest << kind.header;
        }
    }

    void builtinKindHeader() {
        QFETCH(QString, resource);
        QFETCH(QString, name);
        QFETCH(QByteArray, manifest);
        QFETCH(QStringList, header);

        if (!manifest.isEmpty()) {
            const KubectlResult created = m_cluster.create(manifest, kNamespace);
            QVERIFY2(created.succeeded(), qPrintable(created.describe()));
        } else if (resource == QLatin1String("customresourcedefinitions")) {
            QVERIFY(createWidgetDefinition());
        }
        const KubectlResult result = m_cluster.kubectl().run(
            {QStringLiteral("get"), resource, name, QStringLiteral("-n"), kNamespace});
        QVERIFY2(result.succeeded(), qPrintable(result.describe()));
        QCOMPARE(headerColumns(result.out), header);
        QCOMPARE(result.outLines().size(), 2);
        if (header.first() == QLatin1String("NAME")) {
            QCOMPARE(KubectlTable::parse(result.out).column(QStringLiteral("NAME")), QStringList{name});
        }
    }

    void wideHeader_data() {
        QTest::addColumn<QString>("resource");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QStringList>("header");
        QTest::newRow("pods") << "pods"
                              << "conf-pod"
                              << columns(
                                     "NAME|READY|STATUS|RESTARTS|AGE|IP|NODE|NOMINATED NODE|READINESS GATES");
        QTest::newRow("deployments") << "deployments"
                                     << "conf-deploy"
                                     << columns(
                                            "NAME|READY|UP-TO-DATE|AVAILABLE|AGE|CONTAINERS|IMAGES|SELECTOR");
        QTest::newRow("services") << "services"
                                  << "conf-svc"
                                  << columns("NAME|TYPE|CLUSTER-IP|EXTERNAL-IP|PORT(S)|AGE|SELECTOR");
        QTest::newRow("nodes") << "nodes"
                               << "conf-node"
                               << columns("NAME|STATUS|ROLES|AGE|VERSION|INTERNAL-IP|EXTERNAL-IP|OS-IMAGE|"
                                          "KERNEL-VERSION|CONTAINER-RUNTIME");
        QTest::newRow("events")
            << "events"
            << "conf-event"
            << columns("LAST SEEN|TYPE|REASON|OBJECT|SUBOBJECT|SOURCE|MESSAGE|FIRST SEEN|COUNT|NAME");
        QTest::newRow("rolebindings") << "rolebindings"
                                      << "conf-rb" << columns("NAME|ROLE|AGE|USERS|GROUPS|SERVICEACCOUNTS");
    }

    // Runs after builtinKindHeader, which created the objects.
    void wideHeader() {
        QFETCH(QString, resource);
        QFETCH(QString, name);
        QFETCH(QStringList, header);
        const KubectlResult result =
            m_cluster.kubectl().run({QStringLiteral("get"), resource, name, QStringLiteral("-n"), kNamespace,
                                     QStringLiteral("-o"), QStringLiteral("wide")});
        QVERIFY2(result.succeeded(), qPrintable(result.describe()));
        QCOMPARE(headerColumns(result.out), header);
    }

    void allNamespacesAddsNamespaceColumn() {
        const KubectlResult result = m_cluster.kubectl().run(
            {QStringLiteral("get"), QStringLiteral("configmaps"), QStringLiteral("-A")});
        QVERIFY2(result.succeeded(), qPrintable(result.describe()));
        const KubectlTable table = KubectlTable::parse(result.out);
        QCOMPARE(table.header(), columns("NAMESPACE|NAME|DATA|AGE"));
        const QStringList row = table.rowWhere(QStringLiteral("NAME"), QStringLiteral("conf-cm"));
        QCOMPARE(table.cell(row, QStringLiteral("NAMESPACE")), kNamespace);
        QCOMPARE(table.cell(row, QStringLiteral("DATA")), QStringLiteral("1"));
    }

    void customResourcePrinterColumns() {
        QVERIFY(createWidgetDefinition());
        const QByteArray widgets =
            "apiVersion: conformance.binnacle.test/v1\nkind: Widget\nmetadata: {name: red-one}\n"
            "spec: {color: red, size: 3}\n---\n"
            "apiVersion: conformance.binnacle.test/v1\nkind: Widget\nmetadata: {name: blue-two}\n"
            "spec: {color: blue, size: 12}\n";
        const KubectlResult created = m_cluster.create(widgets, kNamespace);
        QVERIFY2(created.succeeded(), qPrintable(created.describe()));
        QCOMPARE(created.outLines(),
                 (QStringList{QStringLiteral("widget.conformance.binnacle.test/red-one created"),
                              QStringLiteral("widget.conformance.binnacle.test/blue-two created")}));

        const KubectlResult result = m_cluster.kubectl().run(
            {QStringLiteral("get"), QStringLiteral("widgets"), QStringLiteral("-n"), kNamespace});
        QVERIFY2(result.succeeded(), qPrintable(result.describe()));
        const KubectlTable table = KubectlTable::parse(result.out);
        QCOMPARE(table.header(), columns("NAME|COLOR|SIZE|AGE"));
        QCOMPARE(table.column(QStringLiteral("NAME")),
                 (QStringList{QStringLiteral("blue-two"), QStringLiteral("red-one")}));
        QCOMPARE(table.column(QStringLiteral("COLOR")),
                 (QStringList{QStringLiteral("blue"), QStringLiteral("red")}));
        QCOMPARE(table.column(QStringLiteral("SIZE")),
                 (QStringList{QStringLiteral("12"), QStringLiteral("3")}));

        // The priority-1 column appears only with -o wide; the short name works like for built-in kinds.
        const KubectlResult wide = m_cluster.kubectl().run(
            {QStringLiteral("get"), QStringLiteral("wdg"), QStringLiteral("red-one"), QStringLiteral("-n"),
             kNamespace, QStringLiteral("-o"), QStringLiteral("wide")});
        QVERIFY2(wide.succeeded(), qPrintable(wide.describe()));
        const KubectlTable wideTable = KubectlTable::parse(wide.out);
        QCOMPARE(wideTable.header(), columns("NAME|COLOR|SIZE|AGE|SHADE"));
        QCOMPARE(wideTable.cell(wideTable.rows().value(0), QStringLiteral("SHADE")), QStringLiteral("red"));
    }

private:
    static inline const QString kCrdName = QStringLiteral("widgets.conformance.binnacle.test");

    bool createWidgetDefinition() {
        if (m_crdCreated) {
            return true;
        }
        const QByteArray crd = R"(apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.conformance.binnacle.test}
spec:
  group: conformance.binnacle.test
  names: {plural: widgets, singular: widget, kind: Widget, shortNames: [wdg]}
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            properties:
              color: {type: string}
              size: {type: integer}
    additionalPrinterColumns:
    - {name: Color, type: string, jsonPath: .spec.color}
    - {name: Size, type: integer, jsonPath: .spec.size}
    - {name: Age, type: date, jsonPath: .metadata.creationTimestamp}
    - {name: Shade, type: string, jsonPath: .spec.color, priority: 1}
)";
        const KubectlResult created = m_cluster.create(crd);
        if (!created.succeeded()) {
            qWarning().noquote() << created.describe();
            return false;
        }
        const KubectlResult established =
            m_cluster.kubectl().run({QStringLiteral("wait"), QStringLiteral("--for=condition=Established"),
                                     QStringLiteral("crd/") + kCrdName, QStringLiteral("--timeout=30s")});
        if (!established.succeeded()) {
            qWarning().noquote() << established.describe();
            return false;
        }
        m_crdCreated = true;
        return true;
    }

    ConformanceCluster m_cluster{{QStringLiteral("--time-scale"), QStringLiteral("0.1")}};
    bool m_crdCreated = false;
};

BINNACLE_CONFORMANCE_MAIN(TestKubectlTables)
#include "tst_kubectl_tables.moc"
