#pragma once

#include <QByteArray>
#include <QNetworkAccessManager>
#include <QObject>
#include <QSslConfiguration>
#include <QStringList>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

namespace binnacle {

// A first look at a cluster: its namespaces and the kinds it serves (from aggregated discovery).
// It reads them once over HTTPS with the cluster's CA and a bearer token; the informer-backed
// models replace it when the core client lands.
class ClusterOverview : public QObject {
    Q_OBJECT
    Q_PROPERTY(QString serverUrl READ serverUrl NOTIFY changed)
    Q_PROPERTY(QString status READ status NOTIFY changed)
    Q_PROPERTY(bool loaded READ loaded NOTIFY changed)
    Q_PROPERTY(QStringList namespaces READ namespaces NOTIFY changed)
    Q_PROPERTY(QVariantList kinds READ kinds NOTIFY changed)
public:
    explicit ClusterOverview(QObject* parent = nullptr);

    void connectTo(const QString& serverUrl, const QByteArray& caPem, const QString& token);
    void setStatus(const QString& status);

    QString serverUrl() const { return m_serverUrl; }
    QString status() const { return m_status; }
    bool loaded() const { return m_pendingReplies == 0 && !m_namespaces.isEmpty(); }
    QStringList namespaces() const { return m_namespaces; }
    QVariantList kinds() const { return m_kinds; }

Q_SIGNALS:
    void changed();

private:
    void fetch(const QString& path, const QByteArray& accept,
               const std::function<void(const QByteArray&)>& onSuccess);

    QNetworkAccessManager m_network;
    QSslConfiguration m_tls;
    QString m_serverUrl;
    QString m_token;
    QString m_status;
    QStringList m_namespaces;
    QVariantList m_kinds;
    int m_pendingReplies = 0;
};

} // namespace binnacle
