#include "infocommands.h"

#include "clustertransport.h"
#include "tabletext.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace binnacle::cli {


void runApiResources(ClusterSession* session, QTextStream& out, QTextStream& err, std::function<void(int)> done)
{
    session->loadDiscovery([session, &out, &err, done](const QString& error) {
        if (!error.isEmpty()) {
            err << "error: discovery failed: " << error << '\n';
            done(1);
            return;
        }
        QList<client::ApiResource> resources = session->discovery().preferredResources();
        std::stable_sort(resources.begin(), resources.end(), [](const auto& a, const auto& b) {
            if (a.group.isEmpty() != b.group.isEmpty()) {
                return a.group.isEmpty();
            }
            return a.group != b.group ? a.group < b.group : a.resource < b.resource;
        });
        QList<QStringList> lines{{QStringLiteral("NAME"), QStringLiteral("SHORTNAMES"), QStringLiteral("APIVERSION"),
                                  QStringLiteral("NAMESPACED"), QStringLiteral("KIND")}};
        for (const client::ApiResource& resource : std::as_const(resources)) {
            lines.append({resource.resource, resource.shortNames.join(QLatin1Char(',')), resource.groupVersion(),
                          resource.namespaced ? QStringLiteral("true") : QStringLiteral("false"), resource.kind});
        }
        out << renderColumns(lines);
        out.flush();
        done(0);
    });
}

void runVersion(ClusterSession* session, const QString& clientVersion, QTextStream& out, QTextStream& err,
                std::function<void(int)> done)
{
    out << "Client Version: " << clientVersion << '\n';
    out.flush();
    transport::ApiRequestSpec spec;
    spec.path = QStringLiteral("/version");
    session->transport()->send(spec, session, [&out, &err, done](const transport::ApiResult& result) {
        if (!result.ok()) {
            err << "error: " << result.error->message() << '\n';
            done(1);
            return;
        }
        out << "Server Version: "
            << QJsonDocument::fromJson(result.response.body).object().value(QLatin1String("gitVersion")).toString() << '\n';
        out.flush();
        done(0);
    });
}

QString configContextsTable(const config::Kubeconfig& kubeconfig)
{
    QList<QStringList> lines{{QStringLiteral("CURRENT"), QStringLiteral("NAME"), QStringLiteral("CLUSTER"),
                              QStringLiteral("AUTHINFO"), QStringLiteral("NAMESPACE")}};
    for (const config::ContextInfo& context : kubeconfig.contexts) {
        lines.append({context.name == kubeconfig.currentContext ? QStringLiteral("*") : QString(), context.name,
                      context.cluster, context.user, context.namespaceName});
    }
    return renderColumns(lines);
}

} // namespace binnacle::cli
