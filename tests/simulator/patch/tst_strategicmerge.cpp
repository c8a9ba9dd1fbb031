// Strategic merge patch: merge keys, directives, and a patch as kubectl apply (client side) sends it.
#include "patchtestsupport.h"
#include "strategicmerge.h"

#include <QJsonArray>
#include <QTest>

using namespace binnacle::sim;
using binnacle::sim::test::json;
using binnacle::sim::test::jsonObject;
using binnacle::sim::test::loadYamlFixture;

class TestStrategicMerge : public QObject {
    Q_OBJECT

private slots:
    void merges_data();
    void merges();
    void rejects_data();
    void rejects();
    void kubectlApplyThreeWayPatch();
};

// moc only needs the class above; the test bodies' raw JSON strings confuse its macro expansion.
#ifndef Q_MOC_RUN

void TestStrategicMerge::merges_data() {
    QTest::addColumn<QString>("group");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QByteArray>("original");
    QTest::addColumn<QByteArray>("patch");
    QTest::addColumn<QByteArray>("expected");

    const QByteArray twoContainers =
        R"({"spec":{"containers":[{"name":"a","image":"a:1"},{"name":"b","image":"b:1"}]}})";
    QTest::newRow("container merged by name")
        << ""
        << "Pod" << twoContainers << QByteArray(R"({"spec":{"containers":[{"name":"b","image":"b:2"}]}})")
        << QByteArray(R"({"spec":{"containers":[{"name":"a","image":"a:1"},{"name":"b","image":"b:2"}]}})");
    // Without $setElementOrder the apiserver puts patch items that are new in front of the live ones.
    QTest::newRow("new container without order goes first")
        << ""
        << "Pod" << twoContainers << QByteArray(R"({"spec":{"containers":[{"name":"c","image":"c:1"}]}})")
        << QByteArray(R"({"spec":{"containers":[{"name":"c","image":"c:1"},{"name":"a","image":"a:1"},)"
                      R"({"name":"b","image":"b:1"}]}})");
    QTest::newRow("env merged by name")
        << ""
        << "Pod"
        << QByteArray(
               R"({"spec":{"containers":[{"name":"a","env":[{"name":"X","value":"1"},{"name":"Y","value":"2"}]}]}})")
        << QByteArray(R"({"spec":{"containers":[{"name":"a","env":[{"name":"Y","value":"3"}]}]}})")
        << QByteArray(
               R"({"spec":{"containers":[{"name":"a","env":[{"name":"X","value":"1"},{"name":"Y","value":"3"}]}]}})");
    QTest::newRow("ports merged by containerPort")
        << ""
        << "Pod"
        << QByteArray(R"({"spec":{"containers":[{"name":"a","ports":[{"containerPort":80,"protocol":"TCP"},)"
                      R"({"containerPort":443}]}]}})")
        << QByteArray(
               R"({"spec":{"containers":[{"name":"a","ports":[{"containerPort":443,"name":"https"}]}]}})")
        << QByteArray(R"({"spec":{"containers":[{"name":"a","ports":[{"containerPort":80,"protocol":"TCP"},)"
                      R"({"containerPort":443,"name":"https"}]}]}})");
    QTest::newRow("$patch delete in a list item")
        << ""
        << "Pod" << twoContainers << QByteArray(R"({"spec":{"containers":[{"name":"a","$patch":"delete"}]}})")
        << QByteArray(R"({"spec":{"containers":[{"name":"b","image":"b:1"}]}})");
    QTest::newRow("$patch replace in a list")
        << ""
        << "Pod" << twoContainers
        << QByteArray(R"({"spec":{"containers":[{"$patch":"replace"},{"name":"z","image":"z:1"}]}})")
        << QByteArray(R"({"spec":{"containers":[{"name":"z","image":"z:1"}]}})");
    QTest::newRow("$patch replace in a map")
        << ""
        << "Pod" << QByteArray(R"({"spec":{"nodeSelector":{"a":"1","b":"2"}}})")
        << QByteArray(R"({"spec":{"nodeSelector":{"$patch":"replace","x":"1"}}})")
        << QByteArray(R"({"spec":{"nodeSelector":{"x":"1"}}})");
    QTest::newRow("$patch delete in a map") << ""
                                            << "Pod" << QByteArray(R"({"metadata":{"labels":{"a":"1"}}})")
                                            << QByteArray(R"({"metadata":{"labels":{"$patch":"delete"}}})")
                                            << QByteArray(R"({"metadata":{"labels":{}}})");
    QTest::newRow("$patch merge is the default")
        << ""
        << "Pod" << QByteArray(R"({"metadata":{"labels":{"a":"1"}}})")
        << QByteArray(R"({"metadata":{"labels":{"$patch":"merge","b":"2"}}})")
        << QByteArray(R"({"metadata":{"labels":{"a":"1","b":"2"}}})");
    QTest::newRow("null deletes") << ""
                                  << "Pod" << QByteArray(R"({"metadata":{"labels":{"a":"1","b":"2"}}})")
                                  << QByteArray(R"({"metadata":{"labels":{"a":null}}})")
                                  << QByteArray(R"({"metadata":{"labels":{"b":"2"}}})");
    QTest::newRow("finalizers are a merged set")
        << ""
        << "Pod" << QByteArray(R"({"metadata":{"finalizers":["a","b"]}})")
        << QByteArray(R"({"metadata":{"finalizers":["b","c"]}})")
        << QByteArray(R"({"metadata":{"finalizers":["a","b","c"]}})");
    QTest::newRow("finalizers in $setElementOrder")
        << ""
        << "Pod" << QByteArray(R"({"metadata":{"finalizers":["a"]}})")
        << QByteArray(R"({"metadata":{"$setElementOrder/finalizers":["a","b"],"finalizers":["b"]}})")
        << QByteArray(R"({"metadata":{"finalizers":["a","b"]}})");
    QTest::newRow("$deleteFromPrimitiveList")
        << ""
        << "Pod" << QByteArray(R"({"metadata":{"finalizers":["a","b","c"]}})")
        << QByteArray(R"({"metadata":{"$deleteFromPrimitiveList/finalizers":["b"]}})")
        << QByteArray(R"({"metadata":{"finalizers":["a","c"]}})");
    QTest::newRow("$setElementOrder reorders")
        << ""
        << "Pod" << twoContainers
        << QByteArray(R"({"spec":{"$setElementOrder/containers":[{"name":"b"},{"name":"a"}]}})")
        << QByteArray(R"({"spec":{"containers":[{"name":"b","image":"b:1"},{"name":"a","image":"a:1"}]}})");
    QTest::newRow("$setElementOrder places a new item")
        << ""
        << "Pod" << twoContainers
        << QByteArray(R"({"spec":{"$setElementOrder/containers":[{"name":"a"},{"name":"c"},{"name":"b"}],)"
                      R"("containers":[{"name":"c","image":"c:1"}]}})")
        << QByteArray(R"({"spec":{"containers":[{"name":"a","image":"a:1"},{"name":"c","image":"c:1"},)"
                      R"({"name":"b","image":"b:1"}]}})");
    QTest::newRow("list without merge key replaced")
        << ""
        << "Pod"
        << QByteArray(R"({"spec":{"tolerations":[{"key":"x"}],"containers":[{"name":"a","args":["1"]}]}})")
        << QByteArray(R"({"spec":{"tolerations":[{"key":"y"}],"containers":[{"name":"a","args":["2"]}]}})")
        << QByteArray(R"({"spec":{"tolerations":[{"key":"y"}],"containers":[{"name":"a","args":["2"]}]}})");
    QTest::newRow("$retainKeys clears the other keys")
        << "apps"
        << "Deployment"
        << QByteArray(R"({"spec":{"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1}}}})")
        << QByteArray(
               R"({"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate","rollingUpdate":null}}})")
        << QByteArray(R"({"spec":{"strategy":{"type":"Recreate"}}})");
    QTest::newRow("template volumes by name")
        << "apps"
        << "Deployment"
        << QByteArray(R"({"spec":{"template":{"spec":{"volumes":[{"name":"v","emptyDir":{}}]}}}})")
        << QByteArray(R"({"spec":{"template":{"spec":{"volumes":[{"name":"w","configMap":{"name":"c"}}]}}}})")
        << QByteArray(R"({"spec":{"template":{"spec":{"volumes":[{"name":"w","configMap":{"name":"c"}},)"
                      R"({"name":"v","emptyDir":{}}]}}}})");
    QTest::newRow("cronjob containers by name")
        << "batch"
        << "CronJob"
        << QByteArray(
               R"({"spec":{"jobTemplate":{"spec":{"template":{"spec":{"containers":[{"name":"a","image":"1"},)"
               R"({"name":"b","image":"1"}]}}}}}})")
        << QByteArray(
               R"({"spec":{"jobTemplate":{"spec":{"template":{"spec":{"containers":[{"name":"a","image":"2"}]}}}}}})")
        << QByteArray(
               R"({"spec":{"jobTemplate":{"spec":{"template":{"spec":{"containers":[{"name":"a","image":"2"},)"
               R"({"name":"b","image":"1"}]}}}}}})");
    QTest::newRow("ownerReferences by uid")
        << ""
        << "ConfigMap" << QByteArray(R"({"metadata":{"ownerReferences":[{"uid":"1","name":"x"}]}})")
        << QByteArray(R"({"metadata":{"ownerReferences":[{"uid":"1","name":"y"}]}})")
        << QByteArray(R"({"metadata":{"ownerReferences":[{"uid":"1","name":"y"}]}})");
    QTest::newRow("node conditions by type")
        << ""
        << "Node"
        << QByteArray(
               R"({"status":{"conditions":[{"type":"Ready","status":"False"},{"type":"DiskPressure","status":"False"}]}})")
        << QByteArray(R"({"status":{"conditions":[{"type":"Ready","status":"True"}]}})")
        << QByteArray(
               R"({"status":{"conditions":[{"type":"Ready","status":"True"},{"type":"DiskPressure","status":"False"}]}})");
    QTest::newRow("node taints replaced (no patch tags)")
        << ""
        << "Node" << QByteArray(R"({"spec":{"taints":[{"key":"a","effect":"NoSchedule"}]}})")
        << QByteArray(R"({"spec":{"taints":[{"key":"b","effect":"NoSchedule"}]}})")
        << QByteArray(R"({"spec":{"taints":[{"key":"b","effect":"NoSchedule"}]}})");
    QTest::newRow("service ports by port")
        << ""
        << "Service" << QByteArray(R"({"spec":{"ports":[{"port":80,"targetPort":8080},{"port":443}]}})")
        << QByteArray(R"({"spec":{"ports":[{"port":80,"targetPort":9090}]}})")
        << QByteArray(R"({"spec":{"ports":[{"port":80,"targetPort":9090},{"port":443}]}})");
    QTest::newRow("new map built from patch without directives")
        << ""
        << "Pod" << QByteArray(R"({})")
        << QByteArray(
               R"({"metadata":{"labels":{"a":"1","b":null}},"spec":{"containers":[{"name":"a","$patch":"delete"}]}})")
        << QByteArray(R"({"metadata":{"labels":{"a":"1"}},"spec":{"containers":[]}})");
}

void TestStrategicMerge::merges() {
    QFETCH(QString, group);
    QFETCH(QString, kind);
    QFETCH(QByteArray, original);
    QFETCH(QByteArray, patch);
    QFETCH(QByteArray, expected);

    const PatchResult result =
        applyStrategicMergePatch(jsonObject(original.constData()), patch, MergeSchema::forKind(group, kind));
    QVERIFY2(result.ok(), qPrintable(result.failure ? result.failure->message : QString()));
    QCOMPARE(result.value, json(expected.constData()));
}

void TestStrategicMerge::rejects_data() {
    QTest::addColumn<QByteArray>("patch");
    QTest::addColumn<int>("httpCode");

    QTest::newRow("array body") << QByteArray(R"([{"op":"add"}])") << 400;
    QTest::newRow("not JSON") << QByteArray(R"({"spec":)") << 400;
    QTest::newRow("item without merge key")
        << QByteArray(R"({"spec":{"containers":[{"image":"x"}]}})") << 400;
    QTest::newRow("unknown directive")
        << QByteArray(R"({"metadata":{"labels":{"$patch":"explode"}}})") << 400;
    QTest::newRow("key outside $retainKeys")
        << QByteArray(R"({"spec":{"$retainKeys":["a"],"b":"1"}})") << 400;
}

void TestStrategicMerge::rejects() {
    QFETCH(QByteArray, patch);
    QFETCH(int, httpCode);

    const PatchResult result = applyStrategicMergePatch(
        jsonObject(R"({"metadata":{"labels":{}},"spec":{"containers":[{"name":"a"}]}})"), patch,
        MergeSchema::forKind(QString(), QStringLiteral("Pod")));
    QVERIFY(!result.ok());
    QCOMPARE(result.failure->httpCode, httpCode);
    QCOMPARE(result.failure->reason, QStringLiteral("BadRequest"));
}

// What `kubectl apply` sends for an object it applied before: a three-way patch with the new
// last-applied annotation, $setElementOrder for the merged lists and nulls for what the user dropped.
void TestStrategicMerge::kubectlApplyThreeWayPatch() {
    const QJsonObject live = loadYamlFixture(QStringLiteral("deployment-live-managedfields.yaml"));
    QVERIFY(!live.isEmpty());
    const QByteArray patch =
        R"({"metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{\"apiVersion\":\"apps/v1\"}\n"},)"
        R"("labels":{"something-else":null}},)"
        R"("spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"nginx"},{"name":"log"}],)"
        R"("containers":[{"env":[{"name":"MODE","value":"prod"}],"image":"nginx:1.25","name":"nginx"},)"
        R"({"image":"busybox","name":"log"}]}}}})";

    const PatchResult result = applyStrategicMergePatch(
        live, patch, MergeSchema::forKind(QStringLiteral("apps"), QStringLiteral("Deployment")));
    QVERIFY(result.ok());
    const QJsonObject patched = result.object();
    const QJsonObject metadata = patched.value("metadata").toObject();
    QCOMPARE(
        metadata.value("annotations").toObject().value("kubectl.kubernetes.io/last-applied-configuration"),
        QJsonValue("{\"apiVersion\":\"apps/v1\"}\n"));
    QCOMPARE(metadata.value("annotations").toObject().value("deployment.kubernetes.io/revision"),
             QJsonValue("1"));
    QVERIFY(!metadata.value("labels").toObject().contains("something-else"));
    QCOMPARE(metadata.value("labels").toObject().value("app"), QJsonValue("missing"));

    const QJsonArray containers = patched["spec"]["template"]["spec"]["containers"].toArray();
    QCOMPARE(containers.size(), 2);
    const QJsonObject nginx = containers.at(0).toObject();
    QCOMPARE(nginx.value("name"), QJsonValue("nginx"));
    QCOMPARE(nginx.value("image"), QJsonValue("nginx:1.25"));
    QCOMPARE(nginx.value("env"), json(R"([{"name":"MODE","value":"prod"}])"));
    // Fields the patch does not mention survive: defaults and the probe.
    QCOMPARE(nginx.value("terminationMessagePath"), QJsonValue("/dev/termination-log"));
    QCOMPARE(nginx["livenessProbe"]["periodSeconds"], QJsonValue(180));
    QCOMPARE(containers.at(1).toObject(), jsonObject(R"({"image":"busybox","name":"log"})"));
    QCOMPARE(patched["spec"]["replicas"], QJsonValue(2));
}

#endif // Q_MOC_RUN

QTEST_GUILESS_MAIN(TestStrategicMerge)
#include "tst_strategicmerge.moc"
