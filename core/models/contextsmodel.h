#pragma once

#include "kubeconfig.h"
#include "kubeconfiglocation.h"

#include <QAbstractListModel>
#include <QPointer>
#include <functional>

namespace binnacle {

class ClusterConnection;

// The contexts a user can switch between, for the top bar's context switcher: every context of the
// kubeconfig files (merged as kubectl merges them), plus the embedded demo cluster when the app offers it.
// switchTo() connects the ClusterConnection to another context without a restart; the views follow the
// connection's sessionChanged. The kubeconfig is re-read on reload(), so that contexts added meanwhile
// appear, and its errors are kept for the banner rather than printed.
class ContextsModel : public QAbstractListModel {
    Q_OBJECT
    Q_PROPERTY(QString currentContext READ currentContext NOTIFY currentContextChanged)
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
    // Problems reading the kubeconfig files (one per line), or why the last switch failed.
    Q_PROPERTY(QString error READ error NOTIFY errorChanged)
    Q_PROPERTY(bool hasDemo READ hasDemo CONSTANT)
    Q_PROPERTY(QString demoContextName READ demoContextName CONSTANT)
    // No kubeconfig file exists at all: the start screen explains how to add a cluster.
    Q_PROPERTY(bool noKubeconfig READ noKubeconfig NOTIFY countChanged)
public:
    enum Role {
        NameRole = Qt::UserRole + 1,
        ClusterRole,
        UserRole,
        NamespaceRole, // the context's default namespace ("" = default)
        ServerRole,
        IsCurrentRole, // the context the connection uses now
        IsDemoRole,
    };
    Q_ENUM(Role)

    static inline const QString kDemoContext = QStringLiteral("binnacle-demo");

    // `connection` is not owned; it must outlive the model.
    explicit ContextsModel(ClusterConnection* connection, QObject* parent = nullptr);
    ~ContextsModel() override;

    // Reads the kubeconfig from `location` (kubectl's rules: explicit file, $KUBECONFIG, ~/.kube/config).
    void setLocation(const config::KubeconfigLocation& location);
    // Offers the embedded demo cluster as a context; `start` starts it (and connects once it is ready).
    void setDemo(std::function<void()> start);

    QString currentContext() const { return m_currentContext; }
    QString error() const { return m_error; }
    bool hasDemo() const { return bool(m_startDemo); }
    QString demoContextName() const { return kDemoContext; }
    bool noKubeconfig() const { return m_noKubeconfig; }
    const config::Kubeconfig& kubeconfig() const { return m_kubeconfig; }
    // The context kubectl would use: the kubeconfig's current-context.
    QString kubeconfigCurrentContext() const { return m_kubeconfig.currentContext; }

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Connects to `name` (a kubeconfig context, or kDemoContext); false with `error` set when the context
    // cannot be used (no such cluster, unreadable CA file, bad credentials settings). Switching to the
    // current context again does nothing.
    Q_INVOKABLE bool switchTo(const QString& name);
    // Re-reads the kubeconfig files.
    Q_INVOKABLE void reload();
    // The demo is connected under kDemoContext; main.cpp reports it so.
    void markCurrent(const QString& name);

signals:
    void currentContextChanged();
    void countChanged();
    void errorChanged();

private:
    void setError(const QString& error);

    QPointer<ClusterConnection> m_connection;
    config::KubeconfigLocation m_location;
    config::Kubeconfig m_kubeconfig;
    std::function<void()> m_startDemo;
    QString m_currentContext;
    QString m_error;
    bool m_noKubeconfig = true;
};

} // namespace binnacle
