#include "kubeconfigfileparser.h"

#include "yamlnodes.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonObject>
#include <QSet>
#include <yaml-cpp/yaml.h>

namespace binnacle::config {

namespace {

using yaml::scalarBool;
using yaml::scalarText;
using yaml::ShapeError;
using yaml::stringList;

const char* const kExecExtensionName = "client.authentication.k8s.io/exec";

// Resolves the relative file references of an entry against the directory of the defining file.
class PathResolver {
public:
    explicit PathResolver(const QString& file)
        : m_directory(QFileInfo(file).absoluteDir()) {}

    QString resolve(const QString& path) const {
        if (path.isEmpty() || QDir::isAbsolutePath(path))
            return path;
        return QDir::cleanPath(m_directory.absoluteFilePath(path));
    }

private:
    QDir m_directory;
};

// yaml-cpp throws when an absent key's node is asked anything but IsDefined().
bool isPresentMap(const YAML::Node& node) {
    return node.IsDefined() && node.IsMap();
}

QByteArray base64Field(const YAML::Node& node, const char* field) {
    QByteArray encoded = scalarText(node, field).toLatin1();
    // Like Go's base64 decoder: line breaks are ignored, nothing else.
    encoded.replace('\n', QByteArray()).replace('\r', QByteArray());
    auto decoded = QByteArray::fromBase64Encoding(encoded, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        throw ShapeError{node.Mark(), QStringLiteral("\"%1\" is not valid base64").arg(QLatin1String(field))};
    return *decoded;
}

// A list of {name, <body key>: ...} entries. Calls `read(name, body)` for each.
template <typename Read>
void forEachNamedEntry(const YAML::Node& list, const char* section, const char* bodyKey, Read read) {
    if (!list.IsDefined() || list.IsNull())
        return;
    if (!list.IsSequence())
        throw ShapeError{list.Mark(), QStringLiteral("\"%1\" must be a list").arg(QLatin1String(section))};
    QSet<QString> seen;
    for (const YAML::Node& entry : list) {
        if (!entry.IsMap())
            throw ShapeError{entry.Mark(),
                             QStringLiteral("entries of \"%1\" must be maps").arg(QLatin1String(section))};
        const QString name = scalarText(entry["name"], "name");
        if (name.isEmpty())
            throw ShapeError{entry.Mark(),
                             QStringLiteral("an entry of \"%1\" has no name").arg(QLatin1String(section))};
        if (seen.contains(name))
            throw ShapeError{
                entry.Mark(),
                QStringLiteral("duplicate name \"%1\" in \"%2\"").arg(name, QLatin1String(section))};
        seen.insert(name);
        read(name, entry[bodyKey]);
    }
}

ClusterInfo readCluster(const QString& name, const YAML::Node& node, const PathResolver& paths) {
    yaml::requireMapOrNull(node, "cluster");
    ClusterInfo cluster;
    cluster.name = name;
    cluster.server = scalarText(node["server"], "server");
    cluster.certificateAuthorityFile =
        paths.resolve(scalarText(node["certificate-authority"], "certificate-authority"));
    cluster.certificateAuthorityData =
        base64Field(node["certificate-authority-data"], "certificate-authority-data");
    cluster.insecureSkipTlsVerify = scalarBool(node["insecure-skip-tls-verify"], "insecure-skip-tls-verify");
    cluster.tlsServerName = scalarText(node["tls-server-name"], "tls-server-name");
    cluster.proxyUrl = scalarText(node["proxy-url"], "proxy-url");
    forEachNamedEntry(node["extensions"], "extensions", "extension",
                      [&cluster](const QString& extensionName, const YAML::Node& body) {
                          // The body is free-form: it reaches the exec plugin as spec.cluster.config.
                          if (extensionName == QLatin1String(kExecExtensionName))
                              cluster.execExtension = yaml::toJson(body).toObject();
                      });
    return cluster;
}

ExecConfig readExec(const YAML::Node& node, const PathResolver& paths) {
    ExecConfig exec;
    exec.apiVersion = scalarText(node["apiVersion"], "apiVersion");
    exec.command = scalarText(node["command"], "command");
    // A bare command name is looked up in PATH; only a path is relative to the kubeconfig.
    if (exec.command.contains(QLatin1Char('/')))
        exec.command = paths.resolve(exec.command);
    exec.args = stringList(node["args"], "args");
    const YAML::Node env = node["env"];
    if (env.IsDefined() && !env.IsNull()) {
        if (!env.IsSequence())
            throw ShapeError{env.Mark(), QStringLiteral("\"env\" must be a list")};
        for (const YAML::Node& variable : env) {
            yaml::requireMapOrNull(variable, "env");
            exec.env.append({scalarText(variable["name"], "name"), scalarText(variable["value"], "value")});
        }
    }
    exec.installHint = scalarText(node["installHint"], "installHint");
    exec.provideClusterInfo = scalarBool(node["provideClusterInfo"], "provideClusterInfo");
    exec.interactiveMode = scalarText(node["interactiveMode"], "interactiveMode");
    return exec;
}

AuthInfo readUser(const QString& name, const YAML::Node& node, const PathResolver& paths) {
    yaml::requireMapOrNull(node, "user");
    AuthInfo user;
    user.name = name;
    user.token = scalarText(node["token"], "token");
    user.tokenFile = paths.resolve(scalarText(node["tokenFile"], "tokenFile"));
    user.username = scalarText(node["username"], "username");
    user.password = scalarText(node["password"], "password");
    user.clientCertificateFile = paths.resolve(scalarText(node["client-certificate"], "client-certificate"));
    user.clientCertificateData = base64Field(node["client-certificate-data"], "client-certificate-data");
    user.clientKeyFile = paths.resolve(scalarText(node["client-key"], "client-key"));
    user.clientKeyData = base64Field(node["client-key-data"], "client-key-data");
    user.impersonate = scalarText(node["as"], "as");
    user.impersonateUid = scalarText(node["as-uid"], "as-uid");
    user.impersonateGroups = stringList(node["as-groups"], "as-groups");
    const YAML::Node extra = node["as-user-extra"];
    yaml::requireMapOrNull(extra, "as-user-extra");
    if (isPresentMap(extra)) {
        for (const auto& entry : extra)
            user.impersonateExtra.insert(scalarText(entry.first, "as-user-extra"),
                                         stringList(entry.second, "as-user-extra"));
    }
    const YAML::Node exec = node["exec"];
    yaml::requireMapOrNull(exec, "exec");
    if (isPresentMap(exec))
        user.exec = readExec(exec, paths);
    const YAML::Node authProvider = node["auth-provider"];
    yaml::requireMapOrNull(authProvider, "auth-provider");
    if (isPresentMap(authProvider)) {
        user.authProviderName = scalarText(authProvider["name"], "name");
        if (user.authProviderName.isEmpty())
            user.authProviderName = QStringLiteral("(unnamed)");
    }
    return user;
}

ContextInfo readContext(const QString& name, const YAML::Node& node) {
    yaml::requireMapOrNull(node, "context");
    ContextInfo context;
    context.name = name;
    context.cluster = scalarText(node["cluster"], "cluster");
    context.user = scalarText(node["user"], "user");
    context.namespaceName = scalarText(node["namespace"], "namespace");
    return context;
}

KubeconfigFile readDocument(const QString& path, const YAML::Node& root) {
    KubeconfigFile file;
    file.path = path;
    if (!root.IsDefined() || root.IsNull())
        return file;
    if (!root.IsMap())
        throw ShapeError{root.Mark(), QStringLiteral("a kubeconfig must be a map")};
    const PathResolver paths(path);
    file.currentContext = scalarText(root["current-context"], "current-context");
    forEachNamedEntry(root["clusters"], "clusters", "cluster",
                      [&](const QString& name, const YAML::Node& body) {
                          ClusterInfo cluster = readCluster(name, body, paths);
                          cluster.originFile = path;
                          file.clusters.append(cluster);
                      });
    forEachNamedEntry(root["users"], "users", "user", [&](const QString& name, const YAML::Node& body) {
        AuthInfo user = readUser(name, body, paths);
        user.originFile = path;
        file.users.append(user);
    });
    forEachNamedEntry(root["contexts"], "contexts", "context",
                      [&](const QString& name, const YAML::Node& body) {
                          ContextInfo context = readContext(name, body);
                          context.originFile = path;
                          file.contexts.append(context);
                      });
    return file;
}

KubeconfigError errorAt(const QString& path, const YAML::Mark& mark, const QString& message) {
    KubeconfigError error;
    error.file = path;
    if (!mark.is_null()) {
        error.line = mark.line + 1;
        error.column = mark.column + 1;
    }
    error.message = message;
    return error;
}

} // namespace

std::optional<KubeconfigFile> parseKubeconfigFile(const QString& path, const QByteArray& contents,
                                                  KubeconfigError* error) {
    try {
        return readDocument(path, YAML::Load(contents.toStdString()));
    } catch (const ShapeError& shape) {
        *error = errorAt(path, shape.mark, shape.message);
    } catch (const YAML::Exception& exception) {
        *error = errorAt(path, exception.mark,
                         QStringLiteral("invalid YAML: ") + QString::fromStdString(exception.msg));
    }
    return std::nullopt;
}

} // namespace binnacle::config
