#include "clientcalls.h"

#include "clustertransport.h"

#include <QMutex>

namespace binnacle::editing {

// Where answers go. Cleared under the lock before the context dies, so that a worker thread never posts
// to a destroyed object.
struct ClientCalls::Mailbox {
    QMutex mutex;
    QObject* context = nullptr;

    void post(Done done, const dynamic::ObjectResult& result) {
        QMutexLocker lock(&mutex);
        if (context) {
            QMetaObject::invokeMethod(
                context, [done = std::move(done), result] { done(result); }, Qt::QueuedConnection);
        }
    }
};

ClientCalls::ClientCalls(dynamic::DynamicClient* client, QObject* context)
    : m_client(client)
    , m_transport(client ? client->transport() : nullptr)
    , m_mailbox(std::make_shared<Mailbox>()) {
    m_mailbox->context = context;
}

ClientCalls::~ClientCalls() {
    QMutexLocker lock(&m_mailbox->mutex);
    m_mailbox->context = nullptr;
}

void ClientCalls::run(Call call, Done done) {
    std::shared_ptr<Mailbox> mailbox = m_mailbox;
    auto gone = [mailbox, done] {
        dynamic::ObjectResult result;
        result.error = transport::ApiError(transport::ApiError::Kind::Network,
                                           QStringLiteral("not connected to a cluster"));
        mailbox->post(done, result);
    };
    if (!m_client) {
        gone();
        return;
    }
    // Runs on the client's thread, where its transport is deleted too: the QPointer check is safe there.
    QMetaObject::invokeMethod(
        m_client,
        [client = m_client, transport = m_transport, mailbox, call = std::move(call), done, gone] {
            if (!transport) {
                gone();
                return;
            }
            call(client,
                 [mailbox, done](const dynamic::ObjectResult& result) { mailbox->post(done, result); });
        },
        Qt::QueuedConnection);
}

void ClientCalls::get(const dynamic::ObjectTarget& target, Done done) {
    run([target](dynamic::DynamicClient* client, Done reply) { client->get(target, {}, std::move(reply)); },
        std::move(done));
}

void ClientCalls::replace(const dynamic::ObjectTarget& target, const QByteArray& json,
                          const dynamic::WriteOptions& options, Done done) {
    run([=](dynamic::DynamicClient* client,
            Done reply) { client->replace(target, json, options, std::move(reply)); },
        std::move(done));
}

void ClientCalls::apply(const dynamic::ObjectTarget& target, const QByteArray& manifest,
                        const dynamic::ApplyOptions& options, Done done) {
    run([=](dynamic::DynamicClient* client,
            Done reply) { client->apply(target, manifest, options, std::move(reply)); },
        std::move(done));
}

void ClientCalls::create(const client::ApiResource& resource, const QString& namespaceName,
                         const QByteArray& json, const dynamic::WriteOptions& options, Done done) {
    run([=](dynamic::DynamicClient* client,
            Done reply) { client->create(resource, namespaceName, json, options, std::move(reply)); },
        std::move(done));
}

} // namespace binnacle::editing
