// Reflector against an in-process simulator over real TLS: paged first sync, ordered events, resume after
// a dropped watch with nothing lost or repeated, relist after 410 (watch and continue token), rotation.
#include "reflectortesting.h"
#include "transportstats.h"

using namespace testing;

class TestReflector : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void firstSyncAcrossPages_data() {
        QTest::addColumn<int>("objects");
        QTest::addColumn<int>("pageSize");
        QTest::addColumn<QList<int>>("pages");
        QTest::newRow("23 in pages of 5") << 23 << 5 << QList<int>{5, 5, 5, 5, 3};
        QTest::newRow("exact pages") << 10 << 5 << QList<int>{5, 5};
        QTest::newRow("one request") << 7 << 0 << QList<int>{7};
        QTest::newRow("empty") << 0 << 5 << QList<int>{0};
    }
    void firstSyncAcrossPages() {
        QFETCH(int, objects);
        QFETCH(int, pageSize);
        QFETCH(QList<int>, pages);
        Fixture fixture;
        QVERIFY(fixture.start());
        for (int i = 0; i < objects; ++i) {
            QVERIFY(fixture.writer->create(QStringLiteral("cm-%1").arg(i, 3, 10, QLatin1Char('0'))) > 0);
        }
        auto reflector = fixture.reflector(fastOptions(pageSize));
        CacheModel model;
        model.attach(reflector.get());
        reflector->start();
        QCOMPARE(reflector->status().state, ReflectorState::Syncing);
        QTRY_VERIFY_WITH_TIMEOUT(isLive(*reflector), timeoutMs);

        QCOMPARE(model.listStarted, 1);
        QCOMPARE(model.listFinished, 1);
        QCOMPARE(model.pageSizes, pages);
        QCOMPARE(model.state(), fixture.writer->serverState());
        QVERIFY(!model.listResourceVersion.isEmpty());
        QCOMPARE(reflector->status().resourceVersion, model.listResourceVersion);
        QVERIFY(reflector->status().lastEventAt.isValid());
        QCOMPARE(reflector->status().attempt, 0);
        QVERIFY(model.problems.isEmpty());
        QCOMPARE(model.statuses.size(), 2); // Syncing, Live
        QCOMPARE(model.statuses.first().state, ReflectorState::Syncing);
        if (objects > 0) {
            const ObjectSummary& first = model.objects.value(testNamespace + QStringLiteral("/cm-000"));
            QCOMPARE(first.kind, QStringLiteral("ConfigMap"));
            QVERIFY(!first.uid.isEmpty());
            QVERIFY(first.toJsonObject().contains(QLatin1String("data")));
        }
    }

    // Pipelining: the request for the next page is on its way while a page is still being delivered, so the
    // server produces it meanwhile; the pages still arrive whole and in order.
    void nextPageRequestedBeforeDelivery() {
        Fixture fixture;
        QVERIFY(fixture.start());
        for (int i = 0; i < 12; ++i) {
            QVERIFY(fixture.writer->create(QStringLiteral("cm-%1").arg(i, 3, 10, QLatin1Char('0'))) > 0);
        }
        auto reflector = fixture.reflector(fastOptions(5));
        CacheModel model;
        model.attach(reflector.get());
        QList<int> inFlightAtDelivery;
        connect(reflector.get(), &Reflector::listPage, this, [&](const QList<ObjectSummary>&) {
            const binnacle::transport::TransportStats* stats = fixture.cluster.transport->stats();
            inFlightAtDelivery.append(stats->inFlight() + stats->queued());
        });
        reflector->start();
        QTRY_VERIFY_WITH_TIMEOUT(isLive(*reflector), timeoutMs);
        QCOMPARE(model.pageSizes, (QList<int>{5, 5, 2}));
        // Pages 1 and 2 name a successor: its request is out while they are delivered. The last names none.
        QCOMPARE(inFlightAtDelivery.size(), 3);
        QCOMPARE(inFlightAtDelivery.at(0), 1);
        QCOMPARE(inFlightAtDelivery.at(1), 1);
        QCOMPARE(inFlightAtDelivery.at(2), 0);
        QCOMPARE(model.state(), fixture.writer->serverState());
    }

    void eventsAfterSyncArriveInOrder() {
        Fixture fixture;
        QVERIFY(fixture.start());
        auto reflector = fixture.reflector();
        CacheModel model;
        model.attach(reflector.get());
        reflector->start();
        QTRY_VERIFY_WITH_TIMEOUT(isLive(*reflector), timeoutMs);

        QList<qint64> versions{fixture.writer->create(QStringLiteral("a")),
                               fixture.writer->modify(QStringLiteral("a"), QStringLiteral("2")),
                               fixture.writer->create(QStringLiteral("b")),
                               fixture.writer->remove(QStringLiteral("a"))};
        QTRY_COMPARE_WITH_TIMEOUT(model.events.size(), 4, timeoutMs);
        const QList<WatchEvent::Type> types{WatchEvent::Type::Added, WatchEvent::Type::Modified,
                                            WatchEvent::Type::Added, WatchEvent::Type::Deleted};
        const QStringList names{"a", "a", "b", "a"};
        for (int i = 0; i < 4; ++i) {
            QCOMPARE(model.events.at(i).type, types.at(i));
            QCOMPARE(model.events.at(i).object.name, names.at(i));
            QCOMPARE(model.events.at(i).resourceVersion, QString::number(versions.at(i)));
        }
        QCOMPARE(reflector->status().resourceVersion, QString::number(versions.last()));
        QCOMPARE(model.state(), fixture.writer->serverState());
        QVERIFY2(model.problems.isEmpty(), qPrintable(model.problems.join(", ")));
        QCOMPARE(model.listStarted, 1);
    }

    void droppedWatchResumesWithoutLossOrRepeats_data() {
        QTest::addColumn<QJsonObject>("fault");
        QTest::newRow("dropWatches") << QJsonObject{{"dropWatches", true}};
        QTest::newRow("server restart") << QJsonObject{{"restart", QJsonObject{{"downMs", 300}}}};
    }
    void droppedWatchResumesWithoutLossOrRepeats() {
        QFETCH(QJsonObject, fault);
        Fixture fixture;
        QVERIFY(fixture.start());
        for (int i = 0; i < 5; ++i) {
            QVERIFY(fixture.writer->create(QStringLiteral("before-%1").arg(i)) > 0);
        }
        auto reflector = fixture.reflector(fastOptions(2));
        CacheModel model;
        model.attach(reflector.get());
        reflector->start();
        QTRY_VERIFY_WITH_TIMEOUT(isLive(*reflector), timeoutMs);
        QList<qint64> written{fixture.writer->modify(QStringLiteral("before-0"), QStringLiteral("live"))};
        QTRY_COMPARE_WITH_TIMEOUT(model.events.size(), 1, timeoutMs);

        // The watch goes down; the data changes while nobody watches.
        fixture.cluster.simulator->faults()->configure(fault);
        written << fixture.writer->create(QStringLiteral("during-1")) << fixture.writer->create("during-2")
                << fixture.writer->modify(QStringLiteral("before-1"), QStringLiteral("x"))
                << fixture.writer->remove(QStringLiteral("before-2"))
                << fixture.writer->modify(QStringLiteral("during-1"), QStringLiteral("y"));
        QTRY_VERIFY_WITH_TIMEOUT(model.sawState(ReflectorState::Reconnecting), timeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(isLive(*reflector), timeoutMs);
        written << fixture.writer->create(QStringLiteral("after"));

        QTRY_COMPARE_WITH_TIMEOUT(model.events.size(), written.size(), timeoutMs);
        for (qint64 rv : written) {
            QVERIFY(rv > 0);
            QCOMPARE(model.eventsWithVersion(rv), 1);
        }
        QCOMPARE(model.state(), fixture.writer->serverState());
        QVERIFY2(model.problems.isEmpty(), qPrintable(model.problems.join(", ")));
        QCOMPARE(model.listStarted, 1); // resumed from the last resourceVersion: no relist
        QCOMPARE(reflector->status().attempt, 0);
        QVERIFY(reflector->status().lastError.isEmpty());
    }

    void expiredWatchRelists_data() {
        QTest::addColumn<bool>("compact"); // else expireNextWatch: an ERROR 410 event in a 200 stream
        QTest::newRow("ERROR 410 event") << false;
        QTest::newRow("history compacted") << true;
    }
    void expiredWatchRelists() {
        QFETCH(bool, compact);
        Fixture fixture;
        QVERIFY(fixture.start());
        for (int i = 0; i < 6; ++i) {
            QVERIFY(fixture.writer->create(QStringLiteral("cm-%1").arg(i)) > 0);
        }
        auto reflector = fixture.reflector(fastOptions(4));
        CacheModel model;
        model.attach(reflector.get());
        reflector->start();
        QTRY_VERIFY_WITH_TIMEOUT(isLive(*reflector), timeoutMs);
        QVERIFY(fixture.writer->create(QStringLiteral("seen")) > 0);
        QTRY_COMPARE_WITH_TIMEOUT(model.events.size(), 1, timeoutMs);

        auto* faults = fixture.cluster.simulator->faults();
        if (!compact) {
            faults->expireNextWatch();
        }
        faults->configure(QJsonObject{{"dropWatches", true}});
        QVERIFY(fixture.writer->remove(QStringLiteral("cm-1")) > 0);
        QVERIFY(fixture.writer->create(QStringLiteral("unseen")) > 0);
        if (compact) {
            faults->configure(QJsonObject{{"compact", true}});
        }
        QTRY_COMPARE_WITH_TIMEOUT(model.listFinished, 2, timeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(isLive(*reflector), timeoutMs);
        QCOMPARE(model.listStarted, 2);
        QCOMPARE(model.events.size(), 1); // the changes came with the relist, not as events
        QCOMPARE(model.state(), fixture.writer->serverState());
        QVERIFY2(model.problems.isEmpty(), qPrintable(model.problems.join(", ")));
        QCOMPARE(reflector->status().resourceVersion, model.listResourceVersion);

        QVERIFY(fixture.writer->create(QStringLiteral("after-relist")) > 0);
        QTRY_COMPARE_WITH_TIMEOUT(model.events.size(), 2, timeoutMs);
        QCOMPARE(model.state(), fixture.writer->serverState());
    }

    void expiredContinueTokenRestartsList() {
        Fixture fixture;
        QVERIFY(fixture.start());
        for (int i = 0; i < 12; ++i) {
            QVERIFY(fixture.writer->create(QStringLiteral("cm-%1").arg(i, 2, 10, QLatin1Char('0'))) > 0);
        }
        auto reflector = fixture.reflector(fastOptions(5));
        CacheModel model;
        model.attach(reflector.get());
        bool compacted = false;
        // After the first page, the history behind its continue token goes away.
        connect(reflector.get(), &Reflector::listPage, this, [&] {
            if (!compacted) {
                compacted = true;
                fixture.writer->create(QStringLiteral("cm-99"));
                fixture.cluster.simulator->faults()->configure(QJsonObject{{"compact", true}});
            }
        });
        reflector->start();
        QTRY_VERIFY_WITH_TIMEOUT(isLive(*reflector), timeoutMs);
        QCOMPARE(model.listStarted, 2);
        QCOMPARE(model.listFinished, 1);
        QCOMPARE(model.pageSizes, (QList<int>{5, 5, 5, 3}));
        QCOMPARE(model.objects.size(), 13);
        QCOMPARE(model.state(), fixture.writer->serverState());
        QVERIFY2(model.problems.isEmpty(), qPrintable(model.problems.join(", ")));
    }

    void watchTimeoutRotationResumes() {
        Fixture fixture;
        QVERIFY(fixture.start());
        ReflectorOptions options = fastOptions();
        options.minWatchTimeout = std::chrono::seconds(1);
        auto reflector = fixture.reflector(options);
        CacheModel model;
        model.attach(reflector.get());
        reflector->start();
        QTRY_VERIFY_WITH_TIMEOUT(isLive(*reflector), timeoutMs);
        const qint64 doneBefore = fixture.cluster.transport->stats()->done();
        // Watches last 1-2 s: wait until one has ended cleanly (a finished request); the write then lands
        // around the re-watch, which resumes from the last resourceVersion either way.
        QTRY_VERIFY_WITH_TIMEOUT(fixture.cluster.transport->stats()->done() > doneBefore, timeoutMs);
        const qint64 rv = fixture.writer->create(QStringLiteral("after-rotation"));
        QTRY_COMPARE_WITH_TIMEOUT(model.events.size(), 1, timeoutMs);
        QCOMPARE(model.eventsWithVersion(rv), 1);
        QCOMPARE(model.listStarted, 1);
        QVERIFY(!model.sawState(ReflectorState::Reconnecting));
        QCOMPARE(fixture.cluster.transport->stats()->failed(), 0);
    }
};

QTEST_GUILESS_MAIN(TestReflector)
#include "tst_reflector.moc"
