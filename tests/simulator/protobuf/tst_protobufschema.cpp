#include "protobufschema.h"

#include <QSet>
#include <QtTest>

using namespace binnacle::sim::pbschema;

namespace {
QString qt(std::string_view text) {
    return QString::fromLatin1(text.data(), static_cast<qsizetype>(text.size()));
}
} // namespace

// The schema tables are data typed in by hand: these checks catch the slips a compiler cannot.
class ProtobufSchemaTest : public QObject {
    Q_OBJECT

private slots:
    void messageNamesAreUnique() {
        QSet<QString> names;
        for (const MessageSpec* message : allMessages()) {
            QVERIFY2(!names.contains(qt(message->name)), qPrintable(qt(message->name)));
            names.insert(qt(message->name));
            QCOMPARE(findMessage(message->name), message);
        }
        QVERIFY(names.size() > 150);
    }

    void fieldsAreWellFormed() {
        for (const MessageSpec* message : allMessages()) {
            QSet<int> numbers;
            QSet<QString> jsonNames;
            for (const FieldSpec& field : message->fields) {
                const QString where = qt(message->name) + QLatin1Char('.') + QString::number(field.number);
                QVERIFY2(field.number > 0 && !numbers.contains(field.number), qPrintable(where));
                numbers.insert(field.number);
                if (field.type == ValueType::Message)
                    QVERIFY2(findMessage(field.messageType) != nullptr, qPrintable(where));
                else
                    QVERIFY2(field.messageType.empty(), qPrintable(where));
                if (field.inlined) {
                    QVERIFY2(field.type == ValueType::Message && field.shape == Shape::Single,
                             qPrintable(where));
                    continue;
                }
                QVERIFY2(!field.jsonName.empty() && !jsonNames.contains(qt(field.jsonName)),
                         qPrintable(where));
                jsonNames.insert(qt(field.jsonName));
            }
        }
    }

    void kindsHaveMessages() {
        for (const KindSpec& kind : allKinds()) {
            QVERIFY2(findMessage(kind.message) != nullptr, qPrintable(qt(kind.kind)));
            QCOMPARE(findKind(kind.apiVersion, kind.kind), &kind);
        }
        QCOMPARE(findKind("v1", "DeleteOptions"), findKind("apps/v1", "DeleteOptions"));
        QVERIFY(findKind("v1", "Deployment") == nullptr);
    }

    // Every object kind starts with ObjectMeta as field 1, as all of k8s.io/api does.
    void kindsStartWithMetadata() {
        for (const KindSpec& kind : allKinds()) {
            if (kind.kind == "DeleteOptions")
                continue;
            const MessageSpec* message = findMessage(kind.message);
            QVERIFY(message != nullptr);
            QCOMPARE(message->fields.front().number, 1);
            QCOMPARE(qt(message->fields.front().messageType), QStringLiteral("ObjectMeta"));
        }
    }
};

QTEST_GUILESS_MAIN(ProtobufSchemaTest)
#include "tst_protobufschema.moc"
