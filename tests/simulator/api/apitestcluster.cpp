#include "apitestcluster.h"

#include "certificateauthority.h"

#include <QJsonDocument>
#include <QSignalSpy>

namespace binnacle::sim::apitest {

ApiTestCluster::ApiTestCluster(SimulatorOptions options)
    : m_simulator(std::make_unique<EmbeddedSimulator>(std::move(options))) {}

ApiTestCluster::~ApiTestCluster() = default;

bool ApiTestCluster::start(QString* error) {
    QSignalSpy ready(m_simulator.get(), &EmbeddedSimulator::ready);
    QSignalSpy failed(m_simulator.get(), &EmbeddedSimulator::failed);
    m_simulator->start();
    if (!ready.wait(20000)) {
        *error = failed.isEmpty() ? QStringLiteral("the simulator did not start")
                                  : failed.first().first().toString();
        return false;
    }
    const SimulatorCredentials& credentials = m_simulator->credentials();
    m_access.port = quint16(credentials.serverUrl.section(QLatin1Char(':'), -1).toUInt());
    m_access.caPem = credentials.caPem;
    m_access.adminToken = credentials.adminToken.toLatin1();
    m_access.readOnlyToken = credentials.readOnlyToken.toLatin1();
    m_access.clientCertificatePem = credentials.clientCertificatePem;
    m_access.clientKeyPem = credentials.clientKeyPem;
    // The same user and groups as the real client certificate, signed by a CA the server never saw.
    const CertificateAuthority foreignCa = CertificateAuthority::create(QStringLiteral("someone-elses-ca"));
    const IssuedCertificate foreign = foreignCa.issueClientCertificate(QStringLiteral("sim-cert-admin"),
                                                                       {QStringLiteral("system:masters")});
    m_access.foreignCertificatePem = foreign.certificatePem;
    m_access.foreignKeyPem = foreign.privateKeyPem;
    return m_access.port != 0 && !foreign.isNull();
}

void ApiTestCluster::onSimulator(const std::function<void(Simulator&)>& work) {
    m_simulator->runBlocking(work);
}

WireResponse ApiTestCluster::send(const WireRequest& request, int timeoutMs) {
    WireConnection connection(m_access, request.credential);
    return connection.exchange(request, timeoutMs);
}

WireResponse ApiTestCluster::get(const QByteArray& target, Credential credential,
                                 const WireHeaders& headers) {
    return send(WireRequest{"GET", target, {}, headers, credential});
}

WireResponse ApiTestCluster::post(const QByteArray& target, const QJsonObject& body, Credential credential) {
    return send(
        WireRequest{"POST", target, compact(body), {{"Content-Type", "application/json"}}, credential});
}

WireResponse ApiTestCluster::put(const QByteArray& target, const QJsonObject& body, Credential credential) {
    return send(
        WireRequest{"PUT", target, compact(body), {{"Content-Type", "application/json"}}, credential});
}

WireResponse ApiTestCluster::patch(const QByteArray& target, const QByteArray& contentType,
                                   const QByteArray& body) {
    return send(WireRequest{"PATCH", target, body, {{"Content-Type", contentType}}, Credential::Admin});
}

WireResponse ApiTestCluster::remove(const QByteArray& target, const QJsonObject& options) {
    WireRequest request{"DELETE", target, {}, {}, Credential::Admin};
    if (!options.isEmpty()) {
        request.body = compact(options);
        request.headers.append(header("Content-Type", "application/json"));
    }
    return send(request);
}

QJsonObject ApiTestCluster::fault(const QJsonObject& faults) {
    return post("/binnacle-sim/faults", faults).json();
}

qint64 ApiTestCluster::resourceVersion() {
    return qint64(get("/binnacle-sim/stats").json().value(QLatin1String("resourceVersion")).toDouble());
}

void ApiTestCluster::ensureNamespace(const QString& name) {
    post("/api/v1/namespaces", namespaceObject(name));
}

QJsonObject configMap(const QString& name, const QJsonObject& labels, const QJsonObject& data) {
    QJsonObject metadata{{QStringLiteral("name"), name}};
    if (!labels.isEmpty()) {
        metadata.insert(QStringLiteral("labels"), labels);
    }
    QJsonObject object{{QStringLiteral("apiVersion"), QStringLiteral("v1")},
                       {QStringLiteral("kind"), QStringLiteral("ConfigMap")},
                       {QStringLiteral("metadata"), metadata}};
    if (!data.isEmpty()) {
        object.insert(QStringLiteral("data"), data);
    }
    return object;
}

QJsonObject deployment(const QString& name, int replicas, const QString& app) {
    const QJsonObject labels{{QStringLiteral("app"), app}};
    const QJsonObject container{{QStringLiteral("name"), QStringLiteral("main")},
                                {QStringLiteral("image"), QStringLiteral("nginx:1.27")}};
    return QJsonObject{
        {QStringLiteral("apiVersion"), QStringLiteral("apps/v1")},
        {QStringLiteral("kind"), QStringLiteral("Deployment")},
        {QStringLiteral("metadata"),
         QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("labels"), labels}}},
        {QStringLiteral("spec"),
         QJsonObject{
             {QStringLiteral("replicas"), replicas},
             {QStringLiteral("selector"), QJsonObject{{QStringLiteral("matchLabels"), labels}}},
             {QStringLiteral("template"),
              QJsonObject{{QStringLiteral("metadata"), QJsonObject{{QStringLiteral("labels"), labels}}},
                          {QStringLiteral("spec"),
                           QJsonObject{{QStringLiteral("containers"), QJsonArray{container}}}}}}}}};
}

QJsonObject namespaceObject(const QString& name) {
    return QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("v1")},
                       {QStringLiteral("kind"), QStringLiteral("Namespace")},
                       {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), name}}}};
}

QJsonObject widgetCrd(const QString& group) {
    const QJsonObject schema{{QStringLiteral("type"), QStringLiteral("object")},
                             {QStringLiteral("x-kubernetes-preserve-unknown-fields"), true}};
    const QJsonObject scale{{QStringLiteral("specReplicasPath"), QStringLiteral(".spec.replicas")},
                            {QStringLiteral("statusReplicasPath"), QStringLiteral(".status.replicas")},
                            {QStringLiteral("labelSelectorPath"), QStringLiteral(".status.selector")}};
    const QJsonObject version{
        {QStringLiteral("name"), QStringLiteral("v1")},
        {QStringLiteral("served"), true},
        {QStringLiteral("storage"), true},
        {QStringLiteral("schema"), QJsonObject{{QStringLiteral("openAPIV3Schema"), schema}}},
        {QStringLiteral("subresources"),
         QJsonObject{{QStringLiteral("status"), QJsonObject()}, {QStringLiteral("scale"), scale}}}};
    return QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("apiextensions.k8s.io/v1")},
                       {QStringLiteral("kind"), QStringLiteral("CustomResourceDefinition")},
                       {QStringLiteral("metadata"),
                        QJsonObject{{QStringLiteral("name"), QStringLiteral("widgets.") + group}}},
                       {QStringLiteral("spec"),
                        QJsonObject{{QStringLiteral("group"), group},
                                    {QStringLiteral("scope"), QStringLiteral("Namespaced")},
                                    {QStringLiteral("names"),
                                     QJsonObject{{QStringLiteral("plural"), QStringLiteral("widgets")},
                                                 {QStringLiteral("singular"), QStringLiteral("widget")},
                                                 {QStringLiteral("kind"), QStringLiteral("Widget")},
                                                 {QStringLiteral("listKind"), QStringLiteral("WidgetList")}}},
                                    {QStringLiteral("versions"), QJsonArray{version}}}}};
}

QJsonObject widget(const QString& group, const QString& name, int replicas) {
    return QJsonObject{
        {QStringLiteral("apiVersion"), group + QStringLiteral("/v1")},
        {QStringLiteral("kind"), QStringLiteral("Widget")},
        {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), name}}},
        {QStringLiteral("spec"), QJsonObject{{QStringLiteral("replicas"), replicas},
                                             {QStringLiteral("color"), QStringLiteral("blue")}}}};
}

QByteArray compact(const QJsonObject& object) {
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QStringList itemNames(const QJsonObject& list) {
    QStringList names;
    for (const QJsonValue& item : list.value(QLatin1String("items")).toArray()) {
        names.append(item.toObject()
                         .value(QLatin1String("metadata"))
                         .toObject()
                         .value(QLatin1String("name"))
                         .toString());
    }
    return names;
}

QJsonValue meta(const QJsonObject& object, const QString& key) {
    return object.value(QLatin1String("metadata")).toObject().value(key);
}

} // namespace binnacle::sim::apitest
