// kubectl logs against binnacle-sim, and our LogStream on the same pod: the same bytes for the plain log,
// --timestamps, --tail, --since, --limit-bytes and --previous (a crash-looping container), and logs -f read
// for a few lines then stopped. Log output moves every 5 s, so a comparison is retried when kubectl's own two
// reads around ours differ (a line was written in between).
#include "clustertransport.h"
#include "conformancecluster.h"
#include "logstream.h"
#include "logtimestamp.h"

#include <QFile>
#include <QRegularExpression>

using namespace binnacle::sim::conformance;
using binnacle::logs::LogLines;
using binnacle::logs::LogOptions;
using binnacle::logs::LogStream;

namespace {
const QString kNamespace = QStringLiteral("conf-logs");
constexpr int kTimeoutMs = 60000;

const QByteArray kPods = R"(apiVersion: v1
kind: Pod
metadata: {name: talker}
spec:
  containers:
  - {name: web, image: nginx:1.27}
  - {name: worker, image: busybox:1.36}
---
apiVersion: v1
kind: Pod
metadata:
  name: crasher
  annotations: {sim.binnacle.io/behavior: crashloop}
spec:
  containers:
  - {name: main, image: busybox:1.36}
)";

class TokenProvider : public binnacle::transport::CredentialProvider {
public:
    explicit TokenProvider(QString token)
        : m_token(std::move(token)) {}
    void requestCredentials(Callback done) override {
        binnacle::transport::Credentials credentials;
        credentials.headers.append({"Authorization", "Bearer " + m_token.toUtf8()});
        done(credentials, std::nullopt);
    }
    bool invalidate() override { return false; }

private:
    QString m_token;
};

QByteArray render(const LogLines& lines, bool timestamps) {
    QByteArray out;
    for (const auto& line : lines) {
        if (timestamps) {
            out += binnacle::logs::timestamp::formatNano(line.timestampNs).toLatin1() + ' ';
        }
        out += line.text.toUtf8() + (line.truncated ? "" : "\n");
    }
    return out;
}
} // namespace

class TestKubectlLogs : public QObject {
    Q_OBJECT

    ConformanceCluster m_cluster;
    std::unique_ptr<TokenProvider> m_provider;
    std::unique_ptr<binnacle::transport::ClusterTransport> m_transport;

    Kubectl kubectl() const { return m_cluster.kubectl(); }

    // Our stream's output for `options` on `pod`, or nullopt when it failed.
    std::optional<QByteArray> ours(const QString& pod, const LogOptions& options) {
        LogStream stream(m_transport.get(), kNamespace, pod, options);
        LogLines lines;
        std::optional<LogStream::EndReason> end;
        connect(&stream, &LogStream::linesReceived, this, [&](const LogLines& batch) { lines += batch; });
        connect(&stream, &LogStream::finished, this, [&](LogStream::EndReason reason) { end = reason; });
        stream.start();
        if (!QTest::qWaitFor([&] { return end.has_value(); }, kTimeoutMs) ||
            *end != LogStream::EndReason::Completed) {
            return std::nullopt;
        }
        return render(lines, options.timestamps);
    }

    // kubectl, ours, kubectl: equal when kubectl's two reads agree; retried a few times otherwise.
    void compare(const QStringList& arguments, const QString& pod, const LogOptions& options) {
        for (int attempt = 0; attempt < 4; ++attempt) {
            const KubectlResult before =
                kubectl().run(QStringList{"logs", "-n", kNamespace, pod} + arguments);
            QVERIFY2(before.succeeded(), qPrintable(before.describe()));
            const auto mine = ours(pod, options);
            QVERIFY(mine.has_value());
            const KubectlResult after = kubectl().run(QStringList{"logs", "-n", kNamespace, pod} + arguments);
            if (before.out == after.out) {
                QCOMPARE(QString::fromUtf8(*mine), before.out);
                return;
            }
        }
        QFAIL("the log kept changing between kubectl's reads");
    }

private slots:
    void initTestCase() {
        QString error;
        QVERIFY2(m_cluster.start(&error), qPrintable(error));
        QVERIFY2(m_cluster.createNamespace(kNamespace, &error), qPrintable(error));
        const KubectlResult created = m_cluster.create(kPods, kNamespace);
        QVERIFY2(created.succeeded(), qPrintable(created.describe()));
        const KubectlResult ready =
            kubectl().run({"wait", "-n", kNamespace, "--for=condition=Ready", "pod/talker", "--timeout=60s"},
                          {}, kTimeoutMs + 10000);
        QVERIFY2(ready.succeeded(), qPrintable(ready.describe()));

        QFile kubeconfig(m_cluster.simulator().kubeconfigPath());
        QVERIFY(kubeconfig.open(QIODevice::ReadOnly));
        const auto match = QRegularExpression(QStringLiteral("certificate-authority-data: (\\S+)"))
                               .match(QString::fromUtf8(kubeconfig.readAll()));
        QVERIFY(match.hasMatch());
        binnacle::transport::ClusterEndpoint endpoint;
        endpoint.server = QUrl(m_cluster.simulator().serverUrl());
        endpoint.caPem = QByteArray::fromBase64(match.captured(1).toLatin1());
        m_provider = std::make_unique<TokenProvider>(m_cluster.simulator().adminToken());
        m_transport = std::make_unique<binnacle::transport::ClusterTransport>(endpoint, m_provider.get());
        // Let the container write a few lines (one every 5 s).
        QTest::qWait(6000);
    }

    void logs_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<bool>("timestamps");
        QTest::addColumn<qint64>("tail");       // -1: unset
        QTest::addColumn<qint64>("since");      // seconds, -1: unset
        QTest::addColumn<qint64>("limitBytes"); // -1: unset
        QTest::newRow("plain") << QStringList{"-c", "web"} << false << -1LL << -1LL << -1LL;
        QTest::newRow("--timestamps")
            << QStringList{"-c", "web", "--timestamps"} << true << -1LL << -1LL << -1LL;
        QTest::newRow("--tail") << QStringList{"-c", "worker", "--tail=2"} << false << 2LL << -1LL << -1LL;
        QTest::newRow("--since") << QStringList{"-c", "worker", "--since=7s", "--timestamps"} << true << -1LL
                                 << 7LL << -1LL;
        QTest::newRow("--limit-bytes")
            << QStringList{"-c", "web", "--limit-bytes=70"} << false << -1LL << -1LL << 70LL;
    }
    void logs() {
        QFETCH(QStringList, arguments);
        QFETCH(bool, timestamps);
        QFETCH(qint64, tail);
        QFETCH(qint64, since);
        QFETCH(qint64, limitBytes);
        LogOptions options;
        options.container = arguments.at(1);
        options.timestamps = timestamps;
        if (tail >= 0) {
            options.tailLines = tail;
        }
        if (since >= 0) {
            options.sinceSeconds = since;
        }
        if (limitBytes >= 0) {
            options.limitBytes = limitBytes;
        }
        compare(arguments, QStringLiteral("talker"), options);
    }

    void previousOfARestartedContainer() {
        const KubectlResult restarted = m_cluster.poll(
            {"get", "pod", "crasher", "-n", kNamespace, "-o",
             "jsonpath={.status.containerStatuses[0].restartCount}"},
            [](const KubectlResult& result) { return result.out.toInt() >= 1; }, kTimeoutMs);
        QVERIFY2(restarted.out.toInt() >= 1, qPrintable(restarted.describe()));
        LogOptions options;
        options.previous = true;
        options.timestamps = true;
        compare({"--previous", "--timestamps"}, QStringLiteral("crasher"), options);
    }

    void followReadsNewLines() {
        auto follower = kubectl().start(
            {"logs", "-f", "-n", kNamespace, "talker", "-c", "web", "--tail=1", "--timestamps"});
        LogOptions options;
        options.container = QStringLiteral("web");
        options.follow = true;
        options.tailLines = 3; // starts a moment after kubectl: a line of history more covers kubectl's first
        options.timestamps = true;
        LogStream stream(m_transport.get(), kNamespace, QStringLiteral("talker"), options);
        LogLines lines;
        connect(&stream, &LogStream::linesReceived, this, [&](const LogLines& batch) { lines += batch; });
        stream.start();
        const QRegularExpression anyLine(QStringLiteral("^\\d{4}-"));
        QStringList kubectlLines;
        for (int i = 0; i < 3; ++i) {
            const QString line = follower->waitForLine(anyLine, kTimeoutMs);
            QVERIFY2(!line.isEmpty(), qPrintable(follower->describe()));
            kubectlLines.append(line);
        }
        const KubectlResult stopped = follower->stop();
        Q_UNUSED(stopped);
        // Every line kubectl printed reaches our stream too, in the same order, byte for byte.
        const qint64 lastTime = *binnacle::logs::timestamp::parse(kubectlLines.last().left(30).toLatin1());
        QTRY_VERIFY_WITH_TIMEOUT(!lines.isEmpty() && lines.last().timestampNs >= lastTime, kTimeoutMs);
        const QStringList ourLines = QString::fromUtf8(render(lines, true)).split('\n', Qt::SkipEmptyParts);
        const qsizetype at = ourLines.indexOf(kubectlLines.first());
        QVERIFY2(at >= 0, qPrintable(kubectlLines.first()));
        QCOMPARE(ourLines.mid(at, kubectlLines.size()), kubectlLines);
        QCOMPARE(stream.state(), LogStream::State::Streaming);
        stream.stop();
    }
};

BINNACLE_CONFORMANCE_MAIN(TestKubectlLogs)
#include "tst_kubectl_logs.moc"
