#pragma once

#include "clustersession.h"
#include "dynamicclient.h"

#include <QObject>
#include <QTextStream>
#include <functional>

namespace binnacle::cli {

struct ScaleOptions {
    QString resource; // "deploy", or "deployment.apps/web" with an empty name
    QString name;
    int replicas = -1;
};

// `scale KIND NAME --replicas=N`: a merge patch of the scale subresource, printing `kind.group/name scaled`.
class ScaleCommand : public QObject {
    Q_OBJECT
public:
    ScaleCommand(ClusterSession* session, ScaleOptions options, QTextStream& out, QTextStream& err,
                 QObject* parent = nullptr);
    void run(std::function<void(int exitCode)> done);

private:
    void finish(int exitCode);

    ClusterSession* m_session;
    ScaleOptions m_options;
    QTextStream& m_out;
    QTextStream& m_err;
    std::function<void(int)> m_done;
    dynamic::DynamicClient* m_client = nullptr;
};

} // namespace binnacle::cli
