#pragma once

#include "actioncatalog.h"
#include "actionresult.h"
#include "clusterconnection.h"

#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QVariantList>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>
#include <memory>
#include <optional>

namespace binnacle {

namespace dynamic {
class DynamicClient;
}
namespace actions {
class AccessReview;
}

// The actions a table offers for its selected objects (context menu and toolbar), with what RBAC allows:
// each action is asked of the server with SelfSubjectAccessReview (cached for a minute) and, when
// forbidden, is disabled with the reason. run() carries an action out. Requests and reviews run on the
// connection's worker thread (where its transport lives); results come back here, on the GUI thread.
//
// actions: [{id, label, enabled, reason, destructive, viewOnly, singleObject}]. `reason` says why an
// action is disabled ("RBAC: not allowed to delete pods in namespace "shop"", "select one object",
// "checking permissions…"). viewOnly actions (viewYaml, edit, logs, shell) are carried out by the view;
// run() does the others: delete, scale, restart, cordon, uncordon, drain, suspend, resume, trigger.
// run() params: replicas (scale), propagationPolicy (delete: Background, Foreground, Orphan),
// gracePeriodSeconds (delete, drain), dryRun, jobName (trigger). lastItems: [{namespace, name, outcome
// ("done", "skipped", "refused", "failed"), message}], one per object of the last run.
class ResourceActions : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(
        binnacle::ClusterConnection* connection READ connection WRITE setConnection NOTIFY connectionChanged)
    Q_PROPERTY(QString kind READ kind WRITE setKind NOTIFY kindChanged)
    Q_PROPERTY(QVariantList objects READ objects WRITE setObjects NOTIFY objectsChanged)
    Q_PROPERTY(QVariantList actions READ actions NOTIFY actionsChanged)
    Q_PROPERTY(bool checking READ checking NOTIFY actionsChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(QString lastResult READ lastResult NOTIFY lastResultChanged)
    Q_PROPERTY(QVariantList lastItems READ lastItems NOTIFY lastResultChanged)
public:
    explicit ResourceActions(QObject* parent = nullptr);
    ~ResourceActions() override;

    ClusterConnection* connection() const { return m_connection; }
    void setConnection(ClusterConnection* connection);
    QString kind() const { return m_kind; }
    void setKind(const QString& kind);
    // [{namespace, name}]
    QVariantList objects() const { return m_objectsVariant; }
    void setObjects(const QVariantList& objects);
    QVariantList actions() const;
    bool checking() const { return m_pendingReviews > 0; }
    bool busy() const { return m_running > 0; }
    QString lastResult() const { return m_lastResult; }
    QVariantList lastItems() const { return m_lastItems; }

    // Where requests go; set from `connection` when it offers its transport, else by C++ (tests).
    void setTransport(transport::ClusterTransport* transport);
    // The resource `kind` names; default: the connection's discovery. For tests and views that know it.
    void setResource(const std::optional<client::ApiResource>& resource);
    // How long permission answers are kept (default one minute).
    void setPermissionTtl(std::chrono::milliseconds ttl);

    Q_INVOKABLE void run(const QString& id, const QVariantMap& params = QVariantMap());
    // Forgets the permission answers and asks again (after a RoleBinding changed).
    Q_INVOKABLE void refreshPermissions();

signals:
    void connectionChanged();
    void kindChanged();
    void objectsChanged();
    void actionsChanged();
    void busyChanged();
    void lastResultChanged();
    void finished(const QString& id, bool ok, const QString& message);

private:
    struct Mailbox;
    struct Entry {
        actions::ActionSpec spec;
        QList<actions::AccessQuery> queries;
        QList<std::optional<actions::AccessDecision>> decisions; // one per query, as they come
    };

    void resolveResource();
    void schedulePermissionCheck();
    void checkPermissions();
    void decided(quint64 generation, int entry, int query, const actions::AccessDecision& decision);
    void dropClient();
    QStringList selectedNamespaces() const;
    QString disabledReason(const Entry& entry) const;
    void startAction(const QString& id, const QVariantMap& params);
    void actionFinished(const QString& id, const actions::ActionResult& result);

    QPointer<ClusterConnection> m_connection;
    QPointer<transport::ClusterTransport> m_transport;
    dynamic::DynamicClient* m_client = nullptr; // on the transport's thread, with the review as its child
    actions::AccessReview* m_review = nullptr;
    std::shared_ptr<Mailbox> m_mailbox;
    QString m_kind;
    std::optional<client::ApiResource> m_resource;
    bool m_resourceFixed = false;
    QVariantList m_objectsVariant;
    QList<actions::ObjectRef> m_objects;
    QList<Entry> m_entries;
    quint64 m_generation = 0;
    int m_pendingReviews = 0;
    int m_running = 0;
    QString m_lastResult;
    QVariantList m_lastItems;
    QTimer m_checkTimer;
    std::chrono::milliseconds m_ttl{60'000};
};

} // namespace binnacle
