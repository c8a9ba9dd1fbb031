#include "getwatch.h"

#include "applycommand.h"
#include "clustertransport.h"
#include "dynamicclient.h"

namespace binnacle::cli {

GetWatch::GetWatch(transport::ClusterTransport* transport, GetWatchSpec spec, QTextStream& out,
                   QTextStream& err, QObject* parent)
    : QObject(parent)
    , m_transport(transport)
    , m_spec(std::move(spec))
    , m_out(out)
    , m_err(err) {}

void GetWatch::run(std::function<void(int exitCode)> done) {
    m_done = std::move(done);
    transport::ApiRequestSpec request;
    request.path = m_spec.path;
    request.query = m_spec.selectors;
    request.query.addQueryItem(QStringLiteral("watch"), QStringLiteral("1"));
    request.query.addQueryItem(QStringLiteral("allowWatchBookmarks"), QStringLiteral("true"));
    if (!m_spec.resourceVersion.isEmpty()) {
        request.query.addQueryItem(QStringLiteral("resourceVersion"), m_spec.resourceVersion);
    }
    if (!m_spec.names) {
        request.accept = dynamic::DynamicClient::tableAccept();
        request.query.addQueryItem(QStringLiteral("includeObject"), QStringLiteral("Metadata"));
    }
    request.priority = transport::Priority::Interactive;
    transport::StreamHandlers handlers;
    handlers.onData = [this](const QByteArray& bytes) {
        for (const client::WatchEvent& event : m_parser.feed(bytes).events) {
            print(event);
        }
    };
    handlers.onFinished = [this](const transport::ApiResult& result) {
        for (const client::WatchEvent& event : m_parser.finish().events) {
            print(event);
        }
        m_out.flush();
        if (!result.ok()) {
            m_err << describeError(*result.error) << '\n';
            m_err.flush();
            m_done(1);
            return;
        }
        m_done(0);
    };
    m_transport->openStream(request, this, handlers);
}

void GetWatch::print(const client::WatchEvent& event) {
    switch (event.type) {
    case client::WatchEvent::Type::Bookmark:
        return;
    case client::WatchEvent::Type::Error:
        m_err << "Error from server (" << event.status.reason << "): " << event.status.message << '\n';
        m_err.flush();
        return;
    default:
        break;
    }
    if (m_spec.names) {
        m_out << m_spec.namePrefix << event.object.name << '\n';
    } else {
        if (m_spec.columns.isEmpty()) {
            m_spec.columns = m_parser.tableColumns();
        }
        TableTextOptions options = m_spec.table;
        options.noHeaders = true;
        m_out << renderColumns(tableLines(m_spec.columns, {event.object}, options), &m_spec.widths);
    }
    m_out.flush();
}

} // namespace binnacle::cli
