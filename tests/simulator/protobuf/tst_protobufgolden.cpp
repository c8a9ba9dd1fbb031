#include "kubectlbodies.h"
#include "protobufdecode.h"

#include <QJsonDocument>
#include <QRandomGenerator>
#include <QtTest>
#include <iterator>

using namespace binnacle::sim;

namespace {

QByteArray compact(const QJsonObject& object) {
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

class ProtobufGoldenTest : public QObject {
    Q_OBJECT

private slots:
    void decodesKubectlBodies_data() {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("expected");
        for (const GoldenBody& golden : goldenBodies) {
            QTest::newRow(golden.command)
                << QByteArray::fromHex(golden.hex) << compact(QJsonDocument::fromJson(golden.json).object());
        }
    }
    void decodesKubectlBodies() {
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, expected);
        QVERIFY(isKubernetesProtobuf(body));
        const ProtobufDecodeResult result = decodeKubernetesProtobuf(body);
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(compact(result.object), expected);
    }

    // Every prefix of a real body: cut inside the object it must fail, and nothing may crash or over-read
    // (run under ASan/Valgrind to see the latter).
    void truncatedBodiesFail() {
        int failures = 0;
        for (const GoldenBody& golden : goldenBodies) {
            const QByteArray body = QByteArray::fromHex(golden.hex);
            // "k8s\0", key and one-byte length of typeMeta, typeMeta: where the object's field starts.
            const qsizetype objectStart = 6 + static_cast<quint8>(body.at(5));
            for (qsizetype length = 0; length < body.size(); ++length) {
                const ProtobufDecodeResult result = decodeKubernetesProtobuf(body.first(length));
                // Only a cut after the object, within the trailing empty contentEncoding/contentType, or
                // right before the object (an object with no fields), can still be a whole envelope.
                if (result.ok())
                    QVERIFY2(length == objectStart || length >= body.size() - 4, golden.command);
                else
                    ++failures;
                QCOMPARE(result.ok(), result.error.isEmpty());
            }
        }
        QVERIFY(failures > 1000);
    }

    // Random bytes after the magic, and random corruptions of real bodies: any outcome but a crash.
    void fuzzedBodiesNeverCrash() {
        QRandomGenerator random(20240101);
        int decoded = 0;
        for (int round = 0; round < 20000; ++round) {
            QByteArray body;
            if (round % 2 == 0) {
                body = QByteArray("k8s", 4);
                const int length = random.bounded(64);
                for (int index = 0; index < length; ++index)
                    body.append(static_cast<char>(random.bounded(256)));
            } else {
                const GoldenBody& golden = goldenBodies[random.bounded(int(std::size(goldenBodies)))];
                body = QByteArray::fromHex(golden.hex);
                const int flips = 1 + random.bounded(4);
                for (int flip = 0; flip < flips; ++flip)
                    body[4 + random.bounded(int(body.size() - 4))] = static_cast<char>(random.bounded(256));
            }
            const ProtobufDecodeResult result = decodeKubernetesProtobuf(body);
            QCOMPARE(result.ok(), result.error.isEmpty());
            if (result.ok()) {
                QVERIFY(result.object.contains(QLatin1String("kind")));
                ++decoded;
            }
        }
        // Some corruptions only change a string's content and still decode.
        QVERIFY(decoded > 0);
    }
};

QTEST_GUILESS_MAIN(ProtobufGoldenTest)
#include "tst_protobufgolden.moc"
