// binnacle-cli's write commands and YAML output against real kubectl on one simulator: each command runs
// through kubectl in one namespace and through binnacle-cli in another, on the same manifests, and both
// must print the same thing (apply created/unchanged/configured/serverside-applied and dry runs, scale,
// delete, -o yaml, -w).
#include "conformancecluster.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTest>

using namespace binnacle::sim::conformance;

namespace {

constexpr auto kubectlNamespace = "by-kubectl";
constexpr auto cliNamespace = "by-cli";
constexpr auto yamlNamespace = "yaml"; // objects both tools read

KubectlResult runCli(const QString& kubeconfig, const QStringList& arguments, const QByteArray& input = {}) {
    QProcess process;
    process.start(QStringLiteral(BINNACLE_CLI_EXECUTABLE),
                  QStringList{QStringLiteral("--kubeconfig"), kubeconfig} + arguments);
    process.write(input);
    process.closeWriteChannel();
    KubectlResult result;
    if (!process.waitForFinished(60000)) {
        result.timedOut = true;
        process.kill();
        process.waitForFinished();
    }
    result.exitCode = process.exitCode();
    result.crashed = process.exitStatus() == QProcess::CrashExit;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

QByteArray manifest(int replicas, const QString& value) {
    return QStringLiteral("apiVersion: v1\n"
                          "kind: ConfigMap\n"
                          "metadata:\n"
                          "  name: settings\n"
                          "  labels: {tier: web}\n"
                          "data:\n"
                          "  mode: \"%2\"\n"
                          "  motd: |\n"
                          "    Welcome.\n"
                          "    Be nice.\n"
                          "  long: a long sentence that keeps going well past the eighty columns at which "
                          "the YAML printer folds lines\n"
                          "---\n"
                          "apiVersion: apps/v1\n"
                          "kind: Deployment\n"
                          "metadata:\n"
                          "  name: web\n"
                          "spec:\n"
                          "  replicas: %1\n"
                          "  selector:\n"
                          "    matchLabels: {app: web}\n"
                          "  template:\n"
                          "    metadata:\n"
                          "      labels: {app: web}\n"
                          "    spec:\n"
                          "      containers:\n"
                          "      - name: web\n"
                          "        image: nginx:1.27\n"
                          "        ports:\n"
                          "        - containerPort: 80\n")
        .arg(replicas)
        .arg(value)
        .toUtf8();
}

// Strings that each take a different path through go-yaml's emitter.
QByteArray trickyConfigMap() {
    return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"tricky\",\"labels\":{"
           "\"a\":\"true\"}},\n"
           "      "
           "\"data\":{\"bool\":\"yes\",\"null\":\"~\",\"empty\":\"\",\"int\":\"0x1F\",\"float\":\"1e3\","
           "\"huge\":\"1e400\",\"base60\":\"1:20\",\n"
           "        \"date\":\"2026-01-02\",\"stamp\":\"2006-01-02T15:04:05Z\",\"dash\":\"- "
           "x\",\"colon\":\"a: b\",\"hash\":\"x #y\",\n"
           "        \"lead\":\" lead\",\"trail\":\"trail "
           "\",\"quote\":\"it's\",\"tab\":\"a\\tb\",\"nl\":\"a\\nb\",\"nl2\":\"a\\nb\\n\",\"nl3\":"
           "\"a\\n\\n\",\n"
           "        \"spacebreak\":\"x \\ny\",\"emoji\":\"ok "
           "😀\",\"nbsp\":\"a\\u00a0b\",\"ctrl\":\"a\\u0001b\",\"10\":\"n\",\"9\":\"n\",\"a10\":\"n\",\n"
           "        \"a9\":\"n\",\"A\":\"n\",\"_u\":\"n\",\"z.1\":\"n\",\"z01\":\"n\",\"z1\":\"n\",\n"
           "        \"wrap\":\"a very long plain string with lots of words that definitely is going to "
           "exceed the eighty character limit and wraps twice because it is long\",\n"
           "        \"wrapquoted\":\"very long single quoted because it has a colon: here and then goes on "
           "and on past the width of eighty characters\"}}";
}

} // namespace

class TestCliWritesVsKubectl : public QObject {
    Q_OBJECT
private:
    ConformanceCluster m_cluster;

    QString kubeconfig() { return m_cluster.simulator().kubeconfigPath(); }
    // The same command through both tools, each in its namespace.
    std::pair<KubectlResult, KubectlResult> both(const QStringList& arguments, const QByteArray& input = {}) {
        return {m_cluster.kubectl().run(QStringList{"-n", kubectlNamespace} + arguments, input),
                runCli(kubeconfig(), QStringList{"-n", cliNamespace} + arguments, input)};
    }

private Q_SLOTS:
    void initTestCase() {
        QString error;
        QVERIFY2(m_cluster.start(&error), qPrintable(error));
        QVERIFY2(m_cluster.createNamespace(kubectlNamespace, &error), qPrintable(error));
        QVERIFY2(m_cluster.createNamespace(cliNamespace, &error), qPrintable(error));
        QVERIFY2(m_cluster.createNamespace(yamlNamespace, &error), qPrintable(error));
    }

    // Rows run in order and build on each other.
    void apply_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QByteArray>("file");
        QTest::newRow("first apply creates") << QStringList{} << manifest(1, QStringLiteral("a"));
        QTest::newRow("same manifest: unchanged") << QStringList{} << manifest(1, QStringLiteral("a"));
        QTest::newRow("changed manifest: configured") << QStringList{} << manifest(2, QStringLiteral("a"));
        QTest::newRow("one of two changed") << QStringList{} << manifest(2, QStringLiteral("b"));
        QTest::newRow("server dry run")
            << QStringList{"--dry-run=server"} << manifest(3, QStringLiteral("c"));
        QTest::newRow("server-side") << QStringList{"--server-side", "--force-conflicts"}
                                     << manifest(3, QStringLiteral("c"));
        QTest::newRow("server-side dry run")
            << QStringList{"--server-side", "--force-conflicts", "--dry-run=server"}
            << manifest(4, QStringLiteral("d"));
    }
    void apply() {
        QFETCH(QStringList, arguments);
        QFETCH(QByteArray, file);
        const QString path = m_cluster.writeFile(QStringLiteral("manifest.yaml"), file);
        const auto [kubectl, cli] = both(QStringList{"apply", "-f", path} + arguments);
        QVERIFY2(kubectl.succeeded(), qPrintable(kubectl.describe()));
        QVERIFY2(cli.succeeded(), qPrintable(cli.describe()));
        QCOMPARE(cli.out, kubectl.out);
        // What was stored is the same too (the last-applied annotation included).
        const auto [kubectlYaml, cliYaml] = both({"get", "configmap", "settings", "-o", "yaml"});
        auto comparable = [](QString yaml) {
            static const QRegularExpression volatileLines(
                QStringLiteral("^\\s*(creationTimestamp|resourceVersion|uid|namespace):.*\\n"),
                QRegularExpression::MultilineOption);
            return yaml.remove(volatileLines)
                .replace(QLatin1String(cliNamespace), QLatin1String(kubectlNamespace));
        };
        QCOMPARE(comparable(cliYaml.out), comparable(kubectlYaml.out));
    }

    void applyFromStandardInput() {
        const auto [kubectl, cli] = both({"apply", "-f", "-"}, manifest(4, QStringLiteral("stdin")));
        QVERIFY2(cli.succeeded(), qPrintable(cli.describe()));
        QCOMPARE(cli.out, kubectl.out);
    }

    void yamlOutput_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("one object") << QStringList{"get", "configmap", "tricky", "-o", "yaml"};
        QTest::newRow("a list") << QStringList{"get", "configmaps", "-o", "yaml"};
    }
    void yamlOutput() {
        QFETCH(QStringList, arguments);
        KubectlResult created =
            m_cluster.kubectl().run({"apply", "-n", yamlNamespace, "-f", "-"}, trickyConfigMap());
        QVERIFY2(created.succeeded(), qPrintable(created.describe()));
        // The same objects for both tools here: byte for byte the same output.
        const KubectlResult kubectl = m_cluster.kubectl().run(QStringList{"-n", yamlNamespace} + arguments);
        const KubectlResult cli = runCli(kubeconfig(), QStringList{"-n", yamlNamespace} + arguments);
        QVERIFY2(cli.succeeded(), qPrintable(cli.describe()));
        QCOMPARE(cli.out, kubectl.out);
    }

    void scale() {
        const auto [kubectl, cli] = both({"scale", "deployment", "web", "--replicas=5"});
        QVERIFY2(cli.succeeded(), qPrintable(cli.describe()));
        QCOMPARE(cli.out, kubectl.out);
        const auto [kubectlSlash, cliSlash] = both({"scale", "deployment.apps/web", "--replicas=0"});
        QCOMPARE(cliSlash.out, kubectlSlash.out);
        const KubectlResult replicas = m_cluster.kubectl().run(
            {"get", "deploy", "web", "-n", cliNamespace, "-o", "jsonpath={.spec.replicas}"});
        QCOMPARE(replicas.out, QStringLiteral("0"));
        const auto [kubectlMissing, cliMissing] = both({"scale", "deployment", "missing", "--replicas=1"});
        QCOMPARE(cliMissing.exitCode, kubectlMissing.exitCode);
        QCOMPARE(cliMissing.err, kubectlMissing.err);
    }

    void watch() {
        auto kubectl = m_cluster.kubectl().start({"get", "configmaps", "-n", kubectlNamespace, "-w"});
        KubectlBackground cli(QStringLiteral("binnacle-cli get configmaps -w"));
        cli.process().start(QStringLiteral(BINNACLE_CLI_EXECUTABLE),
                            {"--kubeconfig", kubeconfig(), "-n", cliNamespace, "get", "configmaps", "-w"});
        const QRegularExpression settings(QStringLiteral("^settings "));
        QVERIFY2(!kubectl->waitForLine(settings, 20000).isEmpty(), qPrintable(kubectl->describe()));
        QVERIFY2(!cli.waitForLine(settings, 20000).isEmpty(), qPrintable(cli.describe()));
        for (const char* ns : {kubectlNamespace, cliNamespace}) {
            QVERIFY(m_cluster.kubectl()
                        .run({"create", "configmap", "a-much-longer-name-than-the-others", "-n", ns,
                              "--from-literal=k=v"})
                        .succeeded());
        }
        const QRegularExpression added(QStringLiteral("^a-much-longer-name-than-the-others "));
        QVERIFY2(!kubectl->waitForLine(added, 20000).isEmpty(), qPrintable(kubectl->describe()));
        QVERIFY2(!cli.waitForLine(added, 20000).isEmpty(), qPrintable(cli.describe()));
        const KubectlResult kubectlOut = kubectl->stop();
        const KubectlResult cliOut = cli.stop();
        // AGE ticks between the two; the layout (widths kept from the list, widened by the new row) must not.
        auto layout = [](const QString& out) {
            QStringList lines = out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
            for (QString& line : lines) {
                line.replace(QRegularExpression(QStringLiteral("\\S+$")), QStringLiteral("AGE"));
            }
            return lines;
        };
        QCOMPARE(layout(cliOut.out), layout(kubectlOut.out));
    }

    void deleteObjects() {
        const auto [kubectl, cli] = both({"delete", "configmap", "settings", "missing"});
        QCOMPARE(cli.out, kubectl.out);
        QCOMPARE(cli.err, kubectl.err);
        QCOMPARE(cli.exitCode, kubectl.exitCode);
        const auto [kubectlNoWait, cliNoWait] = both({"delete", "deploy", "web", "--wait=false"});
        QVERIFY2(cliNoWait.succeeded(), qPrintable(cliNoWait.describe()));
        QCOMPARE(cliNoWait.out, kubectlNoWait.out);
        QCOMPARE(runCli(kubeconfig(), {"-n", cliNamespace, "get", "configmap", "settings"}).exitCode, 1);
    }
};

BINNACLE_CONFORMANCE_MAIN(TestCliWritesVsKubectl)
#include "tst_cli_writes_vs_kubectl.moc"
