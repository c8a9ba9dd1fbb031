#include "kubeconfigfileparser.h"
#include "kubeconfigtestfiles.h"

#include <QJsonDocument>
#include <QTest>

using namespace binnacle::config;

// What one file yields: resolved paths, decoded data, exec users and extensions, and the errors of
// broken files (reported with file and line while the other files still load).
class TestKubeconfigParser : public QObject {
    Q_OBJECT

private slots:
    void parseOneFile() {
        KubeconfigError error;
        const auto file = parseKubeconfigFile("/k/config",
                                              "current-context: a\ncontexts:\n- name: a\n  context: {}\n"
                                              "users:\n- name: u\n  user: {client-key: key.pem}\n",
                                              &error);
        QVERIFY(file.has_value());
        QCOMPARE(file->currentContext, "a");
        QCOMPARE(file->contexts.value(0).originFile, "/k/config");
        QCOMPARE(file->users.value(0).clientKeyFile, "/k/key.pem");
        QVERIFY(!parseKubeconfigFile("/k/bad", "a: [", &error).has_value());
        QCOMPARE(error.file, "/k/bad");
        QCOMPARE(error.line, 1);
    }

    void relativePaths_data() {
        QTest::addColumn<QByteArray>("user");
        QTest::addColumn<QString>("expected"); // %DIR% = the kubeconfig's directory
        QTest::newRow("client-certificate")
            << QByteArray("client-certificate: certs/c.pem") << "%DIR%/certs/c.pem";
        QTest::newRow("client-key up a level") << QByteArray("client-key: ../k.pem") << "%TOP%/k.pem";
        QTest::newRow("tokenFile") << QByteArray("tokenFile: token") << "%DIR%/token";
        QTest::newRow("absolute path kept") << QByteArray("tokenFile: /var/run/t") << "/var/run/t";
        QTest::newRow("exec command with a slash")
            << QByteArray("exec: {command: ./bin/plugin}") << "%DIR%/bin/plugin";
        QTest::newRow("exec command without a slash: PATH lookup")
            << QByteArray("exec: {command: plugin}") << "plugin";
        QTest::newRow("certificate-authority") << QByteArray("ca") << "%DIR%/ca.crt";
    }
    void relativePaths() {
        QFETCH(QByteArray, user);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const bool clusterField = user == "ca";
        const QByteArray yaml =
            clusterField ? QByteArray("clusters:\n- name: c\n  cluster:\n    certificate-authority: ca.crt\n")
                         : "users:\n- name: u\n  user:\n    " + user + '\n';
        const QString path = writeTestFile(dir, "sub/config", yaml);
        // Loaded from another working directory: paths are relative to the file, not the CWD.
        const Kubeconfig config = KubeconfigLoader::load(KubeconfigLocation::fromFiles({path}));
        QVERIFY(config.errors.isEmpty());
        expected.replace("%DIR%", dir.filePath("sub")).replace("%TOP%", dir.path());
        QString actual;
        if (clusterField) {
            actual = config.cluster("c")->certificateAuthorityFile;
        } else {
            const AuthInfo* u = config.user("u");
            for (const QString& candidate : {u->clientCertificateFile, u->clientKeyFile, u->tokenFile,
                                             u->exec ? u->exec->command : QString()}) {
                if (!candidate.isEmpty())
                    actual = candidate;
            }
        }
        QCOMPARE(actual, expected);
    }

    void dataFieldsDecoded() {
        const QByteArray pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
        const QByteArray key = "-----BEGIN EC PRIVATE KEY-----\nMHc\n-----END EC PRIVATE KEY-----\n";
        QTemporaryDir dir;
        const Kubeconfig config = loadFiles(
            dir, {"clusters:\n- name: c\n  cluster:\n    certificate-authority-data: " + pem.toBase64() +
                  "\nusers:\n- name: u\n  user:\n    client-certificate-data: " + pem.toBase64() +
                  "\n    client-key-data: " + key.toBase64() + "\n"});
        QVERIFY(config.errors.isEmpty());
        QCOMPARE(config.cluster("c")->certificateAuthorityData, pem);
        QCOMPARE(config.user("u")->clientCertificateData, pem);
        QCOMPARE(config.user("u")->clientKeyData, key);
    }

    void execUserAndClusterExtension() {
        QTemporaryDir dir;
        const Kubeconfig config = loadFiles(dir, {R"(
clusters:
- name: c
  cluster:
    server: https://h:6443/prefix
    tls-server-name: kubernetes.default
    proxy-url: socks5://localhost:1080
    extensions:
    - name: other/extension
      extension: [1, 2]
    - name: client.authentication.k8s.io/exec
      extension: {audience: foo, count: 3, strict: true, id: "007"}
users:
- name: e
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1
      command: aws
      args: [eks, get-token]
      env: [{name: AWS_PROFILE, value: prod}]
      provideClusterInfo: true
      interactiveMode: Never
    as: jane
    as-groups: [devs]
    as-user-extra: {scopes: [a, b]}
- name: legacy
  user:
    auth-provider: {name: gcp, config: {access-token: x}}
)"});
        QVERIFY2(config.errors.isEmpty(), qPrintable(config.errors.value(0).toString()));
        const ClusterInfo* cluster = config.cluster("c");
        QCOMPARE(cluster->server, "https://h:6443/prefix");
        QCOMPARE(cluster->tlsServerName, "kubernetes.default");
        QCOMPARE(cluster->proxyUrl, "socks5://localhost:1080");
        QCOMPARE(QJsonDocument(cluster->execExtension).toJson(QJsonDocument::Compact),
                 QByteArray(R"({"audience":"foo","count":3,"id":"007","strict":true})"));
        const AuthInfo* exec = config.user("e");
        QVERIFY(exec->exec.has_value());
        QCOMPARE(exec->exec->apiVersion, "client.authentication.k8s.io/v1");
        QCOMPARE(exec->exec->args, (QStringList{"eks", "get-token"}));
        QCOMPARE(exec->exec->env.value(0), (QPair<QString, QString>("AWS_PROFILE", "prod")));
        QVERIFY(exec->exec->provideClusterInfo);
        QCOMPARE(exec->exec->interactiveMode, "Never");
        QCOMPARE(exec->impersonate, "jane");
        QCOMPARE(exec->impersonateGroups, QStringList{"devs"});
        QCOMPARE(exec->impersonateExtra.value("scopes"), (QStringList{"a", "b"}));
        QCOMPARE(config.user("legacy")->authProviderName, "gcp");
        QVERIFY(exec->authProviderName.isEmpty());
    }

    void brokenFileReported_data() {
        QTest::addColumn<QByteArray>("broken");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("message");
        QTest::newRow("syntax: unclosed flow list")
            << QByteArray("apiVersion: v1\nclusters: [\n  {name: a}\nusers: x\n") << 4 << "invalid YAML";
        QTest::newRow("syntax: bad indentation")
            << QByteArray("apiVersion: v1\nusers:\n- name: u\n  user:\n    token: a\n   oops: b\n") << 6
            << "invalid YAML";
        QTest::newRow("top level is a list") << QByteArray("- a\n- b\n") << 1 << "must be a map";
        QTest::newRow("clusters is a map")
            << QByteArray("apiVersion: v1\nclusters:\n  a: b\n") << 3 << "\"clusters\" must be a list";
        QTest::newRow("context body is a list")
            << QByteArray("contexts:\n- name: x\n  context:\n  - a\n") << 4 << "\"context\" must be a map";
        QTest::newRow("server is a map")
            << QByteArray("clusters:\n- name: c\n  cluster:\n    server: {a: b}\n") << 4 << "\"server\"";
        QTest::newRow("invalid base64")
            << QByteArray("users:\n- name: u\n  user:\n    client-key-data: '***'\n") << 4 << "base64";
        QTest::newRow("entry without a name") << QByteArray("users:\n- user: {token: t}\n") << 2 << "no name";
        QTest::newRow("duplicate name in one file")
            << QByteArray("users:\n- name: u\n  user: {}\n- name: u\n  user: {}\n") << 4 << "duplicate";
        QTest::newRow("insecure-skip-tls-verify not a bool")
            << QByteArray("clusters:\n- name: c\n  cluster: {insecure-skip-tls-verify: maybe}\n") << 3
            << "true or false";
    }
    void brokenFileReported() {
        QFETCH(QByteArray, broken);
        QFETCH(int, line);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const Kubeconfig config =
            loadFiles(dir, {broken, "current-context: good\ncontexts:\n- name: good\n  context: {}\n"});
        QCOMPARE(config.errors.size(), 1);
        const KubeconfigError& error = config.errors.first();
        QCOMPARE(error.file, dir.filePath("config-0"));
        QCOMPARE(error.line, line);
        QVERIFY2(error.message.contains(message), qPrintable(error.message));
        QVERIFY(error.toString().startsWith(QStringLiteral("%1:%2:").arg(error.file).arg(line)));
        // The other file still loads.
        QCOMPARE(config.loadedFiles, QStringList{dir.filePath("config-1")});
        QCOMPARE(config.contextNames(), QStringList{"good"});
        QCOMPARE(config.currentContext, "good");
    }
};

QTEST_GUILESS_MAIN(TestKubeconfigParser)
#include "tst_kubeconfigparser.moc"
