// binnacle-sim: a Kubernetes API server simulator that real kubectl accepts, for tests, benchmarks and demos.
#include "simulator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>
#include <csignal>

int main(int argc, char* argv[]) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("binnacle-sim"));
    QCoreApplication::setApplicationVersion(QStringLiteral(BINNACLE_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Kubernetes API-server simulator (TLS, discovery, CRUD, watch, "
                       "tables, patches, controllers)."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption listen(QStringLiteral("listen"), QStringLiteral("Address and port to serve on."),
                                    QStringLiteral("host:port"), QStringLiteral("127.0.0.1:0"));
    const QCommandLineOption kubeconfigOut(
        QStringLiteral("kubeconfig-out"),
        QStringLiteral("Write a kubeconfig with contexts sim-admin, sim-cert and "
                       "sim-readonly here."),
        QStringLiteral("file"));
    const QCommandLineOption demo(QStringLiteral("demo"), QStringLiteral("Populate a lively demo cluster."));
    const QCommandLineOption seed(QStringLiteral("seed"), QStringLiteral("Seed for deterministic data."),
                                  QStringLiteral("n"), QStringLiteral("1"));
    const QCommandLineOption pods(QStringLiteral("pods"),
                                  QStringLiteral("Add N realistic pods, for scale work."),
                                  QStringLiteral("n"), QStringLiteral("0"));
    const QCommandLineOption timeScale(QStringLiteral("time-scale"),
                                       QStringLiteral("Controller clock factor; 0.1 runs ten times faster."),
                                       QStringLiteral("factor"), QStringLiteral("1"));
    parser.addOptions({listen, kubeconfigOut, demo, seed, pods, timeScale});
    parser.process(app);

    binnacle::sim::SimulatorOptions options;
    const QString listenValue = parser.value(listen);
    const qsizetype colon = listenValue.lastIndexOf(QLatin1Char(':'));
    QString host = colon < 0 ? listenValue : listenValue.left(colon);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']'))) {
        host = host.mid(1, host.size() - 2);
    }
    bool portOk = colon >= 0;
    const uint port = colon < 0 ? 0 : listenValue.mid(colon + 1).toUInt(&portOk);
    if (!portOk || port > 65535 || !options.address.setAddress(host)) {
        QTextStream(stderr) << "binnacle-sim: --listen wants host:port, got \"" << listenValue << "\"\n";
        return 2;
    }
    options.port = quint16(port);
    options.seed = parser.value(seed).toUInt();
    options.demo = parser.isSet(demo);
    options.bulkPods = parser.value(pods).toInt();
    options.timeScale = parser.value(timeScale).toDouble();
    if (options.timeScale <= 0) {
        options.timeScale = 1.0;
    }

    binnacle::sim::Simulator simulator(options);
    QString error;
    if (!simulator.start(&error)) {
        QTextStream(stderr) << "binnacle-sim: " << error << '\n';
        return 1;
    }
    if (parser.isSet(kubeconfigOut) &&
        !binnacle::sim::writeKubeconfigFile(parser.value(kubeconfigOut), simulator.kubeconfig(), &error)) {
        QTextStream(stderr) << "binnacle-sim: cannot write " << parser.value(kubeconfigOut) << ": " << error
                            << '\n';
        return 1;
    }
    std::signal(SIGTERM, [](int) { QCoreApplication::quit(); });
    std::signal(SIGINT, [](int) { QCoreApplication::quit(); });
    QTextStream out(stdout);
    out << "serving " << simulator.serverUrl() << '\n' << "ready" << Qt::endl;
    return app.exec();
}
