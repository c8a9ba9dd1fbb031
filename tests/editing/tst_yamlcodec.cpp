// YAML <-> JSON for Kubernetes objects: go-yaml v2's scalar resolution, key order kept, errors at their
// line and column, the edit form without managedFields, and field paths mapped to lines.
#include "editsession.h"
#include "fieldlocator.h"
#include "yamlreader.h"
#include "yamlwriter.h"

#include <QJsonDocument>
#include <QTest>

using namespace binnacle::editing;

class TestYamlCodec : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void scalarsResolveAsTheServerReadsThem_data() {
        QTest::addColumn<QString>("yaml");
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("int") << "v: 3" << QByteArray(R"({"v":3})");
        QTest::newRow("negative") << "v: -12" << QByteArray(R"({"v":-12})");
        QTest::newRow("hex") << "v: 0x1F" << QByteArray(R"({"v":31})");
        QTest::newRow("octal") << "v: 0o17" << QByteArray(R"({"v":15})");
        QTest::newRow("underscores") << "v: 1_000" << QByteArray(R"({"v":1000})");
        QTest::newRow("float") << "v: 0.5" << QByteArray(R"({"v":0.5})");
        QTest::newRow("true") << "v: true" << QByteArray(R"({"v":true})");
        QTest::newRow("yes is a bool") << "v: yes" << QByteArray(R"({"v":true})");
        QTest::newRow("off is a bool") << "v: off" << QByteArray(R"({"v":false})");
        QTest::newRow("null") << "v: null" << QByteArray(R"({"v":null})");
        QTest::newRow("tilde") << "v: ~" << QByteArray(R"({"v":null})");
        QTest::newRow("empty") << "v:" << QByteArray(R"({"v":null})");
        QTest::newRow("quoted number") << "v: \"3\"" << QByteArray(R"({"v":"3"})");
        QTest::newRow("single quoted bool") << "v: 'true'" << QByteArray(R"({"v":"true"})");
        QTest::newRow("timestamp stays a string")
            << "v: 2024-01-02T03:04:05Z" << QByteArray(R"({"v":"2024-01-02T03:04:05Z"})");
        QTest::newRow("plain string") << "v: nginx:1.25" << QByteArray(R"({"v":"nginx:1.25"})");
        QTest::newRow("literal block") << "v: |\n  a\n  b\n" << QByteArray(R"({"v":"a\nb\n"})");
        QTest::newRow("flow") << "v: {a: [1, x]}" << QByteArray(R"({"v":{"a":[1,"x"]}})");
        QTest::newRow("key order kept") << "z: 1\na: 2\nm: 3" << QByteArray(R"({"z":1,"a":2,"m":3})");
    }
    void scalarsResolveAsTheServerReadsThem() {
        QFETCH(QString, yaml);
        QFETCH(QByteArray, json);
        const YamlDocument document = YamlReader::read(yaml);
        QVERIFY2(document.ok(), qPrintable(document.error->describe()));
        QCOMPARE(document.value.toJson(), json);
    }

    // JSON (server order) -> YAML -> JSON gives the same bytes back, strings that look like other types
    // quoted.
    void roundTripKeepsServerOrder_data() {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("deployment") << QByteArray(
            R"({"kind":"Deployment","apiVersion":"apps/v1","metadata":{"name":"web","namespace":"default","labels":{"app":"web"}},)"
            R"("spec":{"replicas":2,"template":{"spec":{"containers":[{"name":"web","image":"nginx:1","args":["-c","x: y"],"ports":[{"containerPort":80}]}]}}}})");
        QTest::newRow("tricky strings") << QByteArray(
            R"({"data":{"bool":"true","num":"0755","empty":"","multi":"line one\nline two\n","quote":"it\u0027s","colon":"a: b","hash":"\u0023x","lead":" x","yes":"yes","nul":"null","unicode":"héllo ✓"}})");
        QTest::newRow("empty containers")
            << QByteArray(R"({"a":{},"b":[],"c":null,"d":[[1,2],[]],"e":[{}]})");
        QTest::newRow("numbers") << QByteArray(R"({"i":-3,"f":1.5,"e":1e+21,"big":9007199254740993})");
    }
    void roundTripKeepsServerOrder() {
        QFETCH(QByteArray, json);
        QString error;
        const DocValue value = DocValue::fromJson(json, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QString yaml = YamlWriter::write(value);
        const YamlDocument back = YamlReader::read(yaml);
        QVERIFY2(back.ok(), qPrintable(back.error->describe() + QLatin1Char('\n') + yaml));
        QCOMPARE(back.value.toJson(), value.toJson());
        QVERIFY(back.value == value);
    }

    void kubectlStyle() {
        const DocValue value = DocValue::fromJson(
            R"({"metadata":{"name":"web"},"spec":{"containers":[{"name":"web","image":"nginx"}],"note":"a\nb"}})");
        QCOMPARE(YamlWriter::write(value),
                 QStringLiteral("metadata:\n  name: web\nspec:\n  containers:\n  - name: web\n"
                                "    image: nginx\n  note: |-\n    a\n    b\n"));
    }

    void managedFieldsHidden() {
        const DocValue object = DocValue::fromJson(
            R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","managedFields":[{"manager":"kubectl"}],"resourceVersion":"7"},"data":{"k":"v"}})");
        const QString yaml = EditSession::editableYaml(object);
        QVERIFY(!yaml.contains(QLatin1String("managedFields")));
        QVERIFY(!yaml.contains(QLatin1String("kubectl")));
        QVERIFY(yaml.contains(QLatin1String("resourceVersion: \"7\"")));
    }

    void syntaxErrorsHaveLineAndColumn_data() {
        QTest::addColumn<QString>("yaml");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::newRow("bad indentation") << "a: 1\nb:\n  c: 2\n d: 3\n" << 4 << 2;
        QTest::newRow("unclosed flow") << "a: 1\nb: [1, 2\n" << 3 << 1;
        QTest::newRow("duplicate key") << "metadata:\n  name: a\n  name: b\n" << 3 << 3;
        QTest::newRow("tab") << "a:\n\tb: 1\n" << 2 << 3;
    }
    void syntaxErrorsHaveLineAndColumn() {
        QFETCH(QString, yaml);
        QFETCH(int, line);
        QFETCH(int, column);
        const YamlDocument document = YamlReader::read(yaml);
        QVERIFY(!document.ok());
        QCOMPARE(document.error->line, line);
        QCOMPARE(document.error->column, column);
        QVERIFY(!document.error->message.isEmpty());
    }

    void multipleDocumentsKeepTheirLines() {
        const QString text = QStringLiteral("a: 1\n---\nb: [\n---\n# only a comment\n---\nc:\n  d: 2\n");
        const QList<YamlDocument> documents = YamlReader::readAll(text);
        QCOMPARE(documents.size(), 3);
        QVERIFY(documents[0].ok());
        QVERIFY(!documents[1].ok());
        QCOMPARE(documents[1].firstLine, 3);
        QCOMPARE(documents[1].error->line, 3); // the end of its own text
        QVERIFY(documents[2].ok());
        QCOMPARE(documents[2].firstLine, 7);
        QCOMPARE(documents[2].value.member(u"c")->member(u"d")->line, 8);
    }

    void fieldPathsMapToLines_data() {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("line");
        QTest::addColumn<bool>("exact");
        QTest::newRow("validation path") << "spec.replicas" << 7 << true;
        QTest::newRow("index") << "spec.template.spec.containers[1].image" << 14 << true;
        QTest::newRow("ssa path") << ".spec.template.spec.containers[name=\"sidecar\"].image" << 14 << true;
        QTest::newRow("map key in brackets") << "metadata.labels[app]" << 5 << true;
        QTest::newRow("key with dots") << ".metadata.annotations.example.com/owner" << 3 << true;
        QTest::newRow("missing field: nearest ancestor")
            << "spec.template.spec.containers[0].ports" << 11 << false;
    }
    void fieldPathsMapToLines() {
        QFETCH(QString, path);
        QFETCH(int, line);
        QFETCH(bool, exact);
        const QString yaml = QStringLiteral("metadata:\n"                   // 1
                                            "  annotations:\n"              // 2
                                            "    example.com/owner: team\n" // 3
                                            "  labels:\n"                   // 4
                                            "    app: web\n"                // 5
                                            "spec:\n  replicas: 2\n"        // 6, 7
                                            "  template:\n"                 // 8
                                            "    spec:\n"                   // 9
                                            "      containers:\n"           // 10
                                            "      - name: web\n"           // 11
                                            "        image: nginx\n"        // 12
                                            "      - name: sidecar\n"       // 13
                                            "        image: busybox\n");    // 14
        const YamlDocument document = YamlReader::read(yaml);
        QVERIFY(document.ok());
        const FieldLocator::Location location = FieldLocator::locate(document.value, path);
        QCOMPARE(location.line, line);
        QCOMPARE(location.exact, exact);
    }
};

QTEST_GUILESS_MAIN(TestYamlCodec)
#include "tst_yamlcodec.moc"
