// Per-kind field selector support and values, as kube-apiserver v1.32 registers and computes them.
#include "fieldselector.h"
#include "fieldselectorsupport.h"

#include <QJsonDocument>
#include <QTest>

using namespace binnacle::sim;

namespace {

QJsonObject jsonObject(const char* json) {
    return QJsonDocument::fromJson(json).object();
}

// The fields of the fixture pod pod-replicaset-owned-managedfields.yaml that field selectors read,
// transcribed by hand.
QJsonObject fixturePod() {
    return jsonObject(R"({
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": "small-deployment-10-67cc84df8d-88gxr", "namespace": "test-gpqsgu-1"},
        "spec": {"nodeName": "kind-worker6", "restartPolicy": "Always", "schedulerName": "default-scheduler",
                 "securityContext": {}, "serviceAccount": "default", "serviceAccountName": "default"},
        "status": {"phase": "Pending", "podIP": "10.244.7.83", "podIPs": [{"ip": "10.244.7.83"}],
                   "hostIP": "192.168.8.8"}
    })");
}

} // namespace

class TestFieldSelectorSupport : public QObject {
    Q_OBJECT

private slots:
    void support_data();
    void support();
    void unsupportedMessages_data();
    void unsupportedMessages();
    void fixturePodValues_data();
    void fixturePodValues();
    void otherKindValues_data();
    void otherKindValues();
    void selectorOverFixturePod();
};

void TestFieldSelectorSupport::support_data() {
    QTest::addColumn<QString>("group");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("field");
    QTest::addColumn<bool>("supported");

    QTest::newRow("pod nodeName") << ""
                                  << "Pod"
                                  << "spec.nodeName" << true;
    QTest::newRow("pod hostNetwork") << ""
                                     << "Pod"
                                     << "spec.hostNetwork" << true;
    QTest::newRow("pod podIPs") << ""
                                << "Pod"
                                << "status.podIPs" << true;
    QTest::newRow("pod legacy spec.host") << ""
                                          << "Pod"
                                          << "spec.host" << true;
    QTest::newRow("pod hostIP") << ""
                                << "Pod"
                                << "status.hostIP" << false;
    QTest::newRow("deployment name") << "apps"
                                     << "Deployment"
                                     << "metadata.name" << true;
    QTest::newRow("deployment namespace") << "apps"
                                          << "Deployment"
                                          << "metadata.namespace" << true;
    QTest::newRow("deployment replicas") << "apps"
                                         << "Deployment"
                                         << "status.replicas" << false;
    QTest::newRow("replicaset replicas") << "apps"
                                         << "ReplicaSet"
                                         << "status.replicas" << true;
    QTest::newRow("rc replicas") << ""
                                 << "ReplicationController"
                                 << "status.replicas" << true;
    QTest::newRow("core event involvedObject") << ""
                                               << "Event"
                                               << "involvedObject.uid" << true;
    QTest::newRow("core event reportingComponent") << ""
                                                   << "Event"
                                                   << "reportingComponent" << true;
    QTest::newRow("events.k8s.io regarding") << "events.k8s.io"
                                             << "Event"
                                             << "regarding.name" << true;
    QTest::newRow("events.k8s.io reportingController") << "events.k8s.io"
                                                       << "Event"
                                                       << "reportingController" << true;
    QTest::newRow("events.k8s.io has no involvedObject") << "events.k8s.io"
                                                         << "Event"
                                                         << "involvedObject.name" << false;
    QTest::newRow("secret type") << ""
                                 << "Secret"
                                 << "type" << true;
    QTest::newRow("node unschedulable") << ""
                                        << "Node"
                                        << "spec.unschedulable" << true;
    QTest::newRow("node has no namespace selector") << ""
                                                    << "Node"
                                                    << "metadata.namespace" << false;
    QTest::newRow("namespace phase") << ""
                                     << "Namespace"
                                     << "status.phase" << true;
    QTest::newRow("job successful") << "batch"
                                    << "Job"
                                    << "status.successful" << true;
    QTest::newRow("csr signerName") << "certificates.k8s.io"
                                    << "CertificateSigningRequest"
                                    << "spec.signerName" << true;
    QTest::newRow("service type") << ""
                                  << "Service"
                                  << "spec.type" << true;
    QTest::newRow("configmap data") << ""
                                    << "ConfigMap"
                                    << "data.key" << false;
}

void TestFieldSelectorSupport::support() {
    QFETCH(QString, group);
    QFETCH(QString, kind);
    QFETCH(QString, field);
    QFETCH(bool, supported);
    QCOMPARE(isFieldSelectorSupported(group, kind, field), supported);
    QCOMPARE(supportedFieldSelectors(group, kind).contains(field), supported);
}

void TestFieldSelectorSupport::unsupportedMessages_data() {
    QTest::addColumn<QString>("group");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("expected");

    QTest::newRow("pod") << ""
                         << "Pod"
                         << "field label not supported: foo.bar";
    QTest::newRow("job") << "batch"
                         << "Job"
                         << "field label \"foo.bar\" not supported for Job";
    QTest::newRow("ingress, default conversion")
        << "networking.k8s.io"
        << "Ingress"
        << "\"foo.bar\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"";
}

void TestFieldSelectorSupport::unsupportedMessages() {
    QFETCH(QString, group);
    QFETCH(QString, kind);
    QFETCH(QString, expected);
    QCOMPARE(unsupportedFieldSelectorMessage(group, kind, QStringLiteral("foo.bar")), expected);
}

void TestFieldSelectorSupport::fixturePodValues_data() {
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("expected");

    QTest::newRow("name") << "metadata.name"
                          << "small-deployment-10-67cc84df8d-88gxr";
    QTest::newRow("namespace") << "metadata.namespace"
                               << "test-gpqsgu-1";
    QTest::newRow("nodeName") << "spec.nodeName"
                              << "kind-worker6";
    QTest::newRow("spec.host alias") << "spec.host"
                                     << "kind-worker6";
    QTest::newRow("restartPolicy") << "spec.restartPolicy"
                                   << "Always";
    QTest::newRow("schedulerName") << "spec.schedulerName"
                                   << "default-scheduler";
    QTest::newRow("serviceAccountName") << "spec.serviceAccountName"
                                        << "default";
    QTest::newRow("hostNetwork defaults to false") << "spec.hostNetwork"
                                                   << "false";
    QTest::newRow("phase") << "status.phase"
                           << "Pending";
    QTest::newRow("podIP") << "status.podIP"
                           << "10.244.7.83";
    QTest::newRow("podIPs is not in the selectable set") << "status.podIPs"
                                                         << "";
    QTest::newRow("nominatedNodeName absent") << "status.nominatedNodeName"
                                              << "";
}

void TestFieldSelectorSupport::fixturePodValues() {
    QFETCH(QString, field);
    QFETCH(QString, expected);
    QCOMPARE(fieldSelectorValue(QString(), QStringLiteral("Pod"), fixturePod(), field), expected);
}

void TestFieldSelectorSupport::otherKindValues_data() {
    QTest::addColumn<QString>("group");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("objectJson");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("expected");

    QTest::newRow("pod hostNetwork true") << ""
                                          << "Pod"
                                          << R"({"spec":{"hostNetwork":true}})"
                                          << "spec.hostNetwork"
                                          << "true";
    QTest::newRow("pod serviceAccount fallback") << ""
                                                 << "Pod"
                                                 << R"({"spec":{"serviceAccount":"legacy"}})"
                                                 << "spec.serviceAccountName"
                                                 << "legacy";
    QTest::newRow("pod podIP without podIPs") << ""
                                              << "Pod"
                                              << R"({"status":{"podIP":"10.0.0.1"}})"
                                              << "status.podIP"
                                              << "10.0.0.1";
    QTest::newRow("node unschedulable default") << ""
                                                << "Node"
                                                << R"({"spec":{}})"
                                                << "spec.unschedulable"
                                                << "false";
    QTest::newRow("node unschedulable") << ""
                                        << "Node"
                                        << R"({"spec":{"unschedulable":true}})"
                                        << "spec.unschedulable"
                                        << "true";
    QTest::newRow("node namespace is empty") << ""
                                             << "Node"
                                             << R"({"metadata":{"name":"n1"}})"
                                             << "metadata.namespace"
                                             << "";
    QTest::newRow("replicaset replicas") << "apps"
                                         << "ReplicaSet"
                                         << R"({"status":{"replicas":3}})"
                                         << "status.replicas"
                                         << "3";
    QTest::newRow("replicaset replicas default") << "apps"
                                                 << "ReplicaSet"
                                                 << R"({"status":{}})"
                                                 << "status.replicas"
                                                 << "0";
    QTest::newRow("rc replicas") << ""
                                 << "ReplicationController"
                                 << R"({"status":{"replicas":2}})"
                                 << "status.replicas"
                                 << "2";
    QTest::newRow("job successful reads succeeded") << "batch"
                                                    << "Job"
                                                    << R"({"status":{"succeeded":1}})"
                                                    << "status.successful"
                                                    << "1";
    QTest::newRow("secret type") << ""
                                 << "Secret"
                                 << R"({"type":"kubernetes.io/tls"})"
                                 << "type"
                                 << "kubernetes.io/tls";
    QTest::newRow("namespace phase") << ""
                                     << "Namespace"
                                     << R"({"status":{"phase":"Active"}})"
                                     << "status.phase"
                                     << "Active";
    QTest::newRow("csr signer") << "certificates.k8s.io"
                                << "CertificateSigningRequest"
                                << R"({"spec":{"signerName":"kubernetes.io/kube-apiserver-client"}})"
                                << "spec.signerName"
                                << "kubernetes.io/kube-apiserver-client";
    QTest::newRow("core event involvedObject")
        << ""
        << "Event"
        << R"({"involvedObject":{"kind":"Pod","name":"web-1","uid":"u-1"}})"
        << "involvedObject.name"
        << "web-1";
    QTest::newRow("core event source component")
        << ""
        << "Event"
        << R"({"source":{"component":"kubelet"},"reportingComponent":"x"})"
        << "source"
        << "kubelet";
    QTest::newRow("core event source falls back to reportingComponent")
        << ""
        << "Event"
        << R"({"source":{},"reportingComponent":"scheduler"})"
        << "source"
        << "scheduler";
    QTest::newRow("events.k8s.io regarding") << "events.k8s.io"
                                             << "Event"
                                             << R"({"regarding":{"kind":"Pod","name":"web-1"}})"
                                             << "regarding.kind"
                                             << "Pod";
    QTest::newRow("events.k8s.io source") << "events.k8s.io"
                                          << "Event"
                                          << R"({"deprecatedSource":{"component":"kubelet"}})"
                                          << "source"
                                          << "kubelet";
    QTest::newRow("events.k8s.io reportingController") << "events.k8s.io"
                                                       << "Event"
                                                       << R"({"reportingController":"default-scheduler"})"
                                                       << "reportingController"
                                                       << "default-scheduler";
    QTest::newRow("service clusterIP") << ""
                                       << "Service"
                                       << R"({"spec":{"clusterIP":"10.96.0.1"}})"
                                       << "spec.clusterIP"
                                       << "10.96.0.1";
}

void TestFieldSelectorSupport::otherKindValues() {
    QFETCH(QString, group);
    QFETCH(QString, kind);
    QFETCH(QString, objectJson);
    QFETCH(QString, field);
    QFETCH(QString, expected);
    const QJsonObject object = QJsonDocument::fromJson(objectJson.toUtf8()).object();
    QCOMPARE(fieldSelectorValue(group, kind, object, field), expected);
}

void TestFieldSelectorSupport::selectorOverFixturePod() {
    const QJsonObject pod = fixturePod();
    const auto valueOf = [&pod](const QString& field) {
        return fieldSelectorValue(QString(), QStringLiteral("Pod"), pod, field);
    };
    QString error;
    const auto onNode =
        FieldSelector::parse(QStringLiteral("spec.nodeName=kind-worker6,status.phase!=Running"), &error);
    QVERIFY2(onNode.has_value(), qPrintable(error));
    QVERIFY(onNode->matches(valueOf));
    const auto elsewhere = FieldSelector::parse(QStringLiteral("spec.nodeName=kind-worker1"), &error);
    QVERIFY2(elsewhere.has_value(), qPrintable(error));
    QVERIFY(!elsewhere->matches(valueOf));
    const auto notHostNetwork = FieldSelector::parse(QStringLiteral("spec.hostNetwork=false"), &error);
    QVERIFY2(notHostNetwork.has_value(), qPrintable(error));
    QVERIFY(notHostNetwork->matches(valueOf));
}

QTEST_GUILESS_MAIN(TestFieldSelectorSupport)
#include "tst_fieldselectorsupport.moc"
