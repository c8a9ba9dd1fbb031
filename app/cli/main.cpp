// binnacle-cli: the core client on the command line, for scripts and for measuring against kubectl.
#include "clustersession.h"
#include "getcommand.h"
#include "infocommands.h"
#include "kubeconfigloader.h"
#include "kubeconfiglocation.h"
#include "kubeconfigstore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QLoggingCategory>
#include <QTextStream>
#include <QTimer>

#include <memory>

using namespace binnacle;

namespace {
int usage(QTextStream& err)
{
    err << "usage: binnacle-cli [--kubeconfig FILE] [--context NAME] [-n NS] COMMAND\n"
           "  get KIND [NAME] [-A] [-l SEL] [--field-selector SEL] [-o wide|name|json] [--chunk-size N] [--no-headers]\n"
           "  api-resources | version\n"
           "  config get-contexts | current-context | use-context NAME | set-context --current --namespace NS\n";
    err.flush();
    return 2;
}

int runConfig(const QStringList& args, const config::KubeconfigLocation& location, const QString& namespaceValue,
              QTextStream& out, QTextStream& err)
{
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

int main(int argc, char* argv[])
{
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
    const QCommandLineOption kubeconfigOption(QStringLiteral("kubeconfig"), QStringLiteral("Kubeconfig file."), QStringLiteral("file"));
    const QCommandLineOption contextOption(QStringLiteral("context"), QStringLiteral("Context to use."), QStringLiteral("name"));
    const QCommandLineOption namespaceOption({QStringLiteral("n"), QStringLiteral("namespace")}, QStringLiteral("Namespace."), QStringLiteral("ns"));
    const QCommandLineOption allNamespaces({QStringLiteral("A"), QStringLiteral("all-namespaces")}, QStringLiteral("All namespaces."));
    const QCommandLineOption selector({QStringLiteral("l"), QStringLiteral("selector")}, QStringLiteral("Label selector."), QStringLiteral("sel"));
    const QCommandLineOption fieldSelector(QStringLiteral("field-selector"), QStringLiteral("Field selector."), QStringLiteral("sel"));
    const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")}, QStringLiteral("wide|name|json"), QStringLiteral("format"));
    const QCommandLineOption chunkSize(QStringLiteral("chunk-size"), QStringLiteral("Page size (0: no paging)."), QStringLiteral("n"), QStringLiteral("500"));
    const QCommandLineOption noHeaders(QStringLiteral("no-headers"), QStringLiteral("Omit the header line."));
    const QCommandLineOption current(QStringLiteral("current"), QStringLiteral("With set-context: the current context."));
    parser.addOptions({kubeconfigOption, contextOption, namespaceOption, allNamespaces, selector, fieldSelector, output,
                       chunkSize, noHeaders, current});
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
    const config::KubeconfigLocation location = config::KubeconfigLocation::fromEnvironment(parser.value(kubeconfigOption));
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
    std::unique_ptr<cli::ClusterSession> session =
        cli::ClusterSession::open(kubeconfig, parser.value(contextOption), parser.value(namespaceOption), &error);
    if (!session) {
        err << "error: " << error << '\n';
        return 1;
    }
    int exitCode = 0;
    auto finish = [&](int code) {
        exitCode = code;
        QTimer::singleShot(0, &app, &QCoreApplication::quit);
    };
    std::unique_ptr<cli::GetCommand> get;
    const QString command = args.first();
    if (command == QLatin1String("get") && args.size() >= 2) {
        cli::GetOptions options;
        options.resource = args.at(1);
        options.name = args.value(2);
        options.allNamespaces = parser.isSet(allNamespaces);
        options.labelSelector = parser.value(selector);
        options.fieldSelector = parser.value(fieldSelector);
        options.output = parser.value(output);
        options.chunkSize = parser.value(chunkSize).toInt();
        options.noHeaders = parser.isSet(noHeaders);
        if (!options.output.isEmpty() && options.output != QLatin1String("wide") && options.output != QLatin1String("name") &&
            options.output != QLatin1String("json")) {
            err << "error: unsupported output format \"" << options.output << "\" (wide, name, json)\n";
            return 1;
        }
        get = std::make_unique<cli::GetCommand>(session.get(), options, out, err);
        get->run(finish);
    } else if (command == QLatin1String("api-resources")) {
        cli::runApiResources(session.get(), out, err, finish);
    } else if (command == QLatin1String("version")) {
        cli::runVersion(session.get(), QStringLiteral("binnacle-cli " BINNACLE_VERSION), out, err, finish);
    } else {
        return usage(err);
    }
    app.exec();
    return exitCode;
}
