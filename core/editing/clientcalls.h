#pragma once

#include "dynamicclient.h"

#include <QObject>
#include <QPointer>
#include <memory>

namespace binnacle::editing {

// Calls a DynamicClient that may live on another thread (the dashboard keeps its transport on a worker
// thread) and hands each answer to `context`'s thread. Answers for a context that is gone, or calls after
// the client's transport is gone, are dropped (the latter answered with an error).
class ClientCalls {
public:
    using Done = dynamic::DynamicClient::ObjectCallback;

    ClientCalls(dynamic::DynamicClient* client, QObject* context);
    ~ClientCalls();
    ClientCalls(const ClientCalls&) = delete;
    ClientCalls& operator=(const ClientCalls&) = delete;

    void get(const dynamic::ObjectTarget& target, Done done);
    void replace(const dynamic::ObjectTarget& target, const QByteArray& json,
                 const dynamic::WriteOptions& options, Done done);
    void apply(const dynamic::ObjectTarget& target, const QByteArray& manifest,
               const dynamic::ApplyOptions& options, Done done);
    void create(const client::ApiResource& resource, const QString& namespaceName, const QByteArray& json,
                const dynamic::WriteOptions& options, Done done);

private:
    struct Mailbox;
    using Call = std::function<void(dynamic::DynamicClient*, Done)>;
    void run(Call call, Done done);

    dynamic::DynamicClient* m_client;
    QPointer<transport::ClusterTransport> m_transport;
    std::shared_ptr<Mailbox> m_mailbox;
};

} // namespace binnacle::editing
