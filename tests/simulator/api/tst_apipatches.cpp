// The four patch types over the wire: JSON patch (with test ops), merge patch, strategic merge patch, and
// server-side apply with field ownership, conflicts and force.
#include "apitestcluster.h"
#include "statusassert.h"

#include <QJsonArray>
#include <QTest>

using namespace binnacle::sim;
using namespace binnacle::sim::apitest;

namespace {
const QByteArray maps = "/api/v1/namespaces/writes/configmaps";
const QByteArray deployments = "/apis/apps/v1/namespaces/writes/deployments";

QJsonObject field(const QJsonObject& object, const QString& path) {
    QJsonObject current = object;
    for (const QString& key : path.split(QLatin1Char('.'))) {
        current = current.value(key).toObject();
    }
    return current;
}

QStringList managers(const QJsonObject& object) {
    QStringList names;
    for (const QJsonValue& entry : meta(object, QStringLiteral("managedFields")).toArray()) {
        names.append(entry.toObject().value(QLatin1String("manager")).toString() + QLatin1Char('/') +
                     entry.toObject().value(QLatin1String("operation")).toString());
    }
    names.sort();
    return names;
}
} // namespace

class TestApiPatches : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void jsonPatch();
    void mergePatch();
    void strategicMergePatch();
    void serverSideApply();

private:
    std::unique_ptr<ApiTestCluster> m_cluster;
};

void TestApiPatches::initTestCase() {
    SimulatorOptions options;
    options.controllers = false;
    m_cluster = std::make_unique<ApiTestCluster>(options);
    QString error;
    QVERIFY2(m_cluster->start(&error), qPrintable(error));
    QCOMPARE(m_cluster->post("/api/v1/namespaces", namespaceObject(QStringLiteral("writes"))).status, 201);
}

void TestApiPatches::jsonPatch() {
    QCOMPARE(m_cluster->post(maps, configMap("jp", {}, {{"a", "1"}})).status, 201);
    const QByteArray ok = R"([{"op":"replace","path":"/data/a","value":"2"},)"
                          R"({"op":"add","path":"/metadata/annotations","value":{}},)"
                          R"({"op":"add","path":"/metadata/annotations/example.com~1key","value":"x"}])";
    const WireResponse patched = m_cluster->patch(maps + "/jp", "application/json-patch+json", ok);
    QVERIFY2(patched.status == 200, patched.body.constData());
    QCOMPARE(patched.json().value(QLatin1String("data")).toObject(), (QJsonObject{{"a", "2"}}));
    QCOMPARE(meta(patched.json(), QStringLiteral("annotations")).toObject(),
             (QJsonObject{{"example.com/key", "x"}}));

    // A failing test op: 422 and nothing changes.
    const QByteArray failing =
        R"([{"op":"test","path":"/data/a","value":"1"},{"op":"replace","path":"/data/a","value":"3"}])";
    VERIFY_STATUS(m_cluster->patch(maps + "/jp", "application/json-patch+json", failing), 422,
                  QStringLiteral("Invalid"));
    QCOMPARE(m_cluster->get(maps + "/jp").json().value(QLatin1String("data")).toObject(),
             (QJsonObject{{"a", "2"}}));
    // A test on the resourceVersion gives a conditional update.
    const QByteArray version = meta(patched.json(), QStringLiteral("resourceVersion")).toString().toLatin1();
    const QByteArray conditional = R"([{"op":"test","path":"/metadata/resourceVersion","value":")" + version +
                                   R"("},{"op":"replace","path":"/data/a","value":"4"}])";
    QCOMPARE(m_cluster->patch(maps + "/jp", "application/json-patch+json", conditional).status, 200);
    VERIFY_STATUS(m_cluster->patch(maps + "/jp", "application/json-patch+json", conditional), 422,
                  QStringLiteral("Invalid"));
    // Not a patch document at all.
    VERIFY_STATUS(m_cluster->patch(maps + "/jp", "application/json-patch+json", R"({"op":"add"})"), 400,
                  QStringLiteral("BadRequest"));
}

void TestApiPatches::mergePatch() {
    QCOMPARE(m_cluster->post(maps, configMap("mp", {{"keep", "1"}, {"drop", "1"}}, {{"a", "1"}, {"b", "2"}}))
                 .status,
             201);
    const WireResponse patched =
        m_cluster->patch(maps + "/mp", "application/merge-patch+json",
                         R"({"metadata":{"labels":{"drop":null,"new":"1"}},"data":{"b":null,"c":"3"}})");
    QVERIFY2(patched.status == 200, patched.body.constData());
    QCOMPARE(meta(patched.json(), QStringLiteral("labels")).toObject(),
             (QJsonObject{{"keep", "1"}, {"new", "1"}}));
    QCOMPARE(patched.json().value(QLatin1String("data")).toObject(), (QJsonObject{{"a", "1"}, {"c", "3"}}));

    // Lists are replaced whole by a merge patch.
    QCOMPARE(m_cluster->post(deployments, deployment("mp-dep", 1, "mp")).status, 201);
    const WireResponse replaced = m_cluster->patch(
        deployments + "/mp-dep", "application/merge-patch+json",
        R"({"spec":{"template":{"spec":{"containers":[{"name":"other","image":"busybox"}]}}}})");
    QCOMPARE(replaced.status, 200);
    const QJsonArray containers = field(replaced.json(), QStringLiteral("spec.template.spec"))
                                      .value(QLatin1String("containers"))
                                      .toArray();
    QCOMPARE(containers.size(), 1);
    QCOMPARE(containers.first().toObject().value(QLatin1String("name")).toString(), QStringLiteral("other"));

    // Patching something that does not exist: 404.
    VERIFY_STATUS(
        m_cluster->patch(maps + "/nothing-here", "application/merge-patch+json", R"({"data":{"a":"1"}})"),
        404, QStringLiteral("NotFound"));
}

void TestApiPatches::strategicMergePatch() {
    QJsonObject object = deployment("smp", 1, "smp");
    QJsonObject spec = object.value(QLatin1String("spec")).toObject();
    QJsonObject templ = spec.value(QLatin1String("template")).toObject();
    QJsonObject podSpec = templ.value(QLatin1String("spec")).toObject();
    podSpec.insert(QStringLiteral("containers"),
                   QJsonArray{QJsonObject{{"name", "main"}, {"image", "nginx:1.27"}},
                              QJsonObject{{"name", "sidecar"}, {"image", "busybox:1"}}});
    templ.insert(QStringLiteral("spec"), podSpec);
    spec.insert(QStringLiteral("template"), templ);
    object.insert(QStringLiteral("spec"), spec);
    QCOMPARE(m_cluster->post(deployments, object).status, 201);

    // Containers merge by name: only the sidecar's image changes.
    const WireResponse patched = m_cluster->patch(
        deployments + "/smp", "application/strategic-merge-patch+json",
        R"({"spec":{"template":{"spec":{"containers":[{"name":"sidecar","image":"busybox:2"}]}}}})");
    QVERIFY2(patched.status == 200, patched.body.constData());
    QJsonArray containers = field(patched.json(), QStringLiteral("spec.template.spec"))
                                .value(QLatin1String("containers"))
                                .toArray();
    QCOMPARE(containers.size(), 2);
    QCOMPARE(containers.at(0).toObject().value(QLatin1String("image")).toString(),
             QStringLiteral("nginx:1.27"));
    QCOMPARE(containers.at(1).toObject().value(QLatin1String("image")).toString(),
             QStringLiteral("busybox:2"));

    // $patch: delete removes one element.
    const WireResponse removed = m_cluster->patch(
        deployments + "/smp", "application/strategic-merge-patch+json",
        R"({"spec":{"template":{"spec":{"containers":[{"name":"sidecar","$patch":"delete"}]}}}})");
    QCOMPARE(removed.status, 200);
    containers = field(removed.json(), QStringLiteral("spec.template.spec"))
                     .value(QLatin1String("containers"))
                     .toArray();
    QCOMPARE(containers.size(), 1);
    QCOMPARE(containers.at(0).toObject().value(QLatin1String("name")).toString(), QStringLiteral("main"));
}

void TestApiPatches::serverSideApply() {
    const QByteArray target = maps + "/applied";
    const QByteArray alpha =
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: applied\ndata:\n  k: alpha\n  owned: a\n";
    const WireResponse created =
        m_cluster->patch(target + "?fieldManager=alpha", "application/apply-patch+yaml", alpha);
    QVERIFY2(created.status == 201, created.body.constData());
    QCOMPARE(managers(created.json()), QStringList{"alpha/Apply"});

    const WireResponse again = m_cluster->patch(target + "?fieldManager=alpha",
                                                "application/apply-patch+yaml", alpha + "  extra: e\n");
    QCOMPARE(again.status, 200);
    QCOMPARE(again.json().value(QLatin1String("data")).toObject(),
             (QJsonObject{{"k", "alpha"}, {"owned", "a"}, {"extra", "e"}}));

    // Another manager setting alpha's field to another value conflicts.
    const QByteArray beta =
        R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"applied"},"data":{"k":"beta"}})";
    const WireResponse conflict =
        m_cluster->patch(target + "?fieldManager=beta", "application/apply-patch+yaml", beta);
    VERIFY_STATUS(conflict, 409, QStringLiteral("Conflict"));
    QVERIFY2(hasCause(conflict.json(), QStringLiteral(".data.k"), QStringLiteral("FieldManagerConflict")),
             conflict.body.constData());
    QVERIFY2(conflict.json()
                 .value(QLatin1String("message"))
                 .toString()
                 .startsWith(QStringLiteral("Apply failed with 1 conflict: conflict with \"alpha\"")),
             conflict.body.constData());
    QCOMPARE(m_cluster->get(target)
                 .json()
                 .value(QLatin1String("data"))
                 .toObject()
                 .value(QLatin1String("k"))
                 .toString(),
             QStringLiteral("alpha"));

    // force=true takes the field over.
    const WireResponse forced =
        m_cluster->patch(target + "?fieldManager=beta&force=true", "application/apply-patch+yaml", beta);
    QVERIFY2(forced.status == 200, forced.body.constData());
    QCOMPARE(forced.json().value(QLatin1String("data")).toObject().value(QLatin1String("k")).toString(),
             QStringLiteral("beta"));
    QCOMPARE(managers(forced.json()), (QStringList{"alpha/Apply", "beta/Apply"}));
    // alpha re-applying without k gives it up, and k stays as beta set it.
    const WireResponse withoutK = m_cluster->patch(
        target + "?fieldManager=alpha", "application/apply-patch+yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: applied\ndata:\n  owned: a\n  extra: e\n");
    QCOMPARE(withoutK.status, 200);
    QCOMPARE(withoutK.json().value(QLatin1String("data")).toObject(),
             (QJsonObject{{"k", "beta"}, {"owned", "a"}, {"extra", "e"}}));
    // Setting a field to the value it already has is shared ownership, not a conflict.
    QCOMPARE(
        m_cluster
            ->patch(
                target + "?fieldManager=gamma", "application/apply-patch+yaml",
                R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"applied"},"data":{"owned":"a"}})")
            .status,
        200);
}

QTEST_GUILESS_MAIN(TestApiPatches)
#include "tst_apipatches.moc"
