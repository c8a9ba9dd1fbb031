// The channel.k8s.io and port-forward framing on its own: resize and close messages byte for byte, the
// error channel's Status turned into exit codes, and the port prefix of first frames.
#include "channelprotocol.h"

#include <QTest>

using namespace binnacle::streaming;

class TestChannelProtocol : public QObject {
    Q_OBJECT

private slots:
    void resizeMessageOnTheWire_data() {
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("height");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("80x24") << 80 << 24 << QByteArray("\x04{\"Width\":80,\"Height\":24}");
        QTest::newRow("largest") << 65535 << 1 << QByteArray("\x04{\"Width\":65535,\"Height\":1}");
        QTest::newRow("zero") << 0 << 0 << QByteArray("\x04{\"Width\":0,\"Height\":0}");
    }
    void resizeMessageOnTheWire() {
        QFETCH(int, width);
        QFETCH(int, height);
        QFETCH(QByteArray, expected);
        QCOMPARE(resizeMessage(quint16(width), quint16(height)), expected);
    }

    void closeSignalForStdin() {
        QCOMPARE(closeChannelMessage(channel::stdinChannel), QByteArray::fromHex("ff00"));
        QCOMPARE(channelMessage(channel::stdinChannel, "ls\n"), QByteArray::fromHex("00") + "ls\n");
    }

    void remoteStatus_data() {
        QTest::addColumn<QByteArray>("payload");
        QTest::addColumn<bool>("success");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("reason");
        QTest::newRow("success") << QByteArray("{\"metadata\":{},\"status\":\"Success\"}") << true << 0
                                 << QString();
        QTest::newRow("exit 3")
            << QByteArray("{\"metadata\":{},\"status\":\"Failure\",\"message\":\"command terminated with "
                          "non-zero exit code: error executing command [sh -c exit 3], exit code "
                          "3\",\"reason\":\"NonZeroExitCode\",\"details\":{\"causes\":[{\"reason\":"
                          "\"ExitCode\",\"message\":\"3\"}]}}")
            << false << 3 << QStringLiteral("NonZeroExitCode");
        QTest::newRow("exit 255")
            << QByteArray(
                   "{\"status\":\"Failure\",\"message\":\"exit code "
                   "255\",\"reason\":\"NonZeroExitCode\",\"details\":{\"causes\":[{"
                   "\"reason\":\"Other\",\"message\":\"x\"},{\"reason\":\"ExitCode\",\"message\":\"255\"}]}}")
            << false << 255 << QStringLiteral("NonZeroExitCode");
        QTest::newRow("runtime failure")
            << QByteArray("{\"metadata\":{},\"status\":\"Failure\",\"message\":\"Internal error occurred: "
                          "exec: \\\"bash\\\": executable file not found in "
                          "$PATH\",\"reason\":\"InternalError\",\"code\":500}")
            << false << -1 << QStringLiteral("InternalError");
        QTest::newRow("pre-v4 plain text")
            << QByteArray("error: something broke\n") << false << -1 << QString();
    }
    void remoteStatus() {
        QFETCH(QByteArray, payload);
        QFETCH(bool, success);
        QFETCH(int, exitCode);
        QFETCH(QString, reason);
        const std::optional<RemoteStatus> status = parseRemoteStatus(payload);
        QVERIFY(status);
        QCOMPARE(status->success, success);
        QCOMPARE(status->exitCode, exitCode);
        QCOMPARE(status->reason, reason);
        if (!success) {
            QVERIFY(!status->message.isEmpty());
        }
    }

    void emptyErrorChannelMessageIsNoStatus() { QVERIFY(!parseRemoteStatus({})); }

    void portPrefix_data() {
        QTest::addColumn<int>("port");
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("8080") << 8080 << QByteArray::fromHex("901f");
        QTest::newRow("80") << 80 << QByteArray::fromHex("5000");
        QTest::newRow("65535") << 65535 << QByteArray::fromHex("ffff");
    }
    void portPrefix() {
        QFETCH(int, port);
        QFETCH(QByteArray, bytes);
        QCOMPARE(binnacle::streaming::portPrefix(quint16(port)), bytes);
        QByteArray payload = bytes + "data";
        QCOMPARE(takePortPrefix(&payload), std::optional<quint16>(quint16(port)));
        QCOMPARE(payload, QByteArray("data"));
    }

    void shortPrefixIsRejected() {
        QByteArray payload("\x90", 1);
        QVERIFY(!takePortPrefix(&payload));
    }
};

QTEST_GUILESS_MAIN(TestChannelProtocol)
#include "tst_channelprotocol.moc"
