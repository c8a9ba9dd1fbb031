#include "deletecommand.h"

#include "applycommand.h"

#include <QTimer>

namespace binnacle::cli {

namespace {
constexpr int pollIntervalMs = 250;
}

DeleteCommand::DeleteCommand(ClusterSession* session, DeleteOptions options, QTextStream& out,
                             QTextStream& err, QObject* parent)
    : QObject(parent)
    , m_session(session)
    , m_options(std::move(options))
    , m_out(out)
    , m_err(err) {}

void DeleteCommand::run(std::function<void(int exitCode)> done) {
    m_done = std::move(done);
    m_client = new dynamic::DynamicClient(m_session->transport(), this);
    m_session->loadDiscovery([this](const QString& error) {
        if (!error.isEmpty()) {
            m_err << "error: discovery failed: " << error << '\n';
            m_failed = true;
            finish();
            return;
        }
        const auto resource = m_session->mapper().resourceFor(m_options.resource);
        if (!resource) {
            m_err << "error: the server doesn't have a resource type \"" << m_options.resource << "\"\n";
            m_failed = true;
            finish();
            return;
        }
        m_resource = *resource;
        deleteNext();
    });
}

void DeleteCommand::deleteNext() {
    if (m_nextIndex >= m_options.names.size()) {
        waitUntilGone();
        return;
    }
    const dynamic::ObjectTarget target{
        m_resource, m_session->namespaceName(), m_options.names.at(m_nextIndex++), {}};
    dynamic::DeleteOptions options;
    options.propagationPolicy = QStringLiteral("Background");
    options.dryRun = m_options.dryRunServer;
    m_client->remove(target, options, [this, target](const dynamic::ObjectResult& result) {
        if (!result.ok()) {
            m_err << describeError(*result.error) << '\n';
            m_failed = true;
        } else {
            m_out << kindLabel(m_resource) << " \"" << target.name << "\" deleted"
                  << (m_options.dryRunServer ? " (server dry run)" : "") << '\n';
            m_out.flush();
            if (!m_options.dryRunServer) {
                m_deleted.append(target);
            }
        }
        deleteNext();
    });
}

void DeleteCommand::waitUntilGone() {
    if (!m_options.wait || m_deleted.isEmpty()) {
        finish();
        return;
    }
    // Polled rather than watched: deletions are usually immediate, and a finalizer takes seconds.
    const dynamic::ObjectTarget target = m_deleted.first();
    m_client->get(target, {}, [this](const dynamic::ObjectResult& result) {
        if (!result.ok()) {
            if (result.reason() != QLatin1String("NotFound")) {
                m_err << describeError(*result.error) << '\n';
                m_failed = true;
            }
            m_deleted.removeFirst();
            waitUntilGone();
            return;
        }
        QTimer::singleShot(pollIntervalMs, this, &DeleteCommand::waitUntilGone);
    });
}

void DeleteCommand::finish() {
    m_out.flush();
    m_err.flush();
    m_done(m_failed ? 1 : 0);
}

} // namespace binnacle::cli
