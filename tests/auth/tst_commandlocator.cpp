// Finding a plugin's command: the process PATH first, then the login shell's PATH (a fake shell here).
#include "authtestsupport.h"
#include "commandlocator.h"
#include "execcredentialprovider.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace binnacle;
using namespace binnacle::auth::test;

class TestCommandLocator : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_directory;
    QString m_emptyDirectory;
    QString m_pluginDirectory;

    struct Located {
        bool delivered = false;
        std::optional<auth::LocatedCommand> command;
    };

    std::shared_ptr<Located> locate(auth::CommandLocator* locator, const QString& command) {
        auto result = std::make_shared<Located>();
        locator->locate(command, [result](const std::optional<auth::LocatedCommand>& located) {
            result->delivered = true;
            result->command = located;
        });
        return result;
    }

    // A stand-in for the user's login shell: prints a banner like a chatty profile, counts its runs,
    // then runs the command with the plugin directory on its PATH.
    QString fakeShell(const QString& name, const QByteArray& extra = {}) {
        return writeScript(m_directory.path(), name,
                           "echo $(( $(cat \"$0.count\" 2>/dev/null || echo 0) + 1 )) > \"$0.count\"\n"
                           "echo 'Welcome to your shell!'\n" +
                               extra +
                               "\n[ \"$1\" = -l ] && shift\n"
                               "PATH=\"" +
                               m_pluginDirectory.toUtf8() + ":/usr/bin:/bin\" exec /bin/bash \"$@\"");
    }

    auth::CommandSearch search(const QString& shell, int timeoutMs = 10000) {
        auth::CommandSearch result;
        result.processPath = m_emptyDirectory;
        result.loginShell = shell;
        result.loginShellTimeoutMs = timeoutMs;
        return result;
    }

private slots:
    void initTestCase() {
        QVERIFY(m_directory.isValid());
        m_emptyDirectory = m_directory.filePath(QStringLiteral("empty"));
        m_pluginDirectory = m_directory.filePath(QStringLiteral("plugins"));
        QVERIFY(QDir().mkpath(m_emptyDirectory));
        QVERIFY(QDir().mkpath(m_pluginDirectory));
        writeScript(m_pluginDirectory, QStringLiteral("my-auth-plugin"),
                    "printf '%s' \"$PATH\" > \"$0.path\"\nprintf '%s' '" +
                        execCredentialJson(QStringLiteral("client.authentication.k8s.io/v1"),
                                           QStringLiteral("from-login-path")) +
                        "'");
    }

    void processPathFirst() {
        auth::CommandSearch onPath = search(QStringLiteral("/nonexistent/shell"));
        onPath.processPath = m_emptyDirectory + QLatin1Char(':') + m_pluginDirectory;
        auth::CommandLocator locator(onPath);
        auto result = locate(&locator, QStringLiteral("my-auth-plugin"));
        QVERIFY2(result->delivered, "found on the process PATH without asking a shell");
        QVERIFY(result->command);
        QCOMPARE(result->command->program, m_pluginDirectory + QStringLiteral("/my-auth-plugin"));
    }

    void loginShellFallback() {
        const QString shell = fakeShell(QStringLiteral("fallback-shell"));
        auth::CommandLocator locator(search(shell));
        auto first = locate(&locator, QStringLiteral("my-auth-plugin"));
        auto second = locate(&locator, QStringLiteral("my-auth-plugin"));
        QVERIFY(!first->delivered);
        QTRY_VERIFY_WITH_TIMEOUT(first->delivered && second->delivered, 10000);
        QVERIFY(first->command && second->command);
        QCOMPARE(first->command->program, m_pluginDirectory + QStringLiteral("/my-auth-plugin"));
        QVERIFY(first->command->searchPath.startsWith(m_pluginDirectory));

        // Remembered for the whole process: another locator does not start the shell again.
        auth::CommandLocator another(search(shell));
        auto third = locate(&another, QStringLiteral("my-auth-plugin"));
        QVERIFY(third->delivered && third->command);
        auto missing = locate(&another, QStringLiteral("not-there-either"));
        QVERIFY(missing->delivered && !missing->command);
        QCOMPARE(readFile(shell + QStringLiteral(".count")).trimmed(), QByteArray("1"));
    }

    void hangingShellTimesOut() {
        const QString shell = fakeShell(QStringLiteral("hanging-shell"), "exec sleep 30");
        auth::CommandLocator locator(search(shell, 300));
        auto result = locate(&locator, QStringLiteral("my-auth-plugin"));
        QTRY_VERIFY_WITH_TIMEOUT(result->delivered, 5000);
        QVERIFY(!result->command);
    }

    void pluginRunsFromLoginShellPath() {
        const QString shell = fakeShell(QStringLiteral("provider-shell"));
        config::ExecConfig exec;
        exec.apiVersion = QStringLiteral("client.authentication.k8s.io/v1");
        exec.command = QStringLiteral("my-auth-plugin");
        exec.interactiveMode = QStringLiteral("Never");
        auth::ExecOptions options;
        options.commandSearch = search(shell);
        auth::ExecCredentialProvider provider(exec, {}, options);
        auto delivery = request(&provider);
        QTRY_VERIFY_WITH_TIMEOUT(delivery->delivered, 10000);
        QVERIFY2(!delivery->error, delivery->error ? qPrintable(delivery->error->message) : "");
        QCOMPARE(headerValue(delivery->credentials, "Authorization"), QByteArray("Bearer from-login-path"));
        // The plugin gets the PATH it was found on, for the tools it starts itself.
        QVERIFY(readFile(m_pluginDirectory + QStringLiteral("/my-auth-plugin.path"))
                    .startsWith(m_pluginDirectory.toUtf8()));
    }
};

QTEST_GUILESS_MAIN(TestCommandLocator)
#include "tst_commandlocator.moc"
