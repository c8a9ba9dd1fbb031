// Port-forward throughput to the simulator's echo responder (simulator on a thread of its own), the same
// bytes through our PortForwarder (WebSocket v4.channel.k8s.io) and then through real `kubectl
// port-forward` (kubectl 1.32: SPDY/3.1 tunnelled in WebSocket) on the same simulator and pod: MiB/s of
// payload carried each way for both, and their ratio. Printed, never asserted.
// Usage: bench_portforward [MiB] [rounds]; BINNACLE_KUBECTL names the kubectl to run (else kubectl.1.32,
// kubectl).
#include "../transport/transporttesting.h"
#include "embeddedsimulator.h"
#include "portforwarder.h"
#include "resourcestorage.h"
#include "websocketconnector.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTimer>
#include <cstdio>

using namespace binnacle;
using StaticToken = testing::StaticTokenProvider; // the transport tests' fixed bearer token

namespace {
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
// Echoes `total` bytes through a forwarder's local port; the seconds it took, or a negative number on
// failure.
double measureEcho(quint16 port, qint64 total) {
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, port);
    const QByteArray chunk(256 * 1024, 'x');
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
    QObject::connect(&client, &QTcpSocket::disconnected, &loop, [&] { loop.exit(1); });
    QTimer::singleShot(300000, &loop, [&] { loop.exit(1); }); // a bench that hangs tells nothing
    if (loop.exec() != 0) {
        return -1;
    }
    return double(timer.nsecsElapsed()) / 1e9;
}

QString kubectlPath() {
    const QString fromEnvironment = qEnvironmentVariable("BINNACLE_KUBECTL");
    if (!fromEnvironment.isEmpty()) {
        return fromEnvironment;
    }
    const QString pinned = QStandardPaths::findExecutable(QStringLiteral("kubectl.1.32"));
    return pinned.isEmpty() ? QStandardPaths::findExecutable(QStringLiteral("kubectl")) : pinned;
}

// Starts `kubectl port-forward pod/bench :9000` and returns the local port it listens on; 0 on failure.
quint16 startKubectlForward(QProcess& kubectl, const QString& kubeconfigPath) {
    kubectl.start(kubectlPath(), {QStringLiteral("--kubeconfig"), kubeconfigPath, QStringLiteral("-n"),
                                  QStringLiteral("default"), QStringLiteral("port-forward"),
                                  QStringLiteral("pod/bench"), QStringLiteral(":9000")});
    static const QRegularExpression forwarding(
        QStringLiteral("Forwarding from 127\\.0\\.0\\.1:(\\d+) -> 9000"));
    QByteArray output;
    quint16 port = 0;
    QEventLoop loop;
    QObject::connect(&kubectl, &QProcess::readyReadStandardOutput, &loop, [&] {
        output += kubectl.readAllStandardOutput();
        const auto match = forwarding.match(QString::fromUtf8(output));
        if (match.hasMatch()) {
            port = quint16(match.captured(1).toUInt());
            loop.quit();
        }
    });
    QObject::connect(&kubectl, &QProcess::finished, &loop, &QEventLoop::quit);
    QObject::connect(&kubectl, &QProcess::errorOccurred, &loop, &QEventLoop::quit);
    QTimer::singleShot(30000, &loop, &QEventLoop::quit);
    loop.exec();
    return port;
}
} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const qint64 megabytes = argc > 1 ? QByteArray(argv[1]).toLongLong() : 64;
    const int rounds = argc > 2 ? qMax(1, QByteArray(argv[2]).toInt()) : 3;

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

    // kubectl runs beside our forwarder; rounds alternate between the two so that a busy machine weighs on
    // both alike, and the best round of each is compared.
    QTemporaryDir home;
    const QString kubeconfigPath = home.filePath(QStringLiteral("kubeconfig"));
    QFile kubeconfig(kubeconfigPath);
    if (!kubeconfig.open(QIODevice::WriteOnly) || kubeconfig.write(simulator.kubeconfig()) < 0) {
        return 1;
    }
    kubeconfig.close();
    QProcess kubectl;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("HOME"), home.path()); // its discovery cache stays in the temp dir
    kubectl.setProcessEnvironment(environment);
    const quint16 kubectlPort = startKubectlForward(kubectl, kubeconfigPath);
    if (kubectlPort == 0) {
        std::printf("kubectl port-forward did not start: %s\n",
                    qPrintable(QString::fromUtf8(kubectl.readAllStandardError()).trimmed()));
        return 1;
    }

    const qint64 total = megabytes * 1024 * 1024;
    double ours = 0;
    double theirs = 0;
    std::printf("port-forward echo, %lld MiB each way, %d rounds (MiB/s):\n",
                static_cast<long long>(megabytes), rounds);
    for (int round = 0; round < rounds; ++round) {
        const double ourSeconds = measureEcho(forwarder.ports()[0].localPort, total);
        const double theirSeconds = measureEcho(kubectlPort, total);
        if (ourSeconds < 0 || theirSeconds < 0) {
            std::printf("the echo through %s failed: %s\n", ourSeconds < 0 ? "PortForwarder" : "kubectl",
                        qPrintable(QString::fromUtf8(kubectl.readAllStandardError()).trimmed()));
            return 1;
        }
        std::printf("  round %d: binnacle %7.1f, kubectl %7.1f\n", round + 1, double(megabytes) / ourSeconds,
                    double(megabytes) / theirSeconds);
        ours = round == 0 ? ourSeconds : qMin(ours, ourSeconds);
        theirs = round == 0 ? theirSeconds : qMin(theirs, theirSeconds);
    }
    forwarder.stop();
    kubectl.terminate();
    kubectl.waitForFinished(5000);
    std::printf("  best: binnacle PortForwarder %.1f MiB/s, kubectl port-forward %.1f MiB/s\n",
                double(megabytes) / ours, double(megabytes) / theirs);
    std::printf("  ratio: %.2fx kubectl's throughput\n", theirs / ours);
    return 0;
}
