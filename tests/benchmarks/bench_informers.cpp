// Informers and the table model against a binnacle-sim process (see bench_informers.sh, which runs this next
// to kubectl and @kubernetes/client-node on the same data): cold start until the model holds every pod,
// memory with every pod cached, and watch ingest until the model reflects the last change. Prints figures
// ("RESULT key=value" lines); asserts nothing.
// Usage: bench_informers --kubeconfig FILE [--form table|objects] [--page-size N] [--churn N] [--replay]
//        [--replay-runs N]
#include "allocator.h"
#include "informerbench.h"
#include "informerregistry.h"
#include "informersubscription.h"
#include "resourcetablemodel.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <algorithm>
#include <cstdio>
#include <optional>

using namespace binnacle;
using informers::InformerSubscription;

namespace {
bool waitUntilCompacted(const ResourceTableModel& model, int timeoutMs) {
    return bench::waitUntil(
        [&] {
            for (int row = model.rowCount() - 1; row >= 0; --row) {
                if (!model.objectAt(row)->isJsonCompacted()) {
                    return false;
                }
            }
            return true;
        },
        timeoutMs);
}
} // namespace

int main(int argc, char* argv[]) {
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption kubeconfigOption(
        QStringLiteral("kubeconfig"), QStringLiteral("binnacle-sim's kubeconfig"), QStringLiteral("file"));
    const QCommandLineOption formOption(QStringLiteral("form"), QStringLiteral("table or objects"),
                                        QStringLiteral("form"), QStringLiteral("table"));
    const QCommandLineOption churnOption(QStringLiteral("churn"),
                                         QStringLiteral("pod modifications to ingest"),
                                         QStringLiteral("count"), QStringLiteral("50000"));
    const QCommandLineOption replayOption(
        QStringLiteral("replay"), QStringLiteral("also measure ingest of a burst the server has ready"));
    const QCommandLineOption replayRunsOption(QStringLiteral("replay-runs"),
                                              QStringLiteral("replayed bursts; the median is reported"),
                                              QStringLiteral("count"), QStringLiteral("3"));
    const QCommandLineOption pageSizeOption(
        QStringLiteral("page-size"), QStringLiteral("list chunk size; 0: one request"), QStringLiteral("n"),
        QString::number(watch::ReflectorOptions{}.pageSize));
    parser.addOptions(
        {kubeconfigOption, formOption, churnOption, replayOption, replayRunsOption, pageSizeOption});
    parser.addHelpOption();
    parser.process(app);

    QString error;
    const auto access = bench::readKubeconfig(parser.value(kubeconfigOption), &error);
    if (!access) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    const bool table = parser.value(formOption) != QLatin1String("objects");
    const QByteArray prefix = QByteArray(table ? "table" : "objects") +
                              (parser.value(pageSizeOption) == QLatin1String("0") ? "_unpaged" : "");
    const auto key = [prefix](const char* name) { return QByteArray(prefix) + '_' + name; };
    const qint64 churnCount = parser.value(churnOption).toLongLong();

    // Which malloc serves the client changes its CPU per event by a fifth: say which one ran.
    std::fprintf(stderr, "allocator: %s\n", qPrintable(memory::allocatorName()));

    bench::TransportThread transportThread(*access);
    bench::SimulatorControl control(*access);
    watch::ReflectorOptions options;
    options.initialBackoff = std::chrono::milliseconds(50);
    options.maxBackoff = std::chrono::milliseconds(500);
    options.pageSize = parser.value(pageSizeOption).toInt();
    informers::InformerRegistry registry(transportThread.transport(), options, nullptr,
                                         transportThread.storeThread());
    ResourceTableModel model;
    QObject owner;
    const bench::Memory before = bench::memory();

    // a. Cold start: subscribe, and wait until the model holds every object of the finished snapshot.
    QElapsedTimer clock;
    clock.start();
    const double coldCpuBefore = bench::cpuSeconds();
    InformerSubscription* subscription = registry.subscribe(
        bench::podsEverywhere(table ? watch::WatchTarget::Form::Table : watch::WatchTarget::Form::Objects),
        &owner);
    model.setSubscription(subscription);
    const bool synced = bench::waitUntil(
        [&] {
            return subscription->synced() && model.rowCount() > 0 &&
                   model.rowCount() == subscription->objectCount();
        },
        600000);
    const double coldSeconds = double(clock.nsecsElapsed()) / 1e9;
    const double coldCpuSeconds = bench::cpuSeconds() - coldCpuBefore;
    if (!synced) {
        std::fprintf(stderr, "no sync within 10 minutes: %s\n", qPrintable(subscription->lastError()));
        return 1;
    }
    const int pods = model.rowCount();
    bench::result(key("cold_s"), coldSeconds, 3);
    // The client's own CPU for it (all threads): what the cold start costs whatever the server's speed.
    bench::result(key("cold_cpu_us_per_object"), coldCpuSeconds * 1e6 / double(pods), 1);
    bench::result(key("pods"), pods);

    // c. Memory with every pod cached (and in the model), once the informer has compressed the objects' JSON
    // (it does that after the sync, when idle; how long that takes is reported too).
    QElapsedTimer compaction;
    compaction.start();
    waitUntilCompacted(model, 60000);
    bench::result(key("compaction_s"), double(compaction.nsecsElapsed()) / 1e9, 3);
    const bench::Memory cached = bench::memory();
    qint64 cacheBytes = 0;
    for (int row = 0; row < pods; ++row) {
        cacheBytes += model.objectAt(row)->approximateBytes();
    }
    bench::result(key("rss_mb"), double(cached.rssKb) / 1024, 1);
    bench::result(key("rss_delta_bytes_per_pod"), double(cached.rssKb - before.rssKb) * 1024 / pods);
    bench::result(key("cache_bytes_per_pod"), double(cacheBytes) / pods);

    // b. Watch ingest, live: from posting the churn until the model shows its last write.
    bench::ChangeTracker tracker(&model);
    qint64 liveServerMs = 0;
    if (churnCount > 0) {
        bench::ChurnAnswer answer;
        const double cpuBefore = bench::cpuSeconds();
        const QMap<QString, double> threadsBefore = bench::threadCpuSeconds();
        clock.restart();
        control.post(QStringLiteral("churn"), QJsonObject{{QStringLiteral("count"), churnCount}},
                     [&](const QJsonObject& reply, const QString& failure) {
                         if (!failure.isEmpty()) {
                             std::fprintf(stderr, "churn: %s\n", qPrintable(failure));
                         }
                         answer = bench::parseChurnAnswer(reply);
                         answer.ok = answer.ok && failure.isEmpty();
                         tracker.expect(answer.lastKey, answer.lastResourceVersion);
                     });
        if (bench::waitUntil([&] { return tracker.reached(); }, 600000)) {
            const double seconds = double(clock.nsecsElapsed()) / 1e9;
            bench::result(key("ingest_eps"), double(churnCount) / seconds);
            bench::result(key("ingest_server_ms"), double(answer.serverMs));
            liveServerMs = answer.serverMs;
            bench::result(key("ingest_lag_ms"), seconds * 1000 - double(answer.serverMs));
            // The client's own cost: its CPU time per event, all threads (the process does nothing else).
            bench::result(key("ingest_cpu_us_per_event"),
                          (bench::cpuSeconds() - cpuBefore) * 1e6 / double(churnCount), 1);
            bench::threadCpuResults(key("ingest"), threadsBefore, bench::threadCpuSeconds(), churnCount);
        } else {
            std::fprintf(stderr, "live churn: the model did not catch up\n");
        }
    }

    // b'. Watch ingest of a burst the server already holds: the watch is dropped and its resumption held back
    // by injected latency (twice the live churn's server time) while the server churns; the resumed watch
    // then replays the whole burst from the history at once, so the client's own speed shows rather than the
    // simulator's write rate. Timed from the first batch of the burst to the model showing the last write
    // (the first batch is published up to a flush interval, 16 ms, after its first event was parsed). Run
    // several times: the simulator's periodic work (node heartbeats and the like) lands in some runs, and a
    // run is over in well under a second. The run of median rate is reported whole.
    struct Replay {
        double eps = 0;
        double cpuUsPerEvent = 0;
        QMap<QString, double> threadsBefore;
        QMap<QString, double> threadsCaughtUp;
        double compactionSeconds = -1;
        double compactionCpuUsPerEvent = -1;
    };
    const auto replayOnce = [&]() -> std::optional<Replay> {
        const qint64 holdMs = std::max<qint64>(3000, 2 * liveServerMs);
        control.postAndWait(QStringLiteral("faults"), QJsonObject{{QStringLiteral("latencyMs"), holdMs}});
        control.postAndWait(QStringLiteral("faults"), QJsonObject{{QStringLiteral("dropWatches"), true}});
        bench::waitUntil([&] { return subscription->state() != InformerSubscription::State::Live; }, 10000);
        qint64 firstBatchNs = -1;
        Replay replay;
        clock.restart();
        const QMetaObject::Connection connection = QObject::connect(
            subscription, &InformerSubscription::batch, [&](const informers::InformerBatch& batch) {
                if (firstBatchNs < 0 && !batch.delta.isEmpty()) {
                    firstBatchNs = clock.nsecsElapsed();
                }
            });
        const bench::ChurnAnswer answer = bench::parseChurnAnswer(
            control.postAndWait(QStringLiteral("churn"), QJsonObject{{QStringLiteral("count"), churnCount}}));
        const qint64 answeredNs = clock.nsecsElapsed();
        // CPU is counted from here, while the watch is still held back: the client is idle until it resumes,
        // and everything it spends on the burst (the first batch's parsing included) counts.
        const double cpuBefore = bench::cpuSeconds();
        replay.threadsBefore = bench::threadCpuSeconds();
        control.postAndWait(QStringLiteral("faults"), QJsonObject{{QStringLiteral("latencyMs"), 0}});
        tracker.expect(answer.lastKey, answer.lastResourceVersion);
        const bool caughtUp = answer.ok && bench::waitUntil([&] { return tracker.reached(); }, 600000);
        QObject::disconnect(connection);
        if (!caughtUp) {
            std::fprintf(stderr, "replay: the model did not catch up\n");
            return std::nullopt;
        }
        replay.eps = double(churnCount) / (double(clock.nsecsElapsed() - firstBatchNs) / 1e9);
        replay.cpuUsPerEvent = (bench::cpuSeconds() - cpuBefore) * 1e6 / double(churnCount);
        replay.threadsCaughtUp = bench::threadCpuSeconds();
        if (firstBatchNs < answeredNs) {
            std::fprintf(
                stderr,
                "replay: the watch resumed before the churn ended; the figure mixes in live ingest\n");
        }
        // The informer compresses the burst's objects once the events pause: that work, after the fact (the
        // cache thread's CPU alone: the polling of every row here would count too). The next run waits for
        // it.
        const QString storeThread = QStringLiteral("informers");
        QElapsedTimer compressing;
        compressing.start();
        if (waitUntilCompacted(model, 60000)) {
            replay.compactionSeconds = double(compressing.nsecsElapsed()) / 1e9;
            replay.compactionCpuUsPerEvent =
                (bench::threadCpuSeconds().value(storeThread) - replay.threadsCaughtUp.value(storeThread)) *
                1e6 / double(churnCount);
        }
        return replay;
    };
    const int replayRuns = parser.value(replayRunsOption).toInt();
    if (churnCount > 0 && parser.isSet(replayOption) && replayRuns > 0) {
        QList<Replay> replays;
        for (int run = 0; run < replayRuns; ++run) {
            if (const std::optional<Replay> replay = replayOnce()) {
                replays.append(*replay);
                bench::result(key("replay_run_eps"), replay->eps);
            }
        }
        if (!replays.isEmpty()) {
            std::sort(replays.begin(), replays.end(),
                      [](const Replay& a, const Replay& b) { return a.eps < b.eps; });
            const Replay& median = replays.at(replays.size() / 2);
            bench::result(key("replay_eps"), median.eps);
            bench::result(key("replay_cpu_us_per_event"), median.cpuUsPerEvent, 1);
            bench::threadCpuResults(key("replay"), median.threadsBefore, median.threadsCaughtUp, churnCount);
            if (median.compactionSeconds >= 0) {
                bench::result(key("replay_compaction_s"), median.compactionSeconds, 3);
                bench::result(key("replay_compaction_cpu_us_per_event"), median.compactionCpuUsPerEvent, 1);
            }
        }
    }
    bench::result(key("peak_rss_mb"), double(bench::memory().peakKb) / 1024, 1);
    return 0;
}
