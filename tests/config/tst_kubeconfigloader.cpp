#include "kubeconfigloader.h"
#include "kubeconfiglocation.h"
#include "kubeconfigtestfiles.h"
#include "simulator.h"

#include <QTest>

using namespace binnacle::config;

namespace {

// The merged config in one comparable line per entry, so that tables can state expectations plainly.
QStringList summary(const Kubeconfig& config) {
    QStringList lines;
    for (const ClusterInfo& c : config.clusters)
        lines
            << QStringLiteral("cluster %1 %2 insecure=%3").arg(c.name, c.server).arg(c.insecureSkipTlsVerify);
    for (const AuthInfo& u : config.users)
        lines << QStringLiteral("user %1 token=%2 username=%3").arg(u.name, u.token, u.username);
    for (const ContextInfo& x : config.contexts)
        lines << QStringLiteral("context %1 %2/%3 ns=%4").arg(x.name, x.cluster, x.user, x.namespaceName);
    lines << QStringLiteral("current=") + config.currentContext;
    return lines;
}

} // namespace

class TestKubeconfigLoader : public QObject {
    Q_OBJECT

private slots:
    void location_data() {
        QTest::addColumn<QString>("explicitFile");
        QTest::addColumn<QString>("kubeconfigEnv");
        QTest::addColumn<QStringList>("expectedFiles");
        QTest::addColumn<bool>("expectedExplicit");
        QTest::newRow("explicit file wins over KUBECONFIG") << "/x/explicit"
                                                            << "/a:/b" << QStringList{"/x/explicit"} << true;
        QTest::newRow("KUBECONFIG list, empty entries skipped")
            << ""
            << ":/a::/b:" << QStringList{"/a", "/b"} << false;
        QTest::newRow("a file listed twice is read once") << ""
                                                          << "/a:/b:/a" << QStringList{"/a", "/b"} << false;
        QTest::newRow("unset KUBECONFIG: home config") << ""
                                                       << "" << QStringList{"/home/me/.kube/config"} << false;
        QTest::newRow("only separators: home config")
            << ""
            << "::" << QStringList{"/home/me/.kube/config"} << false;
    }
    void location() {
        QFETCH(QString, explicitFile);
        QFETCH(QString, kubeconfigEnv);
        QFETCH(QStringList, expectedFiles);
        QFETCH(bool, expectedExplicit);
        const auto location = KubeconfigLocation::resolve(explicitFile, kubeconfigEnv, "/home/me");
        QCOMPARE(location.files(), expectedFiles);
        QCOMPARE(location.isExplicit(), expectedExplicit);
    }

    void locationFromEnvironment() {
        const QByteArray saved = qgetenv("KUBECONFIG");
        qputenv("KUBECONFIG", "/one:/two");
        const auto location = KubeconfigLocation::fromEnvironment();
        qputenv("KUBECONFIG", saved);
        QCOMPARE(location.files(), (QStringList{"/one", "/two"}));
    }

    void merge_data() {
        QTest::addColumn<QByteArrayList>("files");
        QTest::addColumn<QStringList>("expected");
        // The example of the Kubernetes docs: two files define red-user; only the first one's fields count,
        // even the non-conflicting ones of the second.
        QTest::newRow("docs: red-user only from the first file")
            << QByteArrayList{"users:\n- name: red-user\n  user:\n    token: red-token\n",
                              "users:\n- name: red-user\n  user:\n    token: blue-token\n    username: red\n"}
            << QStringList{"user red-user token=red-token username=", "current="};
        QTest::newRow("docs: current-context of the first file setting it")
            << QByteArrayList{"current-context: \"\"\n", "current-context: second\n",
                              "current-context: third\n"}
            << QStringList{"current=second"};
        QTest::newRow("cluster: first definition wins entirely")
            << QByteArrayList{"clusters:\n- name: c\n  cluster:\n    server: https://one\n",
                              "clusters:\n- name: c\n  cluster:\n    server: https://two\n"
                              "    insecure-skip-tls-verify: true\n"}
            << QStringList{"cluster c https://one insecure=0", "current="};
        QTest::newRow("context: namespace of a later definition ignored")
            << QByteArrayList{"contexts:\n- name: dev\n  context: {cluster: c, user: u}\n",
                              "contexts:\n- name: dev\n  context: {cluster: c, user: u, namespace: team}\n"}
            << QStringList{"context dev c/u ns=", "current="};
        QTest::newRow("distinct names: union in file order")
            << QByteArrayList{"contexts:\n- name: zeta\n  context: {cluster: z, user: z}\n",
                              "contexts:\n- name: alpha\n  context: {cluster: a, user: a, namespace: ns}\n"}
            << QStringList{"context zeta z/z ns=", "context alpha a/a ns=ns", "current="};
        QTest::newRow("JSON kubeconfig")
            << QByteArrayList{R"({"apiVersion":"v1","current-context":"j","contexts":[{"name":"j",)"
                              R"("context":{"cluster":"c","user":"u","namespace":"n"}}]})"}
            << QStringList{"context j c/u ns=n", "current=j"};
        QTest::newRow("empty file is an empty kubeconfig")
            << QByteArrayList{"", "current-context: b\n"} << QStringList{"current=b"};
        QTest::newRow("unknown keys ignored")
            << QByteArrayList{"preferences: {colors: true}\nextensions: []\nfuture: {x: 1}\n"
                              "users:\n- name: u\n  user: {token: t, newField: 3}\n"}
            << QStringList{"user u token=t username=", "current="};
    }
    void merge() {
        QFETCH(QByteArrayList, files);
        QFETCH(QStringList, expected);
        QTemporaryDir dir;
        const Kubeconfig config = loadFiles(dir, files);
        QVERIFY2(config.errors.isEmpty(), qPrintable(config.errors.value(0).toString()));
        QCOMPARE(summary(config), expected);
    }

    void originFiles() {
        QTemporaryDir dir;
        const Kubeconfig config = loadFiles(
            dir, {"contexts:\n- name: a\n  context: {cluster: c, user: u}\n",
                  "current-context: b\ncontexts:\n- name: a\n  context: {}\n- name: b\n  context: {}\n"});
        QCOMPARE(config.context("a")->originFile, dir.filePath("config-0"));
        QCOMPARE(config.context("b")->originFile, dir.filePath("config-1"));
        QCOMPARE(config.currentContextOrigin, dir.filePath("config-1"));
        QCOMPARE(config.loadedFiles, (QStringList{dir.filePath("config-0"), dir.filePath("config-1")}));
        QCOMPARE(config.contextNames(), (QStringList{"a", "b"}));
        QVERIFY(!config.context("missing"));
    }

    void missingFilesSkipped() {
        QTemporaryDir dir;
        const QString first = writeTestFile(dir, "a", "current-context: a\n");
        const QString last = writeTestFile(dir, "c", "contexts:\n- name: c\n  context: {}\n");
        const Kubeconfig config =
            KubeconfigLoader::load(KubeconfigLocation::fromFiles({first, dir.filePath("missing"), last}));
        QVERIFY(config.errors.isEmpty());
        QCOMPARE(config.loadedFiles, (QStringList{first, last}));
        QCOMPARE(config.currentContext, "a");
        QCOMPARE(config.contextNames(), QStringList{"c"});
    }

    void explicitFileMustExist() {
        QTemporaryDir dir;
        const QString missing = dir.filePath("nope");
        const Kubeconfig config =
            KubeconfigLoader::load(KubeconfigLocation::resolve(missing, {}, dir.path()));
        QCOMPARE(config.errors.size(), 1);
        QCOMPARE(config.errors.first().file, missing);
        QVERIFY(config.errors.first().message.contains("does not exist"));
        QVERIFY(config.contexts.isEmpty());
    }

    void simulatorKubeconfig() {
        binnacle::sim::SimulatorOptions options;
        options.controllers = false;
        binnacle::sim::Simulator simulator(options);
        QString error;
        QVERIFY2(simulator.start(&error), qPrintable(error));
        QTemporaryDir dir;
        const QString path = writeTestFile(dir, "sim.yaml", simulator.kubeconfig());
        const Kubeconfig config = KubeconfigLoader::load(KubeconfigLocation::resolve(path, {}, dir.path()));
        QVERIFY(config.errors.isEmpty());
        QCOMPARE(config.contextNames(), (QStringList{"sim-admin", "sim-cert", "sim-readonly"}));
        QCOMPARE(config.currentContext, "sim-admin");
        const auto& credentials = simulator.credentials();
        const ClusterInfo* cluster = config.cluster(config.context("sim-cert")->cluster);
        QVERIFY(cluster);
        QCOMPARE(cluster->server, simulator.serverUrl());
        QCOMPARE(cluster->certificateAuthorityData, credentials.caPem);
        QCOMPARE(config.user("sim-admin")->token, credentials.adminToken);
        QCOMPARE(config.user("sim-readonly")->token, credentials.readOnlyToken);
        QCOMPARE(config.user("sim-cert")->clientCertificateData, credentials.clientCertificatePem);
        QCOMPARE(config.user("sim-cert")->clientKeyData, credentials.clientKeyPem);
        for (const ContextInfo& context : config.contexts)
            QCOMPARE(context.namespaceName, "default");
    }
};

QTEST_GUILESS_MAIN(TestKubeconfigLoader)
#include "tst_kubeconfigloader.moc"
