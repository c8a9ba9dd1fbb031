// ManifestCreator against the simulator: several documents dry-run first and created only when all pass,
// errors per document at their lines in the whole text.
#include "editingtesting.h"
#include "manifestcreator.h"

using namespace dynamictesting;
using editing::ManifestCreator;
using Outcome = ManifestCreator::Report::Outcome;

class TestManifestCreator : public Fixture {
    Q_OBJECT
private:
    static std::optional<client::ApiResource> resolve(const QString& apiVersion, const QString& kind) {
        for (const client::ApiResource& r : {configMaps(), deployments()}) {
            if (r.groupVersion() == apiVersion && r.kind == kind) {
                return r;
            }
        }
        return std::nullopt;
    }
    QList<Outcome> runCreate(ManifestCreator& creator, const QString& text, bool* allCreated) {
        QSignalSpy finished(&creator, &ManifestCreator::finished);
        creator.create(text, QStringLiteral("default"));
        if (finished.isEmpty() && !finished.wait(20000)) {
            return {};
        }
        *allCreated = finished.front().front().toBool();
        QList<Outcome> outcomes;
        for (const auto& report : creator.reports()) {
            outcomes.append(report.outcome);
        }
        return outcomes;
    }
    bool exists(const client::ApiResource& r, const QString& name) { return get(target(r, name)).ok(); }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_cluster.start()); }

    void createsEveryDocument() {
        ManifestCreator creator(client(), resolve);
        bool all = false;
        const QString text =
            QStringLiteral("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: first\ndata:\n  a: \"1\"\n"
                           "---\n"
                           "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: second\n");
        QCOMPARE(runCreate(creator, text, &all), (QList<Outcome>{Outcome::Created, Outcome::Created}));
        QVERIFY(all);
        QVERIFY(exists(configMaps(), QStringLiteral("first")));
        QVERIFY(exists(configMaps(), QStringLiteral("second")));
        QCOMPARE(creator.reports()[1].firstLine, 8);
        QCOMPARE(creator.reports()[1].name, QStringLiteral("second"));
    }

    void oneInvalidDocumentCreatesNothing() {
        ManifestCreator creator(client(), resolve);
        bool all = true;
        const QString text =
            QString::fromUtf8("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: innocent\n"
                              "---\n"
                              "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: negative\n"
                              "spec:\n  replicas: -1\n  selector:\n    matchLabels: {app: x}\n"
                              "  template:\n    metadata:\n      labels: {app: x}\n    spec:\n      "
                              "containers:\n      - {name: x, image: x}\n");
        QCOMPARE(runCreate(creator, text, &all), (QList<Outcome>{Outcome::Skipped, Outcome::Failed}));
        QVERIFY(!all);
        QVERIFY(!exists(configMaps(), QStringLiteral("innocent")));
        QVERIFY(!exists(deployments(), QStringLiteral("negative")));
        const auto errors = creator.reports()[1].errors;
        QVERIFY(!errors.isEmpty());
        QCOMPARE(errors.front().field, QStringLiteral("spec.replicas"));
        QCOMPARE(errors.front().line, 11); // in the whole text
    }

    void unreadableDocumentsStopBeforeAnyRequest_data() {
        QTest::addColumn<QString>("second");
        QTest::addColumn<int>("line");
        QTest::newRow("syntax") << "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [x\n" << 10;
        QTest::newRow("unknown kind") << "apiVersion: example.com/v1\nkind: Gadget\nmetadata:\n  name: g\n"
                                      << 6;
    }
    void unreadableDocumentsStopBeforeAnyRequest() {
        QFETCH(QString, second);
        QFETCH(int, line);
        ManifestCreator creator(client(), resolve);
        bool all = true;
        const QString text =
            QStringLiteral("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: never\n---\n") + second;
        QCOMPARE(runCreate(creator, text, &all), (QList<Outcome>{Outcome::Pending, Outcome::Invalid}));
        QVERIFY(!all);
        QCOMPARE(creator.reports()[1].errors.front().line, line);
        QVERIFY(!exists(configMaps(), QStringLiteral("never")));
    }
};

QTEST_GUILESS_MAIN(TestManifestCreator)
#include "tst_manifestcreator.moc"
