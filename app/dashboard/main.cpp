// binnacle: the dashboard. Composition root: creates the services, hands them to QML, loads the window.
#include "clusteroverview.h"
#include "embeddedsimulator.h"
#include "overviewsingleton.h"

#include <QCommandLineParser>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QTimer>
#include <cstdio>

namespace {
// Renders the window to a PNG once the cluster's data is in, then quits.
void scheduleScreenshot(QQmlApplicationEngine& engine, binnacle::ClusterOverview& overview,
                        const QString& file) {
    auto capture = [&engine, file] {
        auto* window = qobject_cast<QQuickWindow*>(engine.rootObjects().value(0));
        const bool saved = window && window->grabWindow().save(file);
        std::fprintf(saved ? stdout : stderr,
                     saved ? "screenshot written to %s\n" : "cannot write screenshot %s\n", qPrintable(file));
        QCoreApplication::exit(saved ? 0 : 1);
    };
    QObject::connect(&overview, &binnacle::ClusterOverview::changed, &overview, [&overview, capture] {
        if (overview.loaded()) {
            // One more frame so the views show what the models now hold.
            QTimer::singleShot(300, capture);
        }
    });
}
} // namespace

int main(int argc, char* argv[]) {
    QGuiApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("Binnacle"));
    QCoreApplication::setOrganizationName(QStringLiteral("Binnacle"));
    QCoreApplication::setApplicationVersion(QStringLiteral(BINNACLE_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Native Kubernetes dashboard."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demo(QStringLiteral("demo"),
                                  QStringLiteral("Start the embedded demo cluster and connect to it."));
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QStringLiteral("Render the window to a PNG once its data has loaded, then exit."),
        QStringLiteral("file"));
    const QCommandLineOption size(QStringLiteral("size"), QStringLiteral("Window size for --screenshot."),
                                  QStringLiteral("WxH"), QStringLiteral("1280x800"));
    parser.addOptions({demo, screenshot, size});
    parser.process(app);

    if (!parser.isSet(demo)) {
        std::fprintf(stderr, "binnacle: connecting through a kubeconfig arrives with the core client; "
                             "for now start the embedded demo cluster with --demo\n");
        return 2;
    }

    binnacle::ClusterOverview overview;
    binnacle::OverviewSingleton::s_instance = &overview;

    binnacle::sim::SimulatorOptions options;
    options.demo = true;
    binnacle::sim::EmbeddedSimulator simulator(options);
    QObject::connect(&simulator, &binnacle::sim::EmbeddedSimulator::ready, &overview, [&] {
        const auto& credentials = simulator.credentials();
        overview.connectTo(credentials.serverUrl, credentials.caPem, credentials.adminToken);
    });
    QObject::connect(&simulator, &binnacle::sim::EmbeddedSimulator::failed, &overview,
                     [&](const QString& error) {
                         overview.setStatus(QStringLiteral("The demo cluster did not start: %1").arg(error));
                     });

    QQmlApplicationEngine engine;
    engine.addImportPath(QStringLiteral("qrc:/"));
    engine.load(QUrl(QStringLiteral("qrc:/Binnacle/Ui/Main.qml")));
    if (engine.rootObjects().isEmpty()) {
        return 1;
    }
    if (parser.isSet(screenshot)) {
        const QStringList dimensions = parser.value(size).split(QLatin1Char('x'));
        if (auto* window = qobject_cast<QQuickWindow*>(engine.rootObjects().first());
            window && dimensions.size() == 2) {
            window->resize(dimensions[0].toInt(), dimensions[1].toInt());
        }
        scheduleScreenshot(engine, overview, parser.value(screenshot));
    }
    simulator.start();
    return app.exec();
}
