// binnacle: the dashboard. Composition root: creates the services, hands them to QML, loads the window.
#include "clusterconnection.h"
#include "connectionsingleton.h"
#include "embeddedsimulator.h"
#include "kubeconfigcluster.h"
#include "kubeconfigloader.h"
#include "staticcredentialprovider.h"
#include "windowscreenshot.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QQuickWindow>
#include <cstdio>
#include <memory>

namespace {

// The demo cluster's admin, as a static bearer token.
void connectToDemo(binnacle::ClusterConnection& connection,
                   const binnacle::sim::SimulatorCredentials& cluster) {
    binnacle::transport::ClusterEndpoint endpoint;
    endpoint.server = QUrl(cluster.serverUrl);
    endpoint.caPem = cluster.caPem;
    binnacle::auth::StaticCredentialProvider::Settings settings;
    settings.token = cluster.adminToken;
    connection.connectTo(endpoint, std::make_unique<binnacle::auth::StaticCredentialProvider>(settings),
                         QStringLiteral("demo"));
}

enum class KubeconfigOutcome { NoKubeconfig, Unusable, Connecting };

// A context of the user's kubeconfig files (an explicit file, else $KUBECONFIG, else ~/.kube/config).
KubeconfigOutcome connectToKubeconfig(binnacle::ClusterConnection& connection, const QString& file,
                                      const QString& context) {
    const auto location = binnacle::config::KubeconfigLocation::fromEnvironment(file);
    bool anyFile = false;
    for (const QString& path : location.files()) {
        anyFile = anyFile || QFileInfo::exists(path);
    }
    if (!anyFile) {
        return KubeconfigOutcome::NoKubeconfig;
    }
    const binnacle::config::Kubeconfig kubeconfig = binnacle::config::KubeconfigLoader::load(location);
    for (const binnacle::config::KubeconfigError& error : kubeconfig.errors) {
        std::fprintf(stderr, "binnacle: %s\n", qPrintable(error.toString()));
    }
    QString error;
    auto cluster = binnacle::app::resolveContext(kubeconfig, context, &error);
    if (!cluster) {
        connection.setFailed(error);
        std::fprintf(stderr, "binnacle: %s\n", qPrintable(error));
        return KubeconfigOutcome::Unusable;
    }
    connection.connectTo(cluster->endpoint, std::move(cluster->credentials), cluster->contextName);
    return KubeconfigOutcome::Connecting;
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
    const QCommandLineOption kubeconfig(
        QStringLiteral("kubeconfig"),
        QStringLiteral("The kubeconfig file (default: $KUBECONFIG, ~/.kube/config)."),
        QStringLiteral("file"));
    const QCommandLineOption context(QStringLiteral("context"),
                                     QStringLiteral("The kubeconfig context (default: the current one)."),
                                     QStringLiteral("name"));
    const QCommandLineOption view(QStringLiteral("view"),
                                  QStringLiteral("The kind to open on (pods, deployments, Service ...)."),
                                  QStringLiteral("kind"), QStringLiteral("pods"));
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
    parser.addOptions({demo, kubeconfig, context, view, screenshot, size, delay});
    parser.process(app);

    if (QQuickStyle::name().isEmpty()) {
        QQuickStyle::setStyle(QStringLiteral("Fusion")); // follows the system palette, light or dark
    }

    // Declared first, destroyed last: the connection stops its watches while the demo cluster still answers.
    std::unique_ptr<binnacle::sim::EmbeddedSimulator> simulator;
    binnacle::ClusterConnection connection;
    binnacle::ConnectionSingleton::s_instance = &connection;
    connection.setInitialView(parser.value(view));

    if (parser.isSet(demo)) {
        binnacle::sim::SimulatorOptions options;
        options.demo = true;
        simulator = std::make_unique<binnacle::sim::EmbeddedSimulator>(options);
        QObject::connect(simulator.get(), &binnacle::sim::EmbeddedSimulator::ready, &connection,
                         [&] { connectToDemo(connection, simulator->credentials()); });
        QObject::connect(simulator.get(), &binnacle::sim::EmbeddedSimulator::failed, &connection,
                         [&](const QString& error) {
                             connection.setFailed(
                                 QStringLiteral("The demo cluster did not start: %1").arg(error));
                         });
    } else {
        switch (connectToKubeconfig(connection, parser.value(kubeconfig), parser.value(context))) {
        case KubeconfigOutcome::NoKubeconfig:
            std::fprintf(stderr, "binnacle: no kubeconfig found; give one with --kubeconfig FILE, or try the "
                                 "embedded demo cluster with --demo\n");
            return 2;
        case KubeconfigOutcome::Unusable:
            if (parser.isSet(screenshot)) {
                return 1; // nothing to render; the window would only show the error
            }
            break;
        case KubeconfigOutcome::Connecting:
            break;
        }
    }

    QQmlApplicationEngine engine;
    engine.addImportPath(QStringLiteral("qrc:/"));
    engine.load(QUrl(QStringLiteral("qrc:/Binnacle/Ui/Main.qml")));
    auto* window = qobject_cast<QQuickWindow*>(engine.rootObjects().value(0));
    if (!window) {
        return 1;
    }
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
    if (simulator) {
        simulator->start();
    }
    return app.exec();
}
