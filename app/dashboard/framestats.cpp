#include "framestats.h"

#include "resourcefilterproxy.h"
#include "resourceview.h"

#include <QCoreApplication>
#include <QEvent>
#include <QFile>
#include <QQuickItem>
#include <algorithm>
#include <cstdio>
#include <ctime>
#include <unistd.h>

namespace binnacle::app {

namespace {

// The first frames after the data arrives create and lay out the table's delegates; they are first_rows_ms's
// cost and are reported apart (settle_*), the steady state is recorded after them.
constexpr auto settleTime = std::chrono::milliseconds(1000);

// Milliseconds since this process was created: /proc/self/stat's start time (field 22, clock ticks since
// boot) against CLOCK_BOOTTIME, so that dynamic linking and Qt's start-up count too.
double msSinceProcessStart() {
    QFile stat(QStringLiteral("/proc/self/stat"));
    if (!stat.open(QIODevice::ReadOnly)) {
        return -1;
    }
    const QByteArray text = stat.readAll();
    // Fields after the command name, which is in parentheses and may contain spaces.
    const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
    constexpr int startTimeField = 22 - 3; // fields 1 (pid) and 2 (comm) are gone; 0-based
    if (fields.size() <= startTimeField) {
        return -1;
    }
    const double startS = fields.at(startTimeField).toDouble() / double(sysconf(_SC_CLK_TCK));
    timespec now{};
    clock_gettime(CLOCK_BOOTTIME, &now);
    return (double(now.tv_sec) + double(now.tv_nsec) / 1e9 - startS) * 1000;
}

qint64 statusKb(const QByteArray& key) {
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly)) {
        return -1;
    }
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith(key)) {
            return line.mid(key.size()).trimmed().split(' ').value(0).toLongLong();
        }
    }
    return -1;
}

double percentileMs(std::vector<qint64> values, int percent) {
    if (values.empty()) {
        return 0;
    }
    std::sort(values.begin(), values.end());
    return double(values[std::min(values.size() - 1, values.size() * size_t(percent) / 100)]) / 1e6;
}

double maxMs(const std::vector<qint64>& values) {
    return values.empty() ? 0 : double(*std::max_element(values.begin(), values.end())) / 1e6;
}

} // namespace

FrameStats::FrameStats(QQuickWindow* window, std::chrono::milliseconds duration,
                       std::chrono::milliseconds timeout, QObject* parent)
    : QObject(parent)
    , m_window(window)
    , m_duration(duration) {
    m_clock.start();
    // Frames from the start, for first_rows_ms; intervals only count once recording.
    window->installEventFilter(this);
    connect(window, &QQuickWindow::frameSwapped, this, &FrameStats::onFrameSwapped, Qt::DirectConnection);
    m_stallTimer.setTimerType(Qt::PreciseTimer);
    m_stallTimer.setInterval(1);
    connect(&m_stallTimer, &QTimer::timeout, this, [this] {
        const qint64 now = m_clock.nsecsElapsed();
        m_stallsNs.push_back(std::max<qint64>(0, now - m_lastTickNs - 1'000'000));
        m_lastTickNs = now;
    });
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, &FrameStats::giveUp);
    m_deadline.start(timeout);
    // Polled, as the property combines several objects' states; 5 ms keeps first_rows_ms close. A list
    // shows its first rows before it is complete (synced): first_rows_ms is when the view has a row.
    m_poll.setInterval(5);
    connect(&m_poll, &QTimer::timeout, this, &FrameStats::checkReady);
    m_poll.start();
}

void FrameStats::checkReady() {
    if (!m_window) {
        return;
    }
    if (!m_view) { // Main.qml names the view it shows "currentView"
        m_view = m_window->findChild<ResourceView*>(QStringLiteral("currentView"));
        if (!m_view && m_window->contentItem()) {
            m_view = m_window->contentItem()->findChild<ResourceView*>(QStringLiteral("currentView"));
        }
    }
    if (m_view && m_view->model()->rowCount() > 0) {
        const std::lock_guard lock(m_mutex);
        if (!m_rowsShown) {
            m_rowsShown = true;
            m_window->update(); // the next frame swapped shows them
        }
    }
    if (!m_window->property("screenshotReady").toBool()) {
        return;
    }
    m_poll.stop();
    m_deadline.stop();
    m_readyMs = msSinceProcessStart();
    // Printed now, so that a benchmark can start its load (bench_dashboard.sh's churn) before recording.
    std::printf("RESULT ready_ms=%.0f\n", m_readyMs);
    std::fflush(stdout);
    {
        const std::lock_guard lock(m_mutex);
        m_ready = true;
        m_recording = true;
    }
    m_window->update(); // a frame to swap even if the rows were already drawn
    QTimer::singleShot(settleTime, this, &FrameStats::startRecording);
}

void FrameStats::startRecording() {
    {
        const std::lock_guard lock(m_mutex);
        m_settleFrames = m_swaps;
        m_settleFrameMaxNs = m_workNs.empty() ? 0 : *std::max_element(m_workNs.begin(), m_workNs.end());
        m_intervalsNs.clear();
        m_workNs.clear();
        m_lastSwapNs = -1;
        m_swaps = 0;
        m_recording = true;
    }
    m_stallsNs.clear();
    m_lastTickNs = m_clock.nsecsElapsed();
    m_stallTimer.start();
    QTimer::singleShot(m_duration, this, &FrameStats::report);
}

bool FrameStats::eventFilter(QObject* watched, QEvent* event) {
    // The render loop starts a frame on the window's UpdateRequest (then polishes, syncs, renders, swaps).
    if (watched == m_window && event->type() == QEvent::UpdateRequest) {
        const std::lock_guard lock(m_mutex);
        m_frameBeginNs = m_clock.nsecsElapsed();
    }
    return QObject::eventFilter(watched, event);
}

void FrameStats::onFrameSwapped() {
    const qint64 now = m_clock.nsecsElapsed();
    const std::lock_guard lock(m_mutex);
    if ((m_rowsShown || m_ready) && m_firstRowsMs < 0) {
        m_firstRowsMs = msSinceProcessStart();
    }
    if (!m_recording) {
        return;
    }
    if (m_lastSwapNs >= 0) {
        m_intervalsNs.push_back(now - m_lastSwapNs);
    }
    if (m_frameBeginNs >= 0) {
        m_workNs.push_back(now - m_frameBeginNs);
    }
    m_lastSwapNs = now;
    m_frameBeginNs = -1;
    ++m_swaps;
}

void FrameStats::report() {
    m_stallTimer.stop();
    std::vector<qint64> intervals;
    std::vector<qint64> work;
    double firstRowsMs = -1;
    size_t swaps = 0;
    {
        const std::lock_guard lock(m_mutex);
        m_recording = false;
        intervals = m_intervalsNs;
        work = m_workNs;
        firstRowsMs = m_firstRowsMs;
        swaps = m_swaps;
    }
    std::printf("RESULT first_rows_ms=%.0f\n", firstRowsMs >= 0 ? firstRowsMs : m_readyMs);
    std::printf("RESULT frame_p50_ms=%.2f frame_p99_ms=%.2f frame_max_ms=%.2f gui_stall_max_ms=%.2f "
                "frames=%zu rss_kb=%lld\n",
                percentileMs(work, 50), percentileMs(work, 99), maxMs(work), maxMs(m_stallsNs), swaps,
                statusKb("VmRSS:"));
    std::printf("RESULT frame_interval_p50_ms=%.2f frame_interval_p99_ms=%.2f frame_interval_max_ms=%.2f "
                "gui_stall_p99_ms=%.2f rss_peak_kb=%lld\n",
                percentileMs(intervals, 50), percentileMs(intervals, 99), maxMs(intervals),
                percentileMs(m_stallsNs, 99), statusKb("VmHWM:"));
    std::printf("RESULT settle_frames=%zu settle_frame_max_ms=%.2f\n", m_settleFrames,
                double(m_settleFrameMaxNs) / 1e6);
    std::fflush(stdout);
    QCoreApplication::exit(0);
}

void FrameStats::giveUp() {
    std::fprintf(stderr, "binnacle: the window's data did not arrive in time for --report-frames\n");
    QCoreApplication::exit(1);
}

} // namespace binnacle::app
