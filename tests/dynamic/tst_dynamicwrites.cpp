// DynamicClient's other writes against the simulator over TLS: every patch type, server-side apply and its
// conflicts, dry runs, the status and scale subresources, and server-side Table requests.
#include "dynamictesting.h"

using namespace dynamictesting;
using namespace binnacle;

class TestDynamicWrites : public Fixture {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(m_cluster.start()); }

    void patchTypes_data() {
        QTest::addColumn<int>("type");
        QTest::addColumn<QByteArray>("patch");
        QTest::addColumn<int>("containers"); // strategic merges the list by name; merge replaces it
        QTest::newRow("json")
            << int(dynamic::PatchType::Json)
            << QByteArray(
                   R"([{"op":"replace","path":"/spec/template/spec/containers/0/image","value":"nginx:2"}])")
            << 2;
        QTest::newRow("merge")
            << int(dynamic::PatchType::Merge)
            << QByteArray(
                   R"({"spec":{"template":{"spec":{"containers":[{"name":"web","image":"nginx:2"}]}}}})")
            << 1;
        QTest::newRow("strategic")
            << int(dynamic::PatchType::StrategicMerge)
            << QByteArray(
                   R"({"spec":{"template":{"spec":{"containers":[{"name":"web","image":"nginx:2"}]}}}})")
            << 2;
    }
    void patchTypes() {
        QFETCH(int, type);
        QFETCH(QByteArray, patch);
        QFETCH(int, containers);
        const QString name = QStringLiteral("patched-%1").arg(type);
        QVERIFY(create(deployments(), deployment(name)).ok());
        ObjectResult patched;
        QVERIFY(await(&patched, [&](auto done) {
            client()->patch(target(deployments(), name), dynamic::PatchType(type), patch, {}, done);
        }));
        QVERIFY2(patched.ok(), qPrintable(describe(patched)));
        const QJsonArray list = patched
                                    .object()[QLatin1String("spec")][QLatin1String("template")]
                                             [QLatin1String("spec")][QLatin1String("containers")]
                                    .toArray();
        QCOMPARE(list.size(), containers);
        QCOMPARE(list.at(0)[QLatin1String("image")].toString(), QStringLiteral("nginx:2"));
    }

    void serverSideApplyConflictThenForce() {
        const QByteArray first = configMap(QStringLiteral("applied"), QStringLiteral("from-a"));
        dynamic::ApplyOptions options;
        options.write.fieldManager = QStringLiteral("manager-a");
        ObjectResult applied;
        QVERIFY(await(&applied, [&](auto done) {
            client()->apply(target(configMaps(), QStringLiteral("applied")), first, options, done);
        }));
        QVERIFY2(applied.ok(), qPrintable(describe(applied)));
        options.write.fieldManager = QStringLiteral("manager-b");
        const QByteArray second = configMap(QStringLiteral("applied"), QStringLiteral("from-b"));
        ObjectResult conflict;
        QVERIFY(await(&conflict, [&](auto done) {
            client()->apply(target(configMaps(), QStringLiteral("applied")), second, options, done);
        }));
        QCOMPARE(conflict.reason(), QStringLiteral("Conflict"));
        QVERIFY2(conflict.error->status().message.contains(QLatin1String("manager-a")),
                 qPrintable(conflict.error->status().message));
        QVERIFY(!conflict.error->status().causes.isEmpty());
        QCOMPARE(conflict.error->status().causes.first().reason, QStringLiteral("FieldManagerConflict"));
        options.force = true;
        ObjectResult forced;
        QVERIFY(await(&forced, [&](auto done) {
            client()->apply(target(configMaps(), QStringLiteral("applied")), second, options, done);
        }));
        QVERIFY2(forced.ok(), qPrintable(describe(forced)));
        QCOMPARE(data(forced).value(QLatin1String("key")).toString(), QStringLiteral("from-b"));
        // The default manager is binnacle.
        ObjectResult byDefault;
        QVERIFY(await(&byDefault, [&](auto done) {
            client()->apply(target(configMaps(), QStringLiteral("defaulted")),
                            configMap(QStringLiteral("defaulted"), QStringLiteral("x")), {}, done);
        }));
        QVERIFY(byDefault.ok());
        QVERIFY(byDefault.json.contains("\"manager\":\"binnacle\""));
    }

    void dryRunLeavesNothing() {
        dynamic::WriteOptions dryRun;
        dryRun.dryRun = true;
        const ObjectResult created =
            create(configMaps(), configMap(QStringLiteral("dry"), QStringLiteral("a")), dryRun);
        QVERIFY2(created.ok(), qPrintable(describe(created)));
        QCOMPARE(created.summary().name, QStringLiteral("dry"));
        QCOMPARE(get(target(configMaps(), QStringLiteral("dry"))).reason(), QStringLiteral("NotFound"));

        QVERIFY(create(configMaps(), configMap(QStringLiteral("kept"), QStringLiteral("a"))).ok());
        ObjectResult patched;
        QVERIFY(await(&patched, [&](auto done) {
            client()->patch(target(configMaps(), QStringLiteral("kept")), dynamic::PatchType::Merge,
                            R"({"data":{"key":"b"}})", dryRun, done);
        }));
        QCOMPARE(data(patched).value(QLatin1String("key")).toString(), QStringLiteral("b"));
        dynamic::ApplyOptions apply;
        apply.write = dryRun;
        apply.force = true; // the create above made "binnacle" (from the user agent) an Update manager
        ObjectResult applied;
        QVERIFY(await(&applied, [&](auto done) {
            client()->apply(target(configMaps(), QStringLiteral("kept")),
                            configMap(QStringLiteral("kept"), QStringLiteral("c")), apply, done);
        }));
        QVERIFY2(applied.ok(), qPrintable(describe(applied)));
        dynamic::DeleteOptions deleteDry;
        deleteDry.dryRun = true;
        ObjectResult removed;
        QVERIFY(await(&removed, [&](auto done) {
            client()->remove(target(configMaps(), QStringLiteral("kept")), deleteDry, done);
        }));
        QVERIFY2(removed.ok(), qPrintable(describe(removed)));
        const ObjectResult kept = get(target(configMaps(), QStringLiteral("kept")));
        QVERIFY(kept.ok());
        QCOMPARE(data(kept).value(QLatin1String("key")).toString(), QStringLiteral("a"));
    }

    void scaleSubresource() {
        QVERIFY(create(deployments(), deployment(QStringLiteral("scaled"))).ok());
        const ObjectTarget scale = target(deployments(), QStringLiteral("scaled"), QStringLiteral("scale"));
        ObjectResult current = get(scale);
        QVERIFY2(current.ok(), qPrintable(describe(current)));
        QCOMPARE(current.object().value(QLatin1String("kind")).toString(), QStringLiteral("Scale"));
        QCOMPARE(current.object()[QLatin1String("spec")][QLatin1String("replicas")].toInt(), 1);
        QJsonObject wanted = current.object();
        wanted.insert(QStringLiteral("spec"), QJsonObject{{QStringLiteral("replicas"), 3}});
        ObjectResult replaced;
        QVERIFY(await(&replaced, [&](auto done) {
            client()->replace(scale, QJsonDocument(wanted).toJson(), {}, done);
        }));
        QVERIFY2(replaced.ok(), qPrintable(describe(replaced)));
        ObjectResult patched;
        QVERIFY(await(&patched, [&](auto done) {
            client()->patch(scale, dynamic::PatchType::Merge, R"({"spec":{"replicas":5}})", {}, done);
        }));
        QVERIFY2(patched.ok(), qPrintable(describe(patched)));
        const ObjectResult object = get(target(deployments(), QStringLiteral("scaled")));
        QCOMPARE(object.object()[QLatin1String("spec")][QLatin1String("replicas")].toInt(), 5);
    }

    void statusSubresource() {
        QVERIFY(create(deployments(), deployment(QStringLiteral("with-status"))).ok());
        const ObjectTarget status =
            target(deployments(), QStringLiteral("with-status"), QStringLiteral("status"));
        QJsonObject object = get(status).object();
        object.insert(QStringLiteral("status"), QJsonObject{{QStringLiteral("observedGeneration"), 1},
                                                            {QStringLiteral("replicas"), 1},
                                                            {QStringLiteral("readyReplicas"), 1}});
        ObjectResult replaced;
        QVERIFY(await(&replaced, [&](auto done) {
            client()->replace(status, QJsonDocument(object).toJson(), {}, done);
        }));
        QVERIFY2(replaced.ok(), qPrintable(describe(replaced)));
        ObjectResult patched;
        QVERIFY(await(&patched, [&](auto done) {
            client()->patch(status, dynamic::PatchType::Merge, R"({"status":{"availableReplicas":1}})", {},
                            done);
        }));
        QVERIFY2(patched.ok(), qPrintable(describe(patched)));
        const QJsonObject stored = get(target(deployments(), QStringLiteral("with-status"))).object();
        QCOMPARE(stored[QLatin1String("status")][QLatin1String("readyReplicas")].toInt(), 1);
        QCOMPARE(stored[QLatin1String("status")][QLatin1String("availableReplicas")].toInt(), 1);
    }

    void tableRequests() {
        QVERIFY(create(configMaps(), configMap(QStringLiteral("tabled"), QStringLiteral("a"))).ok());
        dynamic::GetOptions options;
        options.call.asTable = true;
        const ObjectResult one = get(target(configMaps(), QStringLiteral("tabled")), options);
        QVERIFY2(one.ok(), qPrintable(describe(one)));
        QCOMPARE(one.object().value(QLatin1String("kind")).toString(), QStringLiteral("Table"));
        QVERIFY(!one.object().value(QLatin1String("columnDefinitions")).toArray().isEmpty());

        dynamic::ListOptions listOptions;
        listOptions.call.asTable = true;
        QList<client::TableColumn> columns;
        bool last = false;
        client()->list(configMaps(), QStringLiteral("default"), listOptions,
                       [&](const dynamic::ListPageResult& page) {
                           columns += page.page.tableColumns;
                           last = page.last;
                       });
        QTRY_VERIFY(last);
        QVERIFY(!columns.isEmpty());
        QCOMPARE(columns.first().name, QStringLiteral("Name"));
    }
};

QTEST_MAIN(TestDynamicWrites)
#include "tst_dynamicwrites.moc"
