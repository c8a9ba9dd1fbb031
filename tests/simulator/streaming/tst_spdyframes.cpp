// The simulator's SPDY/3.1 framing and its port-forward session, without sockets: every frame type written
// and read back (whole and a byte at a time, as the WebSocket tunnel delivers them), the header dictionary
// and the compression context kept across frames, malformed input, and a client's error and data streams
// flowing through the session to the echo and HTTP responders, with the kubelet's error for a closed port.
#include "spdyframes.h"
#include "spdysession.h"

#include <QTest>
#include <QtEndian>

using namespace binnacle::sim;
using namespace binnacle::sim::spdy;

Q_DECLARE_METATYPE(binnacle::sim::spdy::Frame)

namespace {
quint32 adler32(const QByteArray& bytes) {
    quint32 a = 1;
    quint32 b = 0;
    for (const char c : bytes) {
        a = (a + quint8(c)) % 65521;
        b = (b + a) % 65521;
    }
    return (b << 16) | a;
}

Frame control(FrameType type, quint32 streamId, quint32 value = 0, quint8 flags = 0) {
    Frame frame;
    frame.type = type;
    frame.streamId = streamId;
    frame.value = value;
    frame.flags = flags;
    return frame;
}

HeaderBlock streamHeaders(const QByteArray& type, const QByteArray& port, const QByteArray& requestId) {
    return {{"streamtype", type}, {"port", port}, {"requestid", requestId}};
}

// A kubectl-like client driving one session: frames in through its own writer, frames out through a parser.
struct Client {
    FrameWriter writer;
    FrameParser parser;
    QList<Frame> received;
    bool transportClosed = false;
    SpdyPortForwardSession* session = nullptr;

    explicit Client(SpdyPortForwardSession* s)
        : session(s) {
        session->onSend = [this](const QByteArray& bytes) {
            parser.feed(bytes);
            while (const auto frame = parser.next()) {
                received.append(*frame);
            }
        };
        session->onCloseTransport = [this] { transportClosed = true; };
    }
    void send(const QByteArray& bytes) { session->receive(bytes); }
    QList<Frame> take() { return std::exchange(received, {}); }
};

SpdyPortForwardSession* newSession(QObject* parent) {
    auto resolve = [](quint16 port) {
        PortForwardSession::Target target;
        target.port = port;
        if (port == 9000) {
            target.service = PortResponder::Kind::Echo;
        } else if (port == 80) {
            target.service = PortResponder::Kind::Http;
        } else {
            target.refusal =
                QStringLiteral("error forwarding port %1 to pod abc: connection refused").arg(port);
        }
        return target;
    };
    return new SpdyPortForwardSession(QStringLiteral("web"), QStringLiteral("shop"), resolve, parent);
}
} // namespace

class TestSpdyFrames : public QObject {
    Q_OBJECT

private slots:
    void dictionaryIsTheSpdy3One() {
        const QByteArray dictionary = headerDictionary();
        QCOMPARE(dictionary.size(), 1423);
        QVERIFY(dictionary.startsWith(QByteArray("\x00\x00\x00\x07options\x00\x00\x00\x04head", 19)));
        QVERIFY(dictionary.endsWith(",*,enq=0."));
        QCOMPARE(adler32(dictionary), 0xe3c6a7c2u); // the dictionary id a zlib stream names it by
    }

    void framesRoundTrip_data() {
        QTest::addColumn<Frame>("frame");
        Frame synStream = control(FrameType::SynStream, 5, 0, flagFin);
        synStream.associatedStreamId = 3;
        synStream.priority = 4;
        synStream.headers = streamHeaders("data", "8080", "12");
        QTest::newRow("SYN_STREAM") << synStream;
        QTest::newRow("SYN_REPLY, no headers") << control(FrameType::SynReply, 7);
        Frame headers = control(FrameType::Headers, 9);
        headers.headers = {{"multi", QByteArray("a\0b", 3)}, {"x-empty", ""}};
        QTest::newRow("HEADERS") << headers;
        Frame data = control(FrameType::Data, 11, 0, flagFin);
        data.data = QByteArray("\x00\x01payload\xff", 10);
        QTest::newRow("DATA with FIN") << data;
        QTest::newRow("empty DATA") << control(FrameType::Data, 13);
        QTest::newRow("RST_STREAM") << control(FrameType::RstStream, 15, rstCancel);
        QTest::newRow("PING") << control(FrameType::Ping, 0, 0x7ffffff1);
        QTest::newRow("GOAWAY") << control(FrameType::GoAway, 17, goAwayProtocolError);
        QTest::newRow("WINDOW_UPDATE") << control(FrameType::WindowUpdate, 19, 65536);
        Frame settings = control(FrameType::Settings, 0);
        settings.settings = {{1, 7, 65536}, {0, 4, 100}};
        QTest::newRow("SETTINGS") << settings;
    }

    void framesRoundTrip() {
        QFETCH(Frame, frame);
        FrameWriter writer;
        const QByteArray bytes = writer.encode(frame);
        for (const bool byteByByte : {false, true}) {
            FrameWriter again; // a fresh compression context for a fresh parser
            const QByteArray wire = again.encode(frame);
            QCOMPARE(wire, bytes);
            FrameParser parser;
            std::optional<Frame> parsed;
            if (byteByByte) {
                for (const char c : wire) {
                    QVERIFY(!parsed);
                    parser.feed(QByteArray(1, c));
                    parsed = parser.next();
                }
            } else {
                parser.feed(wire);
                parsed = parser.next();
            }
            QVERIFY2(parsed, parser.error().constData());
            QCOMPARE(int(parsed->type), int(frame.type));
            QCOMPARE(parsed->flags, frame.flags);
            QCOMPARE(parsed->streamId, frame.streamId);
            QCOMPARE(parsed->associatedStreamId, frame.associatedStreamId);
            QCOMPARE(parsed->priority, frame.priority);
            QCOMPARE(parsed->value, frame.value);
            QCOMPARE(parsed->headers, frame.headers);
            QCOMPARE(parsed->data, frame.data);
            QCOMPARE(parsed->settings.size(), frame.settings.size());
            for (qsizetype i = 0; i < frame.settings.size(); ++i) {
                QCOMPARE(parsed->settings[i].flags, frame.settings[i].flags);
                QCOMPARE(parsed->settings[i].id, frame.settings[i].id);
                QCOMPARE(parsed->settings[i].value, frame.settings[i].value);
            }
            QVERIFY(!parser.next());
        }
    }

    void wireLayoutOfDataAndControlFrames() {
        FrameWriter writer;
        // DATA: stream id with the control bit clear, flags, 24-bit length, payload.
        QCOMPARE(writer.data(3, "hi", true), QByteArray("\x00\x00\x00\x03\x01\x00\x00\x02hi", 10));
        // PING: 0x8003 (control, version 3), type 6, no flags, length 4, the id.
        QCOMPARE(writer.ping(1), QByteArray("\x80\x03\x00\x06\x00\x00\x00\x04\x00\x00\x00\x01", 12));
        QCOMPARE(writer.rstStream(5, rstCancel),
                 QByteArray("\x80\x03\x00\x03\x00\x00\x00\x08\x00\x00\x00\x05\x00\x00\x00\x05", 16));
    }

    void headerBlocksUseTheDictionaryAndOneContext() {
        FrameWriter writer;
        const HeaderBlock headers = streamHeaders("error", "9000", "0");
        const QByteArray first = writer.synStream(1, headers);
        const QByteArray second = writer.synStream(3, headers);
        // The first block opens a zlib stream that names its preset dictionary (FDICT) by its id.
        const QByteArray zlibHead = first.mid(18, 6);
        QCOMPARE(quint8(zlibHead[0]) & 0x0f, 8); // deflate
        QVERIFY(quint8(zlibHead[1]) & 0x20);     // FDICT
        QCOMPARE(qFromBigEndian<quint32>(zlibHead.constData() + 2), adler32(headerDictionary()));
        // The second block goes on in the same context: no zlib header again, and it is shorter.
        QVERIFY(second.size() < first.size());
        FrameParser parser;
        parser.feed(first + second);
        const auto one = parser.next();
        const auto two = parser.next();
        QVERIFY(one && two);
        QCOMPARE(one->headers, headers);
        QCOMPARE(two->headers, headers);
        // A parser that missed the first block cannot read the second.
        FrameParser late;
        late.feed(second);
        QVERIFY(!late.next());
        QCOMPARE(late.error(), QByteArray("bad header block"));
    }

    void uncompressedBlockLayout() {
        const QByteArray block = encodeHeaderBlock({{"Port", "80"}});
        QCOMPARE(block, QByteArray("\x00\x00\x00\x01\x00\x00\x00\x04port\x00\x00\x00\x02"
                                   "80",
                                   18));
        QCOMPARE(decodeHeaderBlock(block), (HeaderBlock{{"port", "80"}}));
        QVERIFY(!decodeHeaderBlock(block.chopped(1)));
    }

    void malformedInputStopsTheParser_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QByteArray>("error");
        QTest::newRow("version 2") << QByteArray("\x80\x02\x00\x06\x00\x00\x00\x04\x00\x00\x00\x01", 12)
                                   << QByteArray("unsupported SPDY version");
        QTest::newRow("data on stream 0")
            << QByteArray("\x00\x00\x00\x00\x00\x00\x00\x00", 8) << QByteArray("data frame on stream 0");
        QTest::newRow("short ping") << QByteArray("\x80\x03\x00\x06\x00\x00\x00\x02\x00\x01", 10)
                                    << QByteArray("short PING");
        QTest::newRow("header block not zlib")
            << QByteArray("\x80\x03\x00\x02\x00\x00\x00\x08\x00\x00\x00\x01garb", 16)
            << QByteArray("bad header block");
    }

    void malformedInputStopsTheParser() {
        QFETCH(QByteArray, bytes);
        QFETCH(QByteArray, error);
        FrameParser parser;
        parser.feed(bytes);
        QVERIFY(!parser.next());
        QCOMPARE(parser.error(), error);
        parser.feed(FrameWriter().ping(1));
        QVERIFY(!parser.next()); // stopped for good
    }

    void unknownControlFramesAreSkipped() {
        FrameParser parser;
        // Type 10 (CREDENTIAL, dropped from SPDY/3.1) with a payload, then a PING.
        parser.feed(QByteArray("\x80\x03\x00\x0a\x00\x00\x00\x03xyz", 11) + FrameWriter().ping(3));
        const auto unknown = parser.next();
        QVERIFY(unknown);
        QCOMPARE(int(unknown->type), 10);
        const auto ping = parser.next();
        QVERIFY(ping);
        QCOMPARE(ping->value, 3u);
    }

    void dataStreamFlowsThroughTheSession() {
        QObject owner;
        Client client(newSession(&owner));
        // As kubectl: the error stream, its FIN, then the data stream; each answered by an empty SYN_REPLY.
        client.send(client.writer.synStream(1, streamHeaders("error", "9000", "0")));
        client.send(client.writer.data(1, {}, true));
        client.send(client.writer.synStream(3, streamHeaders("data", "9000", "0")));
        QList<Frame> frames = client.take();
        QCOMPARE(frames.size(), 2);
        QCOMPARE(frames[0].type, FrameType::SynReply);
        QCOMPARE(frames[0].streamId, 1u);
        QVERIFY(frames[0].headers.isEmpty());
        QCOMPARE(frames[1].streamId, 3u);
        QCOMPARE(client.session->activePairs(), 1);

        // A megabyte and a half in frames of 32 KiB, as io.Copy writes them, echoed back on the data stream.
        QByteArray sent;
        for (int i = 0; i < 48; ++i) {
            QByteArray chunk(32 * 1024, char('a' + i % 26));
            sent += chunk;
            client.send(client.writer.data(3, chunk));
        }
        QByteArray echoed;
        for (const Frame& frame : client.take()) {
            QCOMPARE(frame.type, FrameType::Data);
            QCOMPARE(frame.streamId, 3u);
            echoed += frame.data;
        }
        QVERIFY(echoed == sent);

        // The client's PING comes back; the local connection's end (FIN) ends both streams, error first.
        client.send(client.writer.ping(1));
        client.send(client.writer.data(3, {}, true));
        frames = client.take();
        QCOMPARE(frames.size(), 3);
        QCOMPARE(frames[0].type, FrameType::Ping);
        QCOMPARE(frames[0].value, 1u);
        QCOMPARE(frames[1].streamId, 1u);
        QVERIFY(frames[1].fin() && frames[1].data.isEmpty());
        QCOMPARE(frames[2].streamId, 3u);
        QVERIFY(frames[2].fin());
        QCOMPARE(client.session->activePairs(), 0);

        // kubectl's GOAWAY ends the connection.
        client.send(client.writer.goAway(0, goAwayOk));
        QVERIFY(client.transportClosed);
        QCOMPARE(client.take().last().type, FrameType::GoAway);
    }

    void httpPageAndClosedPortSideBySide() {
        QObject owner;
        Client client(newSession(&owner));
        client.send(client.writer.synStream(1, streamHeaders("error", "80", "0")));
        client.send(client.writer.synStream(3, streamHeaders("error", "5432", "1")));
        client.send(client.writer.synStream(5, streamHeaders("data", "80", "0")));
        client.send(client.writer.synStream(7, streamHeaders("data", "5432", "1")));
        QList<Frame> frames = client.take();
        QCOMPARE(frames.size(), 6); // four replies, then request 1's refusal (with FIN) and its data FIN
        QCOMPARE(frames[4].streamId, 3u);
        QCOMPARE(frames[4].data, QByteArray("error forwarding port 5432 to pod abc: connection refused"));
        QVERIFY(frames[4].fin());
        QCOMPARE(frames[5].streamId, 7u);
        QVERIFY(frames[5].data.isEmpty() && frames[5].fin());

        client.send(client.writer.data(5, "GET /x HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"));
        QByteArray page;
        bool dataFin = false;
        bool errorFin = false;
        for (const Frame& frame : client.take()) {
            if (frame.streamId == 5) {
                page += frame.data;
                dataFin = dataFin || frame.fin();
            } else if (frame.streamId == 1) {
                errorFin = errorFin || frame.fin();
            }
        }
        QVERIFY2(page.startsWith("HTTP/1.1 200 OK\r\n"), page.constData());
        QVERIFY(page.contains("Namespace shop, port 80, path /x."));
        QVERIFY(dataFin && errorFin); // the page's server closed: the pair ends
    }

    void badStreamsAreReset_data() {
        QTest::addColumn<HeaderBlock>("headers");
        QTest::addColumn<quint32>("streamId");
        QTest::addColumn<quint32>("status");
        QTest::newRow("no port") << HeaderBlock{{"streamtype", "data"}} << 1u << rstCancel;
        QTest::newRow("port 0") << streamHeaders("data", "0", "0") << 1u << rstCancel;
        QTest::newRow("unknown stream type") << streamHeaders("stdin", "80", "0") << 1u << rstCancel;
        QTest::newRow("even stream id") << streamHeaders("data", "80", "0") << 2u << rstProtocolError;
    }

    void badStreamsAreReset() {
        QFETCH(HeaderBlock, headers);
        QFETCH(quint32, streamId);
        QFETCH(quint32, status);
        QObject owner;
        Client client(newSession(&owner));
        client.send(client.writer.synStream(streamId, headers));
        const QList<Frame> frames = client.take();
        QCOMPARE(frames.size(), 1);
        QCOMPARE(frames[0].type, FrameType::RstStream);
        QCOMPARE(frames[0].streamId, streamId);
        QCOMPARE(frames[0].value, status);
    }

    void garbageEndsTheConnectionAndPodStopEndsPairs() {
        QObject owner;
        Client broken(newSession(&owner));
        broken.send(QByteArray("\x80\x07\x00\x01", 4) + QByteArray(4, '\0'));
        QVERIFY(broken.transportClosed);
        const QList<Frame> goAway = broken.take();
        QCOMPARE(goAway.size(), 1);
        QCOMPARE(goAway[0].type, FrameType::GoAway);
        QCOMPARE(goAway[0].value, goAwayProtocolError);

        Client client(newSession(&owner));
        client.send(client.writer.synStream(1, streamHeaders("error", "9000", "0")));
        client.send(client.writer.synStream(3, streamHeaders("data", "9000", "0")));
        client.take();
        client.session->podStopped();
        const QList<Frame> frames = client.take();
        QCOMPARE(frames.size(), 3); // FIN error, FIN data, GOAWAY
        QVERIFY(frames[0].fin() && frames[1].fin());
        QCOMPARE(frames[2].type, FrameType::GoAway);
        QCOMPARE(frames[2].streamId, 3u); // the last stream it accepted
        QVERIFY(client.transportClosed);
    }
};

QTEST_GUILESS_MAIN(TestSpdyFrames)
#include "tst_spdyframes.moc"
