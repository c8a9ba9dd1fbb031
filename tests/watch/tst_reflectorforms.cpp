// The reflector's forms: server-side Table (columns and cells on lists and watches) and WatchList
// (sendInitialEvents), which must give the same snapshot as list+watch, with its fallback.
#include "reflectortesting.h"

using namespace testing;

class TestReflectorForms : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void tableFormCarriesColumnsAndCells() {
        Fixture fixture;
        QVERIFY(fixture.start());
        QVERIFY(fixture.writer->create(QStringLiteral("listed")) > 0);
        auto reflector = fixture.reflector(fastOptions(), configMapsTarget(WatchTarget::Form::Table));
        CacheModel model;
        model.attach(reflector.get());
        reflector->start();
        QTRY_VERIFY_WITH_TIMEOUT(isLive(*reflector), timeoutMs);

        QCOMPARE(model.columnChanges, 1);
        const auto columns = reflector->tableColumns();
        QVERIFY(columns.size() >= 3);
        QCOMPARE(columns.first().name, QStringLiteral("Name"));
        QCOMPARE(columns.first().format, QStringLiteral("name"));
        const ObjectSummary listed = model.objects.value(testNamespace + QStringLiteral("/listed"));
        QCOMPARE(listed.name, QStringLiteral("listed"));
        QCOMPARE(listed.tableCells.size(), columns.size());
        QCOMPARE(listed.tableCells.first(), QStringLiteral("listed"));
        QVERIFY(!listed.uid.isEmpty());
        // includeObject=Metadata: the object is its metadata only.
        QVERIFY(!listed.toJsonObject().contains(QLatin1String("data")));

        const qint64 rv = fixture.writer->create(QStringLiteral("watched"));
        QTRY_COMPARE_WITH_TIMEOUT(model.events.size(), 1, timeoutMs);
        const WatchEvent& event = model.events.first();
        QVERIFY(event.tableForm);
        QCOMPARE(event.object.name, QStringLiteral("watched"));
        QCOMPARE(event.resourceVersion, QString::number(rv));
        QCOMPARE(event.object.tableCells.size(), columns.size());
        QCOMPARE(model.columnChanges, 1); // the watch's columns are the list's
        QCOMPARE(model.state(), fixture.writer->serverState());
    }

    void watchListGivesTheSameSnapshotAsListAndWatch_data() {
        QTest::addColumn<bool>("table");
        QTest::newRow("objects") << false;
        QTest::newRow("table") << true;
    }
    void watchListGivesTheSameSnapshotAsListAndWatch() {
        QFETCH(bool, table);
        const WatchTarget target =
            configMapsTarget(table ? WatchTarget::Form::Table : WatchTarget::Form::Objects);
        Fixture fixture;
        QVERIFY(fixture.start());
        for (int i = 0; i < 9; ++i) {
            QVERIFY(fixture.writer->create(QStringLiteral("cm-%1").arg(i)) > 0);
        }
        ReflectorOptions streaming = fastOptions(4);
        streaming.useWatchList = true;
        auto watchList = fixture.reflector(streaming, target);
        auto listAndWatch = fixture.reflector(fastOptions(4), target);
        CacheModel streamed;
        CacheModel listed;
        streamed.attach(watchList.get());
        listed.attach(listAndWatch.get());
        watchList->start();
        listAndWatch->start();
        QVERIFY(watchList->status().usingWatchList);
        QVERIFY(!listAndWatch->status().usingWatchList);
        QTRY_VERIFY_WITH_TIMEOUT(isLive(*watchList) && isLive(*listAndWatch), timeoutMs);

        QCOMPARE(streamed.listStarted, 1);
        QCOMPARE(streamed.listFinished, 1);
        QVERIFY(watchList->status().usingWatchList);
        QCOMPARE(streamed.state(), listed.state());
        QCOMPARE(streamed.state(), fixture.writer->serverState());
        QCOMPARE(streamed.listResourceVersion, listed.listResourceVersion);
        if (table) {
            QCOMPARE(watchList->tableColumns().size(), listAndWatch->tableColumns().size());
            const ObjectSummary object = streamed.objects.value(testNamespace + QStringLiteral("/cm-0"));
            QCOMPARE(object.tableCells.size(), watchList->tableColumns().size());
        }

        const QList<qint64> written{fixture.writer->modify(QStringLiteral("cm-3"), QStringLiteral("z")),
                                    fixture.writer->remove(QStringLiteral("cm-4")),
                                    fixture.writer->create(QStringLiteral("new"))};
        QTRY_COMPARE_WITH_TIMEOUT(streamed.events.size(), 3, timeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(listed.events.size(), 3, timeoutMs);
        for (qint64 rv : written) {
            QCOMPARE(streamed.eventsWithVersion(rv), 1);
        }
        QCOMPARE(streamed.state(), fixture.writer->serverState());
        QCOMPARE(listed.state(), fixture.writer->serverState());
        QVERIFY(streamed.problems.isEmpty());
        QVERIFY(listed.problems.isEmpty());
    }

    void watchListFallsBackToListAndWatch() {
        Fixture fixture;
        QVERIFY(fixture.start());
        QVERIFY(fixture.writer->create(QStringLiteral("one")) > 0);
        ReflectorOptions options = fastOptions();
        options.useWatchList = true;
        auto reflector = fixture.reflector(options);
        CacheModel model;
        model.attach(reflector.get());
        // A server without the WatchList feature answers 422 to sendInitialEvents.
        fixture.cluster.simulator->faults()->failNext(1, 422, -1);
        reflector->start();
        QTRY_VERIFY_WITH_TIMEOUT(isLive(*reflector), timeoutMs);
        QVERIFY(!reflector->status().usingWatchList);
        QCOMPARE(model.listStarted, 1);
        QCOMPARE(model.state(), fixture.writer->serverState());
        QVERIFY(!model.sawState(ReflectorState::Error));

        // For good: a relist uses list+watch too.
        reflector->relist();
        QTRY_COMPARE_WITH_TIMEOUT(model.listFinished, 2, timeoutMs);
        QVERIFY(!reflector->status().usingWatchList);
    }
};

QTEST_GUILESS_MAIN(TestReflectorForms)
#include "tst_reflectorforms.moc"
