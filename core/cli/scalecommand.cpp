#include "scalecommand.h"

#include "applycommand.h"

namespace binnacle::cli {

ScaleCommand::ScaleCommand(ClusterSession* session, ScaleOptions options, QTextStream& out, QTextStream& err,
                           QObject* parent)
    : QObject(parent)
    , m_session(session)
    , m_options(std::move(options))
    , m_out(out)
    , m_err(err) {}

void ScaleCommand::run(std::function<void(int exitCode)> done) {
    m_done = std::move(done);
    if (m_options.name.isEmpty() && m_options.resource.contains(QLatin1Char('/'))) {
        m_options.name = m_options.resource.section(QLatin1Char('/'), 1);
        m_options.resource = m_options.resource.section(QLatin1Char('/'), 0, 0);
    }
    if (m_options.replicas < 0) {
        m_err
            << "error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n";
        finish(1);
        return;
    }
    m_client = new dynamic::DynamicClient(m_session->transport(), this);
    m_session->loadDiscovery([this](const QString& error) {
        if (!error.isEmpty()) {
            m_err << "error: discovery failed: " << error << '\n';
            finish(1);
            return;
        }
        const auto resource = m_session->mapper().resourceFor(m_options.resource);
        if (!resource) {
            m_err << "error: the server doesn't have a resource type \"" << m_options.resource << "\"\n";
            finish(1);
            return;
        }
        const dynamic::ObjectTarget target{*resource, m_session->namespaceName(), m_options.name,
                                           QStringLiteral("scale")};
        const QByteArray patch =
            QStringLiteral("{\"spec\":{\"replicas\":%1}}").arg(m_options.replicas).toUtf8();
        const QString label = kindLabel(*resource) + QLatin1Char('/') + m_options.name;
        m_client->patch(
            target, dynamic::PatchType::Merge, patch, {}, [this, label](const dynamic::ObjectResult& result) {
                if (result.reason() == QLatin1String("NotFound")) {
                    // kubectl looks the object up first and words a miss this way.
                    m_err << "error: no objects passed to scale " << result.error->status().message << '\n';
                    finish(1);
                    return;
                }
                if (!result.ok()) {
                    m_err << describeError(*result.error) << '\n';
                    finish(1);
                    return;
                }
                m_out << label << " scaled\n";
                finish(0);
            });
    });
}

void ScaleCommand::finish(int exitCode) {
    m_out.flush();
    m_err.flush();
    m_done(exitCode);
}

} // namespace binnacle::cli
