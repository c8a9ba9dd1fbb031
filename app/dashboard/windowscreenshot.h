#pragma once

#include "resourceview.h"

#include <QObject>
#include <QPointer>
#include <QQuickWindow>
#include <QTimer>
#include <chrono>

namespace binnacle::app {

// `binnacle --screenshot FILE`: waits until the window is ready (its property screenshotReady; else its
// current resource view is synced and shows rows),
// gives the views a moment to render them, writes the window as a PNG and quits the application (exit code
// 0, or 1 when nothing could be written or the data did not arrive within the time limit).
class WindowScreenshot : public QObject {
    Q_OBJECT
public:
    // `settle`: how long the data must have been on screen before the capture (at least a few frames).
    WindowScreenshot(QQuickWindow* window, QString file, std::chrono::milliseconds timeout,
                     std::chrono::milliseconds settle = {}, QObject* parent = nullptr);

private:
    void check();
    void capture();
    void giveUp();

    QPointer<QQuickWindow> m_window;
    QString m_file;
    QPointer<ResourceView> m_view;
    QTimer m_poll;
    QTimer m_settle;
    QTimer m_deadline;
    bool m_done = false;
};

} // namespace binnacle::app
