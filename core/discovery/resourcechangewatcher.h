#pragma once

#include "apirequest.h"
#include "watchstreamparser.h"

#include <QObject>
#include <QTimer>

namespace binnacle::transport {
class ClusterTransport;
}

namespace binnacle::discovery {

// Tells when any object of one collection changes — here CustomResourceDefinitions and APIServices, whose
// changes change discovery. A plain list (for the resourceVersion only) then a watch from it, resumed from
// the last resourceVersion when the server ends it, relisted on 410 Expired, retried with backoff on failures
// (client-go's 0.8 s doubling to 30 s). Only that something changed matters, not what.
class ResourceChangeWatcher : public QObject {
    Q_OBJECT
public:
    // `collectionPath` as ApiResource::collectionPath():
    // /apis/apiextensions.k8s.io/v1/customresourcedefinitions
    ResourceChangeWatcher(transport::ClusterTransport* transport, QString collectionPath,
                          QObject* parent = nullptr);

    void start();
    const QString& collectionPath() const { return m_path; }
    // The watch is open: from now on every change is seen.
    bool isWatching() const { return m_watching; }

Q_SIGNALS:
    // An object was added, modified or deleted — or may have been while the watch was down (after a relist).
    void changed();

private:
    void list();
    void watch();
    void onEvents(const client::WatchStreamParser::Result& parsed);
    void onWatchFinished(const transport::ApiResult& result);
    void retryLater(bool relist);
    void stopFor(const transport::ApiError& error);

    transport::ClusterTransport* m_transport = nullptr;
    QString m_path;
    QString m_resourceVersion;
    client::WatchStreamParser m_parser;
    transport::RequestHandle m_request;
    QTimer m_retryTimer;
    int m_failures = 0;
    bool m_listedOnce = false;
    bool m_watching = false;
    bool m_relistNeeded = false;
};

} // namespace binnacle::discovery
