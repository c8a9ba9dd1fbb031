// RFC 6455 framing as the simulator's server side does it: the handshake key, frames of every length
// class, masking, fragmentation with control frames in between, close, and what a server must refuse.
// Also the channel.k8s.io helpers and the handshake checks.
#include "channelprotocol.h"
#include "websocketframe.h"
#include "websocketupgrade.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace binnacle::sim;
using ws::Opcode;
using ws::WebSocketFrameParser;

namespace {
constexpr quint32 kMask = 0x37fa213d; // the mask of RFC 6455 §5.7's examples

QByteArray bytes(std::initializer_list<int> values) {
    QByteArray out;
    for (const int value : values) {
        out.append(char(value));
    }
    return out;
}

HttpRequest upgradeRequest() {
    HttpRequest request;
    request.method = "GET";
    request.headers = {{"Upgrade", "websocket"},
                       {"Connection", "keep-alive, Upgrade"},
                       {"Sec-WebSocket-Version", "13"},
                       {"Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="},
                       {"Sec-WebSocket-Protocol", "v5.channel.k8s.io, v4.channel.k8s.io"}};
    return request;
}
} // namespace

class TestWebSocketFrame : public QObject {
    Q_OBJECT

private slots:
    void acceptKeyMatchesRfcExample() {
        QCOMPARE(ws::acceptKey("dGhlIHNhbXBsZSBub25jZQ=="), QByteArray("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));
    }

    void serverFrameIsUnmasked() {
        // RFC 6455 §5.7: a single-frame unmasked text message "Hello".
        QCOMPARE(ws::encodeFrame(Opcode::Text, "Hello"), bytes({0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f}));
    }

    void maskedRfcExampleDecodes() {
        WebSocketFrameParser parser;
        const QByteArray frame = bytes({0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58});
        QCOMPARE(ws::encodeFrame(Opcode::Text, "Hello", true, kMask), frame);
        parser.feed(frame);
        const auto event = parser.next();
        QVERIFY(event);
        QCOMPARE(event->opcode, Opcode::Text);
        QCOMPARE(event->payload, QByteArray("Hello"));
        QVERIFY(!parser.next());
    }

    void lengthClassesRoundTrip_data() {
        QTest::addColumn<int>("size");
        QTest::addColumn<int>("headerBytes");
        QTest::newRow("empty") << 0 << 2;
        QTest::newRow("125: one length byte") << 125 << 2;
        QTest::newRow("126: 16-bit length") << 126 << 4;
        QTest::newRow("65535: 16-bit length") << 65535 << 4;
        QTest::newRow("65536: 64-bit length") << 65536 << 10;
    }
    void lengthClassesRoundTrip() {
        QFETCH(int, size);
        QFETCH(int, headerBytes);
        QByteArray payload(size, Qt::Uninitialized);
        for (int i = 0; i < size; ++i) {
            payload[i] = char(i * 7);
        }
        QCOMPARE(ws::encodeFrame(Opcode::Binary, payload).size(), size + headerBytes);
        const QByteArray masked = ws::encodeFrame(Opcode::Binary, payload, true, kMask);
        QCOMPARE(masked.size(), size + headerBytes + 4);
        WebSocketFrameParser parser;
        // Byte by byte for the small ones, to cover every partial-header state.
        if (size < 300) {
            for (const char byte : masked) {
                QVERIFY(!parser.next());
                parser.feed(QByteArray(1, byte));
            }
        } else {
            parser.feed(masked);
        }
        const auto event = parser.next();
        QVERIFY(event);
        QCOMPARE(event->opcode, Opcode::Binary);
        QCOMPARE(event->payload, payload);
    }

    void fragmentsJoinAroundAPing() {
        // RFC 6455 §5.4/§5.7: "Hel" + "lo" in two frames, with a control frame allowed in between.
        WebSocketFrameParser parser;
        parser.feed(ws::encodeFrame(Opcode::Text, "Hel", false, kMask));
        parser.feed(ws::encodeFrame(Opcode::Ping, "are you there", true, kMask));
        parser.feed(ws::encodeFrame(Opcode::Continuation, "lo", true, kMask));
        const auto ping = parser.next();
        QVERIFY(ping);
        QCOMPARE(ping->opcode, Opcode::Ping);
        QCOMPARE(ping->payload, QByteArray("are you there"));
        const auto message = parser.next();
        QVERIFY(message);
        QCOMPARE(message->opcode, Opcode::Text);
        QCOMPARE(message->payload, QByteArray("Hello"));
        QCOMPARE(parser.error(), WebSocketFrameParser::Error::None);
    }

    void closeCarriesCodeAndReason() {
        WebSocketFrameParser parser;
        parser.feed(ws::encodeClose(1001, "going away", kMask));
        parser.feed(ws::encodeFrame(Opcode::Close, {}, true, kMask));
        const auto first = parser.next();
        QVERIFY(first);
        QCOMPARE(first->opcode, Opcode::Close);
        QCOMPARE(first->closeCode, quint16(1001));
        QCOMPARE(first->payload, QByteArray("going away"));
        const auto bare = parser.next();
        QVERIFY(bare);
        QCOMPARE(bare->closeCode, quint16(1005)); // no status received
        QCOMPARE(ws::encodeClose(1000), bytes({0x88, 0x02, 0x03, 0xe8}));
    }

    void violationsAreRefused_data() {
        QTest::addColumn<QByteArray>("wire");
        QTest::addColumn<int>("error");
        using E = WebSocketFrameParser::Error;
        QTest::newRow("unmasked client frame") << ws::encodeFrame(Opcode::Binary, "x") << int(E::Unmasked);
        QTest::newRow("reserved bit") << bytes({0xC2, 0x80, 0, 0, 0, 0}) << int(E::ReservedBits);
        QTest::newRow("fragmented ping")
            << ws::encodeFrame(Opcode::Ping, "x", false, kMask) << int(E::BadControlFrame);
        QTest::newRow("long ping") << ws::encodeFrame(Opcode::Ping, QByteArray(126, 'x'), true, kMask)
                                   << int(E::BadControlFrame);
        QTest::newRow("continuation first")
            << ws::encodeFrame(Opcode::Continuation, "x", true, kMask) << int(E::UnexpectedContinuation);
        QTest::newRow("new message inside a fragmented one")
            << ws::encodeFrame(Opcode::Binary, "a", false, kMask) +
                   ws::encodeFrame(Opcode::Binary, "b", true, kMask)
            << int(E::UnexpectedContinuation);
        QTest::newRow("reserved opcode") << bytes({0x83, 0x80, 0, 0, 0, 0}) << int(E::BadOpcode);
        QTest::newRow("too big") << ws::encodeFrame(Opcode::Binary, QByteArray(2000, 'x'), true, kMask)
                                 << int(E::TooBig);
    }
    void violationsAreRefused() {
        QFETCH(QByteArray, wire);
        QFETCH(int, error);
        WebSocketFrameParser parser(1024);
        parser.feed(wire);
        while (parser.next()) {
        }
        QCOMPARE(int(parser.error()), error);
        parser.feed(ws::encodeFrame(Opcode::Binary, "later", true, kMask));
        QVERIFY(!parser.next()); // nothing after an error
    }

    void handshakeChecks() {
        HttpRequest request = upgradeRequest();
        QVERIFY(ws::isUpgradeRequest(request));
        QCOMPARE(ws::handshakeProblem(request), QString());
        QCOMPARE(ws::chooseProtocol(request, channel::supportedProtocols()), QByteArray("v5.channel.k8s.io"));
        const HttpHeaders accept = ws::acceptHeaders(request, "v5.channel.k8s.io");
        QVERIFY(accept.contains(
            qMakePair(QByteArray("Sec-WebSocket-Accept"), QByteArray("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="))));
        QVERIFY(accept.contains(
            qMakePair(QByteArray("Sec-WebSocket-Protocol"), QByteArray("v5.channel.k8s.io"))));

        request.headers[4].second = "base64.channel.k8s.io, v4.channel.k8s.io";
        QCOMPARE(ws::chooseProtocol(request, channel::supportedProtocols()), QByteArray("v4.channel.k8s.io"));
        request.headers[4].second = "channel.k8s.io";
        QVERIFY(ws::chooseProtocol(request, channel::supportedProtocols()).isEmpty());

        HttpRequest post = upgradeRequest();
        post.method = "POST";
        QVERIFY(!ws::handshakeProblem(post).isEmpty());
        HttpRequest oldVersion = upgradeRequest();
        oldVersion.headers[2].second = "8";
        QVERIFY(!ws::handshakeProblem(oldVersion).isEmpty());
        HttpRequest badKey = upgradeRequest();
        badKey.headers[3].second = "short";
        QVERIFY(!ws::handshakeProblem(badKey).isEmpty());
    }

    void channelStatuses() {
        QCOMPARE(channel::successStatus(), QByteArray(R"({"metadata":{},"status":"Success"})"));
        const QJsonObject failure =
            QJsonDocument::fromJson(channel::exitCodeStatus({"sh", "-c", "exit 3"}, 3)).object();
        QCOMPARE(failure.value("status").toString(), QStringLiteral("Failure"));
        QCOMPARE(failure.value("reason").toString(), QStringLiteral("NonZeroExitCode"));
        QVERIFY(!failure.contains("kind"));
        const QJsonObject cause =
            failure.value("details").toObject().value("causes").toArray().first().toObject();
        QCOMPARE(cause.value("reason").toString(), QStringLiteral("ExitCode"));
        QCOMPARE(cause.value("message").toString(), QStringLiteral("3"));
        QVERIFY(failure.value("message").toString().contains(QStringLiteral("[sh -c exit 3]")));
        QCOMPARE(channel::message(channel::stdoutChannel, "hi"), QByteArray("\x01hi"));
    }

    void resizeMessages_data() {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QSize>("size");
        QTest::newRow("kubectl's") << QByteArray(R"({"Width":120,"Height":40})") << QSize(120, 40);
        QTest::newRow("lower-case keys") << QByteArray(R"({"width":120,"height":40})") << QSize();
        QTest::newRow("not json") << QByteArray("120x40") << QSize();
    }
    void resizeMessages() {
        QFETCH(QByteArray, json);
        QFETCH(QSize, size);
        const auto parsed = channel::parseResize(json);
        QCOMPARE(parsed.value_or(QSize()), size);
    }
};

QTEST_GUILESS_MAIN(TestWebSocketFrame)
#include "tst_websocketframe.moc"
