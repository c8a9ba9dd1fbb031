#pragma once

// The real window (qrc:/Binnacle/Ui/Main.qml) offscreen against an in-process simulator over TLS, for the
// window tests: the simulator, the connection and contexts the app's main() would create, the engine, and
// helpers to find items and read what the table shows.
#include "clusterconnection.h"
#include "connectionsingleton.h"
#include "contextsmodel.h"
#include "resourcestorage.h"
#include "resourceview.h"
#include "simulator.h"
#include "staticcredentialprovider.h"

#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

namespace binnacle::testing {

class WindowHarness {
public:
    // Starts the simulator and connects to it (as its admin, or as the user who may only read), then loads
    // the window on `initialView`.
    bool start(const QString& initialView, QString* error, bool readOnly = false) {
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDirectory.path());
        sim::SimulatorOptions options;
        options.controllers = false;
        m_simulator = std::make_unique<sim::Simulator>(options);
        if (!m_simulator->start(error)) {
            return false;
        }
        m_connection = std::make_unique<ClusterConnection>();
        ConnectionSingleton::s_instance = m_connection.get();
        m_connection->setInitialView(initialView);
        m_contexts = std::make_unique<ContextsModel>(m_connection.get());
        ContextsSingleton::s_instance = m_contexts.get();
        transport::ClusterEndpoint endpoint;
        endpoint.server = QUrl(m_simulator->serverUrl());
        endpoint.caPem = m_simulator->credentials().caPem;
        auth::StaticCredentialProvider::Settings settings;
        settings.token =
            readOnly ? m_simulator->credentials().readOnlyToken : m_simulator->credentials().adminToken;
        m_readOnly = readOnly;
        reconnect();
        m_engine = std::make_unique<QQmlApplicationEngine>();
        m_engine->addImportPath(QStringLiteral("qrc:/"));
        m_engine->load(QUrl(QStringLiteral("qrc:/Binnacle/Ui/Main.qml")));
        m_window = m_engine->rootObjects().isEmpty()
                       ? nullptr
                       : qobject_cast<QQuickWindow*>(m_engine->rootObjects().first());
        if (!m_window) {
            *error = QStringLiteral("the window did not load");
            return false;
        }
        return QTest::qWaitForWindowExposed(m_window);
    }

    // A new session on the same cluster, as a context switch makes one: every view starts again.
    void reconnect() {
        transport::ClusterEndpoint endpoint;
        endpoint.server = QUrl(m_simulator->serverUrl());
        endpoint.caPem = m_simulator->credentials().caPem;
        auth::StaticCredentialProvider::Settings settings;
        settings.token =
            m_readOnly ? m_simulator->credentials().readOnlyToken : m_simulator->credentials().adminToken;
        ClusterConnection::Options connectionOptions;
        connectionOptions.useDiscoveryCache = false;
        connectionOptions.transportOptions.qps = -1;
        m_connection->connectTo(endpoint, std::make_unique<auth::StaticCredentialProvider>(settings),
                                QStringLiteral("test-context"), connectionOptions);
    }

    // The views release their subscriptions before the connection goes, and it before the simulator.
    void stop() {
        m_engine.reset();
        m_contexts.reset();
        m_connection.reset();
        m_simulator.reset();
    }

    sim::Simulator& simulator() const { return *m_simulator; }
    ClusterConnection& connection() const { return *m_connection; }
    QQuickWindow* window() const { return m_window; }
    template <typename T = QQuickItem> T* find(const QString& objectName) const {
        return m_window->findChild<T*>(objectName);
    }
    ResourceView* currentView() const { return find<ResourceView>(QStringLiteral("currentView")); }

    QStringList visibleNames() const {
        QStringList names;
        const QAbstractItemModel* model = currentView()->model();
        for (int row = 0; row < model->rowCount(); ++row) {
            names.append(model->index(row, 0).data(ResourceTableModel::NameRole).toString());
        }
        return names;
    }

    bool create(const QString& resource, const QJsonObject& object) const {
        sim::ResourceStorage* storage = m_simulator->storage();
        const QString namespaceName = object.value("metadata").toObject().value("namespace").toString();
        return storage->create(storage->type(QString(), resource), namespaceName, object).ok();
    }
    QJsonObject serverObject(const QString& resource, const QString& namespaceName,
                             const QString& name) const {
        sim::ResourceStorage* storage = m_simulator->storage();
        const auto object = storage->get(storage->type(QString(), resource), namespaceName, name);
        return object ? object->object : QJsonObject();
    }

    // Clicks an item's centre, as the user does.
    void click(QQuickItem* item) const {
        const QPointF centre = item->mapToScene(QPointF(item->width() / 2, item->height() / 2));
        QTest::mouseClick(m_window, Qt::LeftButton, {}, centre.toPoint());
    }

private:
    QTemporaryDir m_settingsDirectory;
    std::unique_ptr<sim::Simulator> m_simulator;
    std::unique_ptr<ClusterConnection> m_connection;
    std::unique_ptr<ContextsModel> m_contexts;
    std::unique_ptr<QQmlApplicationEngine> m_engine;
    QQuickWindow* m_window = nullptr;
    bool m_readOnly = false;
};

} // namespace binnacle::testing
