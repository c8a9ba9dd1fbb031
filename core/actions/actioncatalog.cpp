#include "actioncatalog.h"

namespace binnacle::actions {

namespace {

bool is(const client::ApiResource& resource, const char* group, const char* plural) {
    return resource.group == QLatin1String(group) && resource.resource == QLatin1String(plural);
}

bool isWorkload(const client::ApiResource& resource) {
    return is(resource, "apps", "deployments") || is(resource, "apps", "statefulsets") ||
           is(resource, "apps", "daemonsets") || is(resource, "apps", "replicasets") ||
           is(resource, "batch", "jobs");
}

// Discovery lists the verbs; a resource made by hand (tests) lists none and offers everything.
bool supports(const client::ApiResource& resource, const char* verb) {
    return resource.verbs.isEmpty() || resource.supportsVerb(QLatin1String(verb));
}

AccessQuery query(const char* verb, const QString& group, const QString& resource,
                  const QString& subresource = QString()) {
    return AccessQuery{QLatin1String(verb), group, resource, subresource, QString(), QString()};
}

} // namespace

QList<ActionSpec> ActionCatalog::actionsFor(const client::ApiResource& resource) {
    QList<ActionSpec> actions;
    auto add = [&actions](const char* id, const char* label, bool destructive, bool viewOnly, bool single) {
        actions.append(
            ActionSpec{QLatin1String(id), QString::fromUtf8(label), destructive, viewOnly, single});
    };
    if (supports(resource, "get")) {
        add("viewYaml", "View YAML", false, true, true);
    }
    if (supports(resource, "update")) {
        add("edit", "Edit YAML", false, true, true);
    }
    const bool pods = is(resource, "", "pods");
    if (pods || isWorkload(resource)) {
        add("logs", "Logs", false, true, true);
    }
    if (pods) {
        add("shell", "Shell", false, true, true);
    }
    if (is(resource, "apps", "deployments") || is(resource, "apps", "statefulsets") ||
        is(resource, "apps", "replicasets")) {
        add("scale", "Scale…", false, false, false);
    }
    if (is(resource, "apps", "deployments") || is(resource, "apps", "statefulsets") ||
        is(resource, "apps", "daemonsets")) {
        add("restart", "Restart", false, false, false);
    }
    if (is(resource, "", "nodes")) {
        add("cordon", "Cordon", false, false, false);
        add("uncordon", "Uncordon", false, false, false);
        add("drain", "Drain…", true, false, true);
    }
    if (is(resource, "batch", "cronjobs")) {
        add("trigger", "Run now", false, false, true);
        add("suspend", "Suspend", false, false, false);
        add("resume", "Resume", false, false, false);
    }
    if (supports(resource, "delete")) {
        add("delete", "Delete…", true, false, false);
    }
    return actions;
}

QList<AccessQuery> ActionCatalog::permissionsFor(const QString& actionId, const client::ApiResource& resource,
                                                 const QStringList& namespaces) {
    const QString& group = resource.group;
    const QString& plural = resource.resource;
    QList<AccessQuery> perObject; // asked in each selected namespace
    QList<AccessQuery> clusterWide;
    if (actionId == QLatin1String("viewYaml")) {
        perObject = {query("get", group, plural)};
    } else if (actionId == QLatin1String("edit")) {
        perObject = {query("update", group, plural)};
    } else if (actionId == QLatin1String("logs")) {
        perObject = {query("get", QString(), QStringLiteral("pods"), QStringLiteral("log"))};
    } else if (actionId == QLatin1String("shell")) {
        perObject = {query("create", QString(), QStringLiteral("pods"), QStringLiteral("exec"))};
    } else if (actionId == QLatin1String("scale")) {
        perObject = {query("patch", group, plural, QStringLiteral("scale"))};
    } else if (actionId == QLatin1String("trigger")) {
        perObject = {query("get", group, plural),
                     query("create", QStringLiteral("batch"), QStringLiteral("jobs"))};
    } else if (actionId == QLatin1String("delete")) {
        perObject = {query("delete", group, plural)};
    } else if (actionId == QLatin1String("drain")) {
        perObject = {query("patch", group, plural)};
        clusterWide = {query("list", QString(), QStringLiteral("pods")),
                       query("create", QString(), QStringLiteral("pods"), QStringLiteral("eviction"))};
    } else if (!actionId.isEmpty()) { // restart, cordon, uncordon, suspend, resume: one patch each
        perObject = {query("patch", group, plural)};
    }
    QList<AccessQuery> queries = clusterWide;
    QStringList scopes = resource.namespaced ? namespaces : QStringList{QString()};
    scopes.removeDuplicates();
    for (const QString& scope : std::as_const(scopes)) {
        for (AccessQuery each : std::as_const(perObject)) {
            each.namespaceName = scope;
            queries.append(each);
        }
    }
    return queries;
}

} // namespace binnacle::actions
