#include "simulator.h"

#include "apiserver.h"
#include "certificateauthority.h"
#include "clusterseeder.h"
#include "controllermanager.h"
#include "httpserver.h"
#include "identity.h"
#include "resourcestorage.h"

#include <QRandomGenerator>
#include <QSslConfiguration>
#include <QSslKey>
#include <QTimer>

namespace binnacle::sim {

namespace {
QString randomToken() {
    QByteArray bytes(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32*>(bytes.data()), bytes.size() / 4);
    return QString::fromLatin1(
        bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}
} // namespace

Simulator::Simulator(SimulatorOptions options, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options)) {}

Simulator::~Simulator()
{
    // Connections (and the watches on them) go first, while the store they read is still there.
    delete m_httpServer;
    m_httpServer = nullptr;
}

bool Simulator::start(QString* error) {
    const CertificateAuthority ca = CertificateAuthority::create(QStringLiteral("binnacle-sim-ca"));
    if (ca.isNull()) {
        *error = QStringLiteral("could not create the cluster CA");
        return false;
    }
    const IssuedCertificate server = ca.issueServerCertificate(
        {QStringLiteral("localhost"), QStringLiteral("kubernetes"), QStringLiteral("kubernetes.default.svc")},
        {m_options.address.toString(), QStringLiteral("127.0.0.1")});
    const IssuedCertificate client =
        ca.issueClientCertificate(QStringLiteral("sim-cert-admin"), {QStringLiteral("system:masters")});
    if (server.isNull() || client.isNull()) {
        *error = QStringLiteral("could not issue the simulator's certificates");
        return false;
    }
    m_serverCertificatePem = server.certificatePem;
    m_serverKeyPem = server.privateKeyPem;
    m_credentials.caPem = ca.certificatePem();
    m_credentials.clientCertificatePem = client.certificatePem;
    m_credentials.clientKeyPem = client.privateKeyPem;
    m_credentials.adminToken = randomToken();
    m_credentials.readOnlyToken = randomToken();

    m_authenticator = std::make_unique<Authenticator>();
    m_authenticator->setClientCa(m_credentials.caPem);
    m_authenticator->addToken(
        m_credentials.adminToken,
        UserInfo{QStringLiteral("sim-admin"),
                 QStringLiteral("b2d1f5a0-0000-4000-8000-000000000001"),
                 {QStringLiteral("system:masters"), QStringLiteral("system:authenticated")},
                 false});
    m_authenticator->addToken(
        m_credentials.readOnlyToken,
        UserInfo{QStringLiteral("sim-readonly"),
                 QStringLiteral("b2d1f5a0-0000-4000-8000-000000000002"),
                 {QStringLiteral("binnacle:viewers"), QStringLiteral("system:authenticated")},
                 false});
    m_authorizer = std::make_unique<Authorizer>();

    m_store = new ObjectStore(this);
    m_registry = new ResourceRegistry(this);
    m_storage = new ResourceStorage(m_store, m_registry, this);
    m_storage->setRandomSeed(m_options.seed);
    m_faults = new FaultInjector(this);
    connect(m_storage, &ResourceStorage::customResourceDefinitionChanged, this,
            &Simulator::onCustomResourceDefinitionChanged);

    ServerContext context;
    context.storage = m_storage;
    context.authenticator = m_authenticator.get();
    context.authorizer = m_authorizer.get();
    context.faults = m_faults;
    m_apiServer = new ApiServer(context, this);

    m_httpServer = new HttpServer(this);
    m_httpServer->setHandler([this](HttpConnection* connection, const HttpRequest& request) {
        m_apiServer->handle(connection, request);
    });
    m_httpServer->setRejectionHandler([this](HttpConnection* connection, int status, qsizetype maxBodyBytes) {
        m_apiServer->reject(connection, status, maxBodyBytes);
    });
    if (!listen(error)) {
        return false;
    }
    m_apiServer->context().serverAddress =
        QStringLiteral("%1:%2").arg(m_options.address.toString()).arg(port());
    m_credentials.serverUrl = serverUrl();

    ClusterSeeder seeder(m_storage, m_options.seed);
    seeder.seedBase(m_credentials.caPem);
    if (m_options.demo) {
        seeder.seedDemo();
    }
    if (m_options.bulkPods > 0) {
        seeder.seedBulkPods(m_options.bulkPods);
        m_store->precomputeJson(m_storage->type(QString(), QStringLiteral("pods")).key());
    }
    if (m_options.controllers) {
        auto* controllers =
            new ControllerManager(m_storage, ControllerOptions{m_options.timeScale, m_options.seed}, this);
        controllers->start();
        m_controllers = controllers;
    }

    connect(m_faults, &FaultInjector::dropWatchesRequested, this,
            [this] { m_apiServer->reads().dropWatches(); });
    connect(m_faults, &FaultInjector::closeIdleConnectionsRequested, this,
            [this] { m_httpServer->closeIdleConnections(); });
    connect(m_faults, &FaultInjector::compactRequested, this, [this] { m_store->compactNow(); });
    connect(m_faults, &FaultInjector::restartRequested, this, &Simulator::restart);
    return true;
}

bool Simulator::listen(QString* error) {
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificate(QSslCertificate(m_serverCertificatePem, QSsl::Pem));
    tls.setPrivateKey(QSslKey(m_serverKeyPem, QSsl::Ec, QSsl::Pem));
    // Ask for a client certificate but let token users in without one; the Authenticator verifies it.
    tls.setPeerVerifyMode(QSslSocket::QueryPeer);
    tls.setCaCertificates({QSslCertificate(m_credentials.caPem, QSsl::Pem)});
    tls.setAllowedNextProtocols({QByteArrayLiteral("http/1.1")});
    QString listenError;
    if (!m_httpServer->listen(m_options.address, m_options.port, tls, &listenError)) {
        *error = QStringLiteral("cannot listen on %1:%2: %3")
                     .arg(m_options.address.toString())
                     .arg(m_options.port)
                     .arg(listenError);
        return false;
    }
    m_options.port = m_httpServer->port(); // a restart comes back on the same port
    return true;
}

quint16 Simulator::port() const {
    return m_httpServer ? m_httpServer->port() : 0;
}

QString Simulator::serverUrl() const {
    const QString host = m_options.address.protocol() == QAbstractSocket::IPv6Protocol
                             ? QLatin1Char('[') + m_options.address.toString() + QLatin1Char(']')
                             : m_options.address.toString();
    return QStringLiteral("https://%1:%2").arg(host).arg(port());
}

QByteArray Simulator::kubeconfig() const {
    return renderKubeconfig(m_credentials);
}

void Simulator::restart(int downMs) {
    m_httpServer->close();
    m_httpServer->abortAllConnections();
    QTimer::singleShot(downMs, this, [this] {
        QString error;
        if (!listen(&error)) {
            qWarning("binnacle-sim: restart failed: %s", qPrintable(error));
        }
    });
}

void Simulator::onCustomResourceDefinitionChanged(const QJsonObject& crd, bool removed) {
    const QString name =
        crd.value(QLatin1String("metadata")).toObject().value(QLatin1String("name")).toString();
    if (!removed) {
        const QJsonObject spec = crd.value(QLatin1String("spec")).toObject();
        const auto existing = m_registry->find(
            spec.value(QLatin1String("group")).toString(),
            spec.value(QLatin1String("names")).toObject().value(QLatin1String("plural")).toString());
        if (existing) {
            m_registry->removeCustomResource(name);
        }
        m_registry->serveCustomResource(crd);
        return;
    }
    // Deleting a CRD deletes every instance (each a DELETED event for its watchers), then stops serving it.
    for (const auto& type : m_registry->all()) {
        if (type->custom && type->crdName == name) {
            for (const ObjectPtr& object : m_store->list(type->key())) {
                m_storage->purge(*type, object->namespaceName(), object->name());
            }
        }
    }
    m_registry->removeCustomResource(name);
}

} // namespace binnacle::sim
