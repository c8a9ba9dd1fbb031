// ExecSession and ShellSession against the in-process simulator over real TLS: v5 negotiated, stdout
// and stderr, exit codes from the status channel, stdin closed with v5's close signal, a TTY shell that
// sees its resize, attach, refused upgrades as typed errors.
#include "certificateauthority.h"
#include "endpointnetwork.h"
#include "execsession.h"
#include "sessiontesting.h"

#include <QSignalSpy>
#include <QTest>

using namespace binnacle;
using namespace binnacle::streaming;
using namespace streamingtesting;

class TestExecSession : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QVERIFY(m_cluster.start());
        QVERIFY(m_cluster.createPod(podNamed("box", "debian:12")));
        QVERIFY(m_cluster.createPod(podNamed("tiny", "busybox:1.36")));
        PodSpec console = podNamed("console", "debian:12");
        console.stdinOpen = true;
        console.tty = true;
        QVERIFY(m_cluster.createPod(console));
        PodSpec reader = podNamed("reader", "debian:12");
        reader.stdinOpen = true;
        QVERIFY(m_cluster.createPod(reader));
    }

    void echoOverV5() {
        ExecSession session(m_cluster.connector.get());
        Transcript transcript;
        transcript.watch(&session);
        QSignalSpy started(&session, &ExecSession::started);
        session.startExec(command("box", {"echo", "hello world"}));
        QCOMPARE(session.state(), ExecSession::State::Connecting);
        QTRY_VERIFY_WITH_TIMEOUT(transcript.result.has_value(), 10000);
        QCOMPARE(started.count(), 1);
        QCOMPARE(session.subprotocol(), QString::fromLatin1(channel::v5Protocol));
        QCOMPARE(transcript.out, QByteArray("hello world\n"));
        QCOMPARE(transcript.result->exitCode, 0);
        QVERIFY(!transcript.result->error);
        QCOMPARE(session.state(), ExecSession::State::Finished);
    }

    void exitCodes_data() {
        QTest::addColumn<QStringList>("argv");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QByteArray>("err");
        QTest::newRow("exit 3") << QStringList{"sh", "-c", "exit 3"} << 3 << QByteArray();
        QTest::newRow("false") << QStringList{"false"} << 1 << QByteArray();
        QTest::newRow("not found") << QStringList{"sh", "-c", "nope"} << 127
                                   << QByteArray("sh: nope: not found\n");
        QTest::newRow("true") << QStringList{"true"} << 0 << QByteArray();
    }
    void exitCodes() {
        QFETCH(QStringList, argv);
        QFETCH(int, exitCode);
        QFETCH(QByteArray, err);
        ExecSession session(m_cluster.connector.get());
        Transcript transcript;
        transcript.watch(&session);
        session.startExec(command("box", argv));
        QTRY_VERIFY_WITH_TIMEOUT(transcript.result.has_value(), 10000);
        QCOMPARE(transcript.result->exitCode, exitCode);
        QVERIFY(!transcript.result->error); // a non-zero exit is an outcome, not an error
        QCOMPARE(transcript.err, err);
    }

    void stdinClosedWithV5Signal() {
        ExecSession session(m_cluster.connector.get());
        Transcript transcript;
        transcript.watch(&session);
        session.startExec(command("box", {"cat"}, true));
        session.writeStdin("written before the upgrade\n"); // kept until connected
        QTRY_COMPARE_WITH_TIMEOUT(transcript.out, QByteArray("written before the upgrade\n"), 10000);
        session.writeStdin("more");
        QTRY_COMPARE(transcript.out, QByteArray("written before the upgrade\nmore"));
        QVERIFY(session.stdinCloseSupported());
        QVERIFY(session.closeStdin());
        // cat sees the end of its input and exits 0.
        QTRY_VERIFY_WITH_TIMEOUT(transcript.result.has_value(), 10000);
        QCOMPARE(transcript.result->exitCode, 0);
    }

    void ttyShellSeesResize() {
        ExecSession session(m_cluster.connector.get());
        Transcript transcript;
        transcript.watch(&session);
        ExecOptions options = command("box", {"sh"}, true);
        options.tty = true;
        session.resize(100, 30); // before the upgrade: sent as soon as it is done
        session.startExec(options);
        QTRY_VERIFY_WITH_TIMEOUT(transcript.out.contains("# "), 10000);
        session.writeStdin("stty size\r");
        QTRY_VERIFY_WITH_TIMEOUT(transcript.out.contains("30 100\r\n"), 10000);
        session.resize(132, 43);
        session.writeStdin("stty size\r");
        QTRY_VERIFY_WITH_TIMEOUT(transcript.out.contains("43 132\r\n"), 10000);
        QVERIFY(transcript.err.isEmpty()); // a terminal has one output stream
        session.writeStdin("exit 4\r");
        QTRY_VERIFY_WITH_TIMEOUT(transcript.result.has_value(), 10000);
        QCOMPARE(transcript.result->exitCode, 4);
    }

    void terminateEndsTheSession() {
        ExecSession session(m_cluster.connector.get());
        Transcript transcript;
        transcript.watch(&session);
        session.startExec(command("box", {"cat"}, true));
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), ExecSession::State::Running, 10000);
        session.terminate();
        QTRY_VERIFY_WITH_TIMEOUT(transcript.result.has_value(), 10000);
        QVERIFY(transcript.result->terminated);
        QVERIFY(!transcript.result->error);
    }

    void attachSeesInputResizeAndExit() {
        ExecSession session(m_cluster.connector.get());
        Transcript transcript;
        transcript.watch(&session);
        ExecOptions options = command("console", {}, true);
        options.tty = true;
        session.resize(90, 20);
        session.startAttach(options);
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), ExecSession::State::Running, 10000);
        session.writeStdin("size\r");
        QTRY_VERIFY_WITH_TIMEOUT(transcript.out.contains("20 90\r\n"), 10000);
        session.writeStdin("exit 5\r");
        // The main process ended the session; attach reports no exit code of the process (the kubelet's
        // attach returns when the stream ends, with a Success status).
        QTRY_VERIFY_WITH_TIMEOUT(transcript.result.has_value(), 10000);
        QVERIFY(!transcript.result->error);
        QVERIFY(!transcript.result->terminated);
    }

    void attachWithoutTtyKeepsStdinAndStderrApart() {
        ExecSession session(m_cluster.connector.get());
        Transcript transcript;
        transcript.watch(&session);
        session.startAttach(command("reader", {}, true));
        session.writeStdin("marco\n");
        QTRY_VERIFY_WITH_TIMEOUT(transcript.out.contains("marco"), 10000);
        QVERIFY(session.closeStdin());
        session.terminate();
        QTRY_VERIFY_WITH_TIMEOUT(transcript.result.has_value(), 10000);
    }

    void refusedUpgrades_data() {
        QTest::addColumn<QString>("pod");
        QTest::addColumn<QString>("container");
        QTest::addColumn<bool>("readOnly");
        QTest::addColumn<int>("httpStatus");
        QTest::addColumn<QString>("reason");
        QTest::addColumn<QString>("message");
        QTest::newRow("missing pod") << "ghost"
                                     << "" << false << 404 << "NotFound"
                                     << R"(pods "ghost" not found)";
        QTest::newRow("unknown container") << "box"
                                           << "nope" << false << 400 << "BadRequest"
                                           << "container nope is not valid for pod box";
        QTest::newRow("read-only user")
            << "box"
            << "" << true << 403 << "Forbidden"
            << R"(pods "box" is forbidden: User "sim-readonly" cannot get resource "pods/exec" in API group "" in the namespace "default")";
    }
    void refusedUpgrades() {
        QFETCH(QString, pod);
        QFETCH(QString, container);
        QFETCH(bool, readOnly);
        QFETCH(int, httpStatus);
        QFETCH(QString, reason);
        QFETCH(QString, message);
        StaticToken readOnlyToken(m_cluster.simulator->credentials().readOnlyToken);
        transport::ClusterTransport readOnlyTransport(m_cluster.transport->endpoint(), &readOnlyToken);
        WebSocketConnector readOnlyConnector(m_cluster.transport->endpoint(), &readOnlyToken);
        readOnlyConnector.setStatusTransport(&readOnlyTransport);
        ExecSession session(readOnly ? &readOnlyConnector : m_cluster.connector.get());
        Transcript transcript;
        transcript.watch(&session);
        ExecOptions options = command(pod, {"true"});
        options.container = container;
        session.startExec(options);
        QTRY_VERIFY_WITH_TIMEOUT(transcript.result.has_value(), 10000);
        QCOMPARE(transcript.result->exitCode, -1);
        QVERIFY(transcript.result->error);
        const transport::ApiError& error = *transcript.result->error;
        QCOMPARE(error.kind(), transport::ApiError::Kind::Status);
        QCOMPARE(error.httpStatus(), httpStatus);
        QCOMPARE(error.reason(), reason);
        QCOMPARE(error.message(), message);
    }

    void refusalWithoutStatusTransportKeepsTheCode() {
        WebSocketConnector bare(m_cluster.transport->endpoint(), m_cluster.token.get());
        ExecSession session(&bare);
        Transcript transcript;
        transcript.watch(&session);
        session.startExec(command("ghost", {"true"}));
        QTRY_VERIFY_WITH_TIMEOUT(transcript.result.has_value(), 10000);
        QVERIFY(transcript.result->error);
        QCOMPARE(transcript.result->error->httpStatus(), 404);
        QCOMPARE(transcript.result->error->reason(), QStringLiteral("NotFound"));
    }

    void untrustedServerIsATlsError() {
        transport::ClusterEndpoint endpoint = m_cluster.transport->endpoint();
        endpoint.caPem.clear(); // the system store does not know the simulator's CA
        std::optional<ExecResult> result = execTrueThrough(endpoint);
        QVERIFY(result && result->error);
        QCOMPARE(result->error->kind(), transport::ApiError::Kind::Tls);

        endpoint.insecureSkipTlsVerify = true; // and with the check off it connects
        result = execTrueThrough(endpoint);
        QVERIFY(result);
        QCOMPARE(result->exitCode, 0);
    }

    // A kubeconfig's tls-server-name, which Qt's WebSocket cannot be given: the certificate must be valid for
    // that name (the simulator's names "kubernetes.default.svc" and 127.0.0.1, which the URL uses).
    void tlsServerNameIsChecked() {
        transport::ClusterEndpoint endpoint = m_cluster.transport->endpoint();
        endpoint.tlsServerName = QStringLiteral("kubernetes.default.svc");
        std::optional<ExecResult> result = execTrueThrough(endpoint);
        QVERIFY(result);
        QCOMPARE(result->exitCode, 0);

        endpoint.tlsServerName = QStringLiteral("api.elsewhere.example");
        result = execTrueThrough(endpoint);
        QVERIFY(result && result->error);
        QCOMPARE(result->error->kind(), transport::ApiError::Kind::Tls);
        QVERIFY(result->error->detail().contains(QLatin1String("api.elsewhere.example")));
    }

    void certificateNames_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("valid");
        QTest::newRow("exact") << "api.example.com" << true;
        QTest::newRow("case") << "API.Example.com" << true;
        QTest::newRow("trailing dot") << "api.example.com." << true;
        QTest::newRow("other") << "web.example.com" << false;
        QTest::newRow("wildcard one label") << "shop.apps.example.com" << true;
        QTest::newRow("wildcard two labels") << "a.shop.apps.example.com" << false;
        QTest::newRow("wildcard bare") << "apps.example.com" << false;
        QTest::newRow("ip") << "10.0.0.1" << true;
        QTest::newRow("other ip") << "10.0.0.2" << false;
        QTest::newRow("ip as dns") << "10.0.0.1.example.com" << false;
    }
    void certificateNames() {
        QFETCH(QString, name);
        QFETCH(bool, valid);
        const auto ca = sim::CertificateAuthority::create(QStringLiteral("names-ca"));
        const auto issued = ca.issueServerCertificate(
            {QStringLiteral("api.example.com"), QStringLiteral("*.apps.example.com")},
            {QStringLiteral("10.0.0.1")});
        const QSslCertificate certificate(issued.certificatePem);
        QVERIFY(!certificate.isNull());
        QCOMPARE(transport::certificateMatchesName(certificate, name), valid);
    }

    void requestCarriesCommandAndStreams() {
        ExecOptions options = command("box", {"sh", "-c", "echo a&b=c"}, true);
        options.container = QStringLiteral("main");
        const WebSocketRequest request = ExecSession::requestFor(ExecSession::Mode::Exec, options);
        QCOMPARE(request.path, QStringLiteral("/api/v1/namespaces/default/pods/box/exec"));
        QCOMPARE(request.subprotocols, (QStringList{"v5.channel.k8s.io", "v4.channel.k8s.io"}));
        const QUrl url = m_cluster.connector->urlFor(request);
        QCOMPARE(url.scheme(), QStringLiteral("wss"));
        QCOMPARE(url.query(QUrl::FullyEncoded),
                 QStringLiteral("command=sh&command=-c&command=echo%20a%26b%3Dc&container=main&stdin=true&"
                                "stdout=true&stderr=true&tty=false"));
        options.tty = true;
        const WebSocketRequest attach = ExecSession::requestFor(ExecSession::Mode::Attach, options);
        QCOMPARE(attach.path, QStringLiteral("/api/v1/namespaces/default/pods/box/attach"));
        QVERIFY(!attach.query.hasQueryItem(QStringLiteral("command")));
        QCOMPARE(attach.query.queryItemValue(QStringLiteral("stderr")), QStringLiteral("false"));
    }

private:
    // `true` in the pod "box" through a connector of its own to `endpoint`; nullopt if nothing ended it.
    std::optional<ExecResult> execTrueThrough(const transport::ClusterEndpoint& endpoint) {
        WebSocketConnector connector(endpoint, m_cluster.token.get());
        ExecSession session(&connector);
        Transcript transcript;
        transcript.watch(&session);
        session.startExec(command("box", {"true"}));
        (void)QTest::qWaitFor([&] { return transcript.result.has_value(); },
                              10000); // nullopt says it timed out
        return transcript.result;
    }

    Cluster m_cluster;
};

QTEST_GUILESS_MAIN(TestExecSession)
#include "tst_execsession.moc"
