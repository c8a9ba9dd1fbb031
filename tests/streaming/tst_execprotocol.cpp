// ExecSession's side of the channel protocol as the server sees it, against a WebSocket server in the
// test: the v5-then-v4 negotiation and what it changes (stdin close), resize messages as they arrive, the
// credentials on the upgrade, and every way the error/status channel can end a session.
#include "execsession.h"
#include "fakestreamserver.h"
#include "streamingtesting.h"

#include <QSignalSpy>
#include <QTest>
#include <QThread>

using namespace binnacle;
using namespace binnacle::streaming;
using namespace streamingtesting;

namespace {
const QByteArray exitThree =
    "{\"metadata\":{},\"status\":\"Failure\",\"message\":\"command terminated with non-zero exit code: exit "
    "code 3\",\"reason\":\"NonZeroExitCode\",\"details\":{\"causes\":[{\"reason\":\"ExitCode\",\"message\":"
    "\"3\"}]}}";
const QByteArray success = "{\"metadata\":{},\"status\":\"Success\"}";
const QByteArray notFoundInPath =
    "{\"metadata\":{},\"status\":\"Failure\",\"message\":\"Internal error occurred: exec: \\\"bash\\\": "
    "executable file not found in $PATH\",\"reason\":\"InternalError\",\"code\":500}";

ExecOptions shellOptions() {
    ExecOptions options;
    options.namespaceName = QStringLiteral("ns");
    options.podName = QStringLiteral("p");
    options.command = {QStringLiteral("sh")};
    options.tty = true;
    return options;
}
} // namespace

class TestExecProtocol : public QObject {
    Q_OBJECT

    struct Setup {
        std::unique_ptr<FakeStreamServer> server;
        std::unique_ptr<StaticToken> token;
        std::unique_ptr<WebSocketConnector> connector;
        std::unique_ptr<ExecSession> session;
        std::optional<ExecResult> result;
        QByteArray out;
    };

    std::unique_ptr<Setup> setUp(const QStringList& serverProtocols) {
        auto setup = std::make_unique<Setup>();
        setup->server = std::make_unique<FakeStreamServer>(serverProtocols);
        setup->server->onConnection = [](FakeStreamServer::Peer& peer) {
            peer.socket->sendBinaryMessage(QByteArray(1, '\x01')); // "streams are up"
        };
        setup->token = std::make_unique<StaticToken>(QStringLiteral("secret-token"));
        transport::ClusterEndpoint endpoint;
        endpoint.server = setup->server->httpUrl();
        setup->connector = std::make_unique<WebSocketConnector>(endpoint, setup->token.get());
        setup->session = std::make_unique<ExecSession>(setup->connector.get());
        Setup* raw = setup.get();
        connect(raw->session.get(), &ExecSession::finished, this,
                [raw](const ExecResult& r) { raw->result = r; });
        connect(raw->session.get(), &ExecSession::stdoutReceived, this,
                [raw](const QByteArray& data) { raw->out += data; });
        return setup;
    }

private slots:
    void negotiation_data() {
        QTest::addColumn<QStringList>("serverProtocols");
        QTest::addColumn<QString>("chosen");
        QTest::addColumn<bool>("stdinClose");
        QTest::newRow("v5 server") << QStringList{"v5.channel.k8s.io", "v4.channel.k8s.io"}
                                   << "v5.channel.k8s.io" << true;
        QTest::newRow("v4-only server") << QStringList{"v4.channel.k8s.io"} << "v4.channel.k8s.io" << false;
    }
    void negotiation() {
        QFETCH(QStringList, serverProtocols);
        QFETCH(QString, chosen);
        QFETCH(bool, stdinClose);
        auto setup = setUp(serverProtocols);
        setup->session->startExec(shellOptions());
        QTRY_COMPARE_WITH_TIMEOUT(setup->session->state(), ExecSession::State::Running, 10000);
        QCOMPARE(setup->session->subprotocol(), chosen);
        QCOMPARE(setup->session->stdinCloseSupported(), stdinClose);
        QCOMPARE(setup->session->closeStdin(), stdinClose);
        setup->session->writeStdin("after");
        FakeStreamServer::Peer& peer = *setup->server->peers.first();
        QTRY_VERIFY(!peer.received.isEmpty() && peer.received.last() == message(0, "after"));
        // v5: [255, 0] went out before; v4 has no such message, nothing else was sent.
        const QList<QByteArray> expected =
            stdinClose ? QList<QByteArray>{QByteArray::fromHex("ff00"), message(0, "after")}
                       : QList<QByteArray>{message(0, "after")};
        QCOMPARE(peer.received, expected);
        // The upgrade carried the credentials and the command.
        QCOMPARE(peer.authorization, QByteArray("Bearer secret-token"));
        QCOMPARE(peer.url.path(), QStringLiteral("/api/v1/namespaces/ns/pods/p/exec"));
        QCOMPARE(peer.url.query(), QStringLiteral("command=sh&stdin=true&stdout=true&stderr=false&tty=true"));
    }

    void unknownSubprotocolIsRefused() {
        auto setup = setUp({QStringLiteral("channel.k8s.io")}); // we do not offer it: none is chosen
        setup->session->startExec(shellOptions());
        QTRY_VERIFY_WITH_TIMEOUT(setup->result.has_value(), 10000);
        QVERIFY(setup->result->error);
        QVERIFY(setup->result->error->message().contains(QLatin1String("unsupported stream protocol")));
    }

    void resizeMessagesOnTheWire() {
        auto setup = setUp({QStringLiteral("v5.channel.k8s.io")});
        setup->session->resize(80, 24); // before the upgrade: only the latest size is sent
        setup->session->resize(120, 40);
        setup->session->startExec(shellOptions());
        QTRY_COMPARE_WITH_TIMEOUT(setup->session->state(), ExecSession::State::Running, 10000);
        FakeStreamServer::Peer& peer = *setup->server->peers.first();
        QTRY_COMPARE(peer.received.size(), 1);
        setup->session->resize(200, 50);
        QTRY_COMPARE(peer.received.size(), 2);
        QCOMPARE(peer.received[0], QByteArray("\x04{\"Width\":120,\"Height\":40}"));
        QCOMPARE(peer.received[1], QByteArray("\x04{\"Width\":200,\"Height\":50}"));
    }

    void statusChannelEndings_data() {
        QTest::addColumn<QList<QByteArray>>("serverMessages");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<int>("errorKind"); // -1: no error
        QTest::addColumn<QString>("errorText");
        QTest::newRow("success") << QList<QByteArray>{message(1, "hi"), message(3, success)} << 0 << -1
                                 << QString();
        QTest::newRow("exit 3") << QList<QByteArray>{message(3, exitThree)} << 3 << -1 << QString();
        QTest::newRow("runtime failure")
            << QList<QByteArray>{message(3, notFoundInPath)} << -1 << int(transport::ApiError::Kind::Status)
            << "executable file not found";
        QTest::newRow("pre-v4 text") << QList<QByteArray>{message(3, "something broke")} << -1
                                     << int(transport::ApiError::Kind::Status) << "something broke";
        QTest::newRow("closed without status")
            << QList<QByteArray>{message(1, "partial")} << -1
            << int(transport::ApiError::Kind::ConnectionLost) << "exit status";
        QTest::newRow("empty error message first")
            << QList<QByteArray>{message(3, {}), message(3, exitThree)} << 3 << -1 << QString();
    }
    void statusChannelEndings() {
        QFETCH(QList<QByteArray>, serverMessages);
        QFETCH(int, exitCode);
        QFETCH(int, errorKind);
        QFETCH(QString, errorText);
        auto setup = setUp({QStringLiteral("v5.channel.k8s.io")});
        setup->server->onConnection = [serverMessages](FakeStreamServer::Peer& peer) {
            for (const QByteArray& m : serverMessages) {
                peer.socket->sendBinaryMessage(m);
            }
            peer.socket->close();
        };
        setup->session->startExec(shellOptions());
        QTRY_VERIFY_WITH_TIMEOUT(setup->result.has_value(), 10000);
        QCOMPARE(setup->result->exitCode, exitCode);
        if (errorKind < 0) {
            QVERIFY(!setup->result->error);
        } else {
            QVERIFY(setup->result->error);
            QCOMPARE(int(setup->result->error->kind()), errorKind);
            QVERIFY2(setup->result->error->message().contains(errorText),
                     qPrintable(setup->result->error->message()));
        }
    }

    void stdoutAndStderrAreSeparate() {
        auto setup = setUp({QStringLiteral("v4.channel.k8s.io")});
        QByteArray err;
        connect(setup->session.get(), &ExecSession::stderrReceived, this,
                [&err](const QByteArray& d) { err += d; });
        setup->server->onConnection = [](FakeStreamServer::Peer& peer) {
            peer.socket->sendBinaryMessage(message(1, {}));
            peer.socket->sendBinaryMessage(message(2, "warn"));
            peer.socket->sendBinaryMessage(message(1, "out"));
            peer.socket->sendBinaryMessage(message(3, success));
            peer.socket->close();
        };
        ExecOptions options = shellOptions();
        options.tty = false;
        setup->session->startExec(options);
        QTRY_VERIFY_WITH_TIMEOUT(setup->result.has_value(), 10000);
        QCOMPARE(setup->out, QByteArray("out"));
        QCOMPARE(err, QByteArray("warn"));
        QCOMPARE(setup->result->exitCode, 0);
    }

    void credentialProviderOnAnotherThread() {
        // As in the dashboard: the provider lives on the transport's worker thread.
        auto setup = setUp({QStringLiteral("v5.channel.k8s.io")});
        QThread worker;
        worker.start();
        setup->token->moveToThread(&worker);
        setup->session->startExec(shellOptions());
        QTRY_COMPARE_WITH_TIMEOUT(setup->session->state(), ExecSession::State::Running, 10000);
        QCOMPARE(setup->server->peers.first()->authorization, QByteArray("Bearer secret-token"));
        setup->session.reset();
        QMetaObject::invokeMethod(
            setup->token.get(), [&] { setup->token->moveToThread(thread()); }, Qt::BlockingQueuedConnection);
        worker.quit();
        worker.wait();
    }

    void credentialsAskedForEachUpgrade() {
        auto setup = setUp({QStringLiteral("v5.channel.k8s.io")});
        setup->session->startExec(shellOptions());
        QTRY_COMPARE_WITH_TIMEOUT(setup->session->state(), ExecSession::State::Running, 10000);
        ExecSession second(setup->connector.get());
        second.startExec(shellOptions());
        QTRY_COMPARE_WITH_TIMEOUT(second.state(), ExecSession::State::Running, 10000);
        QCOMPARE(setup->token->requests, 2);
    }
};

QTEST_GUILESS_MAIN(TestExecProtocol)
#include "tst_execprotocol.moc"
