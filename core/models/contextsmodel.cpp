#include "contextsmodel.h"

#include "clusterconnection.h"
#include "contextendpoint.h"
#include "kubeconfigloader.h"

#include <QFileInfo>

namespace binnacle {

ContextsModel::ContextsModel(ClusterConnection* connection, QObject* parent)
    : QAbstractListModel(parent)
    , m_connection(connection) {
    // Whoever connected it (a switch here, main.cpp, a test), the current context is the connection's.
    connect(connection, &ClusterConnection::sessionChanged, this,
            [this] { markCurrent(m_connection->contextName()); });
}

ContextsModel::~ContextsModel() = default;

void ContextsModel::setLocation(const config::KubeconfigLocation& location) {
    m_location = location;
    reload();
}

void ContextsModel::setDemo(std::function<void()> start) {
    beginResetModel();
    m_startDemo = std::move(start);
    endResetModel();
    emit countChanged();
}

void ContextsModel::reload() {
    // A reload is a new list (contexts renamed, added, removed): the one place this model resets.
    beginResetModel();
    m_noKubeconfig = true;
    for (const QString& path : m_location.files()) {
        m_noKubeconfig = m_noKubeconfig && !QFileInfo::exists(path);
    }
    m_kubeconfig = m_noKubeconfig ? config::Kubeconfig() : config::KubeconfigLoader::load(m_location);
    endResetModel();
    emit countChanged();
    QStringList problems;
    for (const config::KubeconfigError& error : m_kubeconfig.errors) {
        problems.append(error.toString());
    }
    setError(problems.join(u'\n'));
}

int ContextsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_kubeconfig.contexts.size()) + (m_startDemo ? 1 : 0);
}

QVariant ContextsModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    if (index.row() == m_kubeconfig.contexts.size()) { // the demo, last
        switch (role) {
        case Qt::DisplayRole:
        case NameRole:
            return kDemoContext;
        case ClusterRole:
            return QStringLiteral("embedded demo cluster");
        case IsCurrentRole:
            return m_currentContext == kDemoContext;
        case IsDemoRole:
            return true;
        default:
            return QString();
        }
    }
    const config::ContextInfo& context = m_kubeconfig.contexts.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return context.name;
    case ClusterRole:
        return context.cluster;
    case UserRole:
        return context.user;
    case NamespaceRole:
        return context.namespaceName;
    case ServerRole: {
        const config::ClusterInfo* cluster = m_kubeconfig.cluster(context.cluster);
        return cluster ? cluster->server : QString();
    }
    case IsCurrentRole:
        return context.name == m_currentContext;
    case IsDemoRole:
        return false;
    default:
        return {};
    }
}

QHash<int, QByteArray> ContextsModel::roleNames() const {
    return {{NameRole, "name"},     {ClusterRole, "cluster"},
            {UserRole, "user"},     {NamespaceRole, "contextNamespace"},
            {ServerRole, "server"}, {IsCurrentRole, "isCurrent"},
            {IsDemoRole, "isDemo"}};
}

bool ContextsModel::switchTo(const QString& name) {
    if (!m_connection) {
        return false;
    }
    if (name == m_currentContext && m_connection->contextName() == name) {
        return true;
    }
    if (name == kDemoContext && m_startDemo) {
        setError(QString());
        m_startDemo();
        markCurrent(name);
        return true;
    }
    QString problem;
    std::optional<ContextEndpoint> target = resolveContext(m_kubeconfig, name, &problem);
    if (!target) {
        setError(QStringLiteral("Cannot switch to %1: %2").arg(name, problem));
        return false;
    }
    setError(QString());
    m_connection->connectTo(target->endpoint, std::move(target->credentials), target->contextName);
    markCurrent(target->contextName);
    return true;
}

void ContextsModel::markCurrent(const QString& name) {
    if (name == m_currentContext) {
        return;
    }
    const QString previous = m_currentContext;
    m_currentContext = name;
    for (int row = 0; row < rowCount(); ++row) {
        const QString rowName = data(index(row), NameRole).toString();
        if (rowName == previous || rowName == name) {
            emit dataChanged(index(row), index(row), {IsCurrentRole});
        }
    }
    emit currentContextChanged();
}

void ContextsModel::setError(const QString& error) {
    if (error != m_error) {
        m_error = error;
        emit errorChanged();
    }
}

} // namespace binnacle
