#pragma once

#include "clusterconnection.h"
#include "connectedrestart.h"
#include "execsession.h"

#include <QObject>
#include <QPointer>
#include <QtQml/qqmlregistration.h>

namespace binnacle {

// A shell in a pod's container for the terminal view: exec over WebSocket (v5, falling back to v4) with a
// TTY, trying bash and then sh; or, with `attach`, the container's main process. Bytes from the terminal go
// to the shell's stdin (send), the shell's output comes back as `output`, and the terminal's size as
// resize(). The session lives on the connection's worker thread; only byte chunks cross. `active` false (or
// another target) ends the shell.
class PodShell : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(
        binnacle::ClusterConnection* connection READ connection WRITE setConnection NOTIFY targetChanged)
    Q_PROPERTY(QString namespaceName READ namespaceName WRITE setNamespaceName NOTIFY targetChanged)
    Q_PROPERTY(QString podName READ podName WRITE setPodName NOTIFY targetChanged)
    Q_PROPERTY(QString container READ container WRITE setContainer NOTIFY targetChanged)
    Q_PROPERTY(bool active READ active WRITE setActive NOTIFY targetChanged)
    // Attach to the container's main process (its stdin/stdout, a TTY if the container has one) instead of
    // starting a shell.
    Q_PROPERTY(bool attach READ attach WRITE setAttach NOTIFY targetChanged)
    // "connecting", "bash", "sh", "exited with code 3", an error ...
    Q_PROPERTY(QString status READ status NOTIFY statusChanged)
    Q_PROPERTY(bool running READ running NOTIFY statusChanged)
public:
    explicit PodShell(QObject* parent = nullptr);
    ~PodShell() override;

    ClusterConnection* connection() const { return m_restart.connection(); }
    void setConnection(ClusterConnection* connection);
    QString namespaceName() const { return m_namespace; }
    void setNamespaceName(const QString& namespaceName);
    QString podName() const { return m_pod; }
    void setPodName(const QString& podName);
    QString container() const { return m_container; }
    void setContainer(const QString& container);
    bool active() const { return m_active; }
    void setActive(bool active);
    bool attach() const { return m_attach; }
    void setAttach(bool attach);
    QString status() const { return m_status; }
    bool running() const { return m_running; }

    Q_INVOKABLE void send(const QByteArray& bytes);
    Q_INVOKABLE void resize(int rows, int columns);
    // Starts a new shell (after the last one ended).
    Q_INVOKABLE void restart();

signals:
    void targetChanged();
    void statusChanged();
    void output(const QByteArray& bytes);

private:
    template <typename T> void update(T& field, const T& value);
    void stop();
    void startAttach(QObject* anchor, streaming::ExecOptions options);
    void setStatus(const QString& status, bool running);

    ConnectedRestart m_restart;
    QString m_namespace;
    QString m_pod;
    QString m_container;
    bool m_active = false;
    bool m_attach = false;
    QString m_status;
    bool m_running = false;
    int m_rows = 24;
    int m_columns = 80;
    QPointer<QObject> m_anchor; // on the worker thread: parent of the connector and the session
};

} // namespace binnacle
