#include "getcommand.h"

#include "applycommand.h"
#include "clustertransport.h"
#include "getwatch.h"
#include "kubeyaml.h"
#include "tabletext.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace binnacle::cli {

namespace {
constexpr auto tableAccept = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json";
constexpr auto metadataAccept =
    "application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io,application/json";

} // namespace

GetCommand::GetCommand(ClusterSession* session, GetOptions options, QTextStream& out, QTextStream& err,
                       QObject* parent)
    : QObject(parent)
    , m_session(session)
    , m_options(std::move(options))
    , m_out(out)
    , m_err(err) {}

void GetCommand::run(std::function<void(int exitCode)> done) {
    m_done = std::move(done);
    m_session->loadDiscovery([this](const QString& error) {
        if (!error.isEmpty()) {
            fail(QStringLiteral("error: discovery failed: %1").arg(error));
            return;
        }
        QString resolveError;
        const auto resource = m_session->mapper().resourceFor(m_options.resource, &resolveError);
        if (!resource) {
            fail(QStringLiteral("error: the server doesn't have a resource type \"%1\"")
                     .arg(m_options.resource));
            return;
        }
        m_resource = *resource;
        fetchPage(QString());
    });
}

void GetCommand::fetchPage(const QString& continueToken) {
    transport::ApiRequestSpec spec;
    QString path = collectionPath();
    if (!m_options.name.isEmpty()) {
        path += QLatin1Char('/') + m_options.name;
    } else {
        spec.query = selectors();
        if (m_options.chunkSize > 0) {
            spec.query.addQueryItem(QStringLiteral("limit"), QString::number(m_options.chunkSize));
        }
        if (!continueToken.isEmpty()) {
            spec.query.addQueryItem(QStringLiteral("continue"), continueToken);
        }
    }
    spec.path = path;
    spec.priority = transport::Priority::Interactive;
    if (m_options.output == QLatin1String("name")) {
        spec.accept = metadataAccept;
    } else if (m_options.output == QLatin1String("json") || m_options.output == QLatin1String("yaml")) {
        spec.accept = "application/json";
    } else {
        spec.accept = tableAccept;
        spec.query.addQueryItem(QStringLiteral("includeObject"), QStringLiteral("Metadata"));
    }
    m_session->transport()->send(spec, this, [this](const transport::ApiResult& result) {
        if (!result.ok()) {
            fail(describeError(*result.error));
            return;
        }
        QByteArray body = result.response.body;
        if (!m_options.name.isEmpty() && m_options.output == QLatin1String("name")) {
            // A single object: wrap it so the list parser reads it like a one-item page.
            body = "{\"kind\":\"List\",\"apiVersion\":\"v1\",\"metadata\":{},\"items\":[" + body + "]}";
        } else if (!m_options.name.isEmpty() &&
                   (m_options.output == QLatin1String("json") || m_options.output == QLatin1String("yaml"))) {
            printObject(body);
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
        if (m_listResourceVersion.isEmpty()) {
            m_listResourceVersion = page->resourceVersion;
        }
        if (m_options.output == QLatin1String("name") && !m_options.watch) {
            // Names are all -o name prints: the rest of each item (its metadata, managedFields included) is
            // dropped page by page instead of held until the last one (50,000 pods: hundreds of MB).
            m_items.reserve(m_items.size() + page->items.size());
            for (const client::ObjectSummary& item : std::as_const(page->items)) {
                client::ObjectSummary nameOnly;
                nameOnly.name = item.name;
                m_items.append(std::move(nameOnly));
            }
        } else {
            m_items.append(page->items);
        }
        if (!page->isLastPage()) {
            fetchPage(page->continueToken);
            return;
        }
        finish();
    });
}

void GetCommand::finish() {
    const bool namespaced = m_resource.namespaced && !m_options.allNamespaces;
    if (m_items.isEmpty() && !m_options.watch) {
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
        const QString prefix =
            m_resource.kind.toLower() +
            (m_resource.group.isEmpty() ? QString() : QLatin1Char('.') + m_resource.group) + QLatin1Char('/');
        QString text;
        text.reserve(m_items.size() * 48);
        for (const client::ObjectSummary& item : std::as_const(m_items)) {
            text += prefix + item.name + QLatin1Char('\n');
        }
        m_out << text;
    } else if (m_options.output == QLatin1String("json") || m_options.output == QLatin1String("yaml")) {
        QJsonArray items;
        for (const client::ObjectSummary& item : std::as_const(m_items)) {
            QJsonObject object = item.toJsonObject();
            if (m_options.output == QLatin1String("yaml")) {
                // kubectl hides managedFields unless --show-managed-fields.
                QJsonObject metadata = object.value(QLatin1String("metadata")).toObject();
                metadata.remove(QLatin1String("managedFields"));
                object.insert(QStringLiteral("metadata"), metadata);
            }
            items.append(object);
        }
        const QJsonObject list{
            {QStringLiteral("apiVersion"), QStringLiteral("v1")},
            {QStringLiteral("kind"), QStringLiteral("List")},
            {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("resourceVersion"), QString()}}},
            {QStringLiteral("items"), items}};
        m_out << (m_options.output == QLatin1String("yaml")
                      ? toKubectlYaml(list)
                      : QString::fromUtf8(QJsonDocument(list).toJson(QJsonDocument::Indented)));
    } else {
        TableTextOptions options;
        options.wide = m_options.output == QLatin1String("wide");
        options.withNamespace = m_resource.namespaced && m_options.allNamespaces;
        options.noHeaders = m_options.noHeaders;
        QList<qsizetype> widths;
        if (!m_items.isEmpty()) {
            m_out << renderColumns(tableLines(m_columns, m_items, options), &widths);
        }
        if (m_options.watch) {
            m_out.flush();
            startWatch(widths);
            return;
        }
    }
    m_out.flush();
    if (m_options.watch) {
        startWatch({});
        return;
    }
    m_done(0);
}

QString GetCommand::collectionPath() const {
    if (m_resource.namespaced && !m_options.allNamespaces) {
        const QString prefix = m_resource.group.isEmpty()
                                   ? QStringLiteral("/api/") + m_resource.version
                                   : QStringLiteral("/apis/") + m_resource.groupVersion();
        return prefix + QStringLiteral("/namespaces/") + m_session->namespaceName() + QLatin1Char('/') +
               m_resource.resource;
    }
    return m_resource.collectionPath();
}

QUrlQuery GetCommand::selectors() const {
    QUrlQuery query;
    if (!m_options.labelSelector.isEmpty()) {
        query.addQueryItem(QStringLiteral("labelSelector"), m_options.labelSelector);
    }
    if (!m_options.fieldSelector.isEmpty()) {
        query.addQueryItem(QStringLiteral("fieldSelector"), m_options.fieldSelector);
    }
    return query;
}

void GetCommand::printObject(const QByteArray& body) {
    if (m_options.output == QLatin1String("yaml")) {
        QJsonObject object = QJsonDocument::fromJson(body).object();
        QJsonObject metadata = object.value(QLatin1String("metadata")).toObject();
        metadata.remove(QLatin1String("managedFields"));
        object.insert(QStringLiteral("metadata"), metadata);
        m_out << toKubectlYaml(object);
    } else {
        m_out << QJsonDocument::fromJson(body).toJson(QJsonDocument::Indented);
    }
    m_out.flush();
    m_done(0);
}

void GetCommand::startWatch(const QList<qsizetype>& widths) {
    GetWatchSpec spec;
    spec.path = collectionPath();
    spec.selectors = selectors();
    if (!m_options.name.isEmpty()) {
        spec.selectors.addQueryItem(QStringLiteral("fieldSelector"),
                                    QStringLiteral("metadata.name=") + m_options.name);
    }
    spec.resourceVersion = m_listResourceVersion;
    spec.names = m_options.output == QLatin1String("name");
    spec.namePrefix = kindLabel(m_resource) + QLatin1Char('/');
    spec.columns = m_columns;
    spec.table.wide = m_options.output == QLatin1String("wide");
    spec.table.withNamespace = m_resource.namespaced && m_options.allNamespaces;
    spec.widths = widths;
    auto* watch = new GetWatch(m_session->transport(), spec, m_out, m_err, this);
    m_watch = watch;
    watch->run(m_done);
}

void GetCommand::fail(const QString& message) {
    m_err << message << '\n';
    m_err.flush();
    m_done(1);
}

} // namespace binnacle::cli
