#include "protobufdecode.h"
#include "protowriter.h"

#include <QJsonDocument>
#include <QtTest>

using namespace binnacle::sim;

namespace {

QByteArray compact(const QJsonObject& object) {
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}
QByteArray compact(const char* json) {
    return compact(QJsonDocument::fromJson(json).object());
}

QByteArray decodedJson(const QByteArray& body) {
    const ProtobufDecodeResult result = decodeKubernetesProtobuf(body);
    return result.ok() ? compact(result.object) : "error: " + result.error.toUtf8();
}

QString decodeError(const QByteArray& body) {
    return decodeKubernetesProtobuf(body).error;
}

// metadata with only a name, as a test writes it when the zero fields do not matter.
ProtoWriter named(QByteArrayView name) {
    return ProtoWriter().message(1, ProtoWriter().string(1, name));
}

} // namespace

class ProtobufDecodeTest : public QObject {
    Q_OBJECT

private slots:
    void detectsMagic_data() {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("expected");
        QTest::newRow("envelope") << QByteArray("k8s\0\x0a\x00", 6) << true;
        QTest::newRow("magic only") << QByteArray("k8s\0", 4) << true;
        QTest::newRow("json") << QByteArray(R"({"kind":"Namespace"})") << false;
        QTest::newRow("short") << QByteArray("k8s") << false;
        QTest::newRow("empty") << QByteArray() << false;
    }
    void detectsMagic() {
        QFETCH(QByteArray, body);
        QFETCH(bool, expected);
        QCOMPARE(isKubernetesProtobuf(body), expected);
    }

    void namespaceWithLabels() {
        const ProtoWriter meta = newObjectMeta("team-a")
                                     .mapEntries(11, {{"env", "prod"}, {"empty", ""}})
                                     .mapEntry(12, "note", "x");
        const ProtoWriter ns = ProtoWriter()
                                   .message(1, meta)
                                   .message(2, ProtoWriter().string(1, "kubernetes"))
                                   .message(3, ProtoWriter().string(1, ""));
        QCOMPARE(decodedJson(kubernetesEnvelope("v1", "Namespace", ns)),
                 compact(R"({"apiVersion":"v1","kind":"Namespace","metadata":{"name":"team-a",
                     "creationTimestamp":null,"labels":{"env":"prod","empty":""},"annotations":{"note":"x"}},
                     "spec":{"finalizers":["kubernetes"]},"status":{}})"));
    }

    void selfSubjectAccessReview() {
        const ProtoWriter attributes = ProtoWriter()
                                           .string(1, "kube-system")
                                           .string(2, "create")
                                           .string(3, "apps")
                                           .string(4, "")
                                           .string(5, "deployments")
                                           .string(6, "scale")
                                           .string(7, "");
        const ProtoWriter review = ProtoWriter()
                                       .message(1, ProtoWriter())
                                       .message(2, ProtoWriter().message(1, attributes))
                                       .message(3, ProtoWriter().varint(1, 0).string(2, "").string(3, ""));
        QCOMPARE(
            decodedJson(kubernetesEnvelope("authorization.k8s.io/v1", "SelfSubjectAccessReview", review)),
            compact(R"({"apiVersion":"authorization.k8s.io/v1","kind":"SelfSubjectAccessReview",
                     "metadata":{},"spec":{"resourceAttributes":{"namespace":"kube-system","verb":"create",
                     "group":"apps","resource":"deployments","subresource":"scale"}},"status":{"allowed":false}})"));
    }

    void selfSubjectReviewEmpty() {
        QCOMPARE(
            decodedJson(kubernetesEnvelope("authentication.k8s.io/v1", "SelfSubjectReview", ProtoWriter())),
            compact(R"({"apiVersion":"authentication.k8s.io/v1","kind":"SelfSubjectReview"})"));
    }

    void secretDataIsBase64() {
        const ProtoWriter secret = named("s")
                                       .mapEntry(2, "bin", QByteArrayView("\x00\xff\x10", 3))
                                       .mapEntry(2, "password", "hunter2")
                                       .mapEntry(4, "plain", "text")
                                       .string(3, "Opaque")
                                       .varint(5, 0);
        QCOMPARE(decodedJson(kubernetesEnvelope("v1", "Secret", secret)),
                 compact(R"({"apiVersion":"v1","kind":"Secret","metadata":{"name":"s"},
                     "data":{"bin":"AP8Q","password":"aHVudGVyMg=="},"stringData":{"plain":"text"},
                     "type":"Opaque","immutable":false})"));
    }

    // `kubectl create deployment web --image=nginx --replicas=2`, with the zero fields gogo-protobuf writes.
    void deploymentAsKubectlCreates() {
        const ProtoWriter labels = ProtoWriter().mapEntry(11, "app", "web");
        const ProtoWriter container = ProtoWriter()
                                          .string(1, "nginx")
                                          .string(2, "nginx")
                                          .string(5, "")
                                          .message(8, ProtoWriter())
                                          .string(13, "")
                                          .string(14, "")
                                          .varint(16, 0)
                                          .varint(17, 0)
                                          .varint(18, 0)
                                          .string(20, "");
        const ProtoWriter podSpec = ProtoWriter()
                                        .message(2, container)
                                        .string(3, "")
                                        .string(6, "")
                                        .string(8, "")
                                        .varint(11, 0)
                                        .string(19, "")
                                        .string(24, "");
        const ProtoWriter spec =
            ProtoWriter()
                .varint(1, 2)
                .message(2, ProtoWriter().mapEntry(1, "app", "web"))
                .message(3,
                         ProtoWriter().message(1, newObjectMeta("").raw(labels.bytes())).message(2, podSpec))
                .message(4, ProtoWriter().string(1, ""))
                .varint(5, 0)
                .varint(7, 0);
        const ProtoWriter status = ProtoWriter().varint(1, 0).varint(2, 0).varint(7, 0);
        const ProtoWriter deployment = ProtoWriter()
                                           .message(1, newObjectMeta("web").raw(labels.bytes()))
                                           .message(2, spec)
                                           .message(3, status);
        QCOMPARE(decodedJson(kubernetesEnvelope("apps/v1", "Deployment", deployment)),
                 compact(R"({"kind":"Deployment","apiVersion":"apps/v1","metadata":{"name":"web",
                     "creationTimestamp":null,"labels":{"app":"web"}},"spec":{"replicas":2,"selector":
                     {"matchLabels":{"app":"web"}},"template":{"metadata":{"creationTimestamp":null,
                     "labels":{"app":"web"}},"spec":{"containers":[{"name":"nginx","image":"nginx",
                     "resources":{}}]}},"strategy":{}},"status":{}})"));
    }

    // Pointer fields reach the wire only when set, so their zero values are kept.
    void pointerZeroValuesAreKept() {
        const ProtoWriter deployment = named("d").message(2, ProtoWriter().varint(1, 0).varint(6, 0));
        QCOMPARE(decodedJson(kubernetesEnvelope("apps/v1", "Deployment", deployment)),
                 compact(R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d"},
                     "spec":{"replicas":0,"revisionHistoryLimit":0}})"));
        const ProtoWriter account = named("sa").varint(4, 0);
        QCOMPARE(decodedJson(kubernetesEnvelope("v1", "ServiceAccount", account)),
                 compact(R"({"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"sa"},
                     "automountServiceAccountToken":false})"));
    }

    void times_data() {
        QTest::addColumn<QByteArray>("time");
        QTest::addColumn<QByteArray>("expectedTime");
        QTest::addColumn<QByteArray>("expectedMicroTime");
        QTest::newRow("2024") << ProtoWriter().varint(1, 1704067200).bytes()
                              << QByteArray("2024-01-01T00:00:00Z")
                              << QByteArray("2024-01-01T00:00:00.000000Z");
        QTest::newRow("nanos") << ProtoWriter().varint(1, 1704067200).varint(2, 123456789).bytes()
                               << QByteArray("2024-01-01T00:00:00Z")
                               << QByteArray("2024-01-01T00:00:00.123456Z");
        QTest::newRow("epoch") << ProtoWriter().varint(1, 0).bytes() << QByteArray("1970-01-01T00:00:00Z")
                               << QByteArray("1970-01-01T00:00:00.000000Z");
        QTest::newRow("zero time") << QByteArray() << QByteArray("null") << QByteArray("null");
        QTest::newRow("before the epoch")
            << ProtoWriter().varint(1, static_cast<std::uint64_t>(-86400)).bytes()
            << QByteArray("1969-12-31T00:00:00Z") << QByteArray("1969-12-31T00:00:00.000000Z");
    }
    void times() {
        QFETCH(QByteArray, time);
        QFETCH(QByteArray, expectedTime);
        QFETCH(QByteArray, expectedMicroTime);
        const auto quoted = [](const QByteArray& text) { return text == "null" ? text : '"' + text + '"'; };
        const ProtoWriter withTime =
            ProtoWriter().message(1, ProtoWriter().string(1, "n").raw(ProtoWriter().string(8, time).bytes()));
        QCOMPARE(decodedJson(kubernetesEnvelope("v1", "Namespace", withTime)),
                 R"({"apiVersion":"v1","kind":"Namespace","metadata":{"creationTimestamp":)" +
                     quoted(expectedTime) + R"(,"name":"n"}})");
        const ProtoWriter lease = named("l").message(2, ProtoWriter().string(4, time));
        QCOMPARE(decodedJson(kubernetesEnvelope("coordination.k8s.io/v1", "Lease", lease)),
                 R"({"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"l"},)"
                 R"("spec":{"renewTime":)" +
                     quoted(expectedMicroTime) + "}}");
    }

    void timeOutOfRangeIsAnError() {
        const ProtoWriter meta = ProtoWriter().message(8, ProtoWriter().varint(1, 1ULL << 40));
        QVERIFY(decodeError(kubernetesEnvelope("v1", "Namespace", ProtoWriter().message(1, meta)))
                    .contains(QLatin1String("time out of range")));
    }

    void intOrString_data() {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("int") << encodeIntOrString(3).bytes() << QByteArray("3");
        QTest::newRow("string") << encodeIntOrString("25%").bytes() << QByteArray("\"25%\"");
        QTest::newRow("zero int") << encodeIntOrString(0).bytes() << QByteArray("0");
        QTest::newRow("negative int") << encodeIntOrString(-1).bytes() << QByteArray("-1");
        QTest::newRow("empty message") << QByteArray() << QByteArray("0");
    }
    void intOrString() {
        QFETCH(QByteArray, value);
        QFETCH(QByteArray, expected);
        const ProtoWriter budget = named("p").message(2, ProtoWriter().string(1, value));
        QCOMPARE(decodedJson(kubernetesEnvelope("policy/v1", "PodDisruptionBudget", budget)),
                 R"({"apiVersion":"policy/v1","kind":"PodDisruptionBudget","metadata":{"name":"p"},)"
                 R"("spec":{"minAvailable":)" +
                     expected + "}}");
    }

    // What `kubectl drain --grace-period=7` evicts with (it sends this one as JSON; other clients may not).
    void eviction() {
        const ProtoWriter eviction =
            ProtoWriter()
                .message(1, newObjectMeta("p1").string(3, "default"))
                .message(
                    2,
                    ProtoWriter().varint(1, 7).message(2, ProtoWriter().string(1, "u-1")).string(5, "All"));
        QCOMPARE(decodedJson(kubernetesEnvelope("policy/v1", "Eviction", eviction)),
                 compact(R"({"kind":"Eviction","apiVersion":"policy/v1","metadata":{"name":"p1",
                     "namespace":"default","creationTimestamp":null},"deleteOptions":{"gracePeriodSeconds":7,
                     "preconditions":{"uid":"u-1"},"dryRun":["All"]}})"));
    }

    void managedFieldsEmbedRawJson() {
        const ProtoWriter entry = ProtoWriter()
                                      .string(1, "kubectl")
                                      .string(2, "Update")
                                      .string(3, "v1")
                                      .string(6, "FieldsV1")
                                      .message(7, ProtoWriter().string(1, R"({"f:data":{".":{}}})"));
        const ProtoWriter map = ProtoWriter().message(1, ProtoWriter().string(1, "c").message(17, entry));
        QCOMPARE(decodedJson(kubernetesEnvelope("v1", "ConfigMap", map)),
                 compact(R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","managedFields":[
                     {"manager":"kubectl","operation":"Update","apiVersion":"v1","fieldsType":"FieldsV1",
                     "fieldsV1":{"f:data":{".":{}}}}]}})"));
        const ProtoWriter broken = ProtoWriter().message(
            1, ProtoWriter().message(17, ProtoWriter().message(7, ProtoWriter().string(1, "{nope"))));
        QVERIFY(
            decodeError(kubernetesEnvelope("v1", "ConfigMap", broken)).contains(QLatin1String("raw JSON")));
    }

    void numbers() {
        // Packed repeated int64, a negative int32 as its 10-byte varint, and an int64 beyond 2^53.
        ProtoWriter packed;
        packed.rawVarint(1);
        packed.rawVarint(1000);
        const ProtoWriter security = ProtoWriter().string(4, packed.bytes()).varint(2, (1ULL << 60) + 1);
        const ProtoWriter pod = named("p").message(
            2, ProtoWriter().message(14, security).varint(25, static_cast<std::uint64_t>(-5)));
        QCOMPARE(decodedJson(kubernetesEnvelope("v1", "Pod", pod)),
                 compact(R"({"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"priority":-5,
                     "securityContext":{"supplementalGroups":[1,1000],"runAsUser":1152921504606846977}}})"));
    }

    // Field numbers of the scheduling terms, where numbers and declaration order differ.
    void podAntiAffinityTerm() {
        const ProtoWriter term = ProtoWriter()
                                     .message(1, ProtoWriter().mapEntry(1, "app", "web"))
                                     .string(2, "team-a")
                                     .string(3, "kubernetes.io/hostname");
        const ProtoWriter weighted = ProtoWriter().varint(1, 50).message(2, term);
        const ProtoWriter affinity = ProtoWriter().message(3, ProtoWriter().message(2, weighted));
        const ProtoWriter pod = named("p").message(2, ProtoWriter().message(18, affinity));
        QCOMPARE(decodedJson(kubernetesEnvelope("v1", "Pod", pod)),
                 compact(R"({"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"affinity":{
                     "podAntiAffinity":{"preferredDuringSchedulingIgnoredDuringExecution":[{"weight":50,
                     "podAffinityTerm":{"labelSelector":{"matchLabels":{"app":"web"}},"namespaces":["team-a"],
                     "topologyKey":"kubernetes.io/hostname"}}]}}}})"));
    }
};

QTEST_GUILESS_MAIN(ProtobufDecodeTest)
#include "tst_protobufdecode.moc"
