// LabelSelector against apimachinery's labels.Parse behaviour: what parses, what it prints as,
// what it matches, and the exact error text a kubectl user would see in the 400 response.
#include "labelselector.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using binnacle::sim::LabelSelector;

namespace {

QJsonObject jsonObject(const char* json) {
    return QJsonDocument::fromJson(json).object();
}

const QString qualifiedNameRule = QStringLiteral(
    "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric "
    "character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is "
    "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')");

} // namespace

class TestLabelSelector : public QObject {
    Q_OBJECT

private slots:
    void parsesToCanonicalText_data();
    void parsesToCanonicalText();
    void rejectsInvalidSelectors_data();
    void rejectsInvalidSelectors();
    void matchesLabels_data();
    void matchesLabels();
    void canonicalTextParsesBackToTheSameSelector_data();
    void canonicalTextParsesBackToTheSameSelector();
    void matchLabelsMapSelectsExactly();
    void labelSelectorJsonCombinesLabelsAndExpressions();
    void labelSelectorJsonErrors_data();
    void labelSelectorJsonErrors();
    void emptySelectorsMatchEverything();
};

void TestLabelSelector::parsesToCanonicalText_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("canonical");
    QTest::addColumn<int>("requirementCount");

    QTest::newRow("empty") << ""
                           << "" << 0;
    QTest::newRow("whitespace only") << "   "
                                     << "" << 0;
    QTest::newRow("equals") << "app=web"
                            << "app=web" << 1;
    QTest::newRow("double equals kept") << "app==web"
                                        << "app==web" << 1;
    QTest::newRow("not equals") << "tier!=cache"
                                << "tier!=cache" << 1;
    QTest::newRow("exists") << "app"
                            << "app" << 1;
    QTest::newRow("does not exist") << "!app"
                                    << "!app" << 1;
    QTest::newRow("in, values sorted") << "env in (staging,prod)"
                                       << "env in (prod,staging)" << 1;
    QTest::newRow("notin") << "env notin (dev)"
                           << "env notin (dev)" << 1;
    QTest::newRow("sorted by key") << "b=2,a=1"
                                   << "a=1,b=2" << 2;
    QTest::newRow("whitespace tolerant") << "  a = 1 ,  b  in ( x , y ) , ! c "
                                         << "a=1,b in (x,y),!c" << 3;
    QTest::newRow("no space before paren") << "env in(a,b)"
                                           << "env in (a,b)" << 1;
    QTest::newRow("empty exact value") << "a="
                                       << "a=" << 1;
    QTest::newRow("empty exact value then more") << "a=,b"
                                                 << "a=,b" << 2;
    QTest::newRow("in () holds the empty value") << "a in ()"
                                                 << "a in ()" << 1;
    QTest::newRow("empty entries in set") << "x in (foo,,baz)"
                                          << "x in (,baz,foo)" << 1;
    QTest::newRow("duplicate values collapse") << "x in (a,a,b)"
                                               << "x in (a,b)" << 1;
    QTest::newRow("keywords as values") << "x in (in,notin)"
                                        << "x in (in,notin)" << 1;
    QTest::newRow("keyword as key") << "in=notin"
                                    << "in=notin" << 1;
    QTest::newRow("greater than") << "replicas>2"
                                  << "replicas>2" << 1;
    QTest::newRow("less than") << "replicas<10"
                               << "replicas<10" << 1;
    QTest::newRow("prefixed key") << "app.kubernetes.io/name=payment-service"
                                  << "app.kubernetes.io/name=payment-service" << 1;
    QTest::newRow("apimachinery doc example") << "x in (foo,,baz),y,z notin ()"
                                              << "x in (,baz,foo),y,z notin ()" << 3;
}

void TestLabelSelector::parsesToCanonicalText() {
    QFETCH(QString, text);
    QFETCH(QString, canonical);
    QFETCH(int, requirementCount);

    QString error;
    const auto selector = LabelSelector::parse(text, &error);
    QVERIFY2(selector.has_value(), qPrintable(error));
    QCOMPARE(selector->toString(), canonical);
    QCOMPARE(selector->requirements().size(), requirementCount);
    QCOMPARE(selector->isEmpty(), requirementCount == 0);
}

void TestLabelSelector::rejectsInvalidSelectors_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expectedError");

    QTest::newRow("unterminated set")
        << "a in ("
        << "unable to parse requirement: found '', expected: ',', ')' or identifier";
    QTest::newRow("missing key") << "=b"
                                 << "found '=', expected: !, identifier, or 'end of string'";
    QTest::newRow("in without set") << "a in"
                                    << "unable to parse requirement: found '' expected: '('";
    QTest::newRow("unclosed set") << "a in (x"
                                  << "unable to parse requirement: found '', expected: ',' or ')'";
    QTest::newRow("space separated values") << "a in (x y)"
                                            << "unable to parse requirement: found 'y', expected: ',' or ')'";
    QTest::newRow("two words")
        << "a b"
        << "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt";
    QTest::newRow("trailing comma") << "a=b,"
                                    << "found '', expected: identifier after ','";
    QTest::newRow("leading comma") << ",a"
                                   << "found ',', expected: !, identifier, or 'end of string'";
    QTest::newRow("set value is an operator")
        << "a=(b"
        << "unable to parse requirement: found '(', expected: identifier";
    QTest::newRow("does-not-exist with a value") << "!a=b"
                                                 << "found '=', expected: ',' or 'end of string'";
    QTest::newRow("colon instead of equals")
        << "app:monolith"
        << QStringLiteral("unable to parse requirement: <nil>: Invalid value: \"app:monolith\": name part ") +
               qualifiedNameRule;
    QTest::newRow("bad prefix")
        << "app.kubernetes_io/name=x"
        << QStringLiteral(
               "unable to parse requirement: <nil>: Invalid value: \"app.kubernetes_io/name\": prefix part a "
               "lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', "
               "and "
               "must start and end with an alphanumeric character (e.g. 'example.com', regex used for "
               "validation "
               "is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
    QTest::newRow("bad value") << "a=b@c"
                               << QStringLiteral("unable to parse requirement: values[0][a]: Invalid value: "
                                                 "\"b@c\": a valid label must be an empty "
                                                 "string or consist of alphanumeric characters, '-', '_' or "
                                                 "'.', and must start and end with an "
                                                 "alphanumeric character (e.g. 'MyValue',  or 'my_value',  "
                                                 "or '12345', regex used for validation is "
                                                 "'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");
    QTest::newRow("value too long")
        << QStringLiteral("good-key=") + QString(64, QLatin1Char('z'))
        << QStringLiteral("unable to parse requirement: values[0][good-key]: Invalid value: \"") +
               QString(64, QLatin1Char('z')) + QStringLiteral("\": must be no more than 63 characters");
    QTest::newRow("gt needs an integer") << "a>b"
                                         << "unable to parse requirement: values[0]: Invalid value: \"b\": "
                                            "for 'Gt', 'Lt' operators, the value "
                                            "must be an integer";
}

void TestLabelSelector::rejectsInvalidSelectors() {
    QFETCH(QString, text);
    QFETCH(QString, expectedError);

    QString error;
    const auto selector = LabelSelector::parse(text, &error);
    QVERIFY(!selector.has_value());
    QCOMPARE(error, expectedError);
}

void TestLabelSelector::matchesLabels_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("labelsJson");
    QTest::addColumn<bool>("expected");

    const QString webProd = QStringLiteral(R"({"app":"web","env":"prod","replicas":"3"})");
    QTest::newRow("equals hit") << "app=web" << webProd << true;
    QTest::newRow("equals miss") << "app=db" << webProd << false;
    QTest::newRow("equals on missing key") << "tier=cache" << webProd << false;
    QTest::newRow("not equals on missing key") << "tier!=cache" << webProd << true;
    QTest::newRow("not equals same value") << "app!=web" << webProd << false;
    QTest::newRow("in hit") << "env in (prod,staging)" << webProd << true;
    QTest::newRow("in miss") << "env in (dev)" << webProd << false;
    QTest::newRow("notin on missing key") << "tier notin (a)" << webProd << true;
    QTest::newRow("notin hit") << "env notin (prod)" << webProd << false;
    QTest::newRow("exists") << "app" << webProd << true;
    QTest::newRow("exists miss") << "tier" << webProd << false;
    QTest::newRow("does not exist") << "!tier" << webProd << true;
    QTest::newRow("does not exist miss") << "!app" << webProd << false;
    QTest::newRow("AND of all") << "app=web,env in (prod),!tier" << webProd << true;
    QTest::newRow("AND fails on one") << "app=web,env=dev" << webProd << false;
    QTest::newRow("empty value matches empty label") << "a="
                                                     << R"({"a":""})" << true;
    QTest::newRow("in () matches empty label") << "a in ()"
                                               << R"({"a":""})" << true;
    QTest::newRow("gt numeric") << "replicas>2" << webProd << true;
    QTest::newRow("gt numeric miss") << "replicas>3" << webProd << false;
    QTest::newRow("lt numeric") << "replicas<10" << webProd << true;
    QTest::newRow("gt non-numeric label") << "app>1" << webProd << false;
    QTest::newRow("gt missing label") << "tier>1" << webProd << false;
}

void TestLabelSelector::matchesLabels() {
    QFETCH(QString, text);
    QFETCH(QString, labelsJson);
    QFETCH(bool, expected);

    QString error;
    const auto selector = LabelSelector::parse(text, &error);
    QVERIFY2(selector.has_value(), qPrintable(error));
    QCOMPARE(selector->matches(QJsonDocument::fromJson(labelsJson.toUtf8()).object()), expected);
}

void TestLabelSelector::canonicalTextParsesBackToTheSameSelector_data() {
    QTest::addColumn<QString>("text");
    QTest::newRow("mixed") << "z notin (b,a), !gone , app==web,x in (,k)";
    QTest::newRow("comparisons") << "b<5,a>1";
    QTest::newRow("exists") << "a,b,c";
}

void TestLabelSelector::canonicalTextParsesBackToTheSameSelector() {
    QFETCH(QString, text);
    QString error;
    const auto first = LabelSelector::parse(text, &error);
    QVERIFY2(first.has_value(), qPrintable(error));
    const auto second = LabelSelector::parse(first->toString(), &error);
    QVERIFY2(second.has_value(), qPrintable(error));
    QCOMPARE(second->toString(), first->toString());
    QCOMPARE(second->requirements().size(), first->requirements().size());
}

void TestLabelSelector::matchLabelsMapSelectsExactly() {
    const LabelSelector selector =
        LabelSelector::fromMatchLabels(jsonObject(R"({"tier":"web","app":"shop"})"));
    QCOMPARE(selector.toString(), QStringLiteral("app=shop,tier=web"));
    QVERIFY(selector.matches(jsonObject(R"({"app":"shop","tier":"web","extra":"x"})")));
    QVERIFY(!selector.matches(jsonObject(R"({"app":"shop"})")));
    QVERIFY(!selector.matches(jsonObject(R"({"app":"shop","tier":"db"})")));
}

void TestLabelSelector::labelSelectorJsonCombinesLabelsAndExpressions() {
    const QJsonObject json = jsonObject(R"({
        "matchLabels": {"app": "payment-service"},
        "matchExpressions": [
            {"key": "env", "operator": "In", "values": ["staging", "production"]},
            {"key": "track", "operator": "NotIn", "values": ["stable"]},
            {"key": "pod-template-hash", "operator": "Exists"},
            {"key": "legacy", "operator": "DoesNotExist"}
        ]})");
    QString error;
    const auto selector = LabelSelector::fromLabelSelectorJson(json, &error);
    QVERIFY2(selector.has_value(), qPrintable(error));
    QCOMPARE(selector->toString(),
             QStringLiteral(
                 "app=payment-service,env in (production,staging),!legacy,pod-template-hash,track notin "
                 "(stable)"));

    // The labels of the fixture pod pod-replicaset-owned-managedfields.yaml.
    const QJsonObject fixturePodLabels = jsonObject(R"({
        "app.kubernetes.io/name": "payment-service", "app": "payment-service", "env": "production",
        "pod-template-hash": "67cc84df8d", "track": "canary"})");
    QVERIFY(selector->matches(fixturePodLabels));
    QJsonObject legacy = fixturePodLabels;
    legacy.insert(QStringLiteral("legacy"), QStringLiteral("yes"));
    QVERIFY(!selector->matches(legacy));
}

void TestLabelSelector::labelSelectorJsonErrors_data() {
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("expectedError");

    QTest::newRow("unknown operator")
        << R"({"matchExpressions":[{"key":"a","operator":"Equals","values":["b"]}]})"
        << "\"Equals\" is not a valid label selector operator";
    QTest::newRow("in without values")
        << R"({"matchExpressions":[{"key":"a","operator":"In"}]})"
        << "values: Invalid value: null: for 'in', 'notin' operators, values set can't be empty";
    QTest::newRow("exists with values")
        << R"({"matchExpressions":[{"key":"a","operator":"Exists","values":["x"]}]})"
        << "values: Invalid value: [\"x\"]: values set must be empty for exists and does not exist";
    QTest::newRow("bad key") << R"({"matchLabels":{"-a":"b"}})"
                             << QStringLiteral("key: Invalid value: \"-a\": name part ") + qualifiedNameRule;
}

void TestLabelSelector::labelSelectorJsonErrors() {
    QFETCH(QString, json);
    QFETCH(QString, expectedError);

    QString error;
    const auto selector =
        LabelSelector::fromLabelSelectorJson(QJsonDocument::fromJson(json.toUtf8()).object(), &error);
    QVERIFY(!selector.has_value());
    QCOMPARE(error, expectedError);
}

void TestLabelSelector::emptySelectorsMatchEverything() {
    QString error;
    const auto fromJson = LabelSelector::fromLabelSelectorJson(QJsonObject(), &error);
    QVERIFY(fromJson.has_value());
    QVERIFY(fromJson->isEmpty());
    QVERIFY(fromJson->matches(jsonObject(R"({"a":"b"})")));
    QVERIFY(LabelSelector().matches(QJsonObject()));
    QVERIFY(LabelSelector::fromMatchLabels(QJsonObject()).isEmpty());
    QCOMPARE(LabelSelector().toString(), QString());
}

QTEST_GUILESS_MAIN(TestLabelSelector)
#include "tst_labelselector.moc"
