// The per-pod services behind port-forward: which ports get HTTP, the echo service, and the tiny
// HTTP/1.1 server (pipelined requests, keep-alive, Connection: close, HEAD, bodies, bad requests).
#include "portresponder.h"

#include <QTest>

using binnacle::sim::PortResponder;

namespace {
struct Sink {
    QByteArray data;
    int closes = 0;
    void bind(PortResponder& responder) {
        responder.onData = [this](const QByteArray& bytes) { data += bytes; };
        responder.onClosed = [this] { ++closes; };
    }
};

PortResponder http() {
    return PortResponder(PortResponder::Kind::Http, QStringLiteral("web-0"), QStringLiteral("shop"), 8080);
}
} // namespace

class TestPortResponder : public QObject {
    Q_OBJECT

private slots:
    void kindForPort_data() {
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("isHttp");
        QTest::newRow("named http") << 9376 << "http" << true;
        QTest::newRow("named http-metrics") << 9100 << "http-metrics" << true;
        QTest::newRow("80 unnamed") << 80 << "" << true;
        QTest::newRow("8080 unnamed") << 8080 << "" << true;
        QTest::newRow("https") << 443 << "https" << false;
        QTest::newRow("8443 https") << 8443 << "https-web" << false;
        QTest::newRow("redis") << 6379 << "redis" << false;
        QTest::newRow("443 unnamed") << 443 << "" << false;
    }

    void kindForPort() {
        QFETCH(int, port);
        QFETCH(QString, name);
        QFETCH(bool, isHttp);
        QCOMPARE(PortResponder::kindFor(quint16(port), name) == PortResponder::Kind::Http, isHttp);
    }

    void echoSendsEverythingBack() {
        PortResponder echo(PortResponder::Kind::Echo, QStringLiteral("p"), QStringLiteral("n"), 7);
        Sink sink;
        sink.bind(echo);
        echo.receive("abc");
        echo.receive(QByteArray(70000, 'x'));
        QCOMPARE(sink.data, QByteArray("abc") + QByteArray(70000, 'x'));
        QCOMPARE(sink.closes, 0);
    }

    void httpKeepAliveAndPipelining() {
        PortResponder responder = http();
        Sink sink;
        sink.bind(responder);
        responder.receive("GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHo");
        QCOMPARE(sink.data.count("HTTP/1.1 200 OK\r\n"), 1);
        responder.receive("st: x\r\n\r\n");
        QCOMPARE(sink.data.count("HTTP/1.1 200 OK\r\n"), 2);
        QVERIFY(sink.data.contains("<h1>Hello from web-0</h1>"));
        QVERIFY(sink.data.contains("path /a."));
        QVERIFY(sink.data.contains("path /b."));
        QVERIFY(sink.data.contains("Content-Type: text/html; charset=utf-8\r\n"));
        QCOMPARE(sink.closes, 0);
    }

    void httpContentLengthMatchesThePage() {
        PortResponder responder = http();
        Sink sink;
        sink.bind(responder);
        responder.receive("GET /<x> HTTP/1.1\r\n\r\n");
        const qsizetype headEnd = sink.data.indexOf("\r\n\r\n");
        const QByteArray body = sink.data.mid(headEnd + 4);
        QVERIFY(sink.data.contains("Content-Length: " + QByteArray::number(body.size()) + "\r\n"));
        QCOMPARE(body, responder.page("/<x>"));
        QVERIFY(body.contains("path /&lt;x&gt;.")); // escaped
    }

    void httpConnectionCloseClosesAfterTheAnswer() {
        PortResponder responder = http();
        Sink sink;
        sink.bind(responder);
        responder.receive("GET / HTTP/1.1\r\nConnection: close\r\n\r\nGET /ignored HTTP/1.1\r\n\r\n");
        QCOMPARE(sink.data.count("HTTP/1.1 200 OK"), 1);
        QVERIFY(sink.data.contains("Connection: close\r\n"));
        QCOMPARE(sink.closes, 1);
        QVERIFY(responder.isClosed());
        responder.receive("GET / HTTP/1.1\r\n\r\n");
        QCOMPARE(sink.data.count("HTTP/1.1 200 OK"), 1);
    }

    void http10ClosesUnlessKeepAlive() {
        PortResponder responder = http();
        Sink sink;
        sink.bind(responder);
        responder.receive("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
        QCOMPARE(sink.closes, 0);
        responder.receive("GET / HTTP/1.0\r\n\r\n");
        QCOMPARE(sink.closes, 1);
    }

    void httpHeadHasNoBodyAndPostWaitsForItsBody() {
        PortResponder responder = http();
        Sink sink;
        sink.bind(responder);
        responder.receive("HEAD / HTTP/1.1\r\n\r\n");
        QVERIFY(sink.data.endsWith("\r\n\r\n"));
        sink.data.clear();
        responder.receive("POST /form HTTP/1.1\r\nContent-Length: 5\r\n\r\nab");
        QVERIFY(sink.data.isEmpty());
        responder.receive("cde");
        QVERIFY(sink.data.startsWith("HTTP/1.1 405 Method Not Allowed\r\n"));
    }

    void httpBadRequestCloses() {
        PortResponder responder = http();
        Sink sink;
        sink.bind(responder);
        responder.receive("hello there\r\n\r\n");
        QVERIFY(sink.data.startsWith("HTTP/1.1 400 Bad Request\r\n"));
        QCOMPARE(sink.closes, 1);
    }
};

QTEST_GUILESS_MAIN(TestPortResponder)
#include "tst_portresponder.moc"
