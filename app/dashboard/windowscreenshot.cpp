#include "windowscreenshot.h"

#include "resourceview.h"

#include <QCoreApplication>
#include <QImage>
#include <QQuickItem>
#include <algorithm>
#include <cstdio>

namespace binnacle::app {

namespace {
// The view the window shows: Main.qml names it "currentView".
ResourceView* findCurrentView(QQuickWindow* window) {
    if (auto* view = window->findChild<ResourceView*>(QStringLiteral("currentView"))) {
        return view;
    }
    return window->contentItem()
               ? window->contentItem()->findChild<ResourceView*>(QStringLiteral("currentView"))
               : nullptr;
}
} // namespace

WindowScreenshot::WindowScreenshot(QQuickWindow* window, QString file, std::chrono::milliseconds timeout,
                                   std::chrono::milliseconds settle, QObject* parent)
    : QObject(parent)
    , m_window(window)
    , m_file(std::move(file)) {
    // Rows arrive, then delegates are created and laid out over the next frames.
    m_settle.setSingleShot(true);
    m_settle.setInterval(std::max(settle, std::chrono::milliseconds(400)));
    connect(&m_settle, &QTimer::timeout, this, &WindowScreenshot::capture);
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, &WindowScreenshot::giveUp);
    m_deadline.start(timeout + settle);
    m_view = findCurrentView(window);
    // The window says when it is ready (its table, and the details panel when one was asked for) through
    // the property screenshotReady; it is polled, as it combines several objects' states.
    m_poll.setInterval(100);
    connect(&m_poll, &QTimer::timeout, this, &WindowScreenshot::check);
    m_poll.start();
}

void WindowScreenshot::check() {
    const QVariant windowReady = m_window ? m_window->property("screenshotReady") : QVariant();
    const bool ready = windowReady.isValid() ? windowReady.toBool() : (m_view && m_view->ready());
    if (!ready) {
        m_settle.stop();
    } else if (!m_settle.isActive()) {
        m_settle.start();
    }
}

void WindowScreenshot::capture() {
    if (m_done || !m_window) {
        return;
    }
    m_done = true;
    const QImage image = m_window->grabWindow();
    const bool saved = !image.isNull() && image.save(m_file);
    std::fprintf(saved ? stdout : stderr,
                 saved ? "screenshot written to %s\n" : "cannot write screenshot %s\n", qPrintable(m_file));
    QCoreApplication::exit(saved ? 0 : 1);
}

void WindowScreenshot::giveUp() {
    if (m_done) {
        return;
    }
    m_done = true;
    const QString health = m_view ? m_view->healthText() : QStringLiteral("no view");
    std::fprintf(stderr, "no data to screenshot in time (%s)\n", qPrintable(health));
    QCoreApplication::exit(1);
}

} // namespace binnacle::app
