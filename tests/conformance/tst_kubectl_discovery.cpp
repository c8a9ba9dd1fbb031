// kubectl api-resources and api-versions: what kubectl makes of the simulator's discovery documents,
// including a CRD's resource once it is established.
#include "conformancecluster.h"

using namespace binnacle::sim::conformance;

class TestKubectlDiscovery : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QString error;
        QVERIFY2(m_cluster.start(&error), qPrintable(error));
        const KubectlResult result = m_cluster.kubectl().run({QStringLiteral("api-resources")});
        QVERIFY2(result.succeeded(), qPrintable(result.describe()));
        m_resources = KubectlTable::parse(result.out);
    }

    void header() {
        QCOMPARE(m_resources.header(),
                 (QStringList{"NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"}));
    }

    void resourceRow_data() {
        QTest::addColumn<QString>("apiVersion");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("shortNames");
        QTest::addColumn<QString>("namespaced");
        QTest::addColumn<QString>("kind");
        QTest::newRow("pods") << "v1"
                              << "pods"
                              << "po"
                              << "true"
                              << "Pod";
        QTest::newRow("namespaces") << "v1"
                                    << "namespaces"
                                    << "ns"
                                    << "false"
                                    << "Namespace";
        QTest::newRow("secrets") << "v1"
                                 << "secrets"
                                 << ""
                                 << "true"
                                 << "Secret";
        QTest::newRow("events") << "v1"
                                << "events"
                                << "ev"
                                << "true"
                                << "Event";
        QTest::newRow("events.k8s.io") << "events.k8s.io/v1"
                                       << "events"
                                       << "ev"
                                       << "true"
                                       << "Event";
        QTest::newRow("deployments") << "apps/v1"
                                     << "deployments"
                                     << "deploy"
                                     << "true"
                                     << "Deployment";
        QTest::newRow("cronjobs") << "batch/v1"
                                  << "cronjobs"
                                  << "cj"
                                  << "true"
                                  << "CronJob";
        QTest::newRow("hpa") << "autoscaling/v2"
                             << "horizontalpodautoscalers"
                             << "hpa"
                             << "true"
                             << "HorizontalPodAutoscaler";
        QTest::newRow("crds") << "apiextensions.k8s.io/v1"
                              << "customresourcedefinitions"
                              << "crd,crds"
                              << "false"
                              << "CustomResourceDefinition";
        QTest::newRow("clusterroles") << "rbac.authorization.k8s.io/v1"
                                      << "clusterroles"
                                      << ""
                                      << "false"
                                      << "ClusterRole";
        QTest::newRow("selfsubjectaccessreviews") << "authorization.k8s.io/v1"
                                                  << "selfsubjectaccessreviews"
                                                  << ""
                                                  << "false"
                                                  << "SelfSubjectAccessReview";
    }

    void resourceRow() {
        QFETCH(QString, apiVersion);
        QFETCH(QString, name);
        QFETCH(QString, shortNames);
        QFETCH(QString, namespaced);
        QFETCH(QString, kind);
        const QStringList expected{name, shortNames, apiVersion, namespaced, kind};
        QVERIFY2(m_resources.rows().contains(expected),
                 qPrintable(QStringLiteral("no row ") + expected.join(QLatin1Char('|'))));
    }

    void subresourcesAreNotListed() {
        for (const QString& name : m_resources.column(QStringLiteral("NAME"))) {
            QVERIFY2(!name.contains(QLatin1Char('/')), qPrintable(name));
        }
    }

    void wideShowsVerbsAndCategories() {
        const KubectlResult result =
            m_cluster.kubectl().run({QStringLiteral("api-resources"), QStringLiteral("-o"),
                                     QStringLiteral("wide"), QStringLiteral("--api-group=apps")});
        QVERIFY2(result.succeeded(), qPrintable(result.describe()));
        const KubectlTable table = KubectlTable::parse(result.out);
        QCOMPARE(table.header(), (QStringList{"NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND",
                                              "VERBS", "CATEGORIES"}));
        const QStringList deployments = table.rowWhere(QStringLiteral("NAME"), QStringLiteral("deployments"));
        QCOMPARE(table.cell(deployments, QStringLiteral("VERBS")),
                 QStringLiteral("create,delete,deletecollection,get,list,patch,update,watch"));
        QCOMPARE(table.cell(deployments, QStringLiteral("CATEGORIES")), QStringLiteral("all"));
        for (const QString& apiVersion : table.column(QStringLiteral("APIVERSION"))) {
            QCOMPARE(apiVersion, QStringLiteral("apps/v1"));
        }
    }

    void namespacedFilterAndNameOutput() {
        const KubectlResult result =
            m_cluster.kubectl().run({QStringLiteral("api-resources"), QStringLiteral("--namespaced=false"),
                                     QStringLiteral("-o"), QStringLiteral("name")});
        QVERIFY2(result.succeeded(), qPrintable(result.describe()));
        const QStringList names = result.outLines();
        QVERIFY2(names.contains(QStringLiteral("nodes")), qPrintable(result.out));
        QVERIFY2(names.contains(QStringLiteral("namespaces")), qPrintable(result.out));
        QVERIFY2(names.contains(QStringLiteral("clusterroles.rbac.authorization.k8s.io")),
                 qPrintable(result.out));
        QVERIFY2(names.contains(QStringLiteral("storageclasses.storage.k8s.io")), qPrintable(result.out));
        QVERIFY2(!names.contains(QStringLiteral("pods")), qPrintable(result.out));
        QVERIFY2(!names.contains(QStringLiteral("deployments.apps")), qPrintable(result.out));
    }

    void apiVersions() {
        const KubectlResult result = m_cluster.kubectl().run({QStringLiteral("api-versions")});
        QVERIFY2(result.succeeded(), qPrintable(result.describe()));
        const QStringList versions = result.outLines();
        QStringList sortedVersions = versions;
        sortedVersions.sort();
        QCOMPARE(versions, sortedVersions);
        for (const char* expected :
             {"v1", "apps/v1", "batch/v1", "autoscaling/v1", "autoscaling/v2", "apiextensions.k8s.io/v1",
              "rbac.authorization.k8s.io/v1", "policy/v1", "networking.k8s.io/v1", "storage.k8s.io/v1",
              "coordination.k8s.io/v1", "discovery.k8s.io/v1", "events.k8s.io/v1", "authorization.k8s.io/v1",
              "authentication.k8s.io/v1"}) {
            QVERIFY2(versions.contains(QLatin1String(expected)),
                     qPrintable(QLatin1String(expected) + QStringLiteral(" missing:\n") + result.out));
        }
    }

    void customResourceAppearsOnceEstablished() {
        const QByteArray crd = R"(apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: gadgets.conformance.binnacle.test}
spec:
  group: conformance.binnacle.test
  names: {plural: gadgets, singular: gadget, kind: Gadget, shortNames: [gdg]}
  scope: Cluster
  versions:
  - {name: v1beta1, served: true, storage: false, schema: {openAPIV3Schema: {type: object}}}
  - {name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object}}}
)";
        const KubectlResult created = m_cluster.create(crd);
        QVERIFY2(created.succeeded(), qPrintable(created.describe()));
        const KubectlResult established = m_cluster.kubectl().run(
            {QStringLiteral("wait"), QStringLiteral("--for=condition=Established"),
             QStringLiteral("crd/gadgets.conformance.binnacle.test"), QStringLiteral("--timeout=30s")});
        QVERIFY2(established.succeeded(), qPrintable(established.describe()));

        const KubectlResult result = m_cluster.kubectl().run(
            {QStringLiteral("api-resources"), QStringLiteral("--api-group=conformance.binnacle.test")});
        QVERIFY2(result.succeeded(), qPrintable(result.describe()));
        const KubectlTable table = KubectlTable::parse(result.out);
        QCOMPARE(table.rows(),
                 (QList<QStringList>{{"gadgets", "gdg", "conformance.binnacle.test/v1", "false", "Gadget"}}));
        const KubectlResult versions = m_cluster.kubectl().run({QStringLiteral("api-versions")});
        QVERIFY(versions.outLines().contains(QStringLiteral("conformance.binnacle.test/v1")));
        QVERIFY(versions.outLines().contains(QStringLiteral("conformance.binnacle.test/v1beta1")));
    }

private:
    ConformanceCluster m_cluster;
    KubectlTable m_resources;
};

BINNACLE_CONFORMANCE_MAIN(TestKubectlDiscovery)
#include "tst_kubectl_discovery.moc"
