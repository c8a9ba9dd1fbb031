// DiscoveryClient against an in-process simulator over real TLS: the first fetch and the disk cache, a start
// from the cache revalidated with 304, refreshes driven by CRD changes, a corrupt cache, the legacy fallback
// and typed failures.
#include "discoverytesting.h"

#include <QFile>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>

using namespace testing;

class TestDiscoveryClient : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void firstFetchPopulatesAndWritesTheCache() {
        Cluster cluster = startCluster();
        QVERIFY(cluster.transport);
        QTemporaryDir directory;
        DiscoveryCache cache(directory.path());
        DiscoveryClient client(cluster.transport.get(), cache, withoutWatches());
        QSignalSpy changed(&client, &DiscoveryClient::changed);
        QSignalSpy refreshed(&client, &DiscoveryClient::refreshed);
        client.start();
        QCOMPARE(changed.count(), 0); // no cache: nothing to publish before the network answers
        QVERIFY(client.isRefreshing());
        QVERIFY(refreshed.wait(timeoutMs));
        QCOMPARE(changed.count(), 1);
        const auto snapshot = client.snapshot();
        QVERIFY(snapshot);
        QVERIFY(!snapshot->fromCache);
        QVERIFY(snapshot->model.isAggregated());
        QVERIFY(snapshot->staleGroupVersions.isEmpty());
        QCOMPARE(snapshot->generation, 1u);
        QVERIFY(resolves(client, QStringLiteral("deploy"), QStringLiteral("Deployment")));
        QCOMPARE(client.lastStatistics().downloaded, 2);
        QCOMPARE(client.lastStatistics().notModified, 0);
        QVERIFY(!client.lastStatistics().legacy);
        QVERIFY(QFile::exists(cache.filePath(client.serverUrl())));
        QString error;
        const auto cached = cache.load(client.serverUrl(), &error);
        QVERIFY2(cached, qPrintable(error));
        QCOMPARE(cached->model.resources().size(), snapshot->model.resources().size());
        for (const auto& document : cached->model.documents()) {
            QVERIFY2(!document.etag.isEmpty(), qPrintable(document.path));
        }
    }

    void secondClientStartsFromTheCacheAndRevalidates() {
        Cluster cluster = startCluster();
        QVERIFY(cluster.transport);
        QTemporaryDir directory;
        {
            DiscoveryClient first(cluster.transport.get(), DiscoveryCache(directory.path()),
                                  withoutWatches());
            QSignalSpy refreshed(&first, &DiscoveryClient::refreshed);
            first.start();
            QVERIFY(refreshed.wait(timeoutMs));
        }
        // A fresh transport, so that its counters hold the second client's traffic only.
        StaticTokenProvider provider(cluster.simulator->credentials().adminToken);
        ClusterTransport transport(endpointOf(*cluster.simulator), &provider);
        DiscoveryClient second(&transport, DiscoveryCache(directory.path()), withoutWatches());
        QSignalSpy changed(&second, &DiscoveryClient::changed);
        QSignalSpy refreshed(&second, &DiscoveryClient::refreshed);
        second.start();
        QCOMPARE(changed.count(), 1); // from the cache, before any answer
        QVERIFY(second.snapshot()->fromCache);
        QCOMPARE(transport.stats()->done() + transport.stats()->failed(), 0);
        QVERIFY(resolves(second, QStringLiteral("deploy"), QStringLiteral("Deployment")));

        QVERIFY(refreshed.wait(timeoutMs));
        QCOMPARE(second.lastStatistics().requests, 2);
        QCOMPARE(second.lastStatistics().notModified, 2); // the server answered 304 to both
        QCOMPARE(second.lastStatistics().downloaded, 0);
        QCOMPARE(transport.stats()->bytesReceived(), 0); // 304s carry no body
        QCOMPARE(transport.stats()->failed(), 0);        // and are no failures
        QCOMPARE(changed.count(), 1);                    // nothing new: no second signal
        QVERIFY(!second.snapshot()->fromCache);
        QVERIFY(!second.lastError());

        second.refresh(); // on demand, still nothing new
        QVERIFY(refreshed.wait(timeoutMs));
        QCOMPARE(second.lastStatistics().notModified, 2);
        QCOMPARE(changed.count(), 1);
    }

    void definitionChangesRefreshTheMapper() {
        Cluster cluster = startCluster();
        QVERIFY(cluster.transport);
        QTemporaryDir directory;
        DiscoveryOptions options;
        options.refreshDelay = std::chrono::milliseconds(100);
        DiscoveryClient client(cluster.transport.get(), DiscoveryCache(directory.path()), options);
        QSignalSpy changed(&client, &DiscoveryClient::changed);
        client.start();
        QTRY_VERIFY_WITH_TIMEOUT(client.isWatchingDefinitions(), timeoutMs);
        QCOMPARE(changed.count(), 1);
        QVERIFY(!resolves(client, QStringLiteral("wdg"), QStringLiteral("Widget")));

        ApiRequestSpec create;
        create.method = "POST";
        create.path = crdPath;
        create.contentType = "application/json";
        create.body = QJsonDocument(widgetCrd()).toJson(QJsonDocument::Compact);
        const ApiResult created = roundTrip(cluster.transport.get(), create);
        QVERIFY2(created.ok(), qPrintable(created.error ? created.error->message() : QString()));
        QTRY_VERIFY_WITH_TIMEOUT(resolves(client, QStringLiteral("wdg"), QStringLiteral("Widget")),
                                 timeoutMs);
        QVERIFY(resolves(client, QStringLiteral("widgets.example.com"), QStringLiteral("Widget")));
        QVERIFY(changed.count() >= 2);
        QCOMPARE(client.lastStatistics().downloaded, 2);
        QVERIFY(client.snapshot()->mapper.resourceFor(QStringLiteral("widget"))->namespaced);

        ApiRequestSpec remove;
        remove.method = "DELETE";
        remove.path = crdPath + QStringLiteral("/widgets.example.com");
        const ApiResult deleted = roundTrip(cluster.transport.get(), remove);
        QVERIFY2(deleted.ok(), qPrintable(deleted.error ? deleted.error->message() : QString()));
        QTRY_VERIFY_WITH_TIMEOUT(!client.snapshot()->mapper.resourceFor(QStringLiteral("wdg")), timeoutMs);
        QVERIFY(resolves(client, QStringLiteral("deploy"), QStringLiteral("Deployment")));
    }

    void corruptCacheIsIgnored() {
        Cluster cluster = startCluster();
        QVERIFY(cluster.transport);
        QTemporaryDir directory;
        DiscoveryCache cache(directory.path());
        const QString serverUrl = cluster.transport->endpoint().server.toString();
        QFile file(cache.filePath(serverUrl));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"formatVersion\": 1, \"serverUrl\": tru");
        file.close();

        DiscoveryClient client(cluster.transport.get(), cache, withoutWatches());
        QSignalSpy changed(&client, &DiscoveryClient::changed);
        QSignalSpy refreshed(&client, &DiscoveryClient::refreshed);
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral("^ignoring the discovery cache")));
        client.start();
        QCOMPARE(changed.count(), 0);
        QVERIFY(refreshed.wait(timeoutMs));
        QCOMPARE(changed.count(), 1);
        QVERIFY(!client.snapshot()->fromCache);
        QCOMPARE(client.lastStatistics().downloaded, 2);
        QString error;
        QVERIFY2(cache.load(serverUrl, &error), qPrintable(error)); // rewritten whole
    }

    void legacyDiscovery_data() {
        QTest::addColumn<bool>("refuseAggregated"); // the server answers 406 to the aggregated Accept
        QTest::addColumn<int>("protocol");
        QTest::newRow("aggregated refused with 406") << true << int(DiscoveryProtocol::Aggregated);
        QTest::newRow("legacy asked for") << false << int(DiscoveryProtocol::Legacy);
    }
    void legacyDiscovery() {
        QFETCH(bool, refuseAggregated);
        QFETCH(int, protocol);
        // One request at a time, in the order sent: the two injected 406s must meet the two aggregated asks
        // (/api and /apis), not a legacy re-ask that overtook the second one.
        TransportOptions options;
        options.maxConcurrentRequests = 1;
        Cluster cluster = startCluster(options);
        QVERIFY(cluster.transport);
        QTemporaryDir directory;
        if (refuseAggregated) {
            cluster.simulator->faults()->failNext(2, 406, -1);
        }
        DiscoveryClient client(cluster.transport.get(), DiscoveryCache(directory.path()),
                               withoutWatches(DiscoveryProtocol(protocol)));
        QSignalSpy refreshed(&client, &DiscoveryClient::refreshed);
        client.start();
        QVERIFY(refreshed.wait(timeoutMs));
        const auto snapshot = client.snapshot();
        QVERIFY(client.lastStatistics().legacy);
        QVERIFY(!snapshot->model.isAggregated());
        QVERIFY(snapshot->model.missingResourceListPaths().isEmpty());
        QVERIFY(snapshot->staleGroupVersions.isEmpty());
        // /api and /apis (twice when refused), then one resource list per group version.
        QVERIFY(client.lastStatistics().requests > (refuseAggregated ? 4 : 2) + 10);
        QVERIFY(resolves(client, QStringLiteral("deploy"), QStringLiteral("Deployment")));
        QVERIFY(resolves(client, QStringLiteral("po"), QStringLiteral("Pod")));
        QCOMPARE(client.snapshot()->mapper.resourceFor(QStringLiteral("deployments"))->collectionPath(),
                 QStringLiteral("/apis/apps/v1/deployments"));
    }

    void staleAggregatedGroupsAreReported() {
        Cluster cluster = startCluster();
        QVERIFY(cluster.transport);
        QTemporaryDir directory;
        DiscoveryCache cache(directory.path());
        const QString serverUrl = cluster.transport->endpoint().server.toString();
        {
            DiscoveryClient first(cluster.transport.get(), cache, withoutWatches());
            QSignalSpy refreshed(&first, &DiscoveryClient::refreshed);
            first.start();
            QVERIFY(refreshed.wait(timeoutMs));
        }
        // Mark apps/v1 Stale in the cached /apis document, as when an aggregated API server is down. Same
        // ETag, so the server's 304 keeps it.
        QString error;
        auto cached = cache.load(serverUrl, &error);
        QVERIFY2(cached, qPrintable(error));
        QList<binnacle::client::DiscoveryDocument> documents = cached->model.documents();
        for (auto& document : documents) {
            QJsonObject root = QJsonDocument::fromJson(document.body).object();
            QJsonArray items = root.value(QLatin1String("items")).toArray();
            for (qsizetype i = 0; i < items.size(); ++i) {
                QJsonObject group = items.at(i).toObject();
                if (group.value(QLatin1String("metadata")).toObject().value(QLatin1String("name")) !=
                    QLatin1String("apps")) {
                    continue;
                }
                QJsonArray versions = group.value(QLatin1String("versions")).toArray();
                QJsonObject version = versions.at(0).toObject();
                version.insert(QStringLiteral("freshness"), QStringLiteral("Stale"));
                versions.replace(0, version);
                group.insert(QStringLiteral("versions"), versions);
                items.replace(i, group);
            }
            root.insert(QStringLiteral("items"), items);
            document.body = QJsonDocument(root).toJson(QJsonDocument::Compact);
        }
        binnacle::client::DiscoveryModel stale;
        QVERIFY2(binnacle::client::DiscoveryModel::fromDocuments(documents, &stale, &error),
                 qPrintable(error));
        QVERIFY(cache.save(serverUrl, stale, cached->fetchedAt, &error));

        DiscoveryClient client(cluster.transport.get(), cache, withoutWatches());
        QSignalSpy refreshed(&client, &DiscoveryClient::refreshed);
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral("stale group versions: apps/v1$")));
        client.start();
        QCOMPARE(client.snapshot()->staleGroupVersions, QStringList{QStringLiteral("apps/v1")});
        QVERIFY(refreshed.wait(timeoutMs));
        QCOMPARE(client.lastStatistics().notModified, 2);
        QCOMPARE(client.snapshot()->staleGroupVersions, QStringList{QStringLiteral("apps/v1")});
    }

    void failuresAreTypedAndKeepTheCache() {
        Cluster cluster = startCluster();
        QVERIFY(cluster.transport);
        QTemporaryDir directory;
        DiscoveryOptions options = withoutWatches();
        options.retryInitial = std::chrono::milliseconds(50);
        DiscoveryClient client(cluster.transport.get(), DiscoveryCache(directory.path()), options);
        QSignalSpy refreshed(&client, &DiscoveryClient::refreshed);
        QSignalSpy failed(&client, &DiscoveryClient::refreshFailed);
        client.start();
        QVERIFY(refreshed.wait(timeoutMs));
        const auto before = client.snapshot();

        cluster.simulator->faults()->failNext(1, 403, -1);
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("^discovery of .* failed")));
        client.refresh();
        QVERIFY(failed.wait(timeoutMs));
        const auto error = failed.first().first().value<binnacle::transport::ApiError>();
        QCOMPARE(error.kind(), ApiError::Kind::Status);
        QCOMPARE(error.httpStatus(), 403);
        QVERIFY(client.lastError());
        QCOMPARE(client.snapshot(), before); // the last good snapshot stays

        QVERIFY(refreshed.wait(timeoutMs)); // retried by itself after the backoff
        QVERIFY(!client.lastError());
        QCOMPARE(client.snapshot()->model.resources().size(), before->model.resources().size());
    }
};

QTEST_GUILESS_MAIN(TestDiscoveryClient)
#include "tst_discoveryclient.moc"
