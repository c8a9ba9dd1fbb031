#pragma once

#include "clusterconnection.h"

#include <QObject>
#include <QPointer>
#include <QVariantList>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>
#include <functional>
#include <optional>

namespace binnacle {

namespace dynamic {
class DynamicClient;
}
namespace editing {
class EditSession;
class ManifestCreator;
} // namespace editing

// The YAML editor's state for QML: one object's edit (load, dry-run preview with its diff, apply, the
// conflict flow with rebase and force) and create-from-YAML, over binnacle_editing. Requests run on the
// connection's worker thread (where its transport lives); results come back here, on the GUI thread.
//
// state: "idle", "loading", "editing", "previewing", "previewed", "applying", "applied", "conflict",
// "error". diff and serverChanges: [{header, lines: [{kind: " "|"-"|"+", text, oldLine, newLine}]}].
// errors: [{line, column, field, message}] (line 0: the whole object). conflict: {stale: bool (someone
// changed the object: serverChanges, fields [{path, base, mine, theirs, line}]), managers: [{manager,
// field, line}] (server-side apply)}. createReports: [{line, kind, name, namespace, outcome, errors}].
class ObjectEditor : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(
        binnacle::ClusterConnection* connection READ connection WRITE setConnection NOTIFY connectionChanged)
    Q_PROPERTY(QString text READ text WRITE setText NOTIFY textChanged)
    Q_PROPERTY(QString liveText READ liveText NOTIFY textChanged)
    Q_PROPERTY(QString state READ state NOTIFY stateChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY stateChanged)
    Q_PROPERTY(
        bool serverSideApply READ serverSideApply WRITE setServerSideApply NOTIFY serverSideApplyChanged)
    Q_PROPERTY(QVariantList diff READ diff NOTIFY resultsChanged)
    Q_PROPERTY(QVariantList errors READ errors NOTIFY resultsChanged)
    Q_PROPERTY(QVariantList errorLines READ errorLines NOTIFY resultsChanged)
    Q_PROPERTY(QVariantMap conflict READ conflict NOTIFY resultsChanged)
    Q_PROPERTY(QStringList warnings READ warnings NOTIFY resultsChanged)
    Q_PROPERTY(QVariantList createReports READ createReports NOTIFY createReportsChanged)
    Q_PROPERTY(bool creating READ creating NOTIFY createReportsChanged)
public:
    using Resolver =
        std::function<std::optional<client::ApiResource>(const QString& apiVersion, const QString& kind)>;

    explicit ObjectEditor(QObject* parent = nullptr);
    ~ObjectEditor() override;

    ClusterConnection* connection() const { return m_connection; }
    void setConnection(ClusterConnection* connection);
    // Where requests go; set from `connection`, or by C++ (tests).
    void setTransport(transport::ClusterTransport* transport);
    // How apiVersion/kind become a resource; default: the connection's discovery.
    void setResolver(Resolver resolver) { m_resolver = std::move(resolver); }

    QString text() const;
    void setText(const QString& text);
    QString liveText() const;
    QString state() const;
    bool busy() const;
    bool serverSideApply() const { return m_serverSideApply; }
    void setServerSideApply(bool on);
    QVariantList diff() const;
    QVariantList errors() const;
    QVariantList errorLines() const;
    QVariantMap conflict() const;
    QStringList warnings() const;
    QVariantList createReports() const;
    bool creating() const;

    Q_INVOKABLE void load(const QString& kind, const QString& apiVersion, const QString& namespaceName,
                          const QString& name);
    Q_INVOKABLE void preview();
    Q_INVOKABLE void apply();
    // Carries the edit over to the server's newer version; fields both changed stop it (see conflict).
    Q_INVOKABLE void rebase();
    // The user's explicit choice for the conflicting fields.
    Q_INVOKABLE void rebaseKeepingMine();
    Q_INVOKABLE void rebaseKeepingTheirs();
    // Server-side apply: preview taking over the contested fields; apply() then forces.
    Q_INVOKABLE void forceApply();
    Q_INVOKABLE void createFromYaml(const QString& text, const QString& defaultNamespace);

signals:
    void connectionChanged();
    void textChanged();
    void stateChanged();
    void serverSideApplyChanged();
    void resultsChanged();
    void createReportsChanged();
    // createFromYaml is over.
    void createFinished(bool allCreated);

private:
    void rebuild();
    void dropClient();
    std::optional<client::ApiResource> resolve(const QString& apiVersion, const QString& kind) const;
    void setLocalError(const QString& message);

    QPointer<ClusterConnection> m_connection;
    QPointer<transport::ClusterTransport> m_transport;
    dynamic::DynamicClient* m_client = nullptr; // on the transport's thread
    editing::EditSession* m_session = nullptr;
    editing::ManifestCreator* m_creator = nullptr;
    Resolver m_resolver;
    bool m_serverSideApply = false;
    QString m_localError; // a problem found before any request (no connection, unknown kind)
};

} // namespace binnacle
