#include "clusterseeder.h"
#include "simcluster.h"

#include <QElapsedTimer>
#include <QSet>
#include <QTest>

using namespace binnacle::sim;

class TestBulkPodSeeder : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QTest::failOnWarning(QRegularExpression(QStringLiteral("seeding:"))); }

    void spreadsOverNamespaces_data() {
        QTest::addColumn<int>("count");
        QTest::addColumn<QList<int>>("perNamespace");
        QTest::newRow("one partly filled") << 120 << QList<int>{120};
        QTest::newRow("exactly one") << 500 << QList<int>{500};
        QTest::newRow("two and a bit") << 1234 << QList<int>{500, 500, 234};
    }

    void spreadsOverNamespaces() {
        QFETCH(int, count);
        QFETCH(QList<int>, perNamespace);
        SimCluster cluster;
        ClusterSeeder seeder(&cluster.storage, 3);
        seeder.seedBulkPods(count);
        QCOMPARE(seeder.failedWrites(), 0);
        QCOMPARE(cluster.list(QString(), QStringLiteral("pods")).size(), count);
        for (int i = 0; i < perNamespace.size(); ++i) {
            const QString namespaceName = QStringLiteral("bulk-%1").arg(i);
            QVERIFY(cluster.get(QString(), QStringLiteral("namespaces"), QString(), namespaceName));
            QCOMPARE(cluster.list(QString(), QStringLiteral("pods"), namespaceName).size(),
                     perNamespace.at(i));
        }
        QVERIFY(!cluster.get(QString(), QStringLiteral("namespaces"), QString(),
                             QStringLiteral("bulk-%1").arg(perNamespace.size())));
    }

    void podsAreRunningRealisticAndUnique() {
        SimCluster cluster;
        ClusterSeeder seeder(&cluster.storage, 3);
        seeder.seedBulkPods(1500);
        const auto pods = cluster.list(QString(), QStringLiteral("pods"));
        QCOMPARE(pods.size(), 1500);
        const QStringList nodes = ClusterSeeder::nodeNames();
        QSet<QString> names;
        QSet<QString> uids;
        QSet<QString> ips;
        qint64 totalBytes = 0;
        for (const ObjectPtr& pod : pods) {
            const QJsonObject object = pod->object;
            names.insert(pod->namespaceName() + QLatin1Char('/') + pod->name());
            uids.insert(at(object, {QStringLiteral("metadata"), QStringLiteral("uid")}).toString());
            ips.insert(at(object, {QStringLiteral("status"), QStringLiteral("podIP")}).toString());
            totalBytes += pod->itemJson().size();
            QCOMPARE(at(object, {QStringLiteral("metadata"), QStringLiteral("labels"),
                                 QLatin1String(ClusterSeeder::bulkLabel)})
                         .toString(),
                     QStringLiteral("true"));
            QCOMPARE(at(object, {QStringLiteral("status"), QStringLiteral("phase")}).toString(),
                     QStringLiteral("Running"));
            QVERIFY(
                nodes.contains(at(object, {QStringLiteral("spec"), QStringLiteral("nodeName")}).toString()));
            QCOMPARE(at(object, {QStringLiteral("metadata"), QStringLiteral("ownerReferences"),
                                 QStringLiteral("0"), QStringLiteral("kind")})
                         .toString(),
                     QStringLiteral("ReplicaSet"));
            QCOMPARE(
                at(object, {QStringLiteral("metadata"), QStringLiteral("managedFields")}).toArray().size(),
                2);
            QCOMPARE(
                at(object, {QStringLiteral("status"), QStringLiteral("containerStatuses")}).toArray().size(),
                2);
            QCOMPARE(at(object, {QStringLiteral("status"), QStringLiteral("initContainerStatuses")})
                         .toArray()
                         .size(),
                     2);
        }
        QCOMPARE(names.size(), pods.size());
        QCOMPARE(uids.size(), pods.size());
        QCOMPARE(ips.size(), pods.size());
        const qint64 average = totalBytes / pods.size();
        QVERIFY2(average >= 12 * 1024 && average <= 17 * 1024, qPrintable(QString::number(average)));
    }

    void secondCallContinues() {
        SimCluster cluster;
        ClusterSeeder seeder(&cluster.storage, 3);
        seeder.seedBulkPods(300);
        seeder.seedBulkPods(300);
        QCOMPARE(cluster.list(QString(), QStringLiteral("pods"), QStringLiteral("bulk-0")).size(), 500);
        QCOMPARE(cluster.list(QString(), QStringLiteral("pods"), QStringLiteral("bulk-1")).size(), 100);
        QCOMPARE(cluster.store.count(QStringLiteral("/pods")), 600);
    }

    void fiftyThousandPodsAreQuick() {
#ifndef QT_NO_DEBUG
        QSKIP("timing is only meaningful in an optimised build");
#endif
        SimCluster cluster;
        ClusterSeeder seeder(&cluster.storage, 3);
        QElapsedTimer timer;
        timer.start();
        seeder.seedBulkPods(50000);
        const qint64 elapsed = timer.elapsed();
        qInfo("50000 bulk pods in %lld ms", elapsed);
        QCOMPARE(cluster.store.count(QStringLiteral("/pods")), 50000);
        QVERIFY2(elapsed < 10000, qPrintable(QString::number(elapsed)));
    }
};

QTEST_GUILESS_MAIN(TestBulkPodSeeder)
#include "tst_bulkpodseeder.moc"
