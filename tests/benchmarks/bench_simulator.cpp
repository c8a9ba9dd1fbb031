// Simulator throughput on loopback TLS: a full list of N realistic pods, pages of 500 in Table and JSON
// form, the churn endpoint's write rate with one watcher attached (Table and JSON form), replay of that
// history, and watch event delivery, measured by a raw HTTPS reader (and by curl, an independent client,
// when it is installed). Each figure comes with the simulator thread's own CPU time, which other load on
// the machine does not inflate. Printed, never asserted: machines are noisy.
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
#include <ctime>

using namespace binnacle::sim;

namespace {

// Reads one HTTP response (Content-Length or chunked) and counts body bytes and newline-terminated lines.
struct StreamReader {
    QByteArray buffer;
    qsizetype position = 0; // consumed bytes at the front of `buffer`
    qint64 bodyBytes = 0;
    qint64 lines = 0;
    qint64 contentLength = -1; // -1: chunked
    bool keepBody = false;
    QByteArray body; // when keepBody
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
            const QByteArray head = buffer.sliced(position, end - position).toLower();
            const qsizetype length = head.indexOf("content-length: ");
            if (length >= 0) {
                contentLength =
                    head.mid(length + 16, head.indexOf("\r\n", length) - length - 16).toLongLong();
            }
            position = end + 4;
            headDone = true;
        }
        if (contentLength >= 0) {
            body += buffer.sliced(position);
            position = buffer.size();
            finished = body.size() >= contentLength;
            return;
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
            if (keepBody) {
                body.append(chunk, size);
            }
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

    void get(const QString& pathAndQuery, const QString& token,
             const QByteArray& accept = "application/json") {
        socket.write("GET " + pathAndQuery.toUtf8() +
                     " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token.toUtf8() +
                     "\r\nAccept: " + accept + "\r\n\r\n");
    }

    void post(const QString& path, const QString& token, const QByteArray& body) {
        socket.write("POST " + path.toUtf8() + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " +
                     token.toUtf8() + "\r\nContent-Type: application/json\r\nContent-Length: " +
                     QByteArray::number(body.size()) + "\r\n\r\n" + body);
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

constexpr QByteArrayView tableForm = "application/json;as=Table;v=v1;g=meta.k8s.io";

// CPU seconds the simulator's own thread has used so far.
double simulatorCpuSeconds(EmbeddedSimulator& simulator) {
    double seconds = 0;
    simulator.runBlocking([&](Simulator&) {
        timespec now{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
        seconds = double(now.tv_sec) + double(now.tv_nsec) / 1e9;
    });
    return seconds;
}

// Pages of 500 pods, each request on a fresh connection as an informer's paged list sends them.
void listPages(EmbeddedSimulator& simulator, const SimulatorCredentials& credentials, const char* label,
               QByteArrayView accept, int pages) {
    QString continueToken;
    double wall = 0;
    const double cpuBefore = simulatorCpuSeconds(simulator);
    for (int page = 0; page < pages; ++page) {
        Client client(credentials);
        client.reader.keepBody = true;
        client.get(QStringLiteral("/api/v1/pods?limit=500") +
                       (continueToken.isEmpty()
                            ? QString()
                            : QStringLiteral("&continue=") +
                                  QString::fromLatin1(QUrl::toPercentEncoding(continueToken))),
                   credentials.adminToken, accept.toByteArray());
        wall += client.readUntil([&] { return client.reader.finished; });
        const QByteArray& body = client.reader.body;
        const qsizetype at = body.indexOf("\"continue\":\"");
        continueToken =
            at < 0 ? QString() : QString::fromLatin1(body.mid(at + 12, body.indexOf('"', at + 12) - at - 12));
    }
    const double cpu = simulatorCpuSeconds(simulator) - cpuBefore;
    std::printf("  %s pages of 500: %.1f ms per page (simulator CPU %.1f ms per page) (Table goal <= 8 ms)\n",
                label, wall * 1000 / pages, cpu * 1000 / pages);
}

// POST /binnacle-sim/churn with one watcher of all pods attached; then the same history replayed.
void churnWithWatcher(EmbeddedSimulator& simulator, const SimulatorCredentials& credentials,
                      const char* label, QByteArrayView accept, int writes) {
    qint64 startVersion = 0;
    simulator.runBlocking([&](Simulator& sim) { startVersion = sim.storage()->store()->resourceVersion(); });
    const QString watchPath = QStringLiteral("/api/v1/pods?watch=1&resourceVersion=%1").arg(startVersion);
    Client watcher(credentials);
    watcher.get(watchPath, credentials.adminToken, accept.toByteArray());
    watcher.readUntil([&] { return watcher.reader.headDone; });
    const double cpuBefore = simulatorCpuSeconds(simulator);
    Client churn(credentials);
    churn.post(QStringLiteral("/binnacle-sim/churn"), credentials.adminToken,
               QByteArray("{\"count\":") + QByteArray::number(writes) + '}');
    churn.socket.waitForBytesWritten(10000);
    QElapsedTimer clock;
    clock.start();
    while (watcher.reader.lines < writes && watcher.socket.state() == QAbstractSocket::ConnectedState) {
        if (churn.socket.bytesAvailable() > 0) {
            churn.reader.feed(churn.socket.readAll());
        }
        if (watcher.socket.waitForReadyRead(30000)) {
            watcher.reader.feed(watcher.socket.readAll());
        } else {
            break;
        }
    }
    const double seconds = clock.nsecsElapsed() / 1e9;
    const double cpu = simulatorCpuSeconds(simulator) - cpuBefore;
    churn.readUntil([&] { return churn.reader.finished; });
    const qsizetype at = churn.reader.body.indexOf("\"durationMs\":");
    const QByteArray afterKey = at < 0 ? QByteArray() : churn.reader.body.mid(at + 13);
    const double serverMs =
        afterKey.left(afterKey.indexOf(',') < 0 ? afterKey.indexOf('}') : afterKey.indexOf(',')).toDouble();
    std::printf("  %s watcher: %d writes in %.0f ms = %.0f writes/s; delivered %lld events in %.2f s = %.0f "
                "events/s; "
                "simulator CPU %.1f us per write (goal >= 30,000 writes/s)\n",
                label, writes, serverMs, serverMs > 0 ? writes / (serverMs / 1000) : 0.0,
                static_cast<long long>(watcher.reader.lines), seconds, watcher.reader.lines / seconds,
                cpu * 1e6 / writes);

    Client replay(credentials);
    const double replayCpuBefore = simulatorCpuSeconds(simulator);
    replay.get(watchPath, credentials.adminToken, accept.toByteArray());
    const double replaySeconds = replay.readUntil([&] { return replay.reader.lines >= writes; });
    const double replayCpu = simulatorCpuSeconds(simulator) - replayCpuBefore;
    std::printf(
        "  %s replay from history: %lld events in %.2f s = %.0f events/s (simulator CPU %.1f us per event)\n",
        label, static_cast<long long>(replay.reader.lines), replaySeconds,
        replay.reader.lines / replaySeconds, replayCpu * 1e6 / std::max<qint64>(1, replay.reader.lines));
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
    for (const char* pass : {"cold", "warm"}) {
        std::printf("list pages (GET /api/v1/pods?limit=500&continue=...), %s:\n", pass);
        listPages(simulator, credentials, "Table", tableForm, 20);
        listPages(simulator, credentials, "JSON ", "application/json", 20);
    }
    const int churnWrites = std::min(events, 20000);
    std::printf("churn (POST /binnacle-sim/churn, %d pod writes) with one watcher of all pods:\n",
                churnWrites);
    churnWithWatcher(simulator, credentials, "Table", tableForm, churnWrites);
    churnWithWatcher(simulator, credentials, "JSON ", "application/json", churnWrites);

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
