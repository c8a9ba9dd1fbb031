// The QML components of Binnacle.Ui in isolation: each tst_*.qml next to this file is a TestCase. The
// set-up makes the modules importable (they live in the resources of static libraries) and puts a
// simulator behind the `Connection` and `Contexts` singletons for the components that read them.
#include "clusterconnection.h"
#include "connectionsingleton.h"
#include "contextsmodel.h"
#include "simulator.h"
#include "staticcredentialprovider.h"

#include <QQmlEngine>
#include <QQuickStyle>
#include <QSettings>
#include <QTemporaryDir>
#include <QtQuickTest>
#include <memory>

using namespace binnacle;

class QmlComponentsSetup : public QObject {
    Q_OBJECT
public slots:
    void applicationAvailable() {
        QQuickStyle::setStyle(QStringLiteral("Fusion")); // as the app
        // Settings the components write (DashboardSettings) stay out of the user's.
        m_settingsDirectory = std::make_unique<QTemporaryDir>();
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDirectory->path());

        sim::SimulatorOptions options;
        options.controllers = false;
        m_simulator = std::make_unique<sim::Simulator>(options);
        QString error;
        if (!m_simulator->start(&error)) {
            qFatal("the simulator did not start: %s", qPrintable(error));
        }
        m_connection = std::make_unique<ClusterConnection>();
        ConnectionSingleton::s_instance = m_connection.get();
        m_contexts = std::make_unique<ContextsModel>(m_connection.get());
        ContextsSingleton::s_instance = m_contexts.get();

        transport::ClusterEndpoint endpoint;
        endpoint.server = QUrl(m_simulator->serverUrl());
        endpoint.caPem = m_simulator->credentials().caPem;
        auth::StaticCredentialProvider::Settings credentials;
        credentials.token = m_simulator->credentials().adminToken;
        ClusterConnection::Options connectionOptions;
        connectionOptions.useDiscoveryCache = false;
        connectionOptions.transportOptions.qps = -1;
        m_connection->connectTo(endpoint, std::make_unique<auth::StaticCredentialProvider>(credentials),
                                QStringLiteral("qml-tests"), connectionOptions);
    }

    void qmlEngineAvailable(QQmlEngine* engine) {
        // The modules are in static libraries' resources, found under qrc:/ in Qt 6.4.
        engine->addImportPath(QStringLiteral("qrc:/"));
    }

    // The connection stops its watches while the simulator still answers.
    void cleanupTestCase() {
        m_contexts.reset();
        m_connection.reset();
        m_simulator.reset();
    }

private:
    std::unique_ptr<QTemporaryDir> m_settingsDirectory;
    std::unique_ptr<sim::Simulator> m_simulator;
    std::unique_ptr<ClusterConnection> m_connection;
    std::unique_ptr<ContextsModel> m_contexts;
};

QUICK_TEST_MAIN_WITH_SETUP(tst_qmlcomponents, QmlComponentsSetup)

#include "tst_qmlcomponents.moc"
