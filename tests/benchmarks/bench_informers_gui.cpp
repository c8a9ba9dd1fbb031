// The GUI thread while watch events stream into a model shown in a view: a QML window (Qt Quick's software
// renderer, so that rendering runs on the GUI thread too) with a TableView over the ResourceTableModel of
// every pod (Table form), while binnacle-sim modifies the pods of the namespace on screen at a steady rate. A
// 1 ms timer on the GUI thread measures how late it fires; the longest lateness is the longest stall.
// Measured idle first, then under churn. Prints figures ("RESULT key=value" lines); asserts nothing. Usage:
// QT_QPA_PLATFORM=offscreen bench_informers_gui --kubeconfig FILE [--rate 5000] [--seconds 10]
#include "informerbench.h"
#include "informerregistry.h"
#include "informersubscription.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QTimer>
#include <algorithm>
#include <cstdio>
#include <vector>

using namespace binnacle;

namespace {

constexpr auto windowQml = R"(
import QtQuick
Window {
    required property var tableModel
    width: 1280; height: 800; visible: true
    TableView {
        anchors.fill: parent
        model: tableModel
        delegate: Rectangle {
            implicitWidth: 160; implicitHeight: 22
            Text { anchors.fill: parent; anchors.margins: 2; text: display; elide: Text.ElideRight }
        }
    }
}
)";

// Intervals between the ticks of a 1 ms timer on this thread.
class StallMeter : public QObject {
public:
    StallMeter() {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(1);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            m_intervalsNs.push_back(now - m_lastNs);
            m_lastNs = now;
        });
    }
    void start() {
        m_intervalsNs.clear();
        m_clock.start();
        m_lastNs = 0;
        m_timer.start();
    }
    void stop() { m_timer.stop(); }
    // The longest interval minus the nominal 1 ms, and the 99th percentile's, in ms.
    double maxStallMs() const {
        return m_intervalsNs.empty()
                   ? 0
                   : double(*std::max_element(m_intervalsNs.begin(), m_intervalsNs.end())) / 1e6 - 1;
    }
    double p99StallMs() const {
        if (m_intervalsNs.empty()) {
            return 0;
        }
        std::vector<qint64> sorted = m_intervalsNs;
        std::sort(sorted.begin(), sorted.end());
        return double(sorted[sorted.size() * 99 / 100]) / 1e6 - 1;
    }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_lastNs = 0;
    std::vector<qint64> m_intervalsNs;
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
    parser.addOptions({kubeconfigOption, rateOption, secondsOption});
    parser.addHelpOption();
    parser.process(app);
    QString error;
    const auto access = bench::readKubeconfig(parser.value(kubeconfigOption), &error);
    if (!access) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    const double rate = parser.value(rateOption).toDouble();
    const int seconds = parser.value(secondsOption).toInt();

    bench::TransportThread transportThread(*access);
    bench::SimulatorControl control(*access);
    informers::InformerRegistry registry(transportThread.transport());
    ResourceTableModel model;
    model.setShowNamespace(true);
    QObject owner;
    informers::InformerSubscription* subscription =
        registry.subscribe(bench::podsEverywhere(watch::WatchTarget::Form::Table), &owner);
    model.setSubscription(subscription);

    QQmlApplicationEngine engine;
    engine.setInitialProperties({{QStringLiteral("tableModel"), QVariant::fromValue<QObject*>(&model)}});
    engine.loadData(windowQml);
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
    bench::result("gui_pods", model.rowCount());

    StallMeter meter;
    meter.start();
    bench::waitUntil([] { return false; }, seconds * 1000);
    meter.stop();
    bench::result("gui_idle_max_stall_ms", meter.maxStallMs(), 2);
    bench::result("gui_idle_p99_stall_ms", meter.p99StallMs(), 2);

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
    bench::result("gui_churn_rate_eps", rate * seconds / elapsed);
    bench::result("gui_churn_max_stall_ms", meter.maxStallMs(), 2);
    bench::result("gui_churn_p99_stall_ms", meter.p99StallMs(), 2);
    return 0;
}
