#include "kubeconfigeditor.h"
#include "kubeconfigtestfiles.h"

#include <QTest>
#include <sys/stat.h>
#include <yaml-cpp/yaml.h>

using namespace binnacle::config;

namespace {

// Keys and values this program knows nothing about, quoted strings that would read as other types
// when unquoted, and flow and block styles: all must survive an edit.
const QByteArray kOriginal = R"(apiVersion: v1
kind: Config
# a comment (comments are not kept)
preferences: {colors: true}
current-context: prod
future-top-level:
  nested: [1, two, {three: 3}]
clusters:
- name: prod-cluster
  cluster:
    server: https://prod:6443
    certificate-authority-data: Zm9v
    extensions:
    - name: client.authentication.k8s.io/exec
      extension: {audience: foo}
  extra-entry-key: kept
users:
- name: prod-user
  user:
    token: "0123"
    password: "true"
    unknown-user-field: {a: b}
contexts:
- name: prod
  context: {cluster: prod-cluster, user: prod-user, namespace: default, shiny: yes}
- name: dev
  context:
    cluster: prod-cluster
    user: prod-user
    namespace: team-a
extensions:
- name: vendor
  extension: {x: 1}
)";

const char* const kAbsent = "<absent>";

QString scalarAt(const YAML::Node& node) {
    return node.IsDefined() && node.IsScalar() ? QString::fromStdString(node.Scalar()) : QString(kAbsent);
}

YAML::Node devContext(const YAML::Node& root) {
    for (const YAML::Node& entry : root["contexts"]) {
        if (entry["name"].Scalar() == "dev")
            return entry["context"];
    }
    return {};
}

ino_t inodeOf(const QString& path) {
    struct stat info {};
    ::stat(QFile::encodeName(path).constData(), &info);
    return info.st_ino;
}

mode_t modeOf(const QString& path) {
    struct stat info {};
    ::stat(QFile::encodeName(path).constData(), &info);
    return info.st_mode & 0777;
}

} // namespace

class TestKubeconfigEditor : public QObject {
    Q_OBJECT

private slots:
    void edit_data() {
        QTest::addColumn<QString>("operation");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("expectedCurrentContext");
        QTest::addColumn<QString>("expectedDevNamespace");
        QTest::newRow("use-context") << "use"
                                     << "dev"
                                     << "dev"
                                     << "team-a";
        QTest::newRow("use-context with a number-like name") << "use"
                                                             << "2024"
                                                             << "2024"
                                                             << "team-a";
        QTest::newRow("clear current-context") << "use"
                                               << "" << kAbsent << "team-a";
        QTest::newRow("set namespace") << "namespace"
                                       << "team-b"
                                       << "prod"
                                       << "team-b";
        QTest::newRow("set a bool-like namespace") << "namespace"
                                                   << "no"
                                                   << "prod"
                                                   << "no";
        QTest::newRow("clear namespace") << "namespace"
                                         << ""
                                         << "prod" << kAbsent;
    }
    void edit() {
        QFETCH(QString, operation);
        QFETCH(QString, value);
        QFETCH(QString, expectedCurrentContext);
        QFETCH(QString, expectedDevNamespace);
        QTemporaryDir dir;
        const QString path = writeTestFile(dir, "config", kOriginal);
        QFile::setPermissions(path,
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup);
        QCOMPARE(modeOf(path), mode_t(0640));
        const ino_t inodeBefore = inodeOf(path);

        QString error;
        const bool written = operation == "use"
                                 ? KubeconfigEditor::writeCurrentContext(path, value, &error)
                                 : KubeconfigEditor::writeContextNamespace(path, "dev", value, &error);
        QVERIFY2(written, qPrintable(error));

        const QByteArray text = readTestFile(path);
        const YAML::Node result = YAML::Load(text.toStdString());
        QCOMPARE(scalarAt(result["current-context"]), expectedCurrentContext);
        QCOMPARE(scalarAt(devContext(result)["namespace"]), expectedDevNamespace);

        // Replaced by rename (atomic), the mode kept, no temporary file left behind.
        QVERIFY(inodeOf(path) != inodeBefore);
        QCOMPARE(modeOf(path), mode_t(0640));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{"config"});

        // Written values that would read as a number or a bool are quoted.
        if (!value.isEmpty() && (value == "2024" || value == "no"))
            QVERIFY2(text.contains('"' + value.toUtf8() + '"'), text.constData());

        // Everything else is unchanged: take the edited key out of both trees and compare them.
        YAML::Node original = YAML::Load(kOriginal.toStdString());
        YAML::Node edited = YAML::Clone(result);
        for (YAML::Node* root : {&original, &edited}) {
            if (operation == "use")
                root->remove("current-context");
            else
                devContext(*root).remove("namespace");
        }
        QCOMPARE(QString::fromStdString(YAML::Dump(edited)), QString::fromStdString(YAML::Dump(original)));
        // Quoted strings stay strings.
        QCOMPARE(result["users"][0]["user"]["token"].Tag(), std::string("!"));
        QCOMPARE(result["users"][0]["user"]["password"].Tag(), std::string("!"));
        QCOMPARE(result["preferences"].Style(), YAML::EmitterStyle::Flow);
    }

    void newFileCreatedOwnerOnly() {
        QTemporaryDir dir;
        const QString path = dir.filePath("new/dir/config");
        QString error;
        QVERIFY2(KubeconfigEditor::writeCurrentContext(path, "ctx", &error), qPrintable(error));
        QCOMPARE(modeOf(path), mode_t(0600));
        const YAML::Node result = YAML::Load(readTestFile(path).toStdString());
        QCOMPARE(scalarAt(result["apiVersion"]), "v1");
        QCOMPARE(scalarAt(result["kind"]), "Config");
        QCOMPARE(scalarAt(result["current-context"]), "ctx");
    }

    void refusals_data() {
        QTest::addColumn<QByteArray>("contents");
        QTest::addColumn<QString>("operation");
        QTest::addColumn<QString>("message");
        QTest::newRow("invalid YAML is never overwritten")
            << QByteArray("contexts: [\n  {name: dev\n") << "use"
            << "invalid YAML";
        QTest::newRow("not a map") << QByteArray("- a\n") << "use"
                                   << "not a kubeconfig map";
        QTest::newRow("namespace of an unknown context")
            << QByteArray("contexts:\n- name: other\n  context: {}\n") << "namespace"
            << "no context named";
    }
    void refusals() {
        QFETCH(QByteArray, contents);
        QFETCH(QString, operation);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString path = writeTestFile(dir, "config", contents);
        QString error;
        const bool written = operation == "use"
                                 ? KubeconfigEditor::writeCurrentContext(path, "dev", &error)
                                 : KubeconfigEditor::writeContextNamespace(path, "dev", "x", &error);
        QVERIFY(!written);
        QVERIFY2(error.contains(message), qPrintable(error));
        QVERIFY(error.contains(path));
        QCOMPARE(readTestFile(path), contents);
    }
};

QTEST_GUILESS_MAIN(TestKubeconfigEditor)
#include "tst_kubeconfigeditor.moc"
