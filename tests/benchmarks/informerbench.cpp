#include "informerbench.h"

#include "kubeconfigloader.h"
#include "kubeconfiglocation.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QTimer>
#include <cctype>
#include <cstdio>
#include <sys/resource.h>
#include <unistd.h>

namespace bench {

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
} // namespace

std::optional<SimulatorAccess> readKubeconfig(const QString& file, QString* error) {
    const config::Kubeconfig kubeconfig =
        config::KubeconfigLoader::load(config::KubeconfigLocation::fromFiles({file}));
    const config::ContextInfo* context = kubeconfig.context(QStringLiteral("sim-admin"));
    const config::ClusterInfo* cluster = context ? kubeconfig.cluster(context->cluster) : nullptr;
    const config::AuthInfo* user = context ? kubeconfig.user(context->user) : nullptr;
    if (!cluster || !user || user->token.isEmpty()) {
        *error = QStringLiteral("%1 has no usable sim-admin context").arg(file);
        return std::nullopt;
    }
    return SimulatorAccess{QUrl(cluster->server), cluster->certificateAuthorityData, user->token};
}

TransportThread::TransportThread(const SimulatorAccess& access) {
    m_thread.setObjectName(QStringLiteral("transport"));
    m_storeThread.setObjectName(QStringLiteral("informers"));
    m_anchor.moveToThread(&m_thread);
    m_thread.start();
    m_storeThread.start();
    QMetaObject::invokeMethod(
        &m_anchor,
        [this, access] {
            transport::ClusterEndpoint endpoint;
            endpoint.server = access.server;
            endpoint.caPem = access.caPem;
            transport::TransportOptions options;
            options.qps = -1; // the benchmark measures the client, not a rate limit
            m_credentials = new StaticToken(access.token);
            m_transport = new transport::ClusterTransport(endpoint, m_credentials, options);
        },
        Qt::BlockingQueuedConnection);
}

TransportThread::~TransportThread() {
    QMetaObject::invokeMethod(
        m_transport,
        [this] {
            delete m_transport;
            delete m_credentials;
        },
        Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    m_storeThread.quit();
    m_storeThread.wait();
}

SimulatorControl::SimulatorControl(const SimulatorAccess& access)
    : m_access(access) {}

void SimulatorControl::post(const QString& endpoint, const QJsonObject& body, Done done) {
    QNetworkRequest request(m_access.server.resolved(QUrl(QStringLiteral("/binnacle-sim/") + endpoint)));
    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    ssl.setCaCertificates(QSslCertificate::fromData(m_access.caPem));
    request.setSslConfiguration(ssl);
    request.setRawHeader("Authorization", "Bearer " + m_access.token.toUtf8());
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setTransferTimeout(0);
    QNetworkReply* reply = m_network.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    QObject::connect(reply, &QNetworkReply::finished, reply, [reply, done = std::move(done)] {
        reply->deleteLater();
        const QByteArray text = reply->readAll();
        if (reply->error() != QNetworkReply::NoError) {
            done({}, reply->errorString() + QLatin1Char(' ') + QString::fromUtf8(text));
            return;
        }
        done(QJsonDocument::fromJson(text).object(), QString());
    });
}

QJsonObject SimulatorControl::postAndWait(const QString& endpoint, const QJsonObject& body) {
    bool finished = false;
    QJsonObject answer;
    post(endpoint, body, [&](const QJsonObject& reply, const QString& error) {
        if (!error.isEmpty()) {
            std::fprintf(stderr, "POST %s: %s\n", qPrintable(endpoint), qPrintable(error));
        }
        answer = reply;
        finished = true;
    });
    waitUntil([&] { return finished; }, 600000);
    return answer;
}

Memory memory() {
    QFile status(QStringLiteral("/proc/self/status"));
    Memory result;
    if (!status.open(QIODevice::ReadOnly)) {
        return result;
    }
    for (const QByteArray& line : status.readAll().split('\n')) {
        const auto value = [&line] {
            return line.mid(line.indexOf(':') + 1).trimmed().split(' ').value(0).toLongLong();
        };
        if (line.startsWith("VmRSS:")) {
            result.rssKb = value();
        } else if (line.startsWith("VmHWM:")) {
            result.peakKb = value();
        }
    }
    return result;
}

double cpuSeconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const auto seconds = [](const timeval& time) { return double(time.tv_sec) + double(time.tv_usec) / 1e6; };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

QMap<QString, double> threadCpuSeconds() {
    QMap<QString, double> seconds;
    const double ticks = double(sysconf(_SC_CLK_TCK));
    const QStringList threads =
        QDir(QStringLiteral("/proc/self/task")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString& thread : threads) {
        QFile stat(QStringLiteral("/proc/self/task/%1/stat").arg(thread));
        if (!stat.open(QIODevice::ReadOnly)) {
            continue;
        }
        // pid (comm) state ... : comm may hold spaces, so the fields are counted from its closing
        // parenthesis.
        const QByteArray line = stat.readAll();
        const qsizetype open = line.indexOf('(');
        const qsizetype close = line.lastIndexOf(')');
        if (open < 0 || close < open) {
            continue;
        }
        const QList<QByteArray> fields = line.mid(close + 2).split(' ');
        if (fields.size() < 13) {
            continue;
        }
        // utime and stime: fields 14 and 15 of the line, 12 and 13 after the comm.
        seconds[QString::fromUtf8(line.mid(open + 1, close - open - 1))] +=
            (fields.at(11).toDouble() + fields.at(12).toDouble()) / ticks;
    }
    return seconds;
}

void threadCpuResults(const QByteArray& prefix, const QMap<QString, double>& before,
                      const QMap<QString, double>& after, qint64 events) {
    for (auto it = after.cbegin(); it != after.cend(); ++it) {
        const double spent = it.value() - before.value(it.key());
        if (spent <= 0 || events <= 0) {
            continue;
        }
        QByteArray name = it.key().toUtf8();
        for (char& c : name) {
            c = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
        }
        result((prefix + "_cpu_us_per_event_" + name).constData(), spent * 1e6 / double(events), 1);
    }
}

watch::WatchTarget podsEverywhere(watch::WatchTarget::Form form) {
    watch::WatchTarget target;
    target.resource.version = QStringLiteral("v1");
    target.resource.resource = QStringLiteral("pods");
    target.resource.singular = QStringLiteral("pod");
    target.resource.kind = QStringLiteral("Pod");
    target.resource.namespaced = true;
    target.resource.verbs = {QStringLiteral("list"), QStringLiteral("watch")};
    target.form = form;
    return target;
}

bool waitUntil(const std::function<bool()>& done, int timeoutMs) {
    QDeadlineTimer deadline(timeoutMs);
    // Sleeps in the event loop between events; the ticker bounds the wait so that `done` is checked at least
    // every 2 ms (processEvents with a maximum time would spin instead, and steal a core from what is
    // measured).
    QTimer ticker;
    ticker.start(2);
    while (!done()) {
        if (deadline.hasExpired()) {
            return false;
        }
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }
    return true;
}

void ChangeTracker::expect(const QString& key, qint64 version) {
    m_version = version;
    m_key = key;
    const int row = m_model->rowOfKey(key);
    m_uid = row >= 0 ? m_model->objectAt(row)->uid : QString();
}

bool ChangeTracker::reached() const {
    if (m_uid.isEmpty()) {
        return false;
    }
    // Polled on every turn of the event loop: a binary search, not a scan of 50,000 rows, so that the
    // measuring does not take the CPU the measured work needs.
    const int row = m_model->rowOfKey(m_key);
    return row >= 0 && m_model->objectAt(row)->uid == m_uid &&
           m_model->objectAt(row)->resourceVersion.toLongLong() >= m_version;
}

ChurnAnswer parseChurnAnswer(const QJsonObject& answer) {
    return ChurnAnswer{answer.value(QLatin1String("lastKey")).toString(),
                       answer.value(QLatin1String("lastResourceVersion")).toString().toLongLong(),
                       answer.value(QLatin1String("durationMs")).toInteger(),
                       answer.contains(QLatin1String("lastKey"))};
}

void result(const char* key, double value, int decimals) {
    std::printf("RESULT %s=%.*f\n", key, decimals, value);
    std::fflush(stdout);
}

} // namespace bench
