#include "getcommand.h"

#include "clustertransport.h"
#include "tabletext.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace binnacle::cli {

namespace {
constexpr auto tableAccept = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json";
constexpr auto metadataAccept = "application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io,application/json";

// kubectl's wording of a failed call: "Error from server (NotFound): pods \"x\" not found".
QString describe(const transport::ApiError& error)
{
    if (error.kind() == transport::ApiError::Kind::Status) {
        return QStringLiteral("Error from server (%1): %2").arg(error.reason(), error.status().message);
    }
    return QStringLiteral("error: %1").arg(error.message());
}
} // namespace

GetCommand::GetCommand(ClusterSession* session, GetOptions options, QTextStream& out, QTextStream& err,
                       QObject* parent)
    : QObject(parent)
    , m_session(session)
    , m_options(std::move(options))
    , m_out(out)
    , m_err(err)
{
}

void GetCommand::run(std::function<void(int exitCode)> done)
{
    m_done = std::move(done);
    m_session->loadDiscovery([this](const QString& error) {
        if (!error.isEmpty()) {
            fail(QStringLiteral("error: discovery failed: %1").arg(error));
            return;
        }
        QString resolveError;
        const auto resource = m_session->mapper().resourceFor(m_options.resource, &resolveError);
        if (!resource) {
            fail(QStringLiteral("error: the server doesn't have a resource type \"%1\"").arg(m_options.resource));
            return;
        }
        m_resource = *resource;
        fetchPage(QString());
    });
}

void GetCommand::fetchPage(const QString& continueToken)
{
    transport::ApiRequestSpec spec;
    QString path = m_resource.collectionPath();
    if (m_resource.namespaced && !m_options.allNamespaces) {
        const QString prefix = m_resource.group.isEmpty() ? QStringLiteral("/api/") + m_resource.version
                                                          : QStringLiteral("/apis/") + m_resource.groupVersion();
        path = prefix + QStringLiteral("/namespaces/") + m_session->namespaceName() + QLatin1Char('/') + m_resource.resource;
    }
    if (!m_options.name.isEmpty()) {
        path += QLatin1Char('/') + m_options.name;
    } else {
        if (m_options.chunkSize > 0) {
            spec.query.addQueryItem(QStringLiteral("limit"), QString::number(m_options.chunkSize));
        }
        if (!continueToken.isEmpty()) {
            spec.query.addQueryItem(QStringLiteral("continue"), continueToken);
        }
        if (!m_options.labelSelector.isEmpty()) {
            spec.query.addQueryItem(QStringLiteral("labelSelector"), m_options.labelSelector);
        }
        if (!m_options.fieldSelector.isEmpty()) {
            spec.query.addQueryItem(QStringLiteral("fieldSelector"), m_options.fieldSelector);
        }
    }
    spec.path = path;
    spec.priority = transport::Priority::Interactive;
    if (m_options.output == QLatin1String("name")) {
        spec.accept = metadataAccept;
    } else if (m_options.output == QLatin1String("json")) {
        spec.accept = "application/json";
    } else {
        spec.accept = tableAccept;
        spec.query.addQueryItem(QStringLiteral("includeObject"), QStringLiteral("Metadata"));
    }
    m_session->transport()->send(spec, this, [this](const transport::ApiResult& result) {
        if (!result.ok()) {
            fail(describe(*result.error));
            return;
        }
        QByteArray body = result.response.body;
        if (!m_options.name.isEmpty() && m_options.output == QLatin1String("name")) {
            // A single object: wrap it so the list parser reads it like a one-item page.
            body = "{\"kind\":\"List\",\"apiVersion\":\"v1\",\"metadata\":{},\"items\":[" + body + "]}";
        } else if (!m_options.name.isEmpty() && m_options.output == QLatin1String("json")) {
            m_out << QJsonDocument::fromJson(body).toJson(QJsonDocument::Indented);
            m_out.flush();
            m_done(0);
            return;
        }
        QString error;
        auto page = m_parser.parse(body, &error);
        if (!page) {
            fail(QStringLiteral("error: cannot read the server's answer: %1").arg(error));
            return;
        }
        if (m_columns.isEmpty()) {
            m_columns = page->tableColumns;
        }
        m_apiVersion = page->apiVersion;
        m_items.append(page->items);
        if (!page->isLastPage()) {
            fetchPage(page->continueToken);
            return;
        }
        finish();
    });
}

void GetCommand::finish()
{
    const bool namespaced = m_resource.namespaced && !m_options.allNamespaces;
    if (m_items.isEmpty()) {
        if (namespaced) {
            m_err << "No resources found in " << m_session->namespaceName() << " namespace.\n";
        } else {
            m_err << "No resources found\n";
        }
        m_err.flush();
        m_done(0);
        return;
    }
    if (m_options.output == QLatin1String("name")) {
        const QString prefix = m_resource.kind.toLower() +
                               (m_resource.group.isEmpty() ? QString() : QLatin1Char('.') + m_resource.group) +
                               QLatin1Char('/');
        QString text;
        text.reserve(m_items.size() * 48);
        for (const client::ObjectSummary& item : std::as_const(m_items)) {
            text += prefix + item.name + QLatin1Char('\n');
        }
        m_out << text;
    } else if (m_options.output == QLatin1String("json")) {
        QJsonArray items;
        for (const client::ObjectSummary& item : std::as_const(m_items)) {
            items.append(item.toJsonObject());
        }
        const QJsonObject list{{QStringLiteral("apiVersion"), QStringLiteral("v1")},
                               {QStringLiteral("kind"), QStringLiteral("List")},
                               {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("resourceVersion"), QString()}}},
                               {QStringLiteral("items"), items}};
        m_out << QJsonDocument(list).toJson(QJsonDocument::Indented);
    } else {
        TableTextOptions options;
        options.wide = m_options.output == QLatin1String("wide");
        options.withNamespace = m_resource.namespaced && m_options.allNamespaces;
        options.noHeaders = m_options.noHeaders;
        m_out << renderTable(m_columns, m_items, options);
    }
    m_out.flush();
    m_done(0);
}

void GetCommand::fail(const QString& message)
{
    m_err << message << '\n';
    m_err.flush();
    m_done(1);
}

} // namespace binnacle::cli
