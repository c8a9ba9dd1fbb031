#pragma once

#include "clustersession.h"
#include "dynamicclient.h"

#include <QJsonObject>
#include <QObject>
#include <QTextStream>
#include <functional>

namespace binnacle::cli {

struct ApplyOptions {
    QString file; // "-": standard input
    bool serverSide = false;
    bool forceConflicts = false;
    bool dryRunServer = false;
    QString fieldManager; // empty: binnacle
};

// `apply -f`: every object of the manifest, in order, printing kubectl's "kind.group/name created" lines.
// Server-side: an apply patch. Client-side, kubectl's way in its simplest form: create the object with the
// last-applied-configuration annotation when absent, else send a merge patch computed from the last applied
// configuration, the manifest and the live object ("unchanged" when it is empty). kubectl sends a strategic
// merge patch for built-in kinds; the merge patch replaces lists whole instead of merging them by key,
// which gives the same object when the manifest owns the list.
class ApplyCommand : public QObject {
    Q_OBJECT
public:
    ApplyCommand(ClusterSession* session, ApplyOptions options, QTextStream& out, QTextStream& err,
                 QObject* parent = nullptr);
    void run(std::function<void(int exitCode)> done);

private:
    void next();
    void applyServerSide(const dynamic::ObjectTarget& target, const QJsonObject& manifest,
                         const QString& label);
    void applyClientSide(const dynamic::ObjectTarget& target, const QJsonObject& manifest,
                         const QString& label);
    void report(const dynamic::ObjectResult& result, const QString& label, const QString& operation);
    void fail(const QString& message);

    ClusterSession* m_session;
    ApplyOptions m_options;
    QTextStream& m_out;
    QTextStream& m_err;
    std::function<void(int)> m_done;
    dynamic::DynamicClient* m_client = nullptr;
    QList<QJsonObject> m_objects;
    qsizetype m_nextIndex = 0;
    bool m_failed = false;
};

// kubectl's name of an object's type in messages: "deployment.apps", "configmap".
QString kindLabel(const client::ApiResource& resource);
// kubectl's wording of a failed call: "Error from server (NotFound): pods \"x\" not found".
QString describeError(const transport::ApiError& error);

} // namespace binnacle::cli
