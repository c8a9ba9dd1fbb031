#include "kubeconfigstore.h"
#include "kubeconfigtestfiles.h"

#include <QSignalSpy>
#include <QTest>

using namespace binnacle::config;

namespace {

QByteArray contextsYaml(const QStringList& names, const QString& currentContext = {}) {
    QByteArray yaml = "apiVersion: v1\nkind: Config\nunknown-key: kept\n";
    if (!currentContext.isEmpty())
        yaml += "current-context: " + currentContext.toUtf8() + '\n';
    yaml += "contexts:\n";
    for (const QString& name : names)
        yaml += "- name: " + name.toUtf8() + "\n  context: {cluster: c, user: u, namespace: ns-" +
                name.toUtf8() + "}\n";
    return yaml;
}

// Replaces a file the way editors and kubectl do: a new file renamed over the old one.
void replaceByRename(const QString& path, const QByteArray& contents) {
    const QString temporary = path + QStringLiteral(".tmp");
    QFile file(temporary);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(contents);
    file.close();
    QVERIFY(::rename(QFile::encodeName(temporary).constData(), QFile::encodeName(path).constData()) == 0);
}

} // namespace

class TestKubeconfigStore : public QObject {
    Q_OBJECT

private slots:
    void defaultWriteFile_data() {
        QTest::addColumn<QStringList>("existing"); // files created before resolving
        QTest::addColumn<QString>("explicitFile");
        QTest::addColumn<QString>("kubeconfigEnv");
        QTest::addColumn<QString>("expected");
        QTest::newRow("explicit file, even if missing") << QStringList{"b"} << "x"
                                                        << "a:b"
                                                        << "x";
        QTest::newRow("first existing file of the list") << QStringList{"b", "c"} << ""
                                                         << "a:b:c"
                                                         << "b";
        QTest::newRow("none exists: first entry") << QStringList{} << ""
                                                  << "a:b"
                                                  << "a";
    }
    void defaultWriteFile() {
        QFETCH(QStringList, existing);
        QFETCH(QString, explicitFile);
        QFETCH(QString, kubeconfigEnv);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        for (const QString& name : existing)
            writeTestFile(dir, name, "");
        QStringList list;
        for (const QString& name : kubeconfigEnv.split(':'))
            list << dir.filePath(name);
        const auto location = KubeconfigLocation::resolve(
            explicitFile.isEmpty() ? QString() : dir.filePath(explicitFile), list.join(':'), dir.path());
        QCOMPARE(location.defaultWriteFile(), dir.filePath(expected));
    }

    void useContextWritesWhereKubectlWould() {
        QTemporaryDir dir;
        // The first existing file sets no current-context; the second does. kubectl writes the first.
        const QString first = writeTestFile(dir, "first", contextsYaml({"a"}));
        const QString second = writeTestFile(dir, "second", contextsYaml({"b"}, "b"));
        KubeconfigStore store(KubeconfigLocation::fromFiles({dir.filePath("missing"), first, second}));
        QCOMPARE(store.config().currentContext, "b");
        QSignalSpy changed(&store, &KubeconfigStore::changed);
        QString error;
        QVERIFY2(store.useContext("a", &error), qPrintable(error));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(store.config().currentContext, "a");
        QCOMPARE(store.config().currentContextOrigin, first);
        QVERIFY(readTestFile(first).contains("current-context: a"));
        QVERIFY(readTestFile(first).contains("unknown-key: kept"));
        QCOMPARE(readTestFile(second), contextsYaml({"b"}, "b"));
        QVERIFY(!QFile::exists(dir.filePath("missing")));

        // Clearing removes it where it came from.
        QVERIFY(store.useContext({}, &error));
        QVERIFY(!readTestFile(first).contains("current-context"));
        QCOMPARE(store.config().currentContext, "b");
    }

    void useContextWritesTheExplicitFile() {
        QTemporaryDir dir;
        const QString path = writeTestFile(dir, "explicit", contextsYaml({"a", "b"}, "a"));
        KubeconfigStore store(KubeconfigLocation::resolve(path, dir.filePath("other"), dir.path()));
        QVERIFY(store.useContext("b"));
        QCOMPARE(KubeconfigLoader::load(store.location()).currentContext, "b");
    }

    void useContextRejectsUnknownNames() {
        QTemporaryDir dir;
        const QString path = writeTestFile(dir, "config", contextsYaml({"a"}, "a"));
        KubeconfigStore store(KubeconfigLocation::fromFiles({path}));
        QSignalSpy changed(&store, &KubeconfigStore::changed);
        QString error;
        QVERIFY(!store.useContext("nope", &error));
        QVERIFY(error.contains("nope"));
        QVERIFY(!store.setContextNamespace("nope", "x", &error));
        QCOMPARE(readTestFile(path), contextsYaml({"a"}, "a"));
        QCOMPARE(changed.count(), 0);
    }

    void setNamespaceWritesTheDefiningFile() {
        QTemporaryDir dir;
        const QString first = writeTestFile(dir, "first", contextsYaml({"a"}, "a"));
        const QString second = writeTestFile(dir, "second", contextsYaml({"b", "a"}));
        KubeconfigStore store(KubeconfigLocation::fromFiles({first, second}));
        QString error;
        QVERIFY2(store.setContextNamespace("b", "team", &error), qPrintable(error));
        QCOMPARE(store.config().context("b")->namespaceName, "team");
        QCOMPARE(readTestFile(first), contextsYaml({"a"}, "a"));
        QVERIFY(readTestFile(second).contains("namespace: team"));
        // The shadowed copy of "a" in the second file is not the one edited.
        QVERIFY2(store.setContextNamespace("a", "other", &error), qPrintable(error));
        QVERIFY(readTestFile(first).contains("namespace: other"));
        QVERIFY(readTestFile(second).contains("namespace: ns-a"));
    }

    void reloadsAfterExternalChanges() {
        QTemporaryDir dir;
        const QString path = writeTestFile(dir, "config", contextsYaml({"a"}, "a"));
        const QString later = dir.filePath("later");
        KubeconfigStore store(KubeconfigLocation::fromFiles({path, later}));
        store.setReloadDelay(std::chrono::milliseconds(50));
        QSignalSpy changed(&store, &KubeconfigStore::changed);

        replaceByRename(path, contextsYaml({"a", "b"}, "b"));
        QVERIFY(changed.wait(5000));
        QCOMPARE(store.config().currentContext, "b");
        QCOMPARE(store.config().contextNames(), (QStringList{"a", "b"}));

        // Still watched after the rename: an in-place write is seen too.
        writeTestFile(dir, "config", contextsYaml({"c"}, "c"));
        QVERIFY(changed.wait(5000));
        QCOMPARE(store.config().currentContext, "c");

        // A listed file that appears later is picked up.
        writeTestFile(dir, "later", contextsYaml({"d"}));
        QVERIFY(changed.wait(5000));
        QCOMPARE(store.config().contextNames(), (QStringList{"c", "d"}));
    }

    void reloadIsDebounced() {
        QTemporaryDir dir;
        const QString path = writeTestFile(dir, "config", contextsYaml({"a"}, "a"));
        KubeconfigStore store(KubeconfigLocation::fromFiles({path}));
        store.setReloadDelay(std::chrono::milliseconds(300));
        QSignalSpy changed(&store, &KubeconfigStore::changed);
        for (const char* name : {"b", "c", "d"})
            writeTestFile(dir, "config", contextsYaml({name}, name));
        QVERIFY(changed.wait(5000));
        QTest::qWait(600);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(store.config().currentContext, "d");
        // Touching the directory without changing the files reloads nothing.
        writeTestFile(dir, "unrelated", "x");
        QTest::qWait(600);
        QCOMPARE(changed.count(), 1);
    }
};

QTEST_GUILESS_MAIN(TestKubeconfigStore)
#include "tst_kubeconfigstore.moc"
