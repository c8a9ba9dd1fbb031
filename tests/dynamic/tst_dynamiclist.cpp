// DynamicClient's paginated list (every item exactly once, in order, page by page; cancellable) and how
// its writes are retried: a throttled create is retried after Retry-After like client-go does for any
// verb, while a POST whose connection dropped after it was sent is not sent again.
#include "dynamictesting.h"

#include <QTcpServer>
#include <QTcpSocket>

using namespace dynamictesting;
using namespace binnacle;
using dynamic::ObjectResult;

namespace {

// Plain HTTP server that reads each request and hangs up without an answer, counting what it got.
class HangingUpServer : public QObject {
public:
    HangingUpServer() {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* socket = m_server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                    m_received += socket->readAll();
                    // Headers and (for the POST) its short body are in: the request reached the server.
                    const qsizetype end = m_received.indexOf("\r\n\r\n");
                    if (end >= 0 && (m_received.startsWith("GET") || m_received.size() > end + 4)) {
                        requestLines.append(m_received.left(m_received.indexOf("\r\n")));
                        m_received.clear();
                        socket->abort();
                        socket->deleteLater();
                    }
                });
            }
        });
    }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort())); }

    QList<QByteArray> requestLines;

private:
    QTcpServer m_server;
    QByteArray m_received;
};

} // namespace

class TestDynamicList : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void paginatedListDeliversEveryItemOnceInOrder() {
        Cluster cluster;
        QVERIFY(cluster.start());
        const auto namespaces = resource({}, QStringLiteral("v1"), QStringLiteral("namespaces"),
                                         QStringLiteral("Namespace"), false);
        ObjectResult created;
        QVERIFY(await(&created, [&](auto done) {
            cluster.client->create(namespaces, {},
                                   R"({"apiVersion":"v1","kind":"Namespace","metadata":{"name":"paged"}})",
                                   {}, done);
        }));
        QVERIFY2(created.ok(), qPrintable(describe(created)));
        constexpr int total = 1200;
        int answered = 0;
        int failed = 0;
        for (int i = 0; i < total; ++i) {
            const QString name = QStringLiteral("cm-%1").arg(i, 4, 10, QLatin1Char('0'));
            cluster.client->create(configMaps(), QStringLiteral("paged"),
                                   configMap(name, name, QStringLiteral("paged")), {},
                                   [&](const ObjectResult& result) {
                                       ++answered;
                                       failed += result.ok() ? 0 : 1;
                                   });
        }
        QTRY_COMPARE_WITH_TIMEOUT(answered, total, 120000);
        QCOMPARE(failed, 0);

        dynamic::ListOptions options;
        options.limit = 100;
        QStringList names;
        QList<int> pageSizes;
        QString listResourceVersion;
        bool last = false;
        bool pagesOutOfOrder = false;
        cluster.client->list(configMaps(), QStringLiteral("paged"), options,
                             [&](const dynamic::ListPageResult& page) {
                                 QVERIFY2(page.ok(), page.ok() ? "" : qPrintable(page.error->message()));
                                 pagesOutOfOrder |= page.pageIndex != pageSizes.size();
                                 pageSizes.append(page.page.items.size());
                                 if (listResourceVersion.isEmpty()) {
                                     listResourceVersion = page.page.resourceVersion;
                                 }
                                 QCOMPARE(page.page.resourceVersion, listResourceVersion);
                                 for (const client::ObjectSummary& item : page.page.items) {
                                     names.append(item.name);
                                 }
                                 last = page.last;
                             });
        QTRY_VERIFY_WITH_TIMEOUT(last, 60000);
        QVERIFY(!pagesOutOfOrder);
        QCOMPARE(pageSizes.size(), total / 100);
        QVERIFY(std::all_of(pageSizes.begin(), pageSizes.end(), [](int size) { return size == 100; }));
        QCOMPARE(names.size(), total);
        QStringList expected;
        for (int i = 0; i < total; ++i) {
            expected.append(QStringLiteral("cm-%1").arg(i, 4, 10, QLatin1Char('0')));
        }
        QCOMPARE(names, expected); // every item once, in the server's (name) order
    }

    void cancelStopsTheList() {
        Cluster cluster;
        QVERIFY(cluster.start());
        for (int i = 0; i < 5; ++i) {
            ObjectResult created;
            QVERIFY(await(&created, [&](auto done) {
                cluster.client->create(configMaps(), QStringLiteral("default"),
                                       configMap(QStringLiteral("c%1").arg(i), QStringLiteral("x")), {},
                                       done);
            }));
        }
        dynamic::ListOptions options;
        options.limit = 1;
        int pages = 0;
        dynamic::ListHandle handle;
        handle = cluster.client->list(configMaps(), QStringLiteral("default"), options,
                                      [&](const dynamic::ListPageResult&) {
                                          if (++pages == 2) {
                                              handle.cancel();
                                          }
                                      });
        QVERIFY(handle.isActive());
        QTRY_VERIFY(!handle.isActive());
        QTest::qWait(300);
        QCOMPARE(pages, 2);
    }

    void throttledCreateIsRetried() {
        transport::ManualClock clock;
        transport::TransportOptions options;
        options.clock = &clock;
        options.random = [] { return 0.0; };
        Cluster cluster;
        QVERIFY(cluster.start(options));
        cluster.simulator->faults()->failNext(1, 429, 2);
        bool arrived = false;
        ObjectResult result;
        cluster.client->create(configMaps(), QStringLiteral("default"),
                               configMap(QStringLiteral("throttled"), QStringLiteral("x")), {},
                               [&](const ObjectResult& r) {
                                   result = r;
                                   arrived = true;
                               });
        QTRY_COMPARE_WITH_TIMEOUT(clock.pendingCount(), 1, 10000);
        QVERIFY(clock.requestedDelays().back() >= std::chrono::milliseconds(2000));
        clock.advance(clock.nextDueIn());
        QTRY_VERIFY_WITH_TIMEOUT(arrived, 10000);
        QVERIFY2(result.ok(), qPrintable(describe(result)));
        QCOMPARE(result.httpStatus, 201);
        QCOMPARE(result.retries, 1);
    }

    void droppedConnectionResentForReadsOnly_data() {
        QTest::addColumn<bool>("post");
        QTest::newRow("GET is retried") << false;
        QTest::newRow("POST is not re-sent") << true;
    }
    void droppedConnectionResentForReadsOnly() {
        QFETCH(bool, post);
        HangingUpServer server;
        StaticToken token(QStringLiteral("t"));
        transport::ClusterEndpoint endpoint;
        endpoint.server = server.url();
        transport::TransportOptions options;
        options.retry.maxRetries = 2;
        options.retry.initialBackoff = std::chrono::milliseconds(10);
        options.qps = -1;
        transport::ClusterTransport transport(endpoint, &token, options);
        dynamic::DynamicClient client(&transport);
        ObjectResult result;
        if (post) {
            QVERIFY(await(&result, [&](auto done) {
                client.create(configMaps(), QStringLiteral("default"),
                              configMap(QStringLiteral("once"), QStringLiteral("x")), {}, done);
            }));
        } else {
            QVERIFY(await(&result, [&](auto done) {
                client.get({configMaps(), QStringLiteral("default"), QStringLiteral("x"), {}}, {}, done);
            }));
        }
        QVERIFY(!result.ok());
        QVERIFY2(result.error->isConnectionFailure(), qPrintable(result.error->message()));
        // The transport itself never retries the POST ...
        QCOMPARE(result.retries, post ? 0 : 2);
        // ... and neither does Qt underneath: Qt 6.4's HTTP/1 channel would send any request again after an
        // unexpected EOF, and the transport's one-shot body for writes stops that.
        if (post) {
            QCOMPARE(server.requestLines.size(), 1);
        } else {
            QVERIFY(server.requestLines.size() >= 3);
        }
    }
};

QTEST_MAIN(TestDynamicList)
#include "tst_dynamiclist.moc"
