// Simulator throughput on loopback TLS: a full list of N realistic pods, and watch event delivery,
// measured by a raw HTTPS reader (and by curl, an independent client, when it is installed).
// Printed, never asserted: machines are noisy.
#include "embeddedsimulator.h"
#include "objectstore.h"
#include "resourcestorage.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QProcess>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTemporaryFile>
#include <QUrl>
#include <cstdio>

using namespace binnacle::sim;

namespace {

// Reads one HTTP response (Content-Length or chunked) and counts body bytes and newline-terminated lines.
struct StreamReader {
    QByteArray buffer;
    qsizetype position = 0; // consumed bytes at the front of `buffer`
    qint64 bodyBytes = 0;
    qint64 lines = 0;
    bool headDone = false;
    bool finished = false;

    void feed(const QByteArray& data) {
        if (position > (8 << 20)) {
            buffer.remove(0, position);
            position = 0;
        }
        buffer += data;
        if (!headDone) {
            const qsizetype end = buffer.indexOf("\r\n\r\n", position);
            if (end < 0) {
                return;
            }
            position = end + 4;
            headDone = true;
        }
        while (true) {
            const qsizetype lineEnd = buffer.indexOf("\r\n", position);
            if (lineEnd < 0) {
                return;
            }
            const qsizetype size =
                QByteArrayView(buffer).sliced(position, lineEnd - position).toLongLong(nullptr, 16);
            if (size == 0) {
                finished = true;
                return;
            }
            if (buffer.size() < lineEnd + 2 + size + 2) {
                return;
            }
            const char* chunk = buffer.constData() + lineEnd + 2;
            lines += std::count(chunk, chunk + size, '\n');
            bodyBytes += size;
            position = lineEnd + 2 + size + 2;
        }
    }
};

struct Client {
    QSslSocket socket;
    StreamReader reader;

    Client(const SimulatorCredentials& credentials) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setCaCertificates(QSslCertificate::fromData(credentials.caPem));
        socket.setSslConfiguration(tls);
        const QUrl url(credentials.serverUrl);
        socket.connectToHostEncrypted(url.host(), quint16(url.port()));
        socket.waitForEncrypted(10000);
    }

    void get(const QString& pathAndQuery, const QString& token) {
        socket.write("GET " + pathAndQuery.toUtf8() +
                     " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token.toUtf8() +
                     "\r\nAccept: application/json\r\n\r\n");
    }

    // Reads until `done` says so; returns seconds.
    double readUntil(const std::function<bool()>& done) {
        QElapsedTimer timer;
        timer.start();
        while (!done() && socket.state() == QAbstractSocket::ConnectedState) {
            if (socket.waitForReadyRead(30000)) {
                reader.feed(socket.readAll());
            } else {
                break;
            }
        }
        return timer.nsecsElapsed() / 1e9;
    }
};

void curlList(const SimulatorCredentials& credentials, const QString& path) {
    const QString curl = QStandardPaths::findExecutable(QStringLiteral("curl"));
    if (curl.isEmpty()) {
        std::printf("  curl: not installed, skipped\n");
        return;
    }
    QTemporaryFile ca;
    ca.open();
    ca.write(credentials.caPem);
    ca.flush();
    QProcess process;
    process.start(curl,
                  {QStringLiteral("-s"), QStringLiteral("--cacert"), ca.fileName(), QStringLiteral("-H"),
                   QStringLiteral("Authorization: Bearer ") + credentials.adminToken, QStringLiteral("-o"),
                   QStringLiteral("/dev/null"), QStringLiteral("-w"),
                   QStringLiteral("%{size_download} %{time_total}"), credentials.serverUrl + path});
    process.waitForFinished(300000);
    const QList<QByteArray> parts = process.readAllStandardOutput().split(' ');
    const double bytes = parts.value(0).toDouble();
    const double seconds = parts.value(1).toDouble();
    std::printf("  curl:   %.1f MB in %.2f s = %.0f MB/s\n", bytes / 1e6, seconds,
                seconds > 0 ? bytes / 1e6 / seconds : 0.0);
}

} // namespace

int main(int argc, char* argv[]) {
    QCoreApplication app(argc, argv);
    const int pods = argc > 1 ? QByteArray(argv[1]).toInt() : 50000;
    const int events = argc > 2 ? QByteArray(argv[2]).toInt() : 50000;

    SimulatorOptions options;
    options.bulkPods = pods;
    options.controllers = false; // measure the server, not the demo's activity
    QElapsedTimer startup;
    startup.start();
    EmbeddedSimulator simulator(options);
    bool ready = false;
    QObject::connect(&simulator, &EmbeddedSimulator::ready, [&] { ready = true; });
    simulator.start();
    while (!ready) {
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 100);
    }
    const SimulatorCredentials credentials = simulator.credentials();
    std::printf("simulator with %d pods ready in %.2f s\n", pods, startup.nsecsElapsed() / 1e9);

    // The first list serialises each pod once (the store caches the JSON); later lists stream the cache.
    for (const char* pass : {"cold", "warm"}) {
        std::printf("full list of %d pods (GET /api/v1/pods), %s:\n", pods, pass);
        Client client(credentials);
        client.get(QStringLiteral("/api/v1/pods"), credentials.adminToken);
        const double seconds = client.readUntil([&] { return client.reader.finished; });
        std::printf("  reader: %.1f MB in %.2f s = %.0f MB/s (goal >= 300 MB/s)\n",
                    client.reader.bodyBytes / 1e6, seconds, client.reader.bodyBytes / 1e6 / seconds);
    }
    curlList(credentials, QStringLiteral("/api/v1/pods"));

    // Watch: record `events` changes, then replay them from history to a watcher (pure streaming),
    // and deliver them live to a watcher while they are being written.
    qint64 startVersion = 0;
    simulator.runBlocking([&](Simulator& sim) {
        const ResourceType& namespaces = sim.storage()->type(QString(), QStringLiteral("namespaces"));
        sim.storage()->create(namespaces, QString(),
                              QJsonObject{{QStringLiteral("metadata"),
                                           QJsonObject{{QStringLiteral("name"), QStringLiteral("bench")}}}});
        startVersion = sim.storage()->store()->resourceVersion();
    });
    auto writeConfigMaps = [&](int from, int count) {
        simulator.runBlocking([&](Simulator& sim) {
            const ResourceType& configMaps = sim.storage()->type(QString(), QStringLiteral("configmaps"));
            for (int i = from; i < from + count; ++i) {
                sim.storage()->create(
                    configMaps, QStringLiteral("bench"),
                    QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("v1")},
                                {QStringLiteral("kind"), QStringLiteral("ConfigMap")},
                                {QStringLiteral("metadata"),
                                 QJsonObject{{QStringLiteral("name"), QStringLiteral("cm-%1").arg(i)}}},
                                {QStringLiteral("data"),
                                 QJsonObject{{QStringLiteral("key"), QStringLiteral("value-%1").arg(i)}}}});
            }
        });
    };
    QElapsedTimer writes;
    writes.start();
    writeConfigMaps(0, events);
    std::printf("watch (%d ConfigMap ADDED events):\n  writes through storage: %.0f objects/s\n", events,
                events / (writes.nsecsElapsed() / 1e9));
    {
        Client client(credentials);
        client.get(QStringLiteral("/api/v1/namespaces/bench/configmaps?watch=1&resourceVersion=%1")
                       .arg(startVersion),
                   credentials.adminToken);
        const double seconds = client.readUntil([&] { return client.reader.lines >= events; });
        std::printf("  replay from history: %lld events in %.2f s = %.0f events/s (goal >= 50,000/s)\n",
                    static_cast<long long>(client.reader.lines), seconds, client.reader.lines / seconds);
    }
    return 0;
}
