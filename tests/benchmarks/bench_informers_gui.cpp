// The GUI thread while watch events stream into a model shown in a view: a QML window (Qt Quick's software
// renderer, so that rendering runs on the GUI thread too) showing the ResourceTableModel of every pod (Table
// form) as the dashboard's table does (a ListView of rows, each drawing its cells from the model's `cells`
// role), while binnacle-sim modifies the pods of the namespace on screen at a steady rate. A 1 ms timer on
// the GUI thread measures how late it fires (the longest lateness is the longest stall) and how much CPU
// the thread used in between (its own work, apart from waiting for a core). Measured idle first (the
// simulator's controllers still create and delete pods), then under churn. Prints figures ("RESULT
// key=value" lines); asserts nothing. Usage:
// QT_QPA_PLATFORM=offscreen bench_informers_gui --kubeconfig FILE [--rate 5000] [--seconds 10] [--qml FILE]
//     [--sorted-by HEADER]   (then through the filter proxy, and the keys start with gui_sorted_)
#include "informerbench.h"
#include "informerregistry.h"
#include "informersubscription.h"
#include "resourcefilterproxy.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QTimer>
#include <algorithm>
#include <cstdio>
#include <ctime>
#include <vector>

using namespace binnacle;

namespace {

constexpr auto windowQml = R"(
import QtQuick
Window {
    id: window
    required property var tableModel
    property int columnCount: tableModel.columnCount()
    width: 1280; height: 800; visible: true
    Connections {
        target: window.tableModel
        function onColumnsReset() { window.columnCount = window.tableModel.columnCount() }
    }
    ListView {
        id: rows
        anchors.fill: parent
        clip: true
        model: window.tableModel
        contentWidth: window.columnCount * 160
        flickableDirection: Flickable.AutoFlickDirection
        reuseItems: true
        delegate: Row {
            id: row
            required property var cells
            height: 22
            Repeater {
                model: window.columnCount
                Text {
                    required property int index
                    width: 160; height: 22; leftPadding: 2; rightPadding: 2
                    text: row.cells[index] ?? ""
                    elide: Text.ElideRight
                }
            }
        }
    }
}
)";

// Intervals between the ticks of a 1 ms timer on this thread, in wall time and in the thread's own CPU time:
// a long interval with little CPU is the thread waiting for a core (the simulator and the transport thread
// share the machine), one with as much CPU is the thread's own work (the view, the model).
class StallMeter : public QObject {
public:
    StallMeter() {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(1);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            const qint64 cpuNow = threadCpuNs();
            m_intervalsNs.push_back(now - m_lastNs);
            m_busyNs.push_back(cpuNow - m_lastCpuNs);
            m_lastNs = now;
            m_lastCpuNs = cpuNow;
        });
    }
    void start() {
        m_intervalsNs.clear();
        m_busyNs.clear();
        m_clock.start();
        m_lastNs = 0;
        m_lastCpuNs = threadCpuNs();
        m_timer.start();
    }
    void stop() { m_timer.stop(); }
    // The longest interval minus the nominal 1 ms, and the 99th percentile's, in ms.
    double maxStallMs() const { return percentile(m_intervalsNs, 100) - 1; }
    double p99StallMs() const { return percentile(m_intervalsNs, 99) - 1; }
    // The most CPU time the thread spent between two ticks, and the 99th percentile's, in ms.
    double maxBusyMs() const { return percentile(m_busyNs, 100); }
    double p99BusyMs() const { return percentile(m_busyNs, 99); }

private:
    static qint64 threadCpuNs() {
        timespec time{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time);
        return qint64(time.tv_sec) * 1000000000 + time.tv_nsec;
    }
    static double percentile(std::vector<qint64> values, int percent) {
        if (values.empty()) {
            return 0;
        }
        std::sort(values.begin(), values.end());
        return double(values[std::min(values.size() - 1, values.size() * size_t(percent) / 100)]) / 1e6;
    }

    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_lastNs = 0;
    qint64 m_lastCpuNs = 0;
    std::vector<qint64> m_intervalsNs;
    std::vector<qint64> m_busyNs;
};

} // namespace

int main(int argc, char* argv[]) {
    QQuickWindow::setGraphicsApi(QSGRendererInterface::Software);
    QGuiApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption kubeconfigOption(
        QStringLiteral("kubeconfig"), QStringLiteral("binnacle-sim's kubeconfig"), QStringLiteral("file"));
    const QCommandLineOption rateOption(QStringLiteral("rate"),
                                        QStringLiteral("pod modifications per second"),
                                        QStringLiteral("events"), QStringLiteral("5000"));
    const QCommandLineOption secondsOption(QStringLiteral("seconds"), QStringLiteral("length of each phase"),
                                           QStringLiteral("seconds"), QStringLiteral("10"));
    const QCommandLineOption qmlOption(QStringLiteral("qml"),
                                       QStringLiteral("another window to measure (a Window with a required "
                                                      "tableModel property), for experiments"),
                                       QStringLiteral("file"));
    const QCommandLineOption sortedByOption(
        QStringLiteral("sorted-by"),
        QStringLiteral("show the model through the dashboard's filter proxy, sorted by this column"),
        QStringLiteral("header"));
    parser.addOptions({kubeconfigOption, rateOption, secondsOption, qmlOption, sortedByOption});
    parser.addHelpOption();
    parser.process(app);
    QString error;
    const auto access = bench::readKubeconfig(parser.value(kubeconfigOption), &error);
    if (!access) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    const double rate = parser.value(rateOption).toDouble();
    const QByteArray keyPrefix = parser.isSet(sortedByOption) ? "gui_sorted_" : "gui_";
    const auto key = [&keyPrefix](const char* name) { return QByteArray(keyPrefix + name); };
    const int seconds = parser.value(secondsOption).toInt();

    bench::TransportThread transportThread(*access);
    bench::SimulatorControl control(*access);
    informers::InformerRegistry registry(transportThread.transport(), {}, nullptr,
                                         transportThread.storeThread());
    ResourceTableModel model;
    model.setShowNamespace(true);
    QObject owner;
    informers::InformerSubscription* subscription =
        registry.subscribe(bench::podsEverywhere(watch::WatchTarget::Form::Table), &owner);
    model.setSubscription(subscription);

    // As the dashboard shows a table sorted by a column: its filter proxy between the model and the view.
    ResourceFilterProxy proxy;
    QAbstractItemModel* shown = &model;
    if (parser.isSet(sortedByOption)) {
        proxy.setSourceModel(&model);
        shown = &proxy;
        QObject::connect(&model, &QAbstractItemModel::modelReset, &proxy, [&] {
            for (int column = 0; column < model.columnCount(); ++column) {
                if (model.headerData(column, Qt::Horizontal).toString() == parser.value(sortedByOption)) {
                    proxy.sort(column, Qt::AscendingOrder);
                }
            }
        });
    }
    QQmlApplicationEngine engine;
    engine.setInitialProperties({{QStringLiteral("tableModel"), QVariant::fromValue<QObject*>(shown)}});
    if (parser.isSet(qmlOption)) {
        engine.load(QUrl::fromLocalFile(parser.value(qmlOption)));
    } else {
        engine.loadData(windowQml);
    }
    auto* window =
        engine.rootObjects().isEmpty() ? nullptr : qobject_cast<QQuickWindow*>(engine.rootObjects().first());
    if (!window) {
        std::fprintf(stderr, "the QML window did not load\n");
        return 1;
    }
    if (!bench::waitUntil(
            [&] { return subscription->synced() && model.rowCount() == subscription->objectCount(); },
            600000)) {
        std::fprintf(stderr, "no sync: %s\n", qPrintable(subscription->lastError()));
        return 1;
    }
    bench::result(key("pods").constData(), model.rowCount());
    if (parser.isSet(sortedByOption) && proxy.sortedColumn() < 0) {
        std::fprintf(stderr, "no column %s to sort by\n", qPrintable(parser.value(sortedByOption)));
        return 1;
    }

    StallMeter meter;
    meter.start();
    bench::waitUntil([] { return false; }, seconds * 1000);
    meter.stop();
    bench::result(key("idle_max_stall_ms").constData(), meter.maxStallMs(), 2);
    bench::result(key("idle_p99_stall_ms").constData(), meter.p99StallMs(), 2);
    bench::result(key("idle_max_busy_ms").constData(), meter.maxBusyMs(), 2);
    bench::result(key("idle_p99_busy_ms").constData(), meter.p99BusyMs(), 2);

    bench::ChangeTracker tracker(&model);
    bool answered = false;
    QElapsedTimer clock;
    clock.start();
    meter.start();
    control.post(
        QStringLiteral("churn"),
        QJsonObject{{QStringLiteral("count"), qint64(rate * seconds)}, {QStringLiteral("rate"), rate}},
        [&](const QJsonObject& reply, const QString& failure) {
            if (!failure.isEmpty()) {
                std::fprintf(stderr, "churn: %s\n", qPrintable(failure));
            }
            const bench::ChurnAnswer answer = bench::parseChurnAnswer(reply);
            tracker.expect(answer.lastKey, answer.lastResourceVersion);
            answered = true;
        });
    const bool caughtUp = bench::waitUntil([&] { return answered && tracker.reached(); }, 600000);
    meter.stop();
    const double elapsed = double(clock.nsecsElapsed()) / 1e9;
    if (!caughtUp) {
        std::fprintf(stderr, "the model did not catch up with the churn\n");
        return 1;
    }
    bench::result(key("churn_rate_eps").constData(), rate * seconds / elapsed);
    bench::result(key("churn_max_stall_ms").constData(), meter.maxStallMs(), 2);
    bench::result(key("churn_p99_stall_ms").constData(), meter.p99StallMs(), 2);
    bench::result(key("churn_max_busy_ms").constData(), meter.maxBusyMs(), 2);
    bench::result(key("churn_p99_busy_ms").constData(), meter.p99BusyMs(), 2);
    return 0;
}
