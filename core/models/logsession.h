#pragma once

#include "clusterconnection.h"
#include "connectedrestart.h"
#include "logmodel.h"

#include <QObject>
#include <QPointer>
#include <QQmlEngine>
#include <QtQml/qqmlregistration.h>

namespace binnacle {

// The log view's source: one pod's container, or every pod of a workload (Deployment, StatefulSet,
// DaemonSet, ReplicaSet, Job) merged by timestamp, streamed into `lines` (a LogModel: capped, spilling to
// disk, searchable). The stream lives on the connection's worker thread with its transport; lines cross to
// the GUI thread in the stream's batches. Any change of target or option restarts it.
class LogSession : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(
        binnacle::ClusterConnection* connection READ connection WRITE setConnection NOTIFY targetChanged)
    // "Pod", or a workload kind.
    Q_PROPERTY(QString kind READ kind WRITE setKind NOTIFY targetChanged)
    Q_PROPERTY(QString namespaceName READ namespaceName WRITE setNamespaceName NOTIFY targetChanged)
    Q_PROPERTY(QString name READ name WRITE setName NOTIFY targetChanged)
    // Pods: the container ("" for the only or default one); workloads: "" for all containers.
    Q_PROPERTY(QString container READ container WRITE setContainer NOTIFY targetChanged)
    Q_PROPERTY(bool follow READ follow WRITE setFollow NOTIFY targetChanged)
    Q_PROPERTY(bool previous READ previous WRITE setPrevious NOTIFY targetChanged)
    Q_PROPERTY(int tailLines READ tailLines WRITE setTailLines NOTIFY targetChanged) // -1: all
    // Only lines of the last so many seconds; -1: all.
    Q_PROPERTY(int sinceSeconds READ sinceSeconds WRITE setSinceSeconds NOTIFY targetChanged)
    // Stop after this many bytes of text (newlines counted, timestamps not); -1: no limit.
    Q_PROPERTY(int limitBytes READ limitBytes WRITE setLimitBytes NOTIFY targetChanged)
    Q_PROPERTY(bool active READ active WRITE setActive NOTIFY targetChanged)
    Q_PROPERTY(binnacle::logs::LogModel* lines READ lines CONSTANT)
    // "streaming", "reconnecting (2)", "ended: container terminated", "streaming; the container restarted
    // (1)", an error ...
    Q_PROPERTY(QString status READ status NOTIFY statusChanged)
public:
    explicit LogSession(QObject* parent = nullptr);
    ~LogSession() override;

    ClusterConnection* connection() const { return m_restart.connection(); }
    void setConnection(ClusterConnection* connection);
    QString kind() const { return m_kind; }
    void setKind(const QString& kind);
    QString namespaceName() const { return m_namespace; }
    void setNamespaceName(const QString& namespaceName);
    QString name() const { return m_name; }
    void setName(const QString& name);
    QString container() const { return m_container; }
    void setContainer(const QString& container);
    bool follow() const { return m_follow; }
    void setFollow(bool follow);
    bool previous() const { return m_previous; }
    void setPrevious(bool previous);
    int tailLines() const { return m_tailLines; }
    void setTailLines(int lines);
    int sinceSeconds() const { return m_sinceSeconds; }
    void setSinceSeconds(int seconds);
    int limitBytes() const { return m_limitBytes; }
    void setLimitBytes(int bytes);
    bool active() const { return m_active; }
    void setActive(bool active);
    logs::LogModel* lines() const { return m_lines; }
    QString status() const { return m_status; }
    // Writes every line held (spilled ones too) to a new file in the user's downloads folder; its path,
    // or "" when it could not be written.
    Q_INVOKABLE QString saveToDownloads(bool timestamps);

signals:
    void targetChanged();
    void statusChanged();

private:
    template <typename T> void update(T& field, const T& value);
    void restart();
    void stopStream();
    void setStatus(const QString& status);

    ConnectedRestart m_restart;
    QString m_kind;
    QString m_namespace;
    QString m_name;
    QString m_container;
    bool m_follow = true;
    bool m_previous = false;
    int m_tailLines = 1000;
    int m_sinceSeconds = -1;
    int m_limitBytes = -1;
    bool m_active = true;
    logs::LogModel* m_lines;
    QPointer<QObject> m_stream; // a LogStream or WorkloadLogs, on the worker thread
    QString m_status;
    int m_restarts = 0; // of the pod's container, seen while following
};

// The log lines' model as a QML type, so that its properties and roles are known to tooling.
struct LogModelForeign {
    Q_GADGET
    QML_FOREIGN(binnacle::logs::LogModel)
    QML_NAMED_ELEMENT(LogModel)
    QML_UNCREATABLE("Owned by a LogSession")
};

} // namespace binnacle
