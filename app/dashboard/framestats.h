#pragma once

#include "resourceview.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QQuickWindow>
#include <QTimer>
#include <chrono>
#include <mutex>
#include <vector>

namespace binnacle::app {

// `binnacle --report-frames SECONDS`, for tests/benchmarks/bench_dashboard.sh: waits until the window's data
// is ready (its property screenshotReady, as for --screenshot) and a second more, then records for SECONDS
// how the window renders and how responsive the GUI thread stays, prints "RESULT key=value" lines and quits
// (exit code 0; 1 when the data did not arrive within the time limit). Printed:
//   ready_ms            process start (the kernel's start time) until screenshotReady: the list is complete
//                       (synced) and shows rows; printed at once, the rest at the end
//   first_rows_ms       process start until the first frame swapped once the view has a row (a list's
//                       first pages show before it is complete)
//   frame_p50/p99/max_ms  each frame's cost: the window's UpdateRequest (the render loop starts the frame:
//                       polish, sync, render, flush) until QQuickWindow::frameSwapped
//   frames              frames swapped while recording
//   frame_interval_*_ms intervals between consecutive frameSwapped; Qt Quick renders only when something
//                       on screen changed, so these say how often that happened rather than how fast frames
//                       are
//   gui_stall_*_ms      the lateness of a 1 ms timer on the GUI thread: longest, 99th percentile
//   rss_kb, rss_peak_kb VmRSS and VmHWM at the end
//   settle_frames, settle_frame_max_ms   the frames in the second before recording, and the costliest
class FrameStats : public QObject {
    Q_OBJECT
public:
    FrameStats(QQuickWindow* window, std::chrono::milliseconds duration, std::chrono::milliseconds timeout,
               QObject* parent = nullptr);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void checkReady();
    void startRecording();
    void report();
    void giveUp();
    // On the render thread with the threaded render loop.
    void onFrameSwapped();

    QPointer<QQuickWindow> m_window;
    QPointer<ResourceView> m_view;
    std::chrono::milliseconds m_duration;
    QElapsedTimer m_clock;
    QTimer m_poll;
    QTimer m_stallTimer;
    QTimer m_deadline;
    qint64 m_lastTickNs = 0;
    std::vector<qint64> m_stallsNs;
    double m_readyMs = -1;

    std::mutex m_mutex; // guards the fields below, shared with the render thread
    bool m_ready = false;
    bool m_rowsShown = false;
    bool m_recording = false;
    size_t m_swaps = 0;
    size_t m_settleFrames = 0;
    qint64 m_settleFrameMaxNs = 0;
    qint64 m_frameBeginNs = -1;
    qint64 m_lastSwapNs = -1;
    double m_firstRowsMs = -1;
    std::vector<qint64> m_intervalsNs;
    std::vector<qint64> m_workNs;
};

} // namespace binnacle::app
