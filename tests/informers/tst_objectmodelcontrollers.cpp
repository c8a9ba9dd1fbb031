// ObjectModel on a simulated cluster whose controllers run: the Deployment -> ReplicaSet -> Pod chain they
// build is resolved down from the Deployment and up from a pod, and their events reach the models live.
#include "informerregistry.h"
#include "objectmodel.h"
#include "objectmodeltesting.h"
#include "transporttesting.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace binnacle;
using namespace testing;

namespace {

watch::ReflectorOptions quickOptions() {
    watch::ReflectorOptions options;
    options.initialBackoff = std::chrono::milliseconds(50);
    options.maxBackoff = std::chrono::milliseconds(200);
    return options;
}

} // namespace

class TestObjectModelControllers : public QObject {
    Q_OBJECT
private slots:
    void deploymentChainAndEvents();
};

void TestObjectModelControllers::deploymentChainAndEvents() {
    // A cluster of its own, with the simulator's controllers running (fast clocks).
    sim::SimulatorOptions options;
    options.controllers = true;
    options.timeScale = 0.05;
    sim::Simulator simulator(options);
    QString error;
    QVERIFY2(simulator.start(&error), qPrintable(error));
    StaticTokenProvider provider(simulator.credentials().adminToken);
    TransportOptions transportOptions;
    transportOptions.qps = -1;
    ClusterTransport transport(endpointOf(simulator), &provider, transportOptions);
    informers::InformerRegistry registry(&transport, quickOptions());
    ObjectWriter writer(&simulator, QStringLiteral("default"));
    QVERIFY(
        !writer.create("apps", "deployments", workload("Deployment", "shop", QJsonObject{{"app", "shop"}}))
             .isEmpty());

    ObjectModel deployment;
    QAbstractItemModelTester tester(deployment.related(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    deployment.setRegistry(&registry);
    deployment.setResourceName("Deployment");
    deployment.setNamespaceName("default");
    deployment.setName("shop");
    // Down: the ReplicaSet the controller made, and its two pods.
    const auto ownedRows = [&deployment](const QString& kind) {
        QList<RelatedObject> rows;
        for (const RelatedObject& row : deployment.related()->rows()) {
            if (row.relation == RelatedObject::Relation::Owned && row.kind == kind) {
                rows.append(row);
            }
        }
        return rows;
    };
    QTRY_COMPARE_WITH_TIMEOUT(ownedRows("ReplicaSet").size(), 1, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(ownedRows("Pod").size(), 2, 10000);
    QCOMPARE(ownedRows("Pod").first().depth, 2);
    // Its events, from the deployment controller.
    QTRY_VERIFY_WITH_TIMEOUT(describe(*deployment.events()).join(' ').contains("ScalingReplicaSet"), 10000);

    // Up, from one of the pods.
    ObjectModel pod;
    pod.setRegistry(&registry);
    pod.setResourceName("pods");
    pod.setNamespaceName("default");
    pod.setName(ownedRows("Pod").first().name);
    const QString replicaSet = ownedRows("ReplicaSet").first().name;
    QTRY_COMPARE_WITH_TIMEOUT(describe(*pod.related()),
                              (QStringList{"owner 1 ReplicaSet/" + replicaSet, "owner 2 Deployment/shop"}),
                              10000);
    // The pod's own events come from the scheduler and the kubelet.
    QTRY_VERIFY_WITH_TIMEOUT(describe(*pod.events()).join(' ').contains("Scheduled"), 10000);
}

QTEST_GUILESS_MAIN(TestObjectModelControllers)
#include "tst_objectmodelcontrollers.moc"
