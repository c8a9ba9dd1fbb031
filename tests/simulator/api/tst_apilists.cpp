// Lists over the wire: the XList shape, paging with limit/continue over a consistent snapshot, expired
// continue tokens, and the resourceVersion/resourceVersionMatch table.
#include "apitestcluster.h"
#include "statusassert.h"

#include <QJsonArray>
#include <QTest>
#include <QUrl>

using namespace binnacle::sim;
using namespace binnacle::sim::apitest;

namespace {
QByteArray encoded(const QString& text) {
    return QUrl::toPercentEncoding(text);
}

QString listVersion(const QJsonObject& list) {
    return meta(list, QStringLiteral("resourceVersion")).toString();
}
} // namespace

class TestApiLists : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void listShape_data();
    void listShape();
    void emptyList();
    void paging();
    void pagingWithSelector();
    void expiredContinue();
    void resourceVersionOptions_data();
    void resourceVersionOptions();
    void resourceVersionTooLarge();
    void exactListAtOlderVersion();

private:
    std::unique_ptr<ApiTestCluster> m_cluster;
};

void TestApiLists::initTestCase() {
    SimulatorOptions options;
    options.controllers = false;
    m_cluster = std::make_unique<ApiTestCluster>(options);
    QString error;
    QVERIFY2(m_cluster->start(&error), qPrintable(error));
    for (const char* name : {"shape", "paging", "history", "empty"}) {
        QCOMPARE(m_cluster->post("/api/v1/namespaces", namespaceObject(QString::fromLatin1(name))).status,
                 201);
    }
    for (const char* name : {"one", "two", "three"}) {
        QCOMPARE(m_cluster->post("/api/v1/namespaces/shape/configmaps", configMap(QString::fromLatin1(name)))
                     .status,
                 201);
    }
    QCOMPARE(m_cluster
                 ->post("/apis/apps/v1/namespaces/shape/deployments",
                        deployment(QStringLiteral("web"), 1, QStringLiteral("web")))
                 .status,
             201);
    for (int i = 0; i < 25; ++i) {
        const QString name = QStringLiteral("page-%1").arg(i, 2, 10, QLatin1Char('0'));
        QCOMPARE(m_cluster->post("/api/v1/namespaces/paging/configmaps", configMap(name, {{"paged", "yes"}}))
                     .status,
                 201);
    }
}

void TestApiLists::listShape_data() {
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("apiVersion");
    QTest::addColumn<QStringList>("names");

    QTest::newRow("configmaps") << QByteArray("/api/v1/namespaces/shape/configmaps")
                                << QStringLiteral("ConfigMapList") << QStringLiteral("v1")
                                << QStringList{"one", "three", "two"};
    QTest::newRow("deployments") << QByteArray("/apis/apps/v1/namespaces/shape/deployments")
                                 << QStringLiteral("DeploymentList") << QStringLiteral("apps/v1")
                                 << QStringList{"web"};
}

void TestApiLists::listShape() {
    QFETCH(QByteArray, target);
    QFETCH(QString, kind);
    QFETCH(QString, apiVersion);
    QFETCH(QStringList, names);

    const qint64 now = m_cluster->resourceVersion();
    const WireResponse response = m_cluster->get(target);
    QCOMPARE(response.status, 200);
    QCOMPARE(response.header("Content-Type"), QByteArray("application/json"));
    const QJsonObject list = response.json();
    QCOMPARE(list.value(QLatin1String("kind")).toString(), kind);
    QCOMPARE(list.value(QLatin1String("apiVersion")).toString(), apiVersion);
    // A "most recent" list is at the current resourceVersion, as a string; no paging fields without a limit.
    const QJsonObject metadata = list.value(QLatin1String("metadata")).toObject();
    QVERIFY(metadata.value(QLatin1String("resourceVersion")).isString());
    QCOMPARE(metadata.value(QLatin1String("resourceVersion")).toString(), QString::number(now));
    QVERIFY(!metadata.contains(QLatin1String("continue")));
    QVERIFY(!metadata.contains(QLatin1String("remainingItemCount")));
    QCOMPARE(itemNames(list), names);
    for (const QJsonValue& item : list.value(QLatin1String("items")).toArray()) {
        QVERIFY(!item.toObject().contains(QLatin1String("kind")));
        QVERIFY(!item.toObject().contains(QLatin1String("apiVersion")));
        QVERIFY(!meta(item.toObject(), QStringLiteral("uid")).toString().isEmpty());
    }
    // A single GET carries kind and apiVersion.
    const QJsonObject single = m_cluster->get(target + '/' + names.first().toLatin1()).json();
    QCOMPARE(single.value(QLatin1String("kind")).toString(), kind.chopped(4));
    QCOMPARE(single.value(QLatin1String("apiVersion")).toString(), apiVersion);
}

void TestApiLists::emptyList() {
    const WireResponse response = m_cluster->get("/api/v1/namespaces/empty/configmaps");
    QCOMPARE(response.status, 200);
    const QJsonObject list = response.json();
    QVERIFY(list.value(QLatin1String("items")).isArray()); // [] and not null
    QCOMPARE(list.value(QLatin1String("items")).toArray().size(), 0);
}

void TestApiLists::paging() {
    const QByteArray base = "/api/v1/namespaces/paging/configmaps?limit=10";
    const WireResponse first = m_cluster->get(base);
    QCOMPARE(first.status, 200);
    const QJsonObject firstList = first.json();
    QCOMPARE(itemNames(firstList).size(), 10);
    const QString token = meta(firstList, QStringLiteral("continue")).toString();
    QVERIFY(!token.isEmpty());
    QCOMPARE(meta(firstList, QStringLiteral("remainingItemCount")).toInt(), 15);

    // Writes between pages: the later pages still show the snapshot of the first.
    QCOMPARE(
        m_cluster->post("/api/v1/namespaces/paging/configmaps", configMap("page-15a", {{"paged", "yes"}}))
            .status,
        201);
    QCOMPARE(m_cluster->remove("/api/v1/namespaces/paging/configmaps/page-20").status, 200);
    QCOMPARE(m_cluster
                 ->patch("/api/v1/namespaces/paging/configmaps/page-12", "application/merge-patch+json",
                         R"({"data":{"changed":"yes"}})")
                 .status,
             200);

    const WireResponse second = m_cluster->get(base + "&continue=" + encoded(token));
    QCOMPARE(second.status, 200);
    const QJsonObject secondList = second.json();
    QCOMPARE(listVersion(secondList), listVersion(firstList));
    QCOMPARE(meta(secondList, QStringLiteral("remainingItemCount")).toInt(), 5);
    const QJsonArray secondItems = secondList.value(QLatin1String("items")).toArray();
    QCOMPARE(meta(secondItems.at(2).toObject(), QStringLiteral("name")).toString(),
             QStringLiteral("page-12"));
    QVERIFY(!secondItems.at(2).toObject().contains(QLatin1String("data"))); // the old page-12

    const WireResponse third = m_cluster->get(
        base + "&continue=" + encoded(meta(secondList, QStringLiteral("continue")).toString()));
    QCOMPARE(third.status, 200);
    const QJsonObject thirdList = third.json();
    QCOMPARE(listVersion(thirdList), listVersion(firstList));
    QVERIFY(!thirdList.value(QLatin1String("metadata")).toObject().contains(QLatin1String("continue")));
    QVERIFY(
        !thirdList.value(QLatin1String("metadata")).toObject().contains(QLatin1String("remainingItemCount")));

    QStringList all = itemNames(firstList) + itemNames(secondList) + itemNames(thirdList);
    QStringList expected;
    for (int i = 0; i < 25; ++i) {
        expected.append(QStringLiteral("page-%1").arg(i, 2, 10, QLatin1Char('0')));
    }
    QCOMPARE(all, expected);

    // A fresh list sees the writes.
    const QStringList now = itemNames(m_cluster->get("/api/v1/namespaces/paging/configmaps").json());
    QVERIFY(now.contains(QStringLiteral("page-15a")));
    QVERIFY(!now.contains(QStringLiteral("page-20")));
}

void TestApiLists::pagingWithSelector() {
    const QByteArray base =
        "/api/v1/namespaces/paging/configmaps?limit=10&labelSelector=" + encoded("paged=yes");
    const QJsonObject first = m_cluster->get(base).json();
    QCOMPARE(itemNames(first).size(), 10);
    QVERIFY(!meta(first, QStringLiteral("continue")).toString().isEmpty());
    // remainingItemCount is not computed when selectors filter the list.
    QVERIFY(!first.value(QLatin1String("metadata")).toObject().contains(QLatin1String("remainingItemCount")));

    // limit=0 means no limit.
    const QJsonObject unlimited = m_cluster->get("/api/v1/namespaces/paging/configmaps?limit=0").json();
    QVERIFY(itemNames(unlimited).size() >= 25);
    QVERIFY(!unlimited.value(QLatin1String("metadata")).toObject().contains(QLatin1String("continue")));
}

void TestApiLists::expiredContinue() {
    const QByteArray base = "/api/v1/namespaces/paging/configmaps?limit=5";
    const QJsonObject first = m_cluster->get(base).json();
    const QString token = meta(first, QStringLiteral("continue")).toString();
    QVERIFY(!token.isEmpty());
    QCOMPARE(
        m_cluster->post("/api/v1/namespaces/paging/configmaps", configMap("page-00a", {{"paged", "yes"}}))
            .status,
        201);
    QCOMPARE(
        m_cluster->post("/api/v1/namespaces/paging/configmaps", configMap("page-07a", {{"paged", "yes"}}))
            .status,
        201);
    m_cluster->fault({{"compact", true}});

    const WireResponse expired = m_cluster->get(base + "&continue=" + encoded(token));
    VERIFY_STATUS(expired, 410, QStringLiteral("Expired"));
    // The Status offers a token that continues, inconsistently, from the latest data.
    const QString fresh = meta(expired.json(), QStringLiteral("continue")).toString();
    QVERIFY2(!fresh.isEmpty(), expired.body.constData());
    const WireResponse resumed = m_cluster->get(base + "&continue=" + encoded(fresh));
    QCOMPARE(resumed.status, 200);
    const QStringList names = itemNames(resumed.json());
    QCOMPARE(names.first(), QStringLiteral("page-05"));   // after the last item of the first page
    QVERIFY(names.contains(QStringLiteral("page-07a")));  // a write made after the first page
    QVERIFY(!names.contains(QStringLiteral("page-00a"))); // before the resume point

    // A token that is not one: 400.
    VERIFY_STATUS(m_cluster->get(base + "&continue=garbage"), 400, QStringLiteral("BadRequest"));
}

void TestApiLists::resourceVersionOptions_data() {
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("reason");

    const QString invalid = QStringLiteral("Invalid");
    QTest::newRow("match without resourceVersion")
        << QByteArray("resourceVersionMatch=NotOlderThan") << 422 << invalid;
    QTest::newRow("Exact without resourceVersion")
        << QByteArray("resourceVersionMatch=Exact") << 422 << invalid;
    QTest::newRow("Exact at 0") << QByteArray("resourceVersionMatch=Exact&resourceVersion=0") << 422
                                << invalid;
    QTest::newRow("unknown match") << QByteArray("resourceVersionMatch=Newest&resourceVersion=1") << 422
                                   << invalid;
    QTest::newRow("sendInitialEvents on a list") << QByteArray("sendInitialEvents=true") << 422 << invalid;
    QTest::newRow("continue with resourceVersion")
        << QByteArray("limit=2&continue=CONTINUE&resourceVersion=VERSION") << 400
        << QStringLiteral("BadRequest");
    QTest::newRow("continue with resourceVersion 0")
        << QByteArray("limit=2&continue=CONTINUE&resourceVersion=0") << 200 << QString();
    QTest::newRow("NotOlderThan at 0")
        << QByteArray("resourceVersionMatch=NotOlderThan&resourceVersion=0") << 200 << QString();
    QTest::newRow("resourceVersion not a number")
        << QByteArray("resourceVersion=abc") << 400 << QStringLiteral("BadRequest");
}

void TestApiLists::resourceVersionOptions() {
    QFETCH(QByteArray, query);
    QFETCH(int, code);
    QFETCH(QString, reason);

    const QByteArray base = "/api/v1/namespaces/paging/configmaps";
    const QJsonObject first = m_cluster->get(base + "?limit=2").json();
    query.replace("CONTINUE", encoded(meta(first, QStringLiteral("continue")).toString()));
    query.replace("VERSION", listVersion(first).toLatin1());
    const WireResponse response = m_cluster->get(base + '?' + query);
    if (code == 200) {
        QVERIFY2(response.status == 200, response.body.constData());
        return;
    }
    VERIFY_STATUS(response, code, reason);
    if (code == 422) {
        const QJsonObject details = response.json().value(QLatin1String("details")).toObject();
        QCOMPARE(details.value(QLatin1String("kind")).toString(), QStringLiteral("ListOptions"));
        QCOMPARE(details.value(QLatin1String("group")).toString(), QStringLiteral("meta.k8s.io"));
        QVERIFY(!details.value(QLatin1String("causes")).toArray().isEmpty());
    }
}

void TestApiLists::resourceVersionTooLarge() {
    const qint64 now = m_cluster->resourceVersion();
    const qint64 future = now + 100000;
    const WireResponse response =
        m_cluster->get("/api/v1/namespaces/paging/configmaps?resourceVersion=" + QByteArray::number(future));
    VERIFY_STATUS(response, 504, QStringLiteral("Timeout"));
    QVERIFY(hasCause(response.json(), QString(), QStringLiteral("ResourceVersionTooLarge")));
    // Errors that carry retryAfterSeconds also carry the Retry-After header
    // (responsewriters.ErrorNegotiated).
    const int retryAfter = response.json()
                               .value(QLatin1String("details"))
                               .toObject()
                               .value(QLatin1String("retryAfterSeconds"))
                               .toInt();
    QVERIFY(retryAfter > 0);
    QCOMPARE(response.header("Retry-After"), QByteArray::number(retryAfter));
    // apierrors.NewTimeoutError prefixes "Timeout: ".
    QCOMPARE(response.json().value(QLatin1String("message")).toString(),
             QStringLiteral("Timeout: Too large resource version: %1, current: %2").arg(future).arg(now));
}

void TestApiLists::exactListAtOlderVersion() {
    const QByteArray maps = "/api/v1/namespaces/history/configmaps";
    QCOMPARE(m_cluster->post(maps, configMap("hist", {}, {{"v", "1"}})).status, 201);
    const QJsonObject before = m_cluster->get(maps).json();
    const QByteArray oldVersion = listVersion(before).toLatin1();

    QCOMPARE(m_cluster->patch(maps + "/hist", "application/merge-patch+json", R"({"data":{"v":"2"}})").status,
             200);
    QCOMPARE(m_cluster->post(maps, configMap("later")).status, 201);

    for (const QByteArray& query : {"?resourceVersion=" + oldVersion + "&resourceVersionMatch=Exact",
                                    "?resourceVersion=" + oldVersion + "&limit=100"}) {
        const WireResponse response = m_cluster->get(maps + query);
        QVERIFY2(response.status == 200, response.body.constData());
        const QJsonObject list = response.json();
        QCOMPARE(listVersion(list), QString::fromLatin1(oldVersion));
        QCOMPARE(itemNames(list), QStringList{QStringLiteral("hist")});
        QCOMPARE(list.value(QLatin1String("items"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QLatin1String("data"))
                     .toObject(),
                 (QJsonObject{{"v", "1"}}));
    }
    // NotOlderThan (and a bare resourceVersion without limit) may answer with newer data: here, the latest.
    for (const QByteArray& query : {"?resourceVersion=" + oldVersion + "&resourceVersionMatch=NotOlderThan",
                                    "?resourceVersion=" + oldVersion}) {
        const QJsonObject list = m_cluster->get(maps + query).json();
        QCOMPARE(itemNames(list), (QStringList{QStringLiteral("hist"), QStringLiteral("later")}));
        QVERIFY(listVersion(list).toLongLong() >= oldVersion.toLongLong());
    }

    // After compaction the old version is gone: 410 Expired.
    m_cluster->fault({{"compact", true}});
    const WireResponse expired =
        m_cluster->get(maps + "?resourceVersion=" + oldVersion + "&resourceVersionMatch=Exact");
    VERIFY_STATUS(expired, 410, QStringLiteral("Expired"));
    QVERIFY2(expired.json()
                 .value(QLatin1String("message"))
                 .toString()
                 .startsWith(QStringLiteral("too old resource version: ") + QString::fromLatin1(oldVersion) +
                             QStringLiteral(" (")),
             expired.body.constData());
}

QTEST_GUILESS_MAIN(TestApiLists)
#include "tst_apilists.moc"
