// DrainNode against the simulator over TLS: cordons, evicts the node's pods through the eviction
// subresource, skips DaemonSet and mirror pods, reports a PodDisruptionBudget's refusal, and leaves the
// other nodes' pods alone.
#include "actionstesting.h"
#include "drainnode.h"

using namespace actionstesting;
using namespace binnacle;
using actions::ItemOutcome;

namespace {
const QString ns = QStringLiteral("default");
const QString node = QStringLiteral("drain-me");
const QString otherNode = QStringLiteral("stay");
} // namespace

class TestDrainNode : public QObject {
    Q_OBJECT

    Cluster m_cluster;
    dynamic::DynamicClient* client() { return m_cluster.admin.client.get(); }
    Calls calls() { return Calls(client()); }

    std::optional<actions::ItemResult> itemFor(const actions::ActionResult& result, const QString& name) {
        for (const actions::ItemResult& item : result.items) {
            if (item.object.name == name) {
                return item;
            }
        }
        return std::nullopt;
    }

private slots:
    void initTestCase() {
        QVERIFY(m_cluster.start());
        for (const QString& name : {node, otherNode}) {
            QVERIFY(calls()
                        .create(nodes(), {},
                                QJsonObject{{"apiVersion", "v1"},
                                            {"kind", "Node"},
                                            {"metadata", QJsonObject{{"name", name}}}})
                        .ok());
        }
    }

    void skipReasons() {
        QCOMPARE(actions::DrainNode::skipReason(parse(R"({"metadata":{"ownerReferences":[
                     {"kind":"DaemonSet","name":"proxy","controller":true}]}})")),
                 QStringLiteral("DaemonSet-managed (daemonset proxy)"));
        QCOMPARE(actions::DrainNode::skipReason(
                     parse(R"({"metadata":{"annotations":{"kubernetes.io/config.mirror":"x"}}})")),
                 QStringLiteral("mirror pod (managed by the kubelet)"));
        QVERIFY(actions::DrainNode::skipReason(parse(R"({"metadata":{"ownerReferences":[
                     {"kind":"ReplicaSet","name":"web","controller":true}]}})"))
                    .isEmpty());
    }

    void drains() {
        const QJsonObject daemonSet{
            {"apiVersion", "apps/v1"}, {"kind", "DaemonSet"}, {"name", "agent"}, {"uid", "ds-uid"}};
        QVERIFY(calls().createPod(ns, "agent-x", {{"app", "agent"}}, "Running", true, daemonSet, node).ok());
        const QJsonObject mirror{
            {"apiVersion", "v1"},
            {"kind", "Pod"},
            {"metadata", QJsonObject{{"name", "static-x"},
                                     {"namespace", ns},
                                     {"annotations", QJsonObject{{"kubernetes.io/config.mirror", "abc"}}}}},
            {"spec", QJsonObject{{"nodeName", node},
                                 {"containers", QJsonArray{QJsonObject{{"name", "a"}, {"image", "b"}}}}}}};
        QVERIFY(calls().create(pods(), ns, mirror).ok());
        QVERIFY(calls().createPod(ns, "free-x", {{"app", "free"}}, "Running", true, {}, node).ok());
        QVERIFY(calls().createPod(ns, "guarded-x", {{"app", "guarded"}}, "Running", true, {}, node).ok());
        QVERIFY(
            calls().createPod(ns, "guarded-y", {{"app", "guarded"}}, "Running", true, {}, otherNode).ok());
        QVERIFY(calls().createPod(ns, "elsewhere", {{"app", "free"}}, "Running", true, {}, otherNode).ok());
        const QJsonObject budget{
            {"apiVersion", "policy/v1"},
            {"kind", "PodDisruptionBudget"},
            {"metadata", QJsonObject{{"name", "guarded"}, {"namespace", ns}}},
            {"spec",
             QJsonObject{{"minAvailable", 2}, {"selector", parse(R"({"matchLabels":{"app":"guarded"}})")}}}};
        QVERIFY(calls().create(budgets(), ns, budget).ok());

        actions::DrainNode::Options options;
        options.gracePeriodSeconds = 0;
        const auto result = run(new actions::DrainNode(client(), nodes(), pods(), node, options));
        QVERIFY(!result.ok); // one refusal
        QCOMPARE(calls()
                     .get(nodes(), {}, node)
                     .object()[QLatin1String("spec")][QLatin1String("unschedulable")]
                     .toBool(),
                 true);

        QCOMPARE(result.items.size(), 4); // only this node's pods
        QCOMPARE(itemFor(result, "agent-x")->outcome, ItemOutcome::Skipped);
        QVERIFY(itemFor(result, "agent-x")->message.startsWith(QLatin1String("DaemonSet-managed")));
        QCOMPARE(itemFor(result, "static-x")->outcome, ItemOutcome::Skipped);
        QCOMPARE(itemFor(result, "free-x")->outcome, ItemOutcome::Done);
        const auto refused = itemFor(result, "guarded-x");
        QCOMPARE(refused->outcome, ItemOutcome::Refused);
        QCOMPARE(refused->httpStatus, 429);
        QCOMPARE(
            refused->message,
            QStringLiteral("Cannot evict pod as it would violate the pod's disruption budget. The disruption "
                           "budget guarded needs 2 healthy pods and has 2 currently"));
        QCOMPARE(
            result.message,
            QStringLiteral("node drain-me cordoned; evicted 1, skipped 2, refused 1 (retry later); default/"
                           "guarded-x: ") +
                refused->message);

        QVERIFY(!calls().exists(pods(), ns, "free-x"));
        QVERIFY(calls().exists(pods(), ns, "guarded-x"));
        QVERIFY(calls().exists(pods(), ns, "agent-x"));
        QVERIFY(calls().exists(pods(), ns, "elsewhere"));
    }

    void dryRunChangesNothing() {
        QVERIFY(calls().createPod(ns, "dry-x", {{"app", "dry"}}, "Running", true, {}, otherNode).ok());
        actions::DrainNode::Options options;
        options.dryRun = true;
        const auto result = run(new actions::DrainNode(client(), nodes(), pods(), otherNode, options));
        QVERIFY2(!result.items.isEmpty(), qPrintable(result.message));
        QVERIFY(calls().exists(pods(), ns, "dry-x"));
        QVERIFY(!calls()
                     .get(nodes(), {}, otherNode)
                     .object()[QLatin1String("spec")]
                     .toObject()
                     .contains(QLatin1String("unschedulable")));
    }

    void missingNodeFails() {
        const auto result = run(new actions::DrainNode(client(), nodes(), pods(), QStringLiteral("ghost")));
        QVERIFY(!result.ok);
        QCOMPARE(result.message, QStringLiteral("cordon node ghost: nodes \"ghost\" not found"));
    }
};

QTEST_MAIN(TestDrainNode)
#include "tst_drainnode.moc"
