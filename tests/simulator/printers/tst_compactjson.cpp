// compactjson writes exactly the bytes QJsonDocument::toJson(Compact) writes: strings with every kind of
// escape and non-ASCII text, integers and doubles (which Qt writes differently), nesting, and real objects;
// and so does toLaidOutJson for a new version of an object, whatever changed since its basis.
#include "compactjson.h"
#include "fixtures.h"
#include "jsonreuse.h"

#include <QFile>
#include <QJsonDocument>
#include <QTest>
#include <limits>

using namespace binnacle::sim;

class TestCompactJson : public QObject {
    Q_OBJECT

private:
    static void compare(const QJsonObject& object) {
        QCOMPARE(compactjson::toJson(object), QJsonDocument(object).toJson(QJsonDocument::Compact));
    }

private Q_SLOTS:
    void strings_data() {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << QString();
        QTest::newRow("plain") << QStringLiteral("nginx:1.25");
        QTest::newRow("quote and backslash") << QStringLiteral("say \"hi\" \\ bye");
        QTest::newRow("named escapes") << QStringLiteral("a\bb\fc\nd\re\tf");
        QTest::newRow("other control characters") << QString::fromUtf16(u"\u0001\u001f\u0000x\u007f");
        QTest::newRow("slash is not escaped") << QStringLiteral("a/b</script>");
        QTest::newRow("two-byte UTF-8") << QString::fromUtf16(u"caf\u00e9 \u00fc\u07ff");
        QTest::newRow("three-byte UTF-8") << QString::fromUtf16(u"\u0800\u20ac\u65e5\uffff\ufeff");
        QTest::newRow("surrogate pair") << QString::fromUtf16(u"smile \U0001F600 end");
        QTest::newRow("lone high surrogate at end") << QString(QChar(0xd83d));
        QTest::newRow("lone high surrogate before text") << QString(QChar(0xd83d)) + QStringLiteral("x");
        QTest::newRow("lone low surrogate") << QString(QChar(0xde00)) + QStringLiteral("y");
        QTest::newRow("two high surrogates") << QString(QChar(0xd83d)) + QChar(0xd83d) + QChar(0xde00);
        QTest::newRow("long") << QString(5000, QLatin1Char('x')) + QChar(0x20ac) + QLatin1Char('"');
    }
    void strings() {
        QFETCH(QString, text);
        compare(QJsonObject{{text, text}, {QStringLiteral("array"), QJsonArray{text, text}}});
    }

    void numbers_data() {
        QTest::addColumn<QJsonValue>("number");
        QTest::newRow("zero") << QJsonValue(0);
        QTest::newRow("negative int") << QJsonValue(-42);
        QTest::newRow("int64 max") << QJsonValue(std::numeric_limits<qint64>::max());
        QTest::newRow("int64 min") << QJsonValue(std::numeric_limits<qint64>::min());
        QTest::newRow("integer million") << QJsonValue(qint64(1000000));
        QTest::newRow("double million") << QJsonValue(1e6);
        QTest::newRow("double integral") << QJsonValue(3.0);
        QTest::newRow("double fraction") << QJsonValue(0.1);
        QTest::newRow("double negative zero") << QJsonValue(-0.0);
        QTest::newRow("double tiny") << QJsonValue(1.5e-300);
        QTest::newRow("double huge") << QJsonValue(1.7976931348623157e308);
        QTest::newRow("double 2^53") << QJsonValue(9007199254740992.0);
        QTest::newRow("double 2^63") << QJsonValue(9223372036854775808.0);
        QTest::newRow("infinity") << QJsonValue(std::numeric_limits<double>::infinity());
        QTest::newRow("nan") << QJsonValue(std::numeric_limits<double>::quiet_NaN());
        QTest::newRow("bool") << QJsonValue(true);
        QTest::newRow("null") << QJsonValue(QJsonValue::Null);
    }
    void numbers() {
        QFETCH(QJsonValue, number);
        compare(QJsonObject{{QStringLiteral("n"), number}, {QStringLiteral("a"), QJsonArray{number, false}}});
    }

    void parsedNumbers() {
        // The parser's own choices between integer and double.
        const QByteArray text = "{\"a\":1,\"b\":1.0,\"c\":-7,\"d\":1e3,\"e\":12345678901234567890,\"f\":0.25,"
                                "\"g\":9007199254740993,\"h\":-0,\"i\":2.5e-8,\"j\":[1,2.50,3e0]}";
        compare(QJsonDocument::fromJson(text).object());
    }

    void nesting() {
        compare(QJsonObject());
        compare(QJsonObject{
            {QStringLiteral("empty object"), QJsonObject()},
            {QStringLiteral("empty array"), QJsonArray()},
            {QStringLiteral("deep"),
             QJsonObject{{QStringLiteral("x"), QJsonArray{QJsonArray{QJsonObject{{QStringLiteral("y"), 1}}},
                                                          QJsonArray(), QJsonObject()}}}}});
        QCOMPARE(compactjson::toJson(QJsonArray{1, QStringLiteral("two"), QJsonValue::Null}),
                 QJsonDocument(QJsonArray{1, QStringLiteral("two"), QJsonValue::Null})
                     .toJson(QJsonDocument::Compact));
    }

    void fixtures_data() {
        QTest::addColumn<QString>("fileName");
        QTest::newRow("deployment") << QStringLiteral("deployment-live-managedfields.yaml");
        QTest::newRow("node") << QStringLiteral("node-gke.yaml");
        QTest::newRow("pod") << QStringLiteral("pod-replicaset-owned-managedfields.yaml");
    }
    void fixtures() {
        QFETCH(QString, fileName);
        compare(testing::loadYamlFixture(fileName));
    }

    void crdFixture() {
        QFile file(QStringLiteral(BINNACLE_FIXTURES_DIR "/crd-destinationrules-printercolumns.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        compare(QJsonDocument::fromJson(file.readAll()).object());
    }

    void layoutMembers() {
        const QJsonObject object =
            testing::loadYamlFixture(QStringLiteral("pod-replicaset-owned-managedfields.yaml"));
        const compactjson::LaidOutJson laidOut = compactjson::toLaidOutJson(object);
        QCOMPARE(laidOut.json, QJsonDocument(object).toJson(QJsonDocument::Compact));
        QCOMPARE(laidOut.member("metadata"),
                 QJsonDocument(object.value(u"metadata").toObject()).toJson(QJsonDocument::Compact));
        QCOMPARE(laidOut.member("status"),
                 QJsonDocument(object.value(u"status").toObject()).toJson(QJsonDocument::Compact));
        QVERIFY(laidOut.member("nothing").isEmpty());
        QVERIFY(compactjson::toLaidOutJson(QJsonObject()).member("metadata").isEmpty());
        QCOMPARE(compactjson::toLaidOutJson(QJsonObject()).json, QByteArray("{}"));
    }

    // Each row: a change made the way the store's writers make them (copy, modify, insert back), so that
    // untouched members stay shared with the basis and are copied from its JSON.
    void reusing_data() {
        QTest::addColumn<QString>("change");
        for (const char* change : {"nothing", "annotation", "restartCount", "remove member", "add member",
                                   "object becomes string", "array element", "replace with equal copy",
                                   "empty annotations", "new metadata object", "unicode key"})
            QTest::newRow(change) << QString::fromLatin1(change);
    }
    void reusing() {
        QFETCH(QString, change);
        const QJsonObject basis =
            testing::loadYamlFixture(QStringLiteral("pod-replicaset-owned-managedfields.yaml"));
        const compactjson::LaidOutJson basisLaidOut = compactjson::toLaidOutJson(basis);
        const QByteArray basisJson = basisLaidOut.json;
        QJsonObject object = basis;
        QJsonObject metadata = object.value(u"metadata").toObject();
        QJsonObject status = object.value(u"status").toObject();
        if (change == u"annotation") {
            QJsonObject annotations = metadata.value(u"annotations").toObject();
            annotations.insert(QStringLiteral("binnacle-sim/churn"), QStringLiteral("7"));
            metadata.insert(QStringLiteral("annotations"), annotations);
            metadata.insert(QStringLiteral("resourceVersion"), QStringLiteral("99999"));
        } else if (change == u"restartCount") {
            QJsonArray containers = status.value(u"containerStatuses").toArray();
            QJsonObject first = containers.at(0).toObject();
            first.insert(QStringLiteral("restartCount"), first.value(u"restartCount").toInt() + 1);
            containers.replace(0, first);
            status.insert(QStringLiteral("containerStatuses"), containers);
        } else if (change == u"remove member") {
            metadata.remove(QStringLiteral("labels"));
            object.remove(QStringLiteral("spec"));
        } else if (change == u"add member") {
            metadata.insert(QStringLiteral("finalizers"), QJsonArray{QStringLiteral("example.com/x")});
            object.insert(QStringLiteral("aaa"), QJsonObject{{QStringLiteral("b"), 1}});
        } else if (change == u"object becomes string") {
            object.insert(QStringLiteral("spec"), QStringLiteral("{\"not\":\"an object\"}"));
        } else if (change == u"array element") {
            QJsonArray references = metadata.value(u"ownerReferences").toArray();
            QJsonObject reference = references.at(0).toObject();
            reference.insert(QStringLiteral("name"), QStringLiteral("other"));
            references.replace(0, reference);
            metadata.insert(QStringLiteral("ownerReferences"), references);
        } else if (change == u"replace with equal copy") {
            // Same content, other containers: serialised again, same bytes.
            object = QJsonDocument::fromJson(basisJson).object();
            metadata = object.value(u"metadata").toObject();
            status = object.value(u"status").toObject();
        } else if (change == u"empty annotations") {
            metadata.insert(QStringLiteral("annotations"), QJsonObject());
        } else if (change == u"new metadata object") {
            metadata = QJsonObject{{QStringLiteral("name"), QStringLiteral("x")}};
        } else if (change == u"unicode key") {
            metadata.insert(QString::fromUtf16(u"\u00e9t\u00e9\"q"), QJsonObject{{QStringLiteral("k"), 1}});
        }
        object.insert(QStringLiteral("metadata"), metadata);
        if (object.contains(u"status"))
            object.insert(QStringLiteral("status"), status);
        const compactjson::LaidOutJson reused = compactjson::toLaidOutJson(object, &basis, &basisLaidOut);
        QCOMPARE(reused.json, QJsonDocument(object).toJson(QJsonDocument::Compact));
        QCOMPARE(reused.member("metadata"), compactjson::toJson(object.value(u"metadata").toObject()));
        // A chain of versions, each the basis of the next: the layouts copied along stay right.
        const compactjson::LaidOutJson back = compactjson::toLaidOutJson(basis, &object, &reused);
        QCOMPARE(back.json, basisJson);
        QJsonObject third = basis;
        QJsonObject spec = third.value(u"spec").toObject();
        spec.insert(QStringLiteral("nodeName"), QStringLiteral("node-9"));
        third.insert(QStringLiteral("spec"), spec);
        const compactjson::LaidOutJson thirdLaidOut = compactjson::toLaidOutJson(third, &basis, &back);
        QCOMPARE(thirdLaidOut.json, QJsonDocument(third).toJson(QJsonDocument::Compact));
        QCOMPARE(thirdLaidOut.member("spec"), compactjson::toJson(spec));
    }

    void appendsToExistingBytes() {
        QByteArray out = "prefix:";
        compactjson::append(out, QJsonObject{{QStringLiteral("k"), QStringLiteral("v")}});
        QCOMPARE(out, QByteArray("prefix:{\"k\":\"v\"}"));
    }
};

QTEST_GUILESS_MAIN(TestCompactJson)
#include "tst_compactjson.moc"
