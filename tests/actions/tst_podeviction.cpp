// The simulator's pods/NAME/eviction against the API server's semantics (pkg/registry/core/pod/storage/
// eviction.go), over TLS through DynamicClient::postSubresource: budgets from the spec and from a current
// status, more than one budget, pods budgets do not apply to, dry run and deleteOptions, bad requests.
#include "actionstesting.h"

using namespace actionstesting;
using namespace binnacle;

namespace {
const QString ns = QStringLiteral("default");

QJsonObject evictionFor(const QString& name, const QJsonObject& deleteOptions = {},
                        const QString& apiVersion = QStringLiteral("policy/v1")) {
    QJsonObject eviction{{"apiVersion", apiVersion},
                         {"kind", "Eviction"},
                         {"metadata", QJsonObject{{"name", name}, {"namespace", ns}}}};
    if (!deleteOptions.isEmpty()) {
        eviction.insert(QStringLiteral("deleteOptions"), deleteOptions);
    }
    return eviction;
}

QJsonObject budget(const QString& name, const QJsonObject& labels, const char* key, const QJsonValue& value) {
    return QJsonObject{{"apiVersion", "policy/v1"},
                       {"kind", "PodDisruptionBudget"},
                       {"metadata", QJsonObject{{"name", name}, {"namespace", ns}}},
                       {"spec", QJsonObject{{QLatin1String(key), value},
                                            {"selector", QJsonObject{{"matchLabels", labels}}}}}};
}
} // namespace

class TestPodEviction : public QObject {
    Q_OBJECT

    Cluster m_cluster;
    dynamic::DynamicClient* client() { return m_cluster.admin.client.get(); }
    Calls calls() { return Calls(client()); }

    dynamic::ObjectResult evict(const QString& name, const QJsonObject& eviction, bool dryRunQuery = false) {
        dynamic::WriteOptions options;
        options.dryRun = dryRunQuery;
        return await([&](auto done) {
            client()->postSubresource({pods(), ns, name, QStringLiteral("eviction")}, json(eviction), options,
                                      done);
        });
    }
    dynamic::ObjectResult evict(const QString& name) {
        return evict(name, evictionFor(name, parse(R"({"gracePeriodSeconds":0})")));
    }

    void makePods(const QString& app, int count, const QJsonObject& controller = {}) {
        for (int i = 0; i < count; ++i) {
            const auto created =
                calls().createPod(ns, QStringLiteral("%1-%2").arg(app).arg(i), QJsonObject{{"app", app}},
                                  QStringLiteral("Running"), true, controller);
            QVERIFY2(created.ok(), qPrintable(describe(created)));
        }
    }

private slots:
    void initTestCase() { QVERIFY(m_cluster.start()); }

    void withoutBudgetDeletesAndAnswersSuccess() {
        makePods(QStringLiteral("free"), 1);
        const auto result = evict(QStringLiteral("free-0"));
        QVERIFY2(result.ok(), qPrintable(describe(result)));
        QCOMPARE(actions::httpStatusOf(result), 201);
        const QJsonObject status = result.object();
        QCOMPARE(status.value("kind").toString(), QStringLiteral("Status"));
        QCOMPARE(status.value("status").toString(), QStringLiteral("Success"));
        QCOMPARE(status.value("code").toInt(), 201);
        QVERIFY(!calls().exists(pods(), ns, QStringLiteral("free-0")));
    }

    void missingPodIsNotFound() {
        const auto result = evict(QStringLiteral("nowhere"));
        QCOMPARE(actions::httpStatusOf(result), 404);
        QCOMPARE(result.reason(), QStringLiteral("NotFound"));
        QCOMPARE(result.error->message(), QStringLiteral("pods \"nowhere\" not found"));
    }

    void minAvailableRefusesWithTheBudgetCause() {
        makePods(QStringLiteral("guarded"), 2);
        QVERIFY(
            calls().create(budgets(), ns, budget("guarded", {{"app", "guarded"}}, "minAvailable", 2)).ok());
        const auto refused = evict(QStringLiteral("guarded-0"));
        QCOMPARE(actions::httpStatusOf(refused), 429);
        QCOMPARE(refused.reason(), QStringLiteral("TooManyRequests"));
        QCOMPARE(refused.error->message(),
                 QStringLiteral("Cannot evict pod as it would violate the pod's disruption budget."));
        QCOMPARE(refused.error->status().causes.size(), 1);
        QCOMPARE(refused.error->status().causes.first().reason, QStringLiteral("DisruptionBudget"));
        QCOMPARE(refused.error->status().causes.first().message,
                 QStringLiteral("The disruption budget guarded needs 2 healthy pods and has 2 currently"));
        QVERIFY(calls().exists(pods(), ns, QStringLiteral("guarded-0")));
    }

    void budgetsFromTheSpec_data() {
        QTest::addColumn<QString>("app");
        QTest::addColumn<QByteArray>("key");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<int>("replicas"); // of the pods' ReplicaSet; 3 pods are made
        QTest::addColumn<int>("allowed");  // evictions before the first refusal
        QTest::newRow("minAvailable 1") << "min-one" << QByteArray("minAvailable") << QJsonValue(1) << 3 << 2;
        QTest::newRow("maxUnavailable 1")
            << "max-one" << QByteArray("maxUnavailable") << QJsonValue(1) << 3 << 1;
        QTest::newRow("maxUnavailable 50%") // ceil(1.5) = 2 may be down
            << "max-half" << QByteArray("maxUnavailable") << QJsonValue("50%") << 3 << 2;
        QTest::newRow("minAvailable 50%") // ceil(1.5) = 2 must stay
            << "min-half" << QByteArray("minAvailable") << QJsonValue("50%") << 3 << 1;
        QTest::newRow("maxUnavailable 0")
            << "max-zero" << QByteArray("maxUnavailable") << QJsonValue(0) << 3 << 0;
    }
    void budgetsFromTheSpec() {
        QFETCH(QString, app);
        QFETCH(QByteArray, key);
        QFETCH(QJsonValue, value);
        QFETCH(int, replicas);
        QFETCH(int, allowed);
        // The expected count comes from the controller's replicas, not from the pods still there.
        const QJsonObject replicaSet{
            {"apiVersion", "apps/v1"},
            {"kind", "ReplicaSet"},
            {"metadata", QJsonObject{{"name", app}, {"namespace", ns}}},
            {"spec",
             QJsonObject{{"replicas", replicas},
                         {"selector", QJsonObject{{"matchLabels", QJsonObject{{"app", app}}}}},
                         {"template",
                          QJsonObject{{"metadata", QJsonObject{{"labels", QJsonObject{{"app", app}}}}},
                                      {"spec", parse(R"({"containers":[{"name":"a","image":"b"}]})")}}}}}};
        const auto created = calls().create(replicaSets(), ns, replicaSet);
        QVERIFY2(created.ok(), qPrintable(describe(created)));
        const QJsonObject owner{
            {"apiVersion", "apps/v1"},
            {"kind", "ReplicaSet"},
            {"name", app},
            {"uid", created.object()[QLatin1String("metadata")][QLatin1String("uid")].toString()}};
        makePods(app, 3, owner);
        QVERIFY(calls().create(budgets(), ns, budget(app, {{"app", app}}, key.constData(), value)).ok());
        for (int i = 0; i < 3; ++i) {
            const auto result = evict(QStringLiteral("%1-%2").arg(app).arg(i));
            if (i < allowed) {
                QVERIFY2(result.ok(),
                         qPrintable(QStringLiteral("eviction %1: %2").arg(i).arg(describe(result))));
            } else {
                QCOMPARE(actions::httpStatusOf(result), 429);
                break;
            }
        }
    }

    void currentStatusIsTakenAtItsWord() {
        makePods(QStringLiteral("status"), 2);
        // The spec alone would allow two disruptions; the (controller-written) status allows one.
        auto created =
            calls().create(budgets(), ns, budget("status", {{"app", "status"}}, "minAvailable", 0));
        QVERIFY2(created.ok(), qPrintable(describe(created)));
        const auto statused = calls().mergePatch(
            budgets(), ns, QStringLiteral("status"),
            parse(R"({"status":{"observedGeneration":1,"disruptionsAllowed":1,"currentHealthy":2,
                      "desiredHealthy":1,"expectedPods":2}})"),
            QStringLiteral("status"));
        QVERIFY2(statused.ok(), qPrintable(describe(statused)));
        QVERIFY(evict(QStringLiteral("status-0")).ok());
        const QJsonObject status =
            calls().get(budgets(), ns, QStringLiteral("status")).object()[QLatin1String("status")].toObject();
        QCOMPARE(status.value("disruptionsAllowed").toInt(), 0);
        QVERIFY(status.value("disruptedPods").toObject().contains(QLatin1String("status-0")));
        const auto refused = evict(QStringLiteral("status-1"));
        QCOMPARE(actions::httpStatusOf(refused), 429);
        QCOMPARE(refused.error->status().causes.first().message,
                 QStringLiteral("The disruption budget status needs 1 healthy pods and has 2 currently"));
    }

    void moreThanOneBudgetIsAnInternalError() {
        makePods(QStringLiteral("twice"), 1);
        QVERIFY(calls().create(budgets(), ns, budget("twice-a", {{"app", "twice"}}, "minAvailable", 0)).ok());
        QVERIFY(
            calls().create(budgets(), ns, budget("twice-b", {{"app", "twice"}}, "maxUnavailable", 1)).ok());
        const auto result = evict(QStringLiteral("twice-0"));
        QCOMPARE(actions::httpStatusOf(result), 500);
        QCOMPARE(
            result.error->message(),
            QStringLiteral("This pod has more than one PodDisruptionBudget, which the eviction subresource "
                           "does not support."));
        QVERIFY(calls().exists(pods(), ns, QStringLiteral("twice-0")));
    }

    void budgetsDoNotApplyTo_data() {
        QTest::addColumn<QString>("phase");
        QTest::addColumn<bool>("ready");
        QTest::newRow("Succeeded") << "Succeeded" << false;
        QTest::newRow("Failed") << "Failed" << false;
        QTest::newRow("Pending") << "Pending" << false;
    }
    void budgetsDoNotApplyTo() {
        QFETCH(QString, phase);
        QFETCH(bool, ready);
        const QString app = QStringLiteral("phase-") + phase.toLower();
        const auto created = calls().createPod(ns, app, QJsonObject{{"app", app}}, phase, ready);
        QVERIFY2(created.ok(), qPrintable(describe(created)));
        QVERIFY(calls().create(budgets(), ns, budget(app, {{"app", app}}, "minAvailable", 5)).ok());
        const auto result = evict(app);
        QVERIFY2(result.ok(), qPrintable(describe(result)));
        QVERIFY(!calls().exists(pods(), ns, app));
    }

    void anUnreadyPodCostsNothingWhileEnoughAreHealthy() {
        makePods(QStringLiteral("spare"), 2);
        QVERIFY(calls()
                    .createPod(ns, QStringLiteral("spare-unready"), {{"app", "spare"}},
                               QStringLiteral("Running"), false)
                    .ok());
        QVERIFY(calls().create(budgets(), ns, budget("spare", {{"app", "spare"}}, "minAvailable", 2)).ok());
        QCOMPARE(actions::httpStatusOf(evict(QStringLiteral("spare-0"))), 429);
        const auto result = evict(QStringLiteral("spare-unready"));
        QVERIFY2(result.ok(), qPrintable(describe(result)));
    }

    void dryRunKeepsThePod_data() {
        QTest::addColumn<bool>("inQuery");
        QTest::newRow("query") << true;
        QTest::newRow("deleteOptions") << false;
    }
    void dryRunKeepsThePod() {
        QFETCH(bool, inQuery);
        const QString name = inQuery ? QStringLiteral("dry-query") : QStringLiteral("dry-body");
        QVERIFY(calls().createPod(ns, name, {{"app", name}}).ok());
        const QJsonObject options = inQuery ? QJsonObject() : parse(R"({"dryRun":["All"]})");
        const auto result = evict(name, evictionFor(name, options), inQuery);
        QVERIFY2(result.ok(), qPrintable(describe(result)));
        QCOMPARE(actions::httpStatusOf(result), 201);
        QVERIFY(calls().exists(pods(), ns, name));
    }

    void deleteOptionsAreHonoured() {
        // Without a grace period of its own, a pod on a node terminates gracefully (30 s): still there.
        QVERIFY(calls().createPod(ns, QStringLiteral("graceful"), {{"app", "graceful"}}).ok());
        QVERIFY(evict(QStringLiteral("graceful"), evictionFor(QStringLiteral("graceful"))).ok());
        const auto terminating = calls().get(pods(), ns, QStringLiteral("graceful"));
        QVERIFY(terminating.ok());
        QVERIFY(terminating.object()[QLatin1String("metadata")].toObject().contains(
            QLatin1String("deletionTimestamp")));
        // A stale precondition fails as a delete would.
        QVERIFY(calls().createPod(ns, QStringLiteral("stale"), {{"app", "stale"}}).ok());
        const auto conflict =
            evict(QStringLiteral("stale"),
                  evictionFor(QStringLiteral("stale"), parse(R"({"preconditions":{"uid":"nope"}})")));
        QCOMPARE(actions::httpStatusOf(conflict), 409);
    }

    void acceptsV1beta1() {
        QVERIFY(calls().createPod(ns, QStringLiteral("beta"), {{"app", "beta"}}).ok());
        const auto result = evict(QStringLiteral("beta"),
                                  evictionFor(QStringLiteral("beta"), parse(R"({"gracePeriodSeconds":0})"),
                                              QStringLiteral("policy/v1beta1")));
        QVERIFY2(result.ok(), qPrintable(describe(result)));
    }

    void badRequests() {
        QVERIFY(calls().createPod(ns, QStringLiteral("named"), {{"app", "named"}}).ok());
        const auto wrongName = evict(QStringLiteral("named"), evictionFor(QStringLiteral("other")));
        QCOMPARE(actions::httpStatusOf(wrongName), 400);
        QCOMPARE(wrongName.error->message(),
                 QStringLiteral("name in URL does not match name in Eviction object"));
        const auto wrongVersion =
            evict(QStringLiteral("named"), evictionFor(QStringLiteral("named"), {}, QStringLiteral("v1")));
        QCOMPARE(actions::httpStatusOf(wrongVersion), 400);
    }

    void readOnlyUserMayNotEvict() {
        QVERIFY(calls().createPod(ns, QStringLiteral("kept"), {{"app", "kept"}}).ok());
        const auto result = await([&](auto done) {
            m_cluster.readOnly.client->postSubresource(
                {pods(), ns, QStringLiteral("kept"), QStringLiteral("eviction")},
                json(evictionFor(QStringLiteral("kept"))), {}, done);
        });
        QCOMPARE(actions::httpStatusOf(result), 403);
        QVERIFY(calls().exists(pods(), ns, QStringLiteral("kept")));
    }
};

QTEST_MAIN(TestPodEviction)
#include "tst_podeviction.moc"
