// DynamicClient against the simulator over TLS: CRUD on a built-in kind and a CRD instance, optimistic
// concurrency, typed failures (Conflict, Invalid with causes) and delete options.
#include "dynamictesting.h"

#include <QJsonArray>

Q_DECLARE_METATYPE(binnacle::client::ApiResource)

using namespace dynamictesting;
using namespace binnacle;
using dynamic::ObjectResult;
using dynamic::ObjectTarget;

namespace {

QByteArray widgetCrd() {
    return R"({"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition",
      "metadata":{"name":"widgets.example.com"},
      "spec":{"group":"example.com","scope":"Namespaced",
        "names":{"plural":"widgets","singular":"widget","kind":"Widget","listKind":"WidgetList"},
        "versions":[{"name":"v1","served":true,"storage":true,
          "schema":{"openAPIV3Schema":{"type":"object","x-kubernetes-preserve-unknown-fields":true}},
          "subresources":{"status":{}}}]}})";
}

} // namespace

class TestDynamicClient : public Fixture {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_cluster.start());
        const auto crds = resource(QStringLiteral("apiextensions.k8s.io"), QStringLiteral("v1"),
                                   QStringLiteral("customresourcedefinitions"),
                                   QStringLiteral("CustomResourceDefinition"), false);
        ObjectResult created;
        QVERIFY(await(&created, [&](auto done) { client()->create(crds, {}, widgetCrd(), {}, done); }));
        QVERIFY2(created.ok(), qPrintable(describe(created)));
        // The CRD is usable once discovery serves its group version.
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                transport::ApiRequestSpec spec;
                spec.path = QStringLiteral("/apis/example.com/v1");
                bool arrived = false;
                bool served = false;
                m_cluster.transport->send(spec, nullptr, [&](const transport::ApiResult& r) {
                    served = r.ok() && r.response.body.contains("\"widgets\"");
                    arrived = true;
                });
                return QTest::qWaitFor([&] { return arrived; }, 5000) && served;
            }(),
            10000);
    }

    void crudRoundTrip_data() {
        QTest::addColumn<client::ApiResource>("kind");
        QTest::addColumn<QByteArray>("manifest");
        QTest::addColumn<QString>("field"); // where the manifest keeps {"key": ...}
        QTest::newRow("ConfigMap") << configMaps()
                                   << configMap(QStringLiteral("round-trip"), QStringLiteral("one"))
                                   << QStringLiteral("data");
        QTest::newRow("Widget (CRD)")
            << widgets() << QByteArray(R"({"apiVersion":"example.com/v1","kind":"Widget",
                                            "metadata":{"name":"round-trip"},"spec":{"key":"one"}})")
            << QStringLiteral("spec");
    }
    void crudRoundTrip() {
        QFETCH(client::ApiResource, kind);
        QFETCH(QByteArray, manifest);
        QFETCH(QString, field);
        const ObjectResult created = create(kind, manifest);
        QVERIFY2(created.ok(), qPrintable(describe(created)));
        QCOMPARE(created.httpStatus, 201);
        QCOMPARE(created.summary().name, QStringLiteral("round-trip"));

        ObjectResult fetched = get(target(kind, QStringLiteral("round-trip")));
        QVERIFY2(fetched.ok(), qPrintable(describe(fetched)));
        QCOMPARE(fetched.summary().uid, created.summary().uid);
        QCOMPARE(fetched.object()[field][QLatin1String("key")].toString(), QStringLiteral("one"));

        QJsonObject changed = fetched.object();
        changed.insert(field, QJsonObject{{QStringLiteral("key"), QStringLiteral("two")}});
        ObjectResult replaced;
        QVERIFY(await(&replaced, [&](auto done) {
            client()->replace(target(kind, QStringLiteral("round-trip")), QJsonDocument(changed).toJson(), {},
                              done);
        }));
        QVERIFY2(replaced.ok(), qPrintable(describe(replaced)));
        QVERIFY(replaced.summary().resourceVersion != fetched.summary().resourceVersion);
        QCOMPARE(replaced.object()[field][QLatin1String("key")].toString(), QStringLiteral("two"));

        bool last = false;
        QStringList names;
        client()->list(kind, QStringLiteral("default"), {}, [&](const dynamic::ListPageResult& page) {
            for (const client::ObjectSummary& item : page.page.items) {
                names.append(item.name);
            }
            last = page.last;
        });
        QTRY_VERIFY(last);
        QVERIFY(names.contains(QStringLiteral("round-trip")));

        ObjectResult removed;
        QVERIFY(await(&removed, [&](auto done) {
            client()->remove(target(kind, QStringLiteral("round-trip")), {}, done);
        }));
        QVERIFY2(removed.ok(), qPrintable(describe(removed)));
        const ObjectResult gone = get(target(kind, QStringLiteral("round-trip")));
        QCOMPARE(gone.reason(), QStringLiteral("NotFound"));
        QCOMPARE(gone.error->httpStatus(), 404);
    }

    void stalePutIsConflict() {
        const ObjectResult created =
            create(configMaps(), configMap(QStringLiteral("stale"), QStringLiteral("a")));
        QVERIFY(created.ok());
        QJsonObject first = created.object();
        first.insert(QStringLiteral("data"), QJsonObject{{QStringLiteral("key"), QStringLiteral("b")}});
        ObjectResult winner;
        QVERIFY(await(&winner, [&](auto done) {
            client()->replace(target(configMaps(), QStringLiteral("stale")), QJsonDocument(first).toJson(),
                              {}, done);
        }));
        QVERIFY(winner.ok());
        // Same resourceVersion again: somebody else wrote in between.
        ObjectResult loser;
        QVERIFY(await(&loser, [&](auto done) {
            client()->replace(target(configMaps(), QStringLiteral("stale")), QJsonDocument(first).toJson(),
                              {}, done);
        }));
        QVERIFY(!loser.ok());
        QCOMPARE(loser.error->kind(), transport::ApiError::Kind::Status);
        QCOMPARE(loser.reason(), QStringLiteral("Conflict"));
        QCOMPARE(loser.error->httpStatus(), 409);
        QCOMPARE(loser.error->status().name, QStringLiteral("stale"));
        QCOMPARE(loser.retries, 0);
    }

    void invalidCarriesCauses() {
        const ObjectResult invalid =
            create(configMaps(), configMap(QStringLiteral("Not_Valid"), QStringLiteral("x")));
        QCOMPARE(invalid.reason(), QStringLiteral("Invalid"));
        QCOMPARE(invalid.error->httpStatus(), 422);
        QVERIFY(!invalid.error->status().causes.isEmpty());
        QCOMPARE(invalid.error->status().causes.first().field, QStringLiteral("metadata.name"));
        QCOMPARE(invalid.error->status().causes.first().reason, QStringLiteral("FieldValueInvalid"));
    }

    void deletePreconditions_data() {
        QTest::addColumn<bool>("wrongUid");
        QTest::newRow("uid") << true;
        QTest::newRow("resourceVersion") << false;
    }
    void deletePreconditions() {
        QFETCH(bool, wrongUid);
        const QString name = wrongUid ? QStringLiteral("guarded-uid") : QStringLiteral("guarded-rv");
        const ObjectResult created = create(configMaps(), configMap(name, QStringLiteral("a")));
        QVERIFY(created.ok());
        dynamic::DeleteOptions options;
        if (wrongUid) {
            options.preconditionUid = QStringLiteral("00000000-0000-0000-0000-000000000000");
        } else {
            options.preconditionResourceVersion = QStringLiteral("1");
        }
        ObjectResult refused;
        QVERIFY(
            await(&refused, [&](auto done) { client()->remove(target(configMaps(), name), options, done); }));
        QCOMPARE(refused.reason(), QStringLiteral("Conflict"));
        QCOMPARE(refused.error->httpStatus(), 409);
        QVERIFY(get(target(configMaps(), name)).ok());
        options = {};
        options.preconditionUid = created.summary().uid;
        options.preconditionResourceVersion = created.summary().resourceVersion;
        ObjectResult removed;
        QVERIFY(
            await(&removed, [&](auto done) { client()->remove(target(configMaps(), name), options, done); }));
        QVERIFY2(removed.ok(), qPrintable(describe(removed)));
    }

    void propagationPolicy_data() {
        QTest::addColumn<QString>("policy");
        QTest::newRow("Foreground") << QStringLiteral("Foreground");
        QTest::newRow("Orphan") << QStringLiteral("Orphan");
        QTest::newRow("Background") << QStringLiteral("Background");
    }
    void propagationPolicy() {
        QFETCH(QString, policy);
        const QString name = QStringLiteral("propagate-") + policy.toLower();
        QVERIFY(create(deployments(), deployment(name)).ok());
        dynamic::DeleteOptions options;
        options.propagationPolicy = policy;
        options.gracePeriodSeconds = 0;
        ObjectResult removed;
        QVERIFY(await(&removed,
                      [&](auto done) { client()->remove(target(deployments(), name), options, done); }));
        QVERIFY2(removed.ok(), qPrintable(describe(removed)));
        options.propagationPolicy = QStringLiteral("Sideways");
        QVERIFY(create(deployments(), deployment(name + QStringLiteral("-bad"))).ok());
        QVERIFY(await(&removed, [&](auto done) {
            client()->remove(target(deployments(), name + QStringLiteral("-bad")), options, done);
        }));
        QCOMPARE(removed.reason(), QStringLiteral("Invalid"));
    }
};

QTEST_MAIN(TestDynamicClient)
#include "tst_dynamicclient.moc"
