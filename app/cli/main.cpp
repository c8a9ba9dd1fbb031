// binnacle-cli: the core client on the command line, for scripts and for measuring against kubectl.
#include "applycommand.h"
#include "clustersession.h"
#include "deletecommand.h"
#include "getcommand.h"
#include "infocommands.h"
#include "kubeconfigloader.h"
#include "kubeconfiglocation.h"
#include "kubeconfigstore.h"
#include "scalecommand.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QLoggingCategory>
#include <QTextStream>
#include <QTimer>
#include <memory>

using namespace binnacle;

namespace {
int usage(QTextStream& err) {
    err << "usage: binnacle-cli [--kubeconfig FILE] [--context NAME] [-n NS] COMMAND\n"
           "  get KIND [NAME] [-A] [-l SEL] [--field-selector SEL] [-o wide|name|json|yaml] [--chunk-size N] "
           "[--no-headers] [-w]\n"
           "  apply -f FILE|- [--server-side] [--force-conflicts] [--dry-run=server] [--field-manager NAME]\n"
           "  delete KIND NAME... [--wait=false] [--dry-run=server]\n"
           "  scale KIND NAME|KIND/NAME --replicas=N\n"
           "  api-resources | version\n"
           "  config get-contexts | current-context | use-context NAME | set-context --current --namespace "
           "NS\n";
    err.flush();
    return 2;
}

int runConfig(const QStringList& args, const config::KubeconfigLocation& location,
              const QString& namespaceValue, QTextStream& out, QTextStream& err) {
    config::KubeconfigStore store(location);
    const config::Kubeconfig& kubeconfig = store.config();
    for (const config::KubeconfigError& error : kubeconfig.errors) {
        err << "warning: " << error.toString() << '\n';
    }
    const QString verb = args.value(1);
    QString error;
    if (verb == QLatin1String("get-contexts")) {
        out << cli::configContextsTable(kubeconfig);
        return 0;
    }
    if (verb == QLatin1String("current-context")) {
        if (kubeconfig.currentContext.isEmpty()) {
            err << "error: current-context is not set\n";
            return 1;
        }
        out << kubeconfig.currentContext << '\n';
        return 0;
    }
    if (verb == QLatin1String("use-context") && args.size() == 3) {
        if (!store.useContext(args.at(2), &error)) {
            err << "error: " << error << '\n';
            return 1;
        }
        out << "Switched to context \"" << args.at(2) << "\".\n";
        return 0;
    }
    if (verb == QLatin1String("set-context") && args.value(2) == QLatin1String("--current")) {
        if (!store.setContextNamespace(kubeconfig.currentContext, namespaceValue, &error)) {
            err << "error: " << error << '\n';
            return 1;
        }
        out << "Context \"" << kubeconfig.currentContext << "\" modified.\n";
        return 0;
    }
    return usage(err);
}
} // namespace

int main(int argc, char* argv[]) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("binnacle-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(BINNACLE_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);
    // A command line prints results, not traces; QT_LOGGING_RULES still turns them on.
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES")) {
        QLoggingCategory::setFilterRules(QStringLiteral("binnacle.*.debug=false\nbinnacle.*.info=false"));
    }

    QCommandLineParser parser;
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsOptions);
    const QCommandLineOption kubeconfigOption(QStringLiteral("kubeconfig"),
                                              QStringLiteral("Kubeconfig file."), QStringLiteral("file"));
    const QCommandLineOption contextOption(QStringLiteral("context"), QStringLiteral("Context to use."),
                                           QStringLiteral("name"));
    const QCommandLineOption namespaceOption({QStringLiteral("n"), QStringLiteral("namespace")},
                                             QStringLiteral("Namespace."), QStringLiteral("ns"));
    const QCommandLineOption allNamespaces({QStringLiteral("A"), QStringLiteral("all-namespaces")},
                                           QStringLiteral("All namespaces."));
    const QCommandLineOption selector({QStringLiteral("l"), QStringLiteral("selector")},
                                      QStringLiteral("Label selector."), QStringLiteral("sel"));
    const QCommandLineOption fieldSelector(QStringLiteral("field-selector"),
                                           QStringLiteral("Field selector."), QStringLiteral("sel"));
    const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")},
                                    QStringLiteral("wide|name|json"), QStringLiteral("format"));
    const QCommandLineOption chunkSize(QStringLiteral("chunk-size"),
                                       QStringLiteral("Page size (0: no paging)."), QStringLiteral("n"),
                                       QStringLiteral("500"));
    const QCommandLineOption noHeaders(QStringLiteral("no-headers"), QStringLiteral("Omit the header line."));
    const QCommandLineOption current(QStringLiteral("current"),
                                     QStringLiteral("With set-context: the current context."));
    const QCommandLineOption watch({QStringLiteral("w"), QStringLiteral("watch")},
                                   QStringLiteral("After the list, watch for changes."));
    const QCommandLineOption filename({QStringLiteral("f"), QStringLiteral("filename")},
                                      QStringLiteral("Manifest file, - for stdin."), QStringLiteral("file"));
    const QCommandLineOption serverSide(QStringLiteral("server-side"), QStringLiteral("Server-side apply."));
    const QCommandLineOption forceConflicts(
        QStringLiteral("force-conflicts"),
        QStringLiteral("Server-side apply: take over conflicting fields."));
    const QCommandLineOption dryRun(QStringLiteral("dry-run"), QStringLiteral("none|server"),
                                    QStringLiteral("mode"), QStringLiteral("none"));
    const QCommandLineOption fieldManager(QStringLiteral("field-manager"),
                                          QStringLiteral("Field manager name."), QStringLiteral("name"));
    const QCommandLineOption wait(QStringLiteral("wait"),
                                  QStringLiteral("delete: wait until the objects are gone."),
                                  QStringLiteral("bool"), QStringLiteral("true"));
    const QCommandLineOption replicas(QStringLiteral("replicas"),
                                      QStringLiteral("scale: the new replica count."), QStringLiteral("n"),
                                      QStringLiteral("-1"));
    parser.addOptions({kubeconfigOption, contextOption, namespaceOption, allNamespaces, selector,
                       fieldSelector, output, chunkSize, noHeaders, current, watch, filename, serverSide,
                       forceConflicts, dryRun, fieldManager, wait, replicas});
    parser.addHelpOption();
    parser.addVersionOption();
    if (!parser.parse(QCoreApplication::arguments())) {
        err << "error: " << parser.errorText() << '\n';
        return usage(err);
    }
    if (parser.isSet(QStringLiteral("help"))) {
        return usage(err);
    }
    QStringList args = parser.positionalArguments();
    if (args.isEmpty()) {
        return usage(err);
    }
    const config::KubeconfigLocation location =
        config::KubeconfigLocation::fromEnvironment(parser.value(kubeconfigOption));
    if (args.first() == QLatin1String("config")) {
        if (parser.isSet(current)) {
            args.append(QStringLiteral("--current"));
        }
        return runConfig(args, location, parser.value(namespaceOption), out, err);
    }

    const config::Kubeconfig kubeconfig = config::KubeconfigLoader::load(location);
    for (const config::KubeconfigError& error : kubeconfig.errors) {
        err << "warning: " << error.toString() << '\n';
    }
    QString error;
    std::unique_ptr<cli::ClusterSession> session = cli::ClusterSession::open(
        kubeconfig, parser.value(contextOption), parser.value(namespaceOption), &error);
    if (!session) {
        err << "error: " << error << '\n';
        return 1;
    }
    int exitCode = 0;
    auto finish = [&](int code) {
        exitCode = code;
        QTimer::singleShot(0, &app, &QCoreApplication::quit);
    };
    const QString dryRunMode = parser.value(dryRun);
    if (dryRunMode != QLatin1String("none") && dryRunMode != QLatin1String("server")) {
        err << "error: --dry-run=" << dryRunMode << " is not supported (none, server)\n";
        return 1;
    }
    std::unique_ptr<QObject> command;
    const QString verb = args.first();
    if (verb == QLatin1String("get") && args.size() >= 2) {
        cli::GetOptions options;
        options.resource = args.at(1);
        options.name = args.value(2);
        options.allNamespaces = parser.isSet(allNamespaces);
        options.labelSelector = parser.value(selector);
        options.fieldSelector = parser.value(fieldSelector);
        options.output = parser.value(output);
        options.chunkSize = parser.value(chunkSize).toInt();
        options.noHeaders = parser.isSet(noHeaders);
        options.watch = parser.isSet(watch);
        static const QStringList formats = {QString(), QStringLiteral("wide"), QStringLiteral("name"),
                                            QStringLiteral("json"), QStringLiteral("yaml")};
        if (!formats.contains(options.output)) {
            err << "error: unsupported output format \"" << options.output << "\" (wide, name, json, yaml)\n";
            return 1;
        }
        auto get = std::make_unique<cli::GetCommand>(session.get(), options, out, err);
        get->run(finish);
        command = std::move(get);
    } else if (verb == QLatin1String("apply") && parser.isSet(filename)) {
        cli::ApplyOptions options;
        options.file = parser.value(filename);
        options.serverSide = parser.isSet(serverSide);
        options.forceConflicts = parser.isSet(forceConflicts);
        options.dryRunServer = dryRunMode == QLatin1String("server");
        options.fieldManager = parser.value(fieldManager);
        auto apply = std::make_unique<cli::ApplyCommand>(session.get(), options, out, err);
        apply->run(finish);
        command = std::move(apply);
    } else if (verb == QLatin1String("delete") && args.size() >= 3) {
        cli::DeleteOptions options;
        options.resource = args.at(1);
        options.names = args.mid(2);
        options.wait = parser.value(wait) != QLatin1String("false");
        options.dryRunServer = dryRunMode == QLatin1String("server");
        auto remove = std::make_unique<cli::DeleteCommand>(session.get(), options, out, err);
        remove->run(finish);
        command = std::move(remove);
    } else if (verb == QLatin1String("scale") && args.size() >= 2) {
        cli::ScaleOptions options;
        options.resource = args.at(1);
        options.name = args.value(2);
        bool isNumber = false;
        options.replicas = parser.value(replicas).toInt(&isNumber);
        if (!isNumber) {
            options.replicas = -1;
        }
        auto scale = std::make_unique<cli::ScaleCommand>(session.get(), options, out, err);
        scale->run(finish);
        command = std::move(scale);
    } else if (verb == QLatin1String("api-resources")) {
        cli::runApiResources(session.get(), out, err, finish);
    } else if (verb == QLatin1String("version")) {
        cli::runVersion(session.get(), QStringLiteral("binnacle-cli " BINNACLE_VERSION), out, err, finish);
    } else {
        return usage(err);
    }
    app.exec();
    return exitCode;
}
