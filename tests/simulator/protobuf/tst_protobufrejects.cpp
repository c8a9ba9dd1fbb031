#include "protobufdecode.h"
#include "protowriter.h"

#include <QtTest>

using namespace binnacle::sim;

namespace {
ProtoWriter named(QByteArrayView name) {
    return ProtoWriter().message(1, ProtoWriter().string(1, name));
}
} // namespace

// Bodies the decoder must refuse, each with the error that tells where and why: data is never dropped.
class ProtobufRejectsTest : public QObject {
    Q_OBJECT

private slots:
    void rejects_data() {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("expectedError");
        QTest::newRow("unknown top-level field")
            << kubernetesEnvelope("v1", "Namespace", named("n").varint(9, 1))
            << "Namespace: unknown field number 9 (wire type 0) in message Namespace";
        const ProtoWriter container = ProtoWriter().string(1, "c").varint(99, 1);
        const ProtoWriter pod = named("p").message(
            2, ProtoWriter().message(2, ProtoWriter().string(1, "a")).message(2, container));
        QTest::newRow("unknown nested field")
            << kubernetesEnvelope("v1", "Pod", pod)
            << "Pod.spec.containers[1]: unknown field number 99 (wire type 0) in message Container";
        QTest::newRow("unknown kind") << kubernetesEnvelope("example.com/v1", "Widget", named("w"))
                                      << "no protobuf schema for kind Widget of example.com/v1";
        QTest::newRow("known kind in another version")
            << kubernetesEnvelope("apps/v1beta2", "Deployment", named("d"))
            << "no protobuf schema for kind Deployment of apps/v1beta2";
        QTest::newRow("unknown map-entry field")
            << kubernetesEnvelope("v1", "ConfigMap",
                                  named("c").message(2, ProtoWriter().string(1, "k").varint(3, 1)))
            << "ConfigMap.data: unknown field number 3 in a map entry";
        QTest::newRow("wrong wire type")
            << kubernetesEnvelope("v1", "Namespace", ProtoWriter().message(1, ProtoWriter().varint(1, 5)))
            << "Namespace.metadata.name: field 1 has wire type 0, expected 2";
        QTest::newRow("IntOrString type 2")
            << kubernetesEnvelope("policy/v1", "PodDisruptionBudget",
                                  named("p").message(2, ProtoWriter().message(1, ProtoWriter().varint(1, 2))))
            << "PodDisruptionBudget.spec.minAvailable: IntOrString of unknown type 2";
        QTest::newRow("content encoding") << QByteArray("k8s", 4) + ProtoWriter().string(3, "gzip").bytes()
                                          << "unsupported content encoding \"gzip\"";
        QTest::newRow("no kind") << QByteArray("k8s", 4) + ProtoWriter().string(2, "").bytes()
                                 << "the envelope names no kind";
        QTest::newRow("unknown envelope field") << QByteArray("k8s", 4) + ProtoWriter().string(7, "").bytes()
                                                << "unknown field number 7 in message Unknown";
        QTest::newRow("not protobuf")
            << QByteArray("{}") << "not a Kubernetes protobuf body: the \"k8s\\0\" prefix is missing";
        QTest::newRow("overlong varint") << QByteArray("k8s\0\x0a", 5) + QByteArray(11, '\xff')
                                         << "malformed or truncated envelope (runtime.Unknown)";
        QTest::newRow("length past the end") << QByteArray("k8s\0\x12\xff\xff\xff\xff\x0f", 10)
                                             << "malformed or truncated envelope (runtime.Unknown)";
        QTest::newRow("group wire type")
            << QByteArray("k8s\0\x0b", 5) << "malformed or truncated envelope (runtime.Unknown)";
    }
    void rejects() {
        QFETCH(QByteArray, body);
        QFETCH(QString, expectedError);
        const ProtobufDecodeResult result = decodeKubernetesProtobuf(body);
        QVERIFY(!result.ok());
        QCOMPARE(result.error, expectedError);
        QVERIFY(result.object.isEmpty());
    }

    // Objects embedded in FieldsV1 as protobuf, nested a thousand deep, must not exhaust the stack.
    void deepNestingIsAnError() {
        QByteArray body = kubernetesEnvelope("v1", "ConfigMap", named("leaf"));
        for (int level = 0; level < 1000; ++level) {
            const ProtoWriter entry = ProtoWriter().message(7, ProtoWriter().string(1, body));
            body = kubernetesEnvelope("v1", "ConfigMap",
                                      ProtoWriter().message(1, ProtoWriter().message(17, entry)));
        }
        QVERIFY(decodeKubernetesProtobuf(body).error.contains(QLatin1String("objects nested too deeply")));
    }
};

QTEST_GUILESS_MAIN(ProtobufRejectsTest)
#include "tst_protobufrejects.moc"
