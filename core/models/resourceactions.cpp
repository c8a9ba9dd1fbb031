#include "resourceactions.h"

#include "accessreview.h"
#include "cordonnodes.h"
#include "deleteobjects.h"
#include "drainnode.h"
#include "dynamicclient.h"
#include "rolloutrestart.h"
#include "runcronjobnow.h"
#include "scaleworkload.h"
#include "suspendcronjobs.h"

#include <QMutex>

namespace binnacle {

namespace {

using actions::ActionResult;

transport::ClusterTransport* transportOf(const ClusterConnection* connection) {
    return connection ? connection->transport() : nullptr;
}

client::ApiResource podsResource() {
    client::ApiResource pods;
    pods.version = QStringLiteral("v1");
    pods.resource = QStringLiteral("pods");
    pods.singular = QStringLiteral("pod");
    pods.kind = QStringLiteral("Pod");
    pods.namespaced = true;
    return pods;
}

QVariantList itemsToVariant(const QList<actions::ItemResult>& items) {
    QVariantList list;
    for (const actions::ItemResult& item : items) {
        list.append(QVariantMap{{QStringLiteral("namespace"), item.object.namespaceName},
                                {QStringLiteral("name"), item.object.name},
                                {QStringLiteral("outcome"), actions::ItemResult::outcomeName(item.outcome)},
                                {QStringLiteral("message"), item.message}});
    }
    return list;
}

std::optional<qint64> gracePeriodOf(const QVariantMap& params) {
    const QVariant value = params.value(QStringLiteral("gracePeriodSeconds"));
    bool ok = false;
    const qint64 seconds = value.toLongLong(&ok);
    if (!value.isValid() || !ok || seconds < 0) {
        return std::nullopt; // the object's own
    }
    return seconds;
}

} // namespace

// Where answers from the worker go. Cleared under the lock before this object dies, so that the worker
// never posts to a destroyed object.
struct ResourceActions::Mailbox {
    QMutex mutex;
    QObject* context = nullptr;

    void post(std::function<void()> deliver) {
        QMutexLocker lock(&mutex);
        if (context) {
            QMetaObject::invokeMethod(context, std::move(deliver), Qt::QueuedConnection);
        }
    }
};

ResourceActions::ResourceActions(QObject* parent)
    : QObject(parent)
    , m_mailbox(std::make_shared<Mailbox>()) {
    m_mailbox->context = this;
    // Selection and kind often change together: one round of reviews per event-loop pass.
    m_checkTimer.setSingleShot(true);
    m_checkTimer.setInterval(0);
    connect(&m_checkTimer, &QTimer::timeout, this, &ResourceActions::checkPermissions);
}

ResourceActions::~ResourceActions() {
    {
        QMutexLocker lock(&m_mailbox->mutex);
        m_mailbox->context = nullptr;
    }
    dropClient();
}

void ResourceActions::setConnection(ClusterConnection* connection) {
    if (connection == m_connection) {
        return;
    }
    if (m_connection) {
        disconnect(m_connection, nullptr, this, nullptr);
    }
    m_connection = connection;
    if (m_connection) {
        connect(m_connection, &ClusterConnection::sessionChanged, this, [this] {
            setTransport(transportOf(m_connection.data()));
            resolveResource();
        });
        connect(m_connection, &ClusterConnection::resourcesChanged, this, &ResourceActions::resolveResource);
        setTransport(transportOf(m_connection.data()));
    }
    resolveResource();
    emit connectionChanged();
}

void ResourceActions::setKind(const QString& kind) {
    if (kind == m_kind) {
        return;
    }
    m_kind = kind;
    resolveResource();
    emit kindChanged();
}

void ResourceActions::setObjects(const QVariantList& objects) {
    if (objects == m_objectsVariant) {
        return;
    }
    m_objectsVariant = objects;
    m_objects.clear();
    for (const QVariant& object : objects) {
        const QVariantMap map = object.toMap();
        const QString name = map.value(QStringLiteral("name")).toString();
        if (!name.isEmpty()) {
            m_objects.append(actions::ObjectRef{map.value(QStringLiteral("namespace")).toString(), name});
        }
    }
    schedulePermissionCheck();
    emit objectsChanged();
}

void ResourceActions::setTransport(transport::ClusterTransport* transport) {
    if (transport == m_transport && m_client) {
        return;
    }
    dropClient();
    m_transport = transport;
    if (m_transport) {
        m_client = new dynamic::DynamicClient(m_transport);
        m_review = new actions::AccessReview(m_client, m_client);
        m_review->setTtl(m_ttl);
        m_client->moveToThread(m_transport->thread());
    }
    schedulePermissionCheck();
}

void ResourceActions::setResource(const std::optional<client::ApiResource>& resource) {
    m_resourceFixed = true;
    m_resource = resource;
    schedulePermissionCheck();
}

void ResourceActions::setPermissionTtl(std::chrono::milliseconds ttl) {
    m_ttl = ttl;
    if (m_client) {
        QMetaObject::invokeMethod(m_review, [review = m_review, ttl] { review->setTtl(ttl); });
    }
}

void ResourceActions::dropClient() {
    if (m_client) {
        m_client->deleteLater(); // on its own thread, after the calls already posted to it
        m_client = nullptr;
        m_review = nullptr;
    }
    ++m_generation; // answers of the old client are dropped
}

void ResourceActions::resolveResource() {
    if (m_resourceFixed) {
        return;
    }
    std::optional<client::ApiResource> resolved;
    if (m_connection && !m_kind.isEmpty()) {
        resolved = m_connection->findResource(m_kind);
    }
    m_resource = resolved;
    schedulePermissionCheck();
}

void ResourceActions::schedulePermissionCheck() {
    m_checkTimer.start();
}

QStringList ResourceActions::selectedNamespaces() const {
    QStringList namespaces;
    for (const actions::ObjectRef& object : m_objects) {
        if (!namespaces.contains(object.namespaceName)) {
            namespaces.append(object.namespaceName);
        }
    }
    return namespaces;
}

void ResourceActions::checkPermissions() {
    const quint64 generation = ++m_generation;
    m_entries.clear();
    m_pendingReviews = 0;
    if (m_resource) {
        const QStringList namespaces = selectedNamespaces();
        for (const actions::ActionSpec& spec : actions::ActionCatalog::actionsFor(*m_resource)) {
            Entry entry{spec, actions::ActionCatalog::permissionsFor(spec.id, *m_resource, namespaces), {}};
            entry.decisions.resize(entry.queries.size());
            m_entries.append(entry);
        }
    }
    if (m_review && !m_objects.isEmpty()) {
        QList<std::tuple<int, int, actions::AccessQuery>> asks;
        for (int entry = 0; entry < m_entries.size(); ++entry) {
            for (int query = 0; query < m_entries.at(entry).queries.size(); ++query) {
                asks.append({entry, query, m_entries.at(entry).queries.at(query)});
            }
        }
        m_pendingReviews = int(asks.size());
        QMetaObject::invokeMethod(
            m_review,
            [review = m_review, transport = m_transport, mailbox = m_mailbox, asks, generation, this] {
                for (const auto& [entry, query, access] : asks) {
                    auto deliver = [mailbox, generation, entry, query,
                                    this](const actions::AccessDecision& decision) {
                        mailbox->post([=, this] { decided(generation, entry, query, decision); });
                    };
                    if (!transport) {
                        actions::AccessDecision gone;
                        gone.error = transport::ApiError(transport::ApiError::Kind::Network,
                                                         QStringLiteral("not connected to a cluster"));
                        deliver(gone);
                        continue;
                    }
                    review->check(access, deliver);
                }
            },
            Qt::QueuedConnection);
    }
    emit actionsChanged();
}

void ResourceActions::decided(quint64 generation, int entry, int query,
                              const actions::AccessDecision& decision) {
    if (generation != m_generation || entry >= m_entries.size()) {
        return;
    }
    m_entries[entry].decisions[query] = decision;
    --m_pendingReviews;
    emit actionsChanged();
}

QString ResourceActions::disabledReason(const Entry& entry) const {
    if (!m_client) {
        return QStringLiteral("not connected to a cluster");
    }
    if (m_objects.isEmpty()) {
        return QStringLiteral("select an object first");
    }
    if (entry.spec.singleObject && m_objects.size() != 1) {
        return QStringLiteral("select one object");
    }
    for (int i = 0; i < entry.queries.size(); ++i) {
        const auto& decision = entry.decisions.at(i);
        if (!decision) {
            return QStringLiteral("checking permissions…");
        }
        // A review that could not be made does not forbid anything: the server will say if it does.
        if (!decision->allowed && !decision->error) {
            return decision->explanation(entry.queries.at(i));
        }
    }
    return QString();
}

QVariantList ResourceActions::actions() const {
    QVariantList list;
    for (const Entry& entry : m_entries) {
        const QString reason = disabledReason(entry);
        list.append(QVariantMap{{QStringLiteral("id"), entry.spec.id},
                                {QStringLiteral("label"), entry.spec.label},
                                {QStringLiteral("enabled"), reason.isEmpty()},
                                {QStringLiteral("reason"), reason},
                                {QStringLiteral("destructive"), entry.spec.destructive},
                                {QStringLiteral("viewOnly"), entry.spec.viewOnly},
                                {QStringLiteral("singleObject"), entry.spec.singleObject}});
    }
    return list;
}

void ResourceActions::refreshPermissions() {
    if (m_review) {
        QMetaObject::invokeMethod(m_review, [review = m_review] { review->clear(); });
    }
    schedulePermissionCheck();
}

void ResourceActions::run(const QString& id, const QVariantMap& params) {
    auto refuse = [this, &id](const QString& message) {
        m_lastResult = message;
        m_lastItems.clear();
        emit lastResultChanged();
        emit finished(id, false, message);
    };
    const auto entry = std::find_if(m_entries.cbegin(), m_entries.cend(),
                                    [&id](const Entry& each) { return each.spec.id == id; });
    if (entry == m_entries.cend()) {
        refuse(QStringLiteral("%1 is not an action of %2").arg(id, m_kind));
        return;
    }
    if (entry->spec.viewOnly) {
        refuse(QStringLiteral("%1 is carried out by the view").arg(entry->spec.label));
        return;
    }
    if (const QString reason = disabledReason(*entry); !reason.isEmpty()) {
        refuse(reason);
        return;
    }
    startAction(id, params);
}

void ResourceActions::startAction(const QString& id, const QVariantMap& params) {
    const client::ApiResource resource = *m_resource;
    const QList<actions::ObjectRef> objects = m_objects;
    const bool dryRun = params.value(QStringLiteral("dryRun")).toBool();
    std::function<actions::Action*(dynamic::DynamicClient*)> make;
    if (id == QLatin1String("delete")) {
        dynamic::DeleteOptions options;
        options.propagationPolicy = params.value(QStringLiteral("propagationPolicy")).toString();
        options.gracePeriodSeconds = gracePeriodOf(params);
        options.dryRun = dryRun;
        make = [=](dynamic::DynamicClient* client) {
            return new actions::DeleteObjects(client, resource, objects, options);
        };
    } else if (id == QLatin1String("scale")) {
        bool ok = false;
        const int replicas = params.value(QStringLiteral("replicas")).toInt(&ok);
        if (!ok) {
            actionFinished(id, ActionResult::failure(QStringLiteral("scale needs a number of replicas")));
            return;
        }
        make = [=](dynamic::DynamicClient* client) {
            return new actions::ScaleWorkload(client, resource, objects, replicas);
        };
    } else if (id == QLatin1String("restart")) {
        make = [=](dynamic::DynamicClient* client) {
            return new actions::RolloutRestart(client, resource, objects);
        };
    } else if (id == QLatin1String("cordon") || id == QLatin1String("uncordon")) {
        const bool cordon = id == QLatin1String("cordon");
        make = [=](dynamic::DynamicClient* client) {
            return new actions::CordonNodes(client, resource, objects, cordon);
        };
    } else if (id == QLatin1String("suspend") || id == QLatin1String("resume")) {
        const bool suspend = id == QLatin1String("suspend");
        make = [=](dynamic::DynamicClient* client) {
            return new actions::SuspendCronJobs(client, resource, objects, suspend);
        };
    } else if (id == QLatin1String("trigger")) {
        const QString jobName = params.value(QStringLiteral("jobName")).toString();
        make = [=](dynamic::DynamicClient* client) {
            return new actions::RunCronJobNow(client, resource, objects.first(), jobName);
        };
    } else if (id == QLatin1String("drain")) {
        actions::DrainNode::Options options;
        options.gracePeriodSeconds = gracePeriodOf(params);
        options.dryRun = dryRun;
        make = [=](dynamic::DynamicClient* client) {
            return new actions::DrainNode(client, resource, podsResource(), objects.first().name, options);
        };
    } else {
        actionFinished(id, ActionResult::failure(QStringLiteral("%1 is not something this can run").arg(id)));
        return;
    }
    ++m_running;
    emit busyChanged();
    QMetaObject::invokeMethod(
        m_client,
        [client = m_client, transport = m_transport, mailbox = m_mailbox, make, id, this] {
            auto deliver = [mailbox, id, this](const ActionResult& result) {
                mailbox->post([=, this] {
                    --m_running;
                    emit busyChanged();
                    actionFinished(id, result);
                });
            };
            if (!transport) {
                deliver(ActionResult::failure(QStringLiteral("not connected to a cluster")));
                return;
            }
            actions::Action* action = make(client);
            QObject::connect(action, &actions::Action::finished, action, deliver);
            action->start();
        },
        Qt::QueuedConnection);
}

void ResourceActions::actionFinished(const QString& id, const ActionResult& result) {
    m_lastResult = result.message;
    m_lastItems = itemsToVariant(result.items);
    emit lastResultChanged();
    emit finished(id, result.ok, result.message);
}

} // namespace binnacle
