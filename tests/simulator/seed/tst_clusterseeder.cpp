#include "clusterseeder.h"
#include "simcluster.h"

#include <QJsonDocument>
#include <QTest>

using namespace binnacle::sim;

namespace {
const QByteArray caPem = "-----BEGIN CERTIFICATE-----\nMIIBdemo\n-----END CERTIFICATE-----\n";

QString labelOf(const ObjectPtr& object, const QString& key) {
    return at(object->object, {QStringLiteral("metadata"), QStringLiteral("labels"), key}).toString();
}
} // namespace

class TestClusterSeeder : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        // Any refused write is a failure of the seeder (or of the storage): make its warning fail the test.
        QTest::failOnWarning(QRegularExpression(QStringLiteral("seeding:")));
    }

    void baseCreatesObject_data() {
        QTest::addColumn<QString>("group");
        QTest::addColumn<QString>("resource");
        QTest::addColumn<QString>("namespaceName");
        QTest::addColumn<QString>("name");
        auto row = [](const char* group, const char* resource, const char* ns, const char* name) {
            QTest::addRow("%s %s/%s", resource, ns, name)
                << QString::fromLatin1(group) << QString::fromLatin1(resource) << QString::fromLatin1(ns)
                << QString::fromLatin1(name);
        };
        for (const char* ns : {"default", "kube-system", "kube-public", "kube-node-lease"}) {
            row("", "namespaces", "", ns);
            row("", "serviceaccounts", ns, "default");
            row("", "configmaps", ns, "kube-root-ca.crt");
        }
        for (const char* node : {"binnacle-control-plane", "binnacle-worker", "binnacle-worker2"}) {
            row("", "nodes", "", node);
            row("coordination.k8s.io", "leases", "kube-node-lease", node);
        }
        row("", "services", "default", "kubernetes");
        row("", "endpoints", "default", "kubernetes");
        row("storage.k8s.io", "storageclasses", "", "standard");
        row("networking.k8s.io", "ingressclasses", "", "nginx");
        for (const char* role : {"cluster-admin", "admin", "edit", "view"}) {
            row("rbac.authorization.k8s.io", "clusterroles", "", role);
        }
        row("rbac.authorization.k8s.io", "clusterrolebindings", "", "cluster-admin");
        row("rbac.authorization.k8s.io", "clusterrolebindings", "", "binnacle-viewers");
        row("apps", "deployments", "kube-system", "coredns");
        row("", "services", "kube-system", "kube-dns");
        row("apps", "daemonsets", "kube-system", "kube-proxy");
    }

    void baseCreatesObject() {
        QFETCH(QString, group);
        QFETCH(QString, resource);
        QFETCH(QString, namespaceName);
        QFETCH(QString, name);
        SimCluster cluster;
        ClusterSeeder seeder(&cluster.storage, 7);
        seeder.seedBase(caPem);
        QCOMPARE(seeder.failedWrites(), 0);
        const ObjectPtr object = cluster.get(group, resource, namespaceName, name);
        QVERIFY2(object, qPrintable(name));
        QVERIFY(
            !at(object->object, {QStringLiteral("metadata"), QStringLiteral("uid")}).toString().isEmpty());
    }

    void baseRootCaHoldsTheCa() {
        SimCluster cluster;
        ClusterSeeder seeder(&cluster.storage, 7);
        seeder.seedBase(caPem);
        const auto configMaps = cluster.list(QString(), QStringLiteral("configmaps"));
        int rootCas = 0;
        for (const ObjectPtr& configMap : configMaps) {
            if (configMap->name() == QLatin1String("kube-root-ca.crt")) {
                ++rootCas;
                QCOMPARE(at(configMap->object, {QStringLiteral("data"), QStringLiteral("ca.crt")}).toString(),
                         QString::fromLatin1(caPem));
            }
        }
        QCOMPARE(rootCas, 4);
    }

    void baseNodesAreRealistic() {
        SimCluster cluster;
        ClusterSeeder seeder(&cluster.storage, 7);
        seeder.seedBase(caPem);
        const auto nodes = cluster.list(QString(), QStringLiteral("nodes"));
        QCOMPARE(nodes.size(), 3);
        int controlPlanes = 0;
        for (const ObjectPtr& node : nodes) {
            const QJsonObject object = node->object;
            QCOMPARE(labelOf(node, QStringLiteral("kubernetes.io/hostname")), node->name());
            QVERIFY(!labelOf(node, QStringLiteral("topology.kubernetes.io/zone")).isEmpty());
            controlPlanes += at(object, {QStringLiteral("metadata"), QStringLiteral("labels")})
                                 .toObject()
                                 .contains(QLatin1String("node-role.kubernetes.io/control-plane"));
            QCOMPARE(at(object, {QStringLiteral("status"), QStringLiteral("nodeInfo"),
                                 QStringLiteral("kubeletVersion")})
                         .toString(),
                     QStringLiteral("v1.32.4"));
            QVERIFY(!at(object, {QStringLiteral("status"), QStringLiteral("capacity"), QStringLiteral("cpu")})
                         .toString()
                         .isEmpty());
            QVERIFY(!at(object,
                        {QStringLiteral("status"), QStringLiteral("allocatable"), QStringLiteral("memory")})
                         .toString()
                         .isEmpty());
            QCOMPARE(at(object, {QStringLiteral("status"), QStringLiteral("addresses"), QStringLiteral("0"),
                                 QStringLiteral("type")})
                         .toString(),
                     QStringLiteral("InternalIP"));
            bool ready = false;
            for (const QJsonValue& condition :
                 at(object, {QStringLiteral("status"), QStringLiteral("conditions")}).toArray()) {
                ready = ready || (condition[QLatin1String("type")] == QLatin1String("Ready") &&
                                  condition[QLatin1String("status")] == QLatin1String("True"));
            }
            QVERIFY2(ready, qPrintable(node->name()));
        }
        QCOMPARE(controlPlanes, 1);
        QCOMPARE(ClusterSeeder::nodeNames().size(), 3);
    }

    void demoCreatesObject_data() {
        QTest::addColumn<QString>("group");
        QTest::addColumn<QString>("resource");
        QTest::addColumn<QString>("namespaceName");
        QTest::addColumn<QString>("name");
        auto row = [](const char* group, const char* resource, const char* ns, const char* name) {
            QTest::addRow("%s %s/%s", resource, ns, name)
                << QString::fromLatin1(group) << QString::fromLatin1(resource) << QString::fromLatin1(ns)
                << QString::fromLatin1(name);
        };
        for (const char* name : {"frontend", "cart", "catalog", "checkout", "payments", "recommender"}) {
            row("apps", "deployments", "shop", name);
            row("", "services", "shop", name);
        }
        for (const char* name : {"prometheus", "grafana"}) {
            row("apps", "deployments", "monitoring", name);
            row("", "services", "monitoring", name);
        }
        row("apps", "statefulsets", "data", "postgres");
        row("batch", "cronjobs", "data", "postgres-backup");
        row("batch", "jobs", "shop", "catalog-import");
        row("networking.k8s.io", "ingresses", "shop", "shop");
        row("", "secrets", "shop", "shop-tls");
        row("", "secrets", "shop", "regcred");
        row("", "secrets", "shop", "payments-stripe");
        row("", "persistentvolumeclaims", "monitoring", "grafana-storage");
        row("networking.k8s.io", "networkpolicies", "shop", "payments-allow-checkout");
        row("policy", "poddisruptionbudgets", "shop", "frontend");
        row("autoscaling", "horizontalpodautoscalers", "shop", "frontend");
        row("rbac.authorization.k8s.io", "roles", "shop", "deployer");
        row("rbac.authorization.k8s.io", "rolebindings", "shop", "ci-deployer");
        row("coordination.k8s.io", "leases", "data", "backup-operator-leader");
        row("apiextensions.k8s.io", "customresourcedefinitions", "", "certificates.demo.binnacle.io");
        row("apiextensions.k8s.io", "customresourcedefinitions", "", "backups.data.binnacle.io");
        row("demo.binnacle.io", "certificates", "shop", "shop-tls");
        row("data.binnacle.io", "backups", "data", "postgres-nightly");
    }

    void demoCreatesObject() {
        QFETCH(QString, group);
        QFETCH(QString, resource);
        QFETCH(QString, namespaceName);
        QFETCH(QString, name);
        SimCluster cluster;
        ClusterSeeder seeder(&cluster.storage, 7);
        seeder.seedBase(caPem);
        seeder.seedDemo();
        QCOMPARE(seeder.failedWrites(), 0);
        QVERIFY2(cluster.get(group, resource, namespaceName, name), qPrintable(name));
    }

    void demoSecretsHaveTheirTypes_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("key");
        QTest::newRow("opaque") << "payments-stripe"
                                << "Opaque"
                                << "api-key";
        QTest::newRow("tls") << "shop-tls"
                             << "kubernetes.io/tls"
                             << "tls.key";
        QTest::newRow("registry") << "regcred"
                                  << "kubernetes.io/dockerconfigjson"
                                  << ".dockerconfigjson";
    }

    void demoSecretsHaveTheirTypes() {
        QFETCH(QString, name);
        QFETCH(QString, type);
        QFETCH(QString, key);
        SimCluster cluster;
        ClusterSeeder seeder(&cluster.storage, 7);
        seeder.seedBase(caPem);
        seeder.seedDemo();
        const ObjectPtr secret =
            cluster.get(QString(), QStringLiteral("secrets"), QStringLiteral("shop"), name);
        QVERIFY(secret);
        QCOMPARE(secret->object.value(QLatin1String("type")).toString(), type);
        const QString value = at(secret->object, {QStringLiteral("data"), key}).toString();
        QVERIFY(!value.isEmpty());
        QVERIFY(!QByteArray::fromBase64(value.toLatin1(), QByteArray::AbortOnBase64DecodingErrors).isEmpty());
    }

    void demoWorkloadsAreShapedForTheControllers() {
        SimCluster cluster;
        ClusterSeeder seeder(&cluster.storage, 7);
        seeder.seedBase(caPem);
        seeder.seedDemo();
        const auto deployments = cluster.list(QStringLiteral("apps"), QStringLiteral("deployments"));
        QVERIFY(deployments.size() >= 12);
        int crashLooping = 0;
        for (const ObjectPtr& deployment : deployments) {
            const QJsonObject container =
                at(deployment->object,
                   {QStringLiteral("spec"), QStringLiteral("template"), QStringLiteral("spec"),
                    QStringLiteral("containers"), QStringLiteral("0")})
                    .toObject();
            QVERIFY(!container.value(QLatin1String("image")).toString().isEmpty());
            crashLooping +=
                container.value(QLatin1String("image")).toString().contains(QLatin1String("crashloop"));
            if (deployment->namespaceName() != QLatin1String("kube-system")) {
                QVERIFY2(!labelOf(deployment, QStringLiteral("app.kubernetes.io/name")).isEmpty(),
                         qPrintable(deployment->name()));
                QVERIFY(container.contains(QLatin1String("readinessProbe")));
                QVERIFY(container.contains(QLatin1String("resources")));
            }
        }
        QCOMPARE(crashLooping, 1);
        const ObjectPtr postgres = cluster.get(QStringLiteral("apps"), QStringLiteral("statefulsets"),
                                               QStringLiteral("data"), QStringLiteral("postgres"));
        QVERIFY(postgres);
        QCOMPARE(at(postgres->object, {QStringLiteral("spec"), QStringLiteral("volumeClaimTemplates")})
                     .toArray()
                     .size(),
                 1);
    }

    void demoCustomResourcesAreServedAndListable_data() {
        QTest::addColumn<QString>("group");
        QTest::addColumn<QString>("plural");
        QTest::addColumn<int>("instances");
        QTest::addColumn<QStringList>("columns");
        QTest::addColumn<QString>("subresource");
        QTest::newRow("certificates")
            << "demo.binnacle.io"
            << "certificates" << 3 << QStringList{"Ready", "Secret", "Age"} << "status";
        QTest::newRow("backups") << "data.binnacle.io"
                                 << "backups" << 3 << QStringList{"Database", "Schedule", "Age"} << "scale";
    }

    void demoCustomResourcesAreServedAndListable() {
        QFETCH(QString, group);
        QFETCH(QString, plural);
        QFETCH(int, instances);
        QFETCH(QStringList, columns);
        QFETCH(QString, subresource);
        SimCluster cluster;
        ClusterSeeder seeder(&cluster.storage, 7);
        seeder.seedBase(caPem);
        seeder.seedDemo();
        const auto type = cluster.registry.find(group, plural);
        QVERIFY(type);
        QVERIFY(type->custom);
        QVERIFY(type->subresource(subresource));
        QStringList printed;
        for (const QJsonValue& column :
             type->printerColumnsByVersion.value(type->preferredVersion()).toArray()) {
            printed.append(column[QLatin1String("name")].toString());
        }
        for (const QString& column : columns) {
            QVERIFY2(printed.contains(column), qPrintable(column));
        }
        const auto listed = cluster.storage.list(*type);
        QCOMPARE(listed.size(), instances);
        for (const ObjectPtr& instance : listed) {
            QVERIFY2(instance->object.contains(QLatin1String("status")), qPrintable(instance->name()));
        }
    }

    // Same seed, same clock: every seeded object is identical, down to the generated secrets and uids.
    void sameSeedGivesSameCluster() {
        SimCluster first;
        SimCluster second;
        ClusterSeeder firstSeeder(&first.storage, 42);
        ClusterSeeder secondSeeder(&second.storage, 42);
        for (ClusterSeeder* seeder : {&firstSeeder, &secondSeeder}) {
            seeder->seedBase(caPem);
            seeder->seedDemo();
            seeder->seedBulkPods(50);
        }
        int compared = 0;
        for (const auto& type : first.registry.all()) {
            const auto mine = first.storage.list(*type);
            const auto theirs = second.storage.list(*type);
            QCOMPARE(mine.size(), theirs.size());
            for (int i = 0; i < mine.size(); ++i) {
                QCOMPARE(mine.at(i)->itemJson(), theirs.at(i)->itemJson());
                ++compared;
            }
        }
        QVERIFY(compared > 100);
    }

    void otherSeedGivesOtherGeneratedValues() {
        SimCluster first;
        SimCluster second;
        ClusterSeeder firstSeeder(&first.storage, 1);
        ClusterSeeder secondSeeder(&second.storage, 2);
        firstSeeder.seedDemo();
        secondSeeder.seedDemo();
        const auto firstDeployments = first.list(QStringLiteral("apps"), QStringLiteral("deployments"));
        const auto secondDeployments = second.list(QStringLiteral("apps"), QStringLiteral("deployments"));
        QCOMPARE(firstDeployments.size(), secondDeployments.size());
        // The names stay (documentation and tests refer to them); generated values change.
        QCOMPARE(firstDeployments.first()->name(), secondDeployments.first()->name());
        QVERIFY(firstDeployments.first()->itemJson() != secondDeployments.first()->itemJson());
    }
};

QTEST_GUILESS_MAIN(TestClusterSeeder)
#include "tst_clusterseeder.moc"
