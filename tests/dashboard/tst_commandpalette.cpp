// The command palette's matching, and its results against a simulator: kinds by kind, resource or short
// names, objects of the current kind, and "kind/name" searching another kind.
#include "clusterconnection.h"
#include "commandpalettemodel.h"
#include "resourcestorage.h"
#include "simulator.h"
#include "staticcredentialprovider.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace binnacle;

class TestCommandPalette : public QObject {
    Q_OBJECT
private slots:
    void matchScore_data() {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("better");
        QTest::addColumn<QString>("worse");
        QTest::newRow("exact over prefix") << "web"
                                           << "web"
                                           << "web-1";
        QTest::newRow("prefix over word start") << "web"
                                                << "web-1"
                                                << "shop-web";
        QTest::newRow("word start over substring") << "web"
                                                   << "shop-web"
                                                   << "cobweb";
        QTest::newRow("substring over fuzzy") << "web"
                                              << "cobweb"
                                              << "w-e-b";
        QTest::newRow("tight fuzzy over loose") << "dpl"
                                                << "deploy"
                                                << "d-------p-------l";
        QTest::newRow("case-insensitive") << "Web"
                                          << "web"
                                          << "w-e-b";
    }
    void matchScore() {
        QFETCH(QString, pattern);
        QFETCH(QString, better);
        QFETCH(QString, worse);
        QVERIFY(CommandPaletteModel::matchScore(pattern, better) >
                CommandPaletteModel::matchScore(pattern, worse));
        QVERIFY(CommandPaletteModel::matchScore(pattern, worse) > 0);
        QCOMPARE(CommandPaletteModel::matchScore(QStringLiteral("xyz"), better), 0);
    }

    void searchesKindsAndObjects() {
        sim::SimulatorOptions options;
        options.controllers = false;
        sim::Simulator simulator(options);
        QString error;
        QVERIFY2(simulator.start(&error), qPrintable(error));
        sim::ResourceStorage* storage = simulator.storage();
        for (const QString& name :
             {QStringLiteral("checkout-web"), QStringLiteral("payments"), QStringLiteral("web")}) {
            QVERIFY(storage
                        ->create(
                            storage->type(QString(), QStringLiteral("configmaps")), QStringLiteral("default"),
                            QJsonObject{{"apiVersion", "v1"},
                                        {"kind", "ConfigMap"},
                                        {"metadata", QJsonObject{{"name", name}, {"namespace", "default"}}}})
                        .ok());
        }
        QVERIFY(storage
                    ->create(
                        storage->type(QString(), QStringLiteral("secrets")), QStringLiteral("default"),
                        QJsonObject{{"apiVersion", "v1"},
                                    {"kind", "Secret"},
                                    {"metadata", QJsonObject{{"name", "web-tls"}, {"namespace", "default"}}}})
                    .ok());
        ClusterConnection connection;
        transport::ClusterEndpoint endpoint;
        endpoint.server = QUrl(simulator.serverUrl());
        endpoint.caPem = simulator.credentials().caPem;
        auth::StaticCredentialProvider::Settings settings;
        settings.token = simulator.credentials().adminToken;
        ClusterConnection::Options connectionOptions;
        connectionOptions.useDiscoveryCache = false;
        connection.connectTo(endpoint, std::make_unique<auth::StaticCredentialProvider>(settings),
                             QStringLiteral("palette"), connectionOptions);
        QTRY_VERIFY_WITH_TIMEOUT(connection.hasResources(), 15000);

        CommandPaletteModel palette;
        QAbstractItemModelTester tester(&palette, QAbstractItemModelTester::FailureReportingMode::QtTest);
        palette.setConnection(&connection);
        palette.setCurrentKind(QStringLiteral("configmaps"));

        // A kind by its short name and by its kind.
        palette.setQuery(QStringLiteral("deploy"));
        QTRY_VERIFY(palette.rowCount() > 0);
        QCOMPARE(palette.index(0).data(CommandPaletteModel::TypeRole).toString(), QStringLiteral("kind"));
        QCOMPARE(palette.index(0).data(CommandPaletteModel::ResourceKeyRole).toString(),
                 QStringLiteral("deployments.apps"));

        // Objects of the current kind, best match first; kinds that do not match are not listed.
        palette.setQuery(QStringLiteral("web"));
        QTRY_COMPARE(objectNames(palette), (QStringList{"web", "checkout-web"}));
        QCOMPARE(palette.index(0).data(CommandPaletteModel::NamespaceRole).toString(),
                 QStringLiteral("default"));

        // Another kind's objects with kind/name.
        palette.setQuery(QStringLiteral("secrets/web"));
        QTRY_COMPARE(objectNames(palette), QStringList{QStringLiteral("web-tls")});
        QCOMPARE(palette.index(0).data(CommandPaletteModel::ResourceKeyRole).toString(),
                 QStringLiteral("secrets"));
    }

private:
    static QStringList objectNames(const CommandPaletteModel& palette) {
        QStringList names;
        for (int row = 0; row < palette.rowCount(); ++row) {
            if (palette.index(row).data(CommandPaletteModel::TypeRole).toString() ==
                QLatin1String("object")) {
                names.append(palette.index(row).data(CommandPaletteModel::NameRole).toString());
            }
        }
        return names;
    }
};

QTEST_MAIN(TestCommandPalette)
#include "tst_commandpalette.moc"
