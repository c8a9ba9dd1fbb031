// The simulated container's shell: word splitting, quoting, variables, ;/&&/||, each built-in command,
// the fake files, and the errors busybox would print.
#include "shellinterpreter.h"

#include <QTest>

using namespace binnacle::sim;

namespace {
FakeContainer container(const QString& image = QStringLiteral("alpine:3.20")) {
    FakeContainer fake;
    fake.podName = QStringLiteral("web-0");
    fake.namespaceName = QStringLiteral("shop");
    fake.containerName = QStringLiteral("main");
    fake.image = image;
    fake.podIp = QStringLiteral("10.244.1.7");
    fake.env = FakeContainer::defaultEnvironment(
        fake.podName, {{QStringLiteral("GREETING"), QStringLiteral("hi there")}}, false);
    return fake;
}
} // namespace

class TestShellInterpreter : public QObject {
    Q_OBJECT

private slots:
    void lines_data() {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QByteArray>("out");
        QTest::addColumn<QByteArray>("err");
        QTest::addColumn<int>("exitCode");
        QTest::newRow("echo") << "echo hello world" << QByteArray("hello world\n") << QByteArray() << 0;
        QTest::newRow("echo -n") << "echo -n a b" << QByteArray("a b") << QByteArray() << 0;
        QTest::newRow("quotes keep spaces")
            << "echo 'a  b' \"c  d\"" << QByteArray("a  b c  d\n") << QByteArray() << 0;
        QTest::newRow("variable") << "echo $GREETING" << QByteArray("hi there\n") << QByteArray() << 0;
        QTest::newRow("braced variable")
            << "echo ${HOSTNAME}!" << QByteArray("web-0!\n") << QByteArray() << 0;
        QTest::newRow("no expansion in single quotes")
            << "echo '$HOME'" << QByteArray("$HOME\n") << QByteArray() << 0;
        QTest::newRow("unset variable") << "echo [$NOPE]" << QByteArray("[]\n") << QByteArray() << 0;
        QTest::newRow("escaped quote")
            << "echo \"say \\\"hi\\\"\"" << QByteArray("say \"hi\"\n") << QByteArray() << 0;
        QTest::newRow("comment") << "echo a # b" << QByteArray("a\n") << QByteArray() << 0;
        QTest::newRow("sequence") << "echo a; echo b" << QByteArray("a\nb\n") << QByteArray() << 0;
        QTest::newRow("and skips after failure") << "false && echo no" << QByteArray() << QByteArray() << 1;
        QTest::newRow("or runs after failure")
            << "false || echo yes" << QByteArray("yes\n") << QByteArray() << 0;
        QTest::newRow("exit status variable") << "false; echo $?" << QByteArray("1\n") << QByteArray() << 0;
        QTest::newRow("hostname") << "hostname" << QByteArray("web-0\n") << QByteArray() << 0;
        QTest::newRow("pwd") << "pwd" << QByteArray("/\n") << QByteArray() << 0;
        QTest::newRow("cd then pwd") << "cd /etc; pwd; cd ..; pwd" << QByteArray("/etc\n/\n") << QByteArray()
                                     << 0;
        QTest::newRow("cat hostname") << "cat /etc/hostname" << QByteArray("web-0\n") << QByteArray() << 0;
        QTest::newRow("cat relative")
            << "cd /etc && cat hostname" << QByteArray("web-0\n") << QByteArray() << 0;
        QTest::newRow("cat missing") << "cat /nope" << QByteArray()
                                     << QByteArray("cat: can't open '/nope': No such file or directory\n")
                                     << 1;
        QTest::newRow("cat directory")
            << "cat /etc" << QByteArray() << QByteArray("cat: read error: Is a directory\n") << 1;
        QTest::newRow("ls etc") << "ls /etc" << QByteArray("hostname\nhosts\nos-release\nresolv.conf\n")
                                << QByteArray() << 0;
        QTest::newRow("ls missing") << "ls /nope" << QByteArray()
                                    << QByteArray("ls: /nope: No such file or directory\n") << 1;
        QTest::newRow("printenv") << "printenv GREETING HOME" << QByteArray("hi there\n/root\n")
                                  << QByteArray() << 0;
        QTest::newRow("printenv missing") << "printenv NOPE" << QByteArray() << QByteArray() << 1;
        QTest::newRow("whoami") << "whoami" << QByteArray("root\n") << QByteArray() << 0;
        QTest::newRow("uname -n") << "uname -n" << QByteArray("web-0\n") << QByteArray() << 0;
        QTest::newRow("unknown command")
            << "frobnicate now" << QByteArray() << QByteArray("sh: frobnicate: not found\n") << 127;
        QTest::newRow("bash missing on alpine")
            << "bash -c 'echo hi'" << QByteArray() << QByteArray("sh: bash: not found\n") << 127;
        QTest::newRow("sh -c") << "sh -c 'echo inner; exit 3'" << QByteArray("inner\n") << QByteArray() << 3;
        QTest::newRow("exit code wraps") << "sh -c 'exit 258'" << QByteArray() << QByteArray() << 2;
        QTest::newRow("unterminated quote")
            << "echo 'oops" << QByteArray() << QByteArray("sh: syntax error: unterminated quoted string\n")
            << 2;
        QTest::newRow("pipes refused")
            << "echo a | cat" << QByteArray()
            << QByteArray("sh: pipes and background jobs are not supported by the simulator\n") << 2;
    }
    void lines() {
        QFETCH(QString, line);
        QFETCH(QByteArray, out);
        QFETCH(QByteArray, err);
        QFETCH(int, exitCode);
        ShellInterpreter shell(container());
        const ShellInterpreter::Result result = shell.runLine(line);
        QCOMPARE(result.out, out);
        QCOMPARE(result.err, err);
        QCOMPARE(result.exitCode, exitCode);
        QVERIFY(!result.exitShell);
    }

    void exitEndsTheShell() {
        ShellInterpreter shell(container());
        const ShellInterpreter::Result result =
            shell.runLine(QStringLiteral("echo before; exit 5; echo after"));
        QVERIFY(result.exitShell);
        QCOMPARE(result.exitCode, 5);
        QCOMPARE(result.out, QByteArray("before\n"));
        QVERIFY(shell.runLine(QStringLiteral("exit")).exitShell);
    }

    void argvIsNotReparsed() {
        ShellInterpreter shell(container());
        const auto result =
            shell.runArgv({QStringLiteral("echo"), QStringLiteral("$HOME; a"), QStringLiteral("b")});
        QCOMPARE(result.out, QByteArray("$HOME; a b\n"));
        QCOMPARE(shell.runArgv({QStringLiteral("/bin/sh"), QStringLiteral("-c"), QStringLiteral("exit 7")})
                     .exitCode,
                 7);
    }

    void environmentListsSpecAndDefaults() {
        ShellInterpreter shell(container());
        const QList<QByteArray> lines = shell.runLine(QStringLiteral("env")).out.split('\n');
        QVERIFY(lines.contains("GREETING=hi there"));
        QVERIFY(lines.contains("HOSTNAME=web-0"));
        QVERIFY(lines.contains("KUBERNETES_SERVICE_HOST=10.96.0.1"));
        QVERIFY(!lines.contains("TERM=xterm")); // only with a TTY
    }

    void fakeFiles() {
        ShellInterpreter alpine(container());
        QVERIFY(alpine.runLine(QStringLiteral("cat /etc/os-release")).out.contains("ID=alpine"));
        QVERIFY(alpine.runLine(QStringLiteral("cat /etc/hosts")).out.contains("10.244.1.7\tweb-0"));
        QVERIFY(alpine.runLine(QStringLiteral("cat /etc/resolv.conf"))
                    .out.contains("search shop.svc.cluster.local"));
        QCOMPARE(
            alpine.runLine(QStringLiteral("cat /var/run/secrets/kubernetes.io/serviceaccount/namespace")).out,
            QByteArray("shop"));
        ShellInterpreter debian(container(QStringLiteral("nginx:1.27")));
        QVERIFY(debian.runLine(QStringLiteral("cat /etc/os-release")).out.contains("ID=debian"));
        QCOMPARE(debian.runLine(QStringLiteral("bash -c 'echo ok'")).out, QByteArray("ok\n"));
    }

    void bareCatAndShellWantStdin() {
        ShellInterpreter shell(container());
        QVERIFY(shell.runArgv({QStringLiteral("cat")}).wantsStdin);
        QVERIFY(shell.runArgv({QStringLiteral("cat"), QStringLiteral("-")}).wantsStdin);
        QVERIFY(!shell.runArgv({QStringLiteral("cat"), QStringLiteral("/etc/hostname")}).wantsStdin);
        QVERIFY(shell.isInteractiveShell({QStringLiteral("sh")}));
        QVERIFY(shell.isInteractiveShell({QStringLiteral("/bin/sh"), QStringLiteral("-i")}));
        QVERIFY(
            !shell.isInteractiveShell({QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("true")}));
        QVERIFY(!shell.isInteractiveShell({QStringLiteral("bash")})); // not on alpine
    }
};

QTEST_GUILESS_MAIN(TestShellInterpreter)
#include "tst_shellinterpreter.moc"
