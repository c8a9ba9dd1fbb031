// The kind table behind related objects: label selector semantics and the objects a pod spec uses.
#include "objectmodeltesting.h"
#include "relatedkinds.h"

#include <QTest>

using namespace binnacle;
using namespace testing;

class TestRelatedKinds : public QObject {
    Q_OBJECT
private slots:
    void selectorMatching_data();
    void selectorMatching();
    void serviceSelector();
    void podSpecReferences();
    void podSpecOfTemplates();
};

void TestRelatedKinds::selectorMatching_data() {
    QTest::addColumn<QJsonObject>("selector");
    QTest::addColumn<bool>("matches");
    const auto expression = [](const char* key, const char* op, QJsonArray values = {}) {
        return QJsonObject{{"matchExpressions",
                            QJsonArray{QJsonObject{{"key", key}, {"operator", op}, {"values", values}}}}};
    };
    QTest::newRow("matchLabels") << QJsonObject{{"matchLabels", QJsonObject{{"app", "web"}}}} << true;
    QTest::newRow("matchLabels other value")
        << QJsonObject{{"matchLabels", QJsonObject{{"app", "db"}}}} << false;
    QTest::newRow("In") << expression("tier", "In", {"front", "back"}) << true;
    QTest::newRow("NotIn") << expression("tier", "NotIn", {"front"}) << false;
    QTest::newRow("NotIn absent key") << expression("zone", "NotIn", {"a"}) << true;
    QTest::newRow("Exists") << expression("tier", "Exists") << true;
    QTest::newRow("DoesNotExist") << expression("tier", "DoesNotExist") << false;
    QTest::newRow("empty selects nothing") << QJsonObject{} << false;
}

void TestRelatedKinds::selectorMatching() {
    QFETCH(QJsonObject, selector);
    QFETCH(bool, matches);
    const QList<QPair<QString, QString>> labels{{"app", "web"}, {"tier", "front"}};
    QCOMPARE(related::labelSelectorMatches(selector, labels), matches);
}

void TestRelatedKinds::podSpecReferences() {
    const QJsonObject spec = podSpec(QJsonObject{
        {"volumes",
         QJsonArray{
             QJsonObject{{"name", "data"}, {"persistentVolumeClaim", QJsonObject{{"claimName", "data"}}}},
             QJsonObject{{"name", "conf"}, {"configMap", QJsonObject{{"name", "cm-a"}}}},
             QJsonObject{{"name", "creds"}, {"secret", QJsonObject{{"secretName", "sec-a"}}}}}},
        {"envFrom", QJsonArray{QJsonObject{{"configMapRef", QJsonObject{{"name", "cm-b"}}}}}},
        {"env",
         QJsonArray{QJsonObject{
             {"name", "PASSWORD"},
             {"valueFrom", QJsonObject{{"secretKeyRef", QJsonObject{{"name", "sec-a"}, {"key", "pw"}}}}}}}}});
    QStringList found;
    for (const related::NamedReference& reference : related::podSpecReferences(spec)) {
        found.append(reference.kind + QLatin1Char('/') + reference.name + QLatin1Char(' ') +
                     reference.detail);
    }
    // Each object once, where it is first named.
    QCOMPARE(found, (QStringList{"PersistentVolumeClaim/data volume data", "ConfigMap/cm-a volume conf",
                                 "Secret/sec-a volume creds", "ConfigMap/cm-b envFrom"}));
}

void TestRelatedKinds::serviceSelector() {
    const QList<QPair<QString, QString>> labels{{"app", "web"}, {"tier", "front"}};
    QVERIFY(related::serviceSelectorMatches(QJsonObject{{"app", "web"}}, labels));
    QVERIFY(!related::serviceSelectorMatches(QJsonObject{{"app", "web"}, {"zone", "a"}}, labels));
    QVERIFY(!related::serviceSelectorMatches(QJsonObject{}, labels)); // no selector: no endpoints
}

void TestRelatedKinds::podSpecOfTemplates() {
    const QJsonObject deployment = workload("Deployment", "web", QJsonObject{{"app", "web"}});
    const related::KindTraits* traits = related::builtinKindFor("deployments.apps");
    QVERIFY(traits);
    QCOMPARE(traits->kind, QStringLiteral("Deployment"));
    QCOMPARE(related::podSpecOf(*traits, deployment).value("containers").toArray().size(), 1);
    const related::KindTraits* cronJob = related::builtinKindFor("CronJob");
    QVERIFY(cronJob);
    const QJsonObject cron{
        {"spec",
         QJsonObject{{"jobTemplate",
                      QJsonObject{{"spec", QJsonObject{{"template", QJsonObject{{"spec", podSpec()}}}}}}}}}};
    QCOMPARE(related::podSpecOf(*cronJob, cron).value("containers").toArray().size(), 1);
    QCOMPARE(cronJob->childKinds, QStringList{"Job"});
    QVERIFY(!related::builtinKindFor("widgets.example.com"));
}

QTEST_GUILESS_MAIN(TestRelatedKinds)
#include "tst_relatedkinds.moc"
