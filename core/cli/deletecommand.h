#pragma once

#include "clustersession.h"
#include "dynamicclient.h"

#include <QObject>
#include <QTextStream>
#include <functional>

namespace binnacle::cli {

struct DeleteOptions {
    QString resource;
    QStringList names;
    bool wait = true; // like kubectl: return once the objects are gone (finalizers done)
    bool dryRunServer = false;
};

// `delete KIND NAME...`: deletes each object in the background propagation kubectl uses, printing
// `kind.group "name" deleted`, and (unless --wait=false) waits until every deleted object is gone.
class DeleteCommand : public QObject {
    Q_OBJECT
public:
    DeleteCommand(ClusterSession* session, DeleteOptions options, QTextStream& out, QTextStream& err,
                  QObject* parent = nullptr);
    void run(std::function<void(int exitCode)> done);

private:
    void deleteNext();
    void waitUntilGone();
    void finish();

    ClusterSession* m_session;
    DeleteOptions m_options;
    QTextStream& m_out;
    QTextStream& m_err;
    std::function<void(int)> m_done;
    dynamic::DynamicClient* m_client = nullptr;
    client::ApiResource m_resource;
    qsizetype m_nextIndex = 0;
    QList<dynamic::ObjectTarget> m_deleted;
    bool m_failed = false;
};

} // namespace binnacle::cli
