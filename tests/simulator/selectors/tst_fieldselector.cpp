// FieldSelector against apimachinery's fields.ParseSelector: term splitting, operators, escapes
// and error text.
#include "fieldselector.h"

#include <QHash>
#include <QTest>

using binnacle::sim::FieldSelector;

class TestFieldSelector : public QObject {
    Q_OBJECT

private slots:
    void parses_data();
    void parses();
    void rejects_data();
    void rejects();
    void matches_data();
    void matches();
    void emptySelectorMatchesEverything();
};

void TestFieldSelector::parses_data() {
    QTest::addColumn<QString>("text");
    // Requirements rendered as "field|op|value;..." in apimachinery's (sorted) order.
    QTest::addColumn<QString>("expected");

    QTest::newRow("equals") << "metadata.name=web"
                            << "metadata.name|=|web";
    QTest::newRow("double equals") << "metadata.name==web"
                                   << "metadata.name|=|web";
    QTest::newRow("not equals") << "status.phase!=Running"
                                << "status.phase|!=|Running";
    QTest::newRow("sorted terms") << "status.phase!=Running,spec.restartPolicy=Always"
                                  << "spec.restartPolicy|=|Always;status.phase|!=|Running";
    QTest::newRow("empty terms skipped") << ",metadata.name=a,,"
                                         << "metadata.name|=|a";
    QTest::newRow("empty value") << "spec.nodeName="
                                 << "spec.nodeName|=|";
    QTest::newRow("escaped comma") << R"(metadata.name=a\,b)"
                                   << "metadata.name|=|a,b";
    QTest::newRow("escaped equals") << R"(metadata.name=a\=b)"
                                    << "metadata.name|=|a=b";
    QTest::newRow("escaped backslash") << R"(metadata.name=a\\b)"
                                       << R"(metadata.name|=|a\b)";
    QTest::newRow("escaped comma keeps one term") << R"(a=x\,y,b=z)"
                                                  << "a|=|x,y;b|=|z";
    QTest::newRow("no trimming") << "metadata.name = web"
                                 << "metadata.name |=| web";
    QTest::newRow("first operator splits") << "a=!b"
                                           << "a|=|!b";
}

void TestFieldSelector::parses() {
    QFETCH(QString, text);
    QFETCH(QString, expected);

    QString error;
    const auto selector = FieldSelector::parse(text, &error);
    QVERIFY2(selector.has_value(), qPrintable(error));
    QStringList rendered;
    for (const auto& requirement : selector->requirements()) {
        rendered << requirement.field +
                        (requirement.equals ? QStringLiteral("|=|") : QStringLiteral("|!=|")) +
                        requirement.value;
    }
    QCOMPARE(rendered.join(QLatin1Char(';')), expected);
}

void TestFieldSelector::rejects_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expectedError");

    QTest::newRow("no operator") << "metadata.name"
                                 << "invalid selector: 'metadata.name'; can't understand 'metadata.name'";
    QTest::newRow("one bad term of two") << "a=b,c"
                                         << "invalid selector: 'a=b,c'; can't understand 'c'";
    QTest::newRow("unknown escape") << R"(a=b\n)"
                                    << R"(invalid field selector: invalid escape sequence: \n)";
    QTest::newRow("trailing backslash") << R"(a=b\)"
                                        << R"(invalid field selector: invalid escape sequence: \)";
    QTest::newRow("unescaped equals in value") << "a==b=c"
                                               << "invalid field selector: unescaped character in value: 61";
}

void TestFieldSelector::rejects() {
    QFETCH(QString, text);
    QFETCH(QString, expectedError);

    QString error;
    QVERIFY(!FieldSelector::parse(text, &error).has_value());
    QCOMPARE(error, expectedError);
}

void TestFieldSelector::matches_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("expected");

    QTest::newRow("equals") << "metadata.name=web-1" << true;
    QTest::newRow("equals miss") << "metadata.name=web-2" << false;
    QTest::newRow("not equals") << "status.phase!=Running" << true;
    QTest::newRow("not equals miss") << "status.phase!=Pending" << false;
    QTest::newRow("absent field equals empty") << "spec.nodeName=" << true;
    QTest::newRow("AND") << "metadata.name=web-1,status.phase=Pending" << true;
    QTest::newRow("AND fails") << "metadata.name=web-1,status.phase=Running" << false;
    QTest::newRow("escaped value") << R"(metadata.namespace=a\,b)" << true;
}

void TestFieldSelector::matches() {
    QFETCH(QString, text);
    QFETCH(bool, expected);

    const QHash<QString, QString> fields{{QStringLiteral("metadata.name"), QStringLiteral("web-1")},
                                         {QStringLiteral("metadata.namespace"), QStringLiteral("a,b")},
                                         {QStringLiteral("status.phase"), QStringLiteral("Pending")}};
    QString error;
    const auto selector = FieldSelector::parse(text, &error);
    QVERIFY2(selector.has_value(), qPrintable(error));
    QCOMPARE(selector->matches([&fields](const QString& field) { return fields.value(field); }), expected);
}

void TestFieldSelector::emptySelectorMatchesEverything() {
    QString error;
    const auto selector = FieldSelector::parse(QString(), &error);
    QVERIFY(selector.has_value());
    QVERIFY(selector->isEmpty());
    int lookups = 0;
    QVERIFY(selector->matches([&lookups](const QString&) {
        ++lookups;
        return QString();
    }));
    QCOMPARE(lookups, 0);
}

QTEST_GUILESS_MAIN(TestFieldSelector)
#include "tst_fieldselector.moc"
