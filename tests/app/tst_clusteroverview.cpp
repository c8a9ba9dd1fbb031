// ClusterOverview against a live in-process simulator: real namespaces and kinds over TLS.
#include "clusteroverview.h"
#include "simulator.h"

#include <QSignalSpy>
#include <QTest>

using namespace binnacle;

class TestClusterOverview : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void loadsNamespacesAndKinds() {
        sim::SimulatorOptions options;
        options.demo = true;
        options.controllers = false;
        sim::Simulator simulator(options);
        QString error;
        QVERIFY2(simulator.start(&error), qPrintable(error));

        ClusterOverview overview;
        overview.connectTo(simulator.serverUrl(), simulator.credentials().caPem,
                           simulator.credentials().adminToken);
        QTRY_VERIFY_WITH_TIMEOUT(overview.loaded(), 10000);
        QCOMPARE(overview.status(), QStringLiteral("Connected"));
        for (const char* name : {"default", "kube-system", "shop", "monitoring", "data"}) {
            QVERIFY2(overview.namespaces().contains(QLatin1String(name)), name);
        }
        QStringList kinds;
        for (const QVariant& kind : overview.kinds()) {
            kinds.append(kind.toMap().value(QStringLiteral("kind")).toString());
        }
        for (const char* kind :
             {"Pod", "Deployment", "Service", "CustomResourceDefinition", "Certificate", "Backup"}) {
            QVERIFY2(kinds.contains(QLatin1String(kind)), kind);
        }
        // Create-only kinds (access reviews) are not browsable.
        QVERIFY(!kinds.contains(QStringLiteral("SelfSubjectAccessReview")));
    }

    void reportsAWrongTokenAsAnError() {
        sim::SimulatorOptions options;
        options.controllers = false;
        sim::Simulator simulator(options);
        QString error;
        QVERIFY2(simulator.start(&error), qPrintable(error));
        ClusterOverview overview;
        overview.connectTo(simulator.serverUrl(), simulator.credentials().caPem,
                           QStringLiteral("not-a-token"));
        QTRY_VERIFY_WITH_TIMEOUT(overview.status().contains(QStringLiteral("failed")), 10000);
        QVERIFY(!overview.loaded());
    }
};

QTEST_MAIN(TestClusterOverview)
#include "tst_clusteroverview.moc"
