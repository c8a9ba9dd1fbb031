#pragma once

#include "churnendpoint.h"
#include "podattach.h"
#include "podexec.h"
#include "podlogs.h"
#include "podportforward.h"
#include "readhandler.h"
#include "reviewhandler.h"
#include "servercontext.h"
#include "writehandler.h"

#include <QObject>

namespace binnacle::sim {

// The front door of the simulated kube-apiserver: authentication, injected faults, authorization,
// then routing to discovery, the non-resource endpoints, or the resource handlers.
class ApiServer : public QObject {
    Q_OBJECT
public:
    ApiServer(ServerContext context, QObject* parent = nullptr);

    void handle(HttpConnection* connection, const HttpRequest& request);
    // Answers a request the HTTP layer could not parse: 413 for bodies over the limit, 400 otherwise.
    void reject(HttpConnection* connection, int status, qsizetype maxBodyBytes);
    ServerContext& context() { return m_context; }
    ReadHandler& reads() { return m_reads; }

private:
    void serve(const ApiRequestPtr& request);
    void serveNonResource(const ApiRequestPtr& request);
    void serveResource(const ApiRequestPtr& request);
    void serveControl(const ApiRequestPtr& request);
    bool injectFailure(const ApiRequestPtr& request);
    // Applies Impersonate-* headers; false when the caller may not impersonate (a 403 was sent).
    bool impersonate(const ApiRequestPtr& request);

    ServerContext m_context;
    ReadHandler m_reads;
    WriteHandler m_writes;
    ReviewHandler m_reviews;
    PodLogHandler m_logs;
    PodExecHandler m_exec;
    PodAttachHandler m_attach;
    PodPortForwardHandler m_portForward;
    ChurnEndpoint m_churn;
    quint64 m_requestCount = 0;
};

} // namespace binnacle::sim
