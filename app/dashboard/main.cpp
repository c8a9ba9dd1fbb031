// binnacle: the dashboard. Composition root: creates the services, hands them to QML, loads the window.
#include "clusterconnection.h"
#include "connectionsingleton.h"
#include "contextsmodel.h"
#include "darkpalette.h"
#include "dashboardsettings.h"
#include "democluster.h"
#include "framestats.h"
#include "windowscreenshot.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QGuiApplication>
#include <QIcon>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QQuickWindow>
#include <cstdio>
#include <memory>

int main(int argc, char* argv[]) {
    QGuiApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("Binnacle"));
    QCoreApplication::setOrganizationName(QStringLiteral("Binnacle"));
    QCoreApplication::setApplicationVersion(QStringLiteral(BINNACLE_VERSION));
    // The window icon (built in resources/) and the desktop entry the window belongs to (Wayland app id).
    QGuiApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/binnacle.png")));
    QGuiApplication::setDesktopFileName(QStringLiteral("io.github.binnacle.Binnacle"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Native Kubernetes dashboard."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demo(QStringLiteral("demo"),
                                  QStringLiteral("Start the embedded demo cluster and connect to it."));
    const QCommandLineOption kubeconfig(
        QStringLiteral("kubeconfig"),
        QStringLiteral("The kubeconfig file (default: $KUBECONFIG, ~/.kube/config)."),
        QStringLiteral("file"));
    const QCommandLineOption context(QStringLiteral("context"),
                                     QStringLiteral("The kubeconfig context (default: the current one)."),
                                     QStringLiteral("name"));
    const QCommandLineOption view(
        QStringLiteral("view"),
        QStringLiteral("The kind to open on (pods, deployments, Service ...; default: the last one)."),
        QStringLiteral("kind"));
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QStringLiteral("Render the window to a PNG once its data has loaded, then exit."),
        QStringLiteral("file"));
    const QCommandLineOption size(QStringLiteral("size"), QStringLiteral("Window size for --screenshot."),
                                  QStringLiteral("WxH"), QStringLiteral("1280x800"));
    const QCommandLineOption delay(
        QStringLiteral("delay"),
        QStringLiteral("For --screenshot: wait this long after the data has loaded "
                       "(the demo's pods take a few seconds to start)."),
        QStringLiteral("ms"), QStringLiteral("0"));
    const QCommandLineOption select(QStringLiteral("select"),
                                    QStringLiteral("Open this object's details (NAMESPACE/NAME, or NAME)."),
                                    QStringLiteral("object"));
    const QCommandLineOption panel(
        QStringLiteral("panel"),
        QStringLiteral("The details tab to show: overview, yaml, logs, shell, events or related."),
        QStringLiteral("tab"), QStringLiteral("overview"));
    const QCommandLineOption edit(
        QStringLiteral("edit"),
        QStringLiteral(
            "With --select: change KEY to VALUE in the object's YAML and preview the dry run's diff."),
        QStringLiteral("key=value"));
    const QCommandLineOption show(
        QStringLiteral("show"), QStringLiteral("Open a popup once the data has loaded: contexts or palette."),
        QStringLiteral("popup"));
    const QCommandLineOption reportFrames(
        QStringLiteral("report-frames"),
        QStringLiteral("Once the data has loaded, measure frame times for this long, print them, then exit."),
        QStringLiteral("seconds"));
    const QCommandLineOption dark(QStringLiteral("dark"),
                                  QStringLiteral("Use a dark palette, whatever the desktop's."));
    parser.addOptions({demo, kubeconfig, context, view, screenshot, size, delay, select, panel, edit, show,
                       reportFrames, dark});
    parser.process(app);

    if (QQuickStyle::name().isEmpty()) {
        QQuickStyle::setStyle(QStringLiteral("Fusion")); // follows the system palette, light or dark
    }
    if (parser.isSet(dark)) {
        QGuiApplication::setPalette(binnacle::app::darkPalette());
    }

    // Declared first, destroyed last: the connection stops its watches while the demo cluster still answers.
    std::unique_ptr<binnacle::app::DemoCluster> demoCluster;
    binnacle::ClusterConnection connection;
    binnacle::ConnectionSingleton::s_instance = &connection;
    if (parser.isSet(view)) {
        connection.setInitialView(parser.value(view)); // else the context's last view
    }
    demoCluster = std::make_unique<binnacle::app::DemoCluster>(&connection);

    binnacle::ContextsModel contexts(&connection);
    binnacle::ContextsSingleton::s_instance = &contexts;
    contexts.setDemo([&demoCluster] { demoCluster->start(); });
    contexts.setLocation(binnacle::config::KubeconfigLocation::fromEnvironment(parser.value(kubeconfig)));
    if (!contexts.error().isEmpty()) {
        std::fprintf(stderr, "binnacle: %s\n", qPrintable(contexts.error()));
    }

    // Without --context, the context used last time (as long as it is still there), else kubectl's current
    // one.
    const QString lastContext =
        parser.isSet(context) ? QString() : binnacle::DashboardSettings().lastContext();
    if (parser.isSet(demo) || lastContext == binnacle::ContextsModel::kDemoContext) {
        contexts.switchTo(binnacle::ContextsModel::kDemoContext);
    } else if (contexts.noKubeconfig()) {
        std::fprintf(stderr, "binnacle: no kubeconfig found; give one with --kubeconfig FILE, or try the "
                             "embedded demo cluster with --demo\n");
        if (parser.isSet(screenshot)) {
            return 2; // nothing to render but the start screen
        }
        // The window opens on its start screen, which offers the demo and explains how to add a cluster.
    } else {
        const QString name = parser.isSet(context) ? parser.value(context)
                             : contexts.kubeconfig().context(lastContext) != nullptr
                                 ? lastContext
                                 : contexts.kubeconfigCurrentContext();
        if (!contexts.switchTo(name)) {
            connection.setFailed(contexts.error());
            std::fprintf(stderr, "binnacle: %s\n", qPrintable(contexts.error()));
            if (parser.isSet(screenshot)) {
                return 1; // nothing to render; the window would only show the error
            }
        }
    }

    QQmlApplicationEngine engine;
    engine.addImportPath(QStringLiteral("qrc:/"));
    engine.load(QUrl(QStringLiteral("qrc:/Binnacle/Ui/Main.qml")));
    auto* window = qobject_cast<QQuickWindow*>(engine.rootObjects().value(0));
    if (!window) {
        return 1;
    }
    if (parser.isSet(select)) {
        window->setProperty("initialSelection", parser.value(select));
        window->setProperty("initialPanel", parser.value(panel));
        window->setProperty("initialEdit", parser.value(edit));
    }
    window->setProperty("initialPopup", parser.value(show));
    std::unique_ptr<binnacle::app::WindowScreenshot> shot;
    if (parser.isSet(screenshot)) {
        const QStringList dimensions = parser.value(size).split(QLatin1Char('x'));
        if (dimensions.size() == 2) {
            window->resize(dimensions[0].toInt(), dimensions[1].toInt());
        }
        shot = std::make_unique<binnacle::app::WindowScreenshot>(
            window, parser.value(screenshot), std::chrono::seconds(60),
            std::chrono::milliseconds(parser.value(delay).toInt()));
    }
    std::unique_ptr<binnacle::app::FrameStats> frameStats;
    if (parser.isSet(reportFrames)) {
        frameStats = std::make_unique<binnacle::app::FrameStats>(
            window, std::chrono::seconds(parser.value(reportFrames).toInt()), std::chrono::seconds(120));
    }
    return app.exec();
}
