// ClusterTransport against an in-process simulator over real TLS: answers, typed Status errors,
// TLS trust, cancellation, priorities, statistics and streams.
#include "transporttesting.h"

#include <QJsonArray>
#include <QSet>
#include <QSignalSpy>

using namespace testing;
using namespace binnacle::transport;

class TestClusterTransport : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void getSucceeds() {
        Cluster cluster = startCluster();
        QVERIFY(cluster.transport);
        Outcome outcome;
        cluster.transport->send(get(QStringLiteral("/api/v1/namespaces/default")), nullptr,
                                outcome.callback());
        QVERIFY(!outcome.arrived); // never from inside send()
        QTRY_VERIFY_WITH_TIMEOUT(outcome.arrived, 10000);
        QVERIFY2(outcome.result.ok(),
                 qPrintable(outcome.result.error ? outcome.result.error->message() : QString()));
        QCOMPARE(outcome.result.response.statusCode, 200);
        const QJsonObject object = QJsonDocument::fromJson(outcome.result.response.body).object();
        QCOMPARE(object.value(QLatin1String("kind")).toString(), QStringLiteral("Namespace"));
        // Zero bytes of spare room follow the body, for parsers that read past its end.
        const QByteArray& body = outcome.result.response.body;
        QVERIFY(const_cast<QByteArray&>(body).data_ptr().freeSpaceAtEnd() >= ApiResponse::bodyPadding);
        const QByteArrayView padding(body.constData() + body.size(), ApiResponse::bodyPadding);
        QCOMPARE(padding, QByteArray(ApiResponse::bodyPadding, '\0'));
        QVERIFY(outcome.result.response.header("audit-id").size() > 0);
        QCOMPARE(outcome.result.retries, 0);
        QCOMPARE(cluster.provider->requests, 1);
    }

    void failuresArriveAsTypedStatus_data() {
        QTest::addColumn<QString>("configMapName");
        QTest::addColumn<bool>("createTwice");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("reason");
        QTest::addColumn<QString>("causeField"); // empty: no causes expected
        QTest::newRow("409 AlreadyExists") << "twice" << true << 409 << "AlreadyExists"
                                           << "";
        QTest::newRow("422 Invalid") << "Not_A_Valid_Name" << false << 422 << "Invalid"
                                     << "metadata.name";
    }
    void failuresArriveAsTypedStatus() {
        QFETCH(QString, configMapName);
        QFETCH(bool, createTwice);
        QFETCH(int, code);
        QFETCH(QString, reason);
        QFETCH(QString, causeField);
        Cluster cluster = startCluster();
        QVERIFY(cluster.transport);
        if (createTwice) {
            Outcome first;
            cluster.transport->send(createConfigMap(configMapName), nullptr, first.callback());
            QTRY_VERIFY_WITH_TIMEOUT(first.arrived, 10000);
            QVERIFY(first.result.ok());
            QCOMPARE(first.result.response.statusCode, 201);
        }
        Outcome outcome;
        cluster.transport->send(createConfigMap(configMapName), nullptr, outcome.callback());
        QTRY_VERIFY_WITH_TIMEOUT(outcome.arrived, 10000);
        QVERIFY(!outcome.result.ok());
        const ApiError& error = *outcome.result.error;
        QCOMPARE(error.kind(), ApiError::Kind::Status);
        QCOMPARE(error.httpStatus(), code);
        QCOMPARE(error.reason(), reason);
        QVERIFY(!error.message().isEmpty());
        QCOMPARE(outcome.result.retries, 0);
        if (!causeField.isEmpty()) {
            QVERIFY(!error.status().causes.isEmpty());
            QCOMPARE(error.status().causes.first().field, causeField);
            QVERIFY(!error.status().causes.first().reason.isEmpty());
        } else {
            QCOMPARE(error.status().name, configMapName);
        }
        QCOMPARE(cluster.transport->stats()->failed(), 1);
    }

    void notFoundIsTyped() {
        Cluster cluster = startCluster();
        QVERIFY(cluster.transport);
        Outcome outcome;
        cluster.transport->send(get(QStringLiteral("/api/v1/namespaces/default/configmaps/nothing-here")),
                                nullptr, outcome.callback());
        QTRY_VERIFY_WITH_TIMEOUT(outcome.arrived, 10000);
        QVERIFY(outcome.result.error);
        QCOMPARE(outcome.result.error->reason(), QStringLiteral("NotFound"));
        QCOMPARE(outcome.result.error->httpStatus(), 404);
        QCOMPARE(outcome.result.error->status().name, QStringLiteral("nothing-here"));
    }

    void untrustedServerIsATlsError() {
        auto simulator = startSimulator();
        QVERIFY(simulator);
        ClusterEndpoint endpoint = endpointOf(*simulator);
        endpoint.caPem.clear(); // the system store does not know the simulator's CA
        StaticTokenProvider provider(simulator->credentials().adminToken);
        ClusterTransport transport(endpoint, &provider);
        Outcome outcome;
        transport.send(get(QStringLiteral("/version")), nullptr, outcome.callback());
        QTRY_VERIFY_WITH_TIMEOUT(outcome.arrived, 10000);
        QVERIFY(outcome.result.error);
        QCOMPARE(outcome.result.error->kind(), ApiError::Kind::Tls);
        QVERIFY2(outcome.result.error->message().contains(QLatin1String("certificate")),
                 qPrintable(outcome.result.error->message()));
        QCOMPARE(outcome.result.retries, 0);

        endpoint.insecureSkipTlsVerify = true;
        ClusterTransport insecure(endpoint, &provider);
        Outcome trusted;
        insecure.send(get(QStringLiteral("/version")), nullptr, trusted.callback());
        QTRY_VERIFY_WITH_TIMEOUT(trusted.arrived, 10000);
        QVERIFY(trusted.result.ok());
    }

    void unusableCaIsASetupError() {
        ClusterEndpoint endpoint;
        endpoint.server = QUrl(QStringLiteral("https://127.0.0.1:1"));
        endpoint.caPem = "not a certificate";
        ClusterTransport transport(endpoint, nullptr);
        QVERIFY(!transport.setupError().isEmpty());
        Outcome outcome;
        transport.send(get(QStringLiteral("/version")), nullptr, outcome.callback());
        QTRY_VERIFY_WITH_TIMEOUT(outcome.arrived, 10000);
        QVERIFY(outcome.result.error);
        QCOMPARE(outcome.result.error->message(), transport.setupError());
    }

    void credentialErrorFailsTheRequest() {
        Cluster cluster = startCluster();
        QVERIFY(cluster.transport);
        cluster.provider->failWith =
            CredentialError{QStringLiteral("gke-gcloud-auth-plugin not found"), QStringLiteral("install it")};
        Outcome outcome;
        cluster.transport->send(get(QStringLiteral("/version")), nullptr, outcome.callback());
        QTRY_VERIFY_WITH_TIMEOUT(outcome.arrived, 10000);
        QVERIFY(outcome.result.error);
        QCOMPARE(outcome.result.error->kind(), ApiError::Kind::Credential);
        QCOMPARE(outcome.result.error->message(), QStringLiteral("gke-gcloud-auth-plugin not found"));
        QCOMPARE(outcome.result.error->detail(), QStringLiteral("install it"));
    }

    void cancelBeforeTheReply_data() {
        QTest::addColumn<bool>("waitUntilInFlight");
        QTest::newRow("still queued") << false;
        QTest::newRow("in flight") << true;
    }
    void cancelBeforeTheReply() {
        QFETCH(bool, waitUntilInFlight);
        Cluster cluster = startCluster();
        QVERIFY(cluster.transport);
        cluster.simulator->faults()->setLatencyMs(300);
        Outcome cancelled;
        RequestHandle handle =
            cluster.transport->send(get(QStringLiteral("/api/v1/namespaces")), nullptr, cancelled.callback());
        QVERIFY(handle.isActive());
        if (waitUntilInFlight) {
            QTRY_COMPARE_WITH_TIMEOUT(cluster.transport->stats()->inFlight(), 1, 10000);
        }
        handle.cancel();
        QVERIFY(!handle.isActive());
        QCOMPARE(cluster.transport->stats()->inFlight(), 0);
        QCOMPARE(cluster.transport->stats()->queued(), 0);
        // A later request completes; the cancelled one never calls back.
        Outcome later;
        cluster.transport->send(get(QStringLiteral("/version")), nullptr, later.callback());
        QTRY_VERIFY_WITH_TIMEOUT(later.arrived, 10000);
        QVERIFY(later.result.ok());
        QVERIFY(!cancelled.arrived);
        QCOMPARE(cluster.transport->stats()->failed(), 0);
    }

    void destroyedContextCancels() {
        Cluster cluster = startCluster();
        QVERIFY(cluster.transport);
        auto context = std::make_unique<QObject>();
        Outcome outcome;
        RequestHandle handle =
            cluster.transport->send(get(QStringLiteral("/version")), context.get(), outcome.callback());
        context.reset();
        QVERIFY(!handle.isActive());
        Outcome later;
        cluster.transport->send(get(QStringLiteral("/version")), nullptr, later.callback());
        QTRY_VERIFY_WITH_TIMEOUT(later.arrived, 10000);
        QVERIFY(!outcome.arrived);
    }

    void interactiveOvertakesQueuedBackground() {
        TransportOptions options;
        options.maxConcurrentRequests = 1;
        Cluster cluster = startCluster(options);
        QVERIFY(cluster.transport);
        cluster.simulator->faults()->setLatencyMs(100);
        QStringList order;
        auto record = [&order](const QString& name) {
            return [&order, name](const ApiResult& result) {
                QVERIFY(result.ok());
                order.append(name);
            };
        };
        const QString path = QStringLiteral("/api/v1/namespaces");
        cluster.transport->send(get(path, Priority::Background), nullptr, record(QStringLiteral("relist-0")));
        QTRY_COMPARE_WITH_TIMEOUT(cluster.transport->stats()->inFlight(), 1, 10000);
        cluster.transport->send(get(path, Priority::Background), nullptr, record(QStringLiteral("relist-1")));
        cluster.transport->send(get(path, Priority::Background), nullptr, record(QStringLiteral("relist-2")));
        cluster.transport->send(get(path, Priority::Interactive), nullptr, record(QStringLiteral("click")));
        QCOMPARE(cluster.transport->stats()->queued(), 3);
        QTRY_COMPARE_WITH_TIMEOUT(order.size(), 4, 20000);
        QCOMPARE(order, (QStringList{QStringLiteral("relist-0"), QStringLiteral("click"),
                                     QStringLiteral("relist-1"), QStringLiteral("relist-2")}));
    }

    void statisticsCountTraffic() {
        Cluster cluster = startCluster();
        QVERIFY(cluster.transport);
        TransportStats* stats = cluster.transport->stats();
        stats->setNotifyInterval(std::chrono::milliseconds(10));
        QSignalSpy changed(stats, &TransportStats::changed);
        int arrived = 0;
        for (int i = 0; i < 20; ++i) {
            cluster.transport->send(get(QStringLiteral("/api/v1/namespaces")), nullptr,
                                    [&arrived](const ApiResult&) { ++arrived; });
        }
        Outcome created;
        const ApiRequestSpec create = createConfigMap(QStringLiteral("counted"));
        cluster.transport->send(create, nullptr, created.callback());
        Outcome missing;
        cluster.transport->send(get(QStringLiteral("/api/v1/namespaces/none")), nullptr, missing.callback());
        QTRY_VERIFY_WITH_TIMEOUT(arrived == 20 && created.arrived && missing.arrived, 20000);
        QCOMPARE(stats->done(), 21);
        QCOMPARE(stats->failed(), 1);
        QCOMPARE(stats->retried(), 0);
        QCOMPARE(stats->inFlight(), 0);
        QCOMPARE(stats->queued(), 0);
        QCOMPARE(stats->bytesSent(), create.body.size());
        QVERIFY(stats->bytesReceived() > 20 * 100);
        QVERIFY(stats->latencyP50Ms() <= stats->latencyP95Ms());
        QVERIFY(stats->latencyP95Ms() <= stats->latencyP99Ms());
        QVERIFY(stats->latencyP99Ms() > 0);
        QTRY_VERIFY_WITH_TIMEOUT(!changed.isEmpty(), 5000);
        // Readable through the meta-object, as QML reads it.
        QCOMPARE(stats->property("done").toLongLong(), 21);
        QCOMPARE(stats->property("latencyP99Ms").toDouble(), stats->latencyP99Ms());
    }

    void streamDeliversChunksAsTheyArrive() {
        Cluster cluster = startCluster();
        QVERIFY(cluster.transport);
        ApiRequestSpec watch =
            get(QStringLiteral("/api/v1/namespaces/default/configmaps"), Priority::Background);
        watch.query.addQueryItem(QStringLiteral("watch"), QStringLiteral("true"));
        int responses = 0;
        QByteArray received;
        int chunks = 0;
        std::optional<ApiResult> end;
        StreamHandlers handlers;
        handlers.onResponse = [&](const ApiResponse& head) {
            ++responses;
            QCOMPARE(head.statusCode, 200);
        };
        handlers.onData = [&](const QByteArray& bytes) {
            ++chunks;
            received += bytes;
        };
        handlers.onFinished = [&](const ApiResult& result) { end = result; };
        RequestHandle stream = cluster.transport->openStream(watch, nullptr, handlers);
        QTRY_COMPARE_WITH_TIMEOUT(responses, 1, 10000);

        Outcome created;
        cluster.transport->send(createConfigMap(QStringLiteral("streamed-1")), nullptr, created.callback());
        QTRY_VERIFY_WITH_TIMEOUT(received.contains("\"streamed-1\""), 10000);
        const int chunksAfterFirst = chunks;
        QVERIFY(!end);
        Outcome second;
        cluster.transport->send(createConfigMap(QStringLiteral("streamed-2")), nullptr, second.callback());
        QTRY_VERIFY_WITH_TIMEOUT(received.contains("\"streamed-2\""), 10000);
        QVERIFY(chunks > chunksAfterFirst); // delivered while the stream stays open
        QVERIFY(received.contains("\"type\":\"ADDED\""));
        QVERIFY(!end);
        QCOMPARE(cluster.transport->stats()->inFlight(), 0); // streams are not counted as requests

        // The server drops the connection: the stream ends as broken (not as a clean end, which would mean
        // "timeout reached") and is not retried (bytes were delivered; resuming is the watch layer's job).
        QVERIFY(stream.isActive());
        cluster.simulator->faults()->configure(QJsonObject{{"dropWatches", true}});
        QTRY_VERIFY_WITH_TIMEOUT(end.has_value(), 10000);
        QVERIFY2(!end->ok(), "a dropped stream was reported as a clean end");
        QCOMPARE(end->error->kind(), ApiError::Kind::ConnectionLost);
        QCOMPARE(end->retries, 0);
        QVERIFY(!stream.isActive());
    }

    // A backlog of megabytes (a watch resumed from an old resourceVersion) reaches the handler whole and in
    // order, in reads of a bounded size spread over event-loop turns; a cancel from inside the handler stops
    // delivery at once.
    void largeBacklogArrivesWholeAndInOrder() {
        Cluster cluster = startCluster();
        QVERIFY(cluster.transport);
        Outcome listed;
        cluster.transport->send(get(QStringLiteral("/api/v1/namespaces/default/configmaps")), nullptr,
                                listed.callback());
        QTRY_VERIFY_WITH_TIMEOUT(listed.arrived, 10000);
        const QString from = QJsonDocument::fromJson(listed.result.response.body)
                                 .object()
                                 .value("metadata")
                                 .toObject()
                                 .value("resourceVersion")
                                 .toString();
        constexpr int objects = 120;
        const QString filler(20000, QLatin1Char('x')); // 120 x 20 KB: well over a turn's four 256 KB reads
        int created = 0;
        for (int i = 0; i < objects; ++i) {
            ApiRequestSpec create =
                createConfigMap(QStringLiteral("backlog-%1").arg(i, 3, 10, QLatin1Char('0')));
            QJsonObject body = QJsonDocument::fromJson(create.body).object();
            body.insert("data", QJsonObject{{"filler", filler}});
            create.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
            cluster.transport->send(create, nullptr,
                                    [&](const ApiResult& result) { created += result.ok(); });
        }
        QTRY_COMPARE_WITH_TIMEOUT(created, objects, 20000);

        ApiRequestSpec watch = get(QStringLiteral("/api/v1/namespaces/default/configmaps"));
        watch.query.addQueryItem(QStringLiteral("watch"), QStringLiteral("true"));
        watch.query.addQueryItem(QStringLiteral("resourceVersion"), from);
        QByteArray received;
        qsizetype largestRead = 0;
        StreamHandlers handlers;
        handlers.onData = [&](const QByteArray& bytes) {
            received += bytes;
            largestRead = std::max(largestRead, bytes.size());
        };
        RequestHandle stream = cluster.transport->openStream(watch, nullptr, handlers);
        QTRY_VERIFY_WITH_TIMEOUT(received.count("\"type\":\"ADDED\"") == objects, 20000);
        QVERIFY(received.size() > objects * 20000);
        QVERIFY(largestRead <= 256 * 1024);
        // Each object once, in the server's order (resourceVersions rising), every line whole.
        QSet<QString> names;
        qint64 lastVersion = 0;
        for (const QByteArray& line : received.split('\n')) {
            if (line.isEmpty()) {
                continue;
            }
            const QJsonObject metadata = QJsonDocument::fromJson(line)
                                             .object()
                                             .value("object")
                                             .toObject()
                                             .value("metadata")
                                             .toObject();
            const qint64 version = metadata.value("resourceVersion").toString().toLongLong();
            QVERIFY2(version > lastVersion, line.left(200).constData());
            lastVersion = version;
            names.insert(metadata.value("name").toString());
        }
        QCOMPARE(names.size(), objects);
        stream.cancel();

        // The same backlog again, cancelled from inside the first delivery: nothing more arrives.
        int deliveries = 0;
        bool finished = false;
        RequestHandle cancelled;
        StreamHandlers cancelling;
        cancelling.onData = [&](const QByteArray&) {
            ++deliveries;
            cancelled.cancel();
        };
        cancelling.onFinished = [&](const ApiResult&) { finished = true; };
        cancelled = cluster.transport->openStream(watch, nullptr, cancelling);
        QTRY_COMPARE_WITH_TIMEOUT(deliveries, 1, 10000);
        QTest::qWait(200); // turns of the event loop in which more reads would have come
        QCOMPARE(deliveries, 1);
        QVERIFY(!finished);
        cluster.simulator->faults()->configure(QJsonObject{{"dropWatches", true}});
    }

    void plusSignsReachTheServerIntact() {
        // An event whose reason holds a '+', found by a field selector: the '+' must not arrive as a space.
        Cluster cluster = startCluster();
        QVERIFY(cluster.transport);
        ApiRequestSpec create;
        create.method = "POST";
        create.path = QStringLiteral("/api/v1/namespaces/default/events");
        create.contentType = "application/json";
        create.body =
            QJsonDocument(QJsonObject{{"apiVersion", "v1"},
                                      {"kind", "Event"},
                                      {"metadata", QJsonObject{{"name", "plus"}}},
                                      {"involvedObject", QJsonObject{{"kind", "Pod"}, {"name", "p"}}},
                                      {"reason", "Back+Off"},
                                      {"message", "m"}})
                .toJson(QJsonDocument::Compact);
        Outcome created;
        cluster.transport->send(create, nullptr, created.callback());
        QTRY_VERIFY_WITH_TIMEOUT(created.arrived, 10000);
        QVERIFY2(created.result.ok(),
                 qPrintable(created.result.error ? created.result.error->message() : QString()));
        ApiRequestSpec list = get(QStringLiteral("/api/v1/namespaces/default/events"));
        list.query.addQueryItem(QStringLiteral("fieldSelector"), QStringLiteral("reason=Back+Off"));
        Outcome listed;
        cluster.transport->send(list, nullptr, listed.callback());
        QTRY_VERIFY_WITH_TIMEOUT(listed.arrived, 10000);
        QVERIFY(listed.result.ok());
        const QJsonArray items =
            QJsonDocument::fromJson(listed.result.response.body).object().value("items").toArray();
        QCOMPARE(items.size(), 1);
        QCOMPARE(items.at(0).toObject().value("reason").toString(), QStringLiteral("Back+Off"));
    }

    void serverEndsStreamCleanly() {
        Cluster cluster = startCluster();
        QVERIFY(cluster.transport);
        ApiRequestSpec watch = get(QStringLiteral("/api/v1/namespaces/default/configmaps"));
        watch.query.addQueryItem(QStringLiteral("watch"), QStringLiteral("true"));
        watch.query.addQueryItem(QStringLiteral("timeoutSeconds"), QStringLiteral("1"));
        std::optional<ApiResult> end;
        StreamHandlers handlers;
        handlers.onFinished = [&](const ApiResult& result) { end = result; };
        cluster.transport->openStream(watch, nullptr, handlers);
        QTRY_VERIFY_WITH_TIMEOUT(end.has_value(), 10000);
        QVERIFY2(end->ok(), qPrintable(end->error->message()));
        QCOMPARE(end->response.statusCode, 200);
        QCOMPARE(cluster.transport->stats()->done(), 1);
    }

    void cancelledStreamStaysSilent() {
        Cluster cluster = startCluster();
        QVERIFY(cluster.transport);
        ApiRequestSpec watch = get(QStringLiteral("/api/v1/namespaces/default/configmaps"));
        watch.query.addQueryItem(QStringLiteral("watch"), QStringLiteral("true"));
        bool opened = false;
        bool finished = false;
        StreamHandlers handlers;
        handlers.onResponse = [&](const ApiResponse&) { opened = true; };
        handlers.onFinished = [&](const ApiResult&) { finished = true; };
        RequestHandle stream = cluster.transport->openStream(watch, nullptr, handlers);
        QTRY_VERIFY_WITH_TIMEOUT(opened, 10000);
        stream.cancel();
        QVERIFY(!stream.isActive());
        Outcome later;
        cluster.transport->send(createConfigMap(QStringLiteral("after-cancel")), nullptr, later.callback());
        QTRY_VERIFY_WITH_TIMEOUT(later.arrived, 10000);
        QVERIFY(!finished);
        // Let the simulator forget the watch before it is destroyed (see the report: its teardown
        // with a live watch connection crashes).
        cluster.simulator->faults()->configure(QJsonObject{{"dropWatches", true}});
    }
    void streamWithAnErrorStatusEndsTyped() {
        Cluster cluster = startCluster();
        QVERIFY(cluster.transport);
        ApiRequestSpec watch = get(QStringLiteral("/api/v1/namespaces/default/nonsense"));
        watch.query.addQueryItem(QStringLiteral("watch"), QStringLiteral("true"));
        bool dataSeen = false;
        std::optional<ApiResult> end;
        StreamHandlers handlers;
        handlers.onData = [&](const QByteArray&) { dataSeen = true; };
        handlers.onFinished = [&](const ApiResult& result) { end = result; };
        cluster.transport->openStream(watch, nullptr, handlers);
        QTRY_VERIFY_WITH_TIMEOUT(end.has_value(), 10000);
        QVERIFY(end->error);
        QCOMPARE(end->error->httpStatus(), 404);
        QCOMPARE(end->error->reason(), QStringLiteral("NotFound"));
        QVERIFY(!dataSeen);
    }
};

QTEST_MAIN(TestClusterTransport)
#include "tst_clustertransport.moc"
