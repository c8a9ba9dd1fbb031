// Port-forward throughput through PortForwarder to the simulator's echo responder (simulator on a thread
// of its own): MB/s of payload carried each way. Printed, never asserted. kubectl port-forward is not
// compared: kubectl 1.32 speaks SPDY (or SPDY tunnelled in WebSocket), which the simulator does not serve.
#include "embeddedsimulator.h"
#include "portforwarder.h"
#include "resourcestorage.h"
#include "websocketconnector.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonObject>
#include <QTcpSocket>
#include <cstdio>

using namespace binnacle;

namespace {
class StaticToken : public transport::CredentialProvider {
public:
    explicit StaticToken(QString token)
        : m_token(std::move(token)) {}
    void requestCredentials(Callback done) override {
        transport::Credentials credentials;
        credentials.headers.append({"Authorization", "Bearer " + m_token.toUtf8()});
        done(credentials, std::nullopt);
    }
    bool invalidate() override { return false; }

private:
    QString m_token;
};

void createEchoPod(sim::Simulator& simulator) {
    sim::ResourceStorage* storage = simulator.storage();
    const auto& pods = storage->type(QString(), QStringLiteral("pods"));
    QJsonObject container{{"name", "main"},
                          {"image", "nginx:1.27"},
                          {"ports", QJsonArray{QJsonObject{{"name", "echo"}, {"containerPort", 9000}}}}};
    auto created = storage->create(
        pods, QStringLiteral("default"),
        QJsonObject{{"apiVersion", "v1"},
                    {"kind", "Pod"},
                    {"metadata", QJsonObject{{"name", "bench"}}},
                    {"spec", QJsonObject{{"nodeName", "node-1"}, {"containers", QJsonArray{container}}}}});
    QJsonObject object = created.object->object;
    QJsonObject running{{"running", QJsonObject{{"startedAt", "2026-01-01T00:00:00Z"}}}};
    object.insert(
        "status",
        QJsonObject{{"phase", "Running"},
                    {"containerStatuses",
                     QJsonArray{QJsonObject{{"name", "main"}, {"ready", true}, {"state", running}}}}});
    sim::WriteOptions options;
    options.subresource = QStringLiteral("status");
    storage->update(pods, QStringLiteral("default"), QStringLiteral("bench"), object, options);
}
} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const qint64 megabytes = argc > 1 ? QByteArray(argv[1]).toLongLong() : 64;

    sim::SimulatorOptions options;
    options.controllers = false;
    sim::EmbeddedSimulator simulator(options);
    QEventLoop startup;
    QObject::connect(&simulator, &sim::EmbeddedSimulator::ready, &startup, &QEventLoop::quit);
    QObject::connect(&simulator, &sim::EmbeddedSimulator::failed, &startup, [&](const QString& error) {
        std::fprintf(stderr, "simulator: %s\n", qPrintable(error));
        startup.exit(1);
    });
    simulator.start();
    if (startup.exec() != 0) {
        return 1;
    }
    simulator.runBlocking(createEchoPod);

    StaticToken token(simulator.credentials().adminToken);
    transport::ClusterEndpoint endpoint;
    endpoint.server = QUrl(simulator.credentials().serverUrl);
    endpoint.caPem = simulator.credentials().caPem;
    streaming::WebSocketConnector connector(endpoint, &token);
    streaming::PortForwarder forwarder(&connector, nullptr);
    QString error;
    if (!forwarder.start(streaming::ForwardTarget::pod(QStringLiteral("default"), QStringLiteral("bench")),
                         {{0, 9000}}, &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }

    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, forwarder.ports()[0].localPort);
    const QByteArray chunk(256 * 1024, 'x');
    const qint64 total = megabytes * 1024 * 1024;
    qint64 sent = 0;
    qint64 received = 0;
    QElapsedTimer timer;
    QEventLoop loop;
    auto pump = [&] {
        // Keep a bounded amount in flight so that the measurement is of the pipe, not of buffers.
        while (sent < total && sent - received < 8 * chunk.size()) {
            client.write(chunk);
            sent += chunk.size();
        }
    };
    QObject::connect(&client, &QTcpSocket::connected, &loop, [&] {
        timer.start();
        pump();
    });
    QObject::connect(&client, &QTcpSocket::readyRead, &loop, [&] {
        received += client.readAll().size();
        if (received >= total) {
            loop.quit();
        } else {
            pump();
        }
    });
    loop.exec();
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    std::printf("port-forward echo through PortForwarder: %lld MiB each way in %.2f s = %.1f MiB/s\n",
                static_cast<long long>(megabytes), seconds, double(megabytes) / seconds);
    return 0;
}
