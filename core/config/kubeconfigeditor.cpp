#include "kubeconfigeditor.h"

#include "configlogging.h"
#include "yamlnodes.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <functional>
#include <yaml-cpp/yaml.h>

namespace binnacle::config::KubeconfigEditor {

namespace {

using Edit = std::function<bool(YAML::Node& root, QString* error)>;

void setError(QString* error, const QString& message) {
    if (error)
        *error = message;
}

// The document of `path`, or a fresh empty kubeconfig when the file does not exist yet.
bool readDocument(const QString& path, YAML::Node* root, QString* error) {
    QFile file(path);
    if (!file.exists()) {
        *root = YAML::Node(YAML::NodeType::Map);
        (*root)["apiVersion"] = "v1";
        (*root)["kind"] = "Config";
        return true;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        setError(error, path + QStringLiteral(": ") + file.errorString());
        return false;
    }
    try {
        *root = YAML::Load(file.readAll().toStdString());
    } catch (const YAML::Exception& exception) {
        setError(error, QStringLiteral("%1:%2: invalid YAML, not modified: %3")
                            .arg(path)
                            .arg(exception.mark.line + 1)
                            .arg(QString::fromStdString(exception.msg)));
        return false;
    }
    if (!root->IsDefined() || root->IsNull())
        *root = YAML::Node(YAML::NodeType::Map);
    if (!root->IsMap()) {
        setError(error, path + QStringLiteral(": not a kubeconfig map, not modified"));
        return false;
    }
    return true;
}

bool writeDocument(const QString& path, const YAML::Node& root, QString* error) {
    const QFileInfo info(path);
    const bool existed = info.exists();
    // A new file may hold credentials: owner-only, like kubectl.
    const QFileDevice::Permissions permissions =
        existed ? info.permissions() : QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    if (!existed && !QDir().mkpath(info.absolutePath())) {
        setError(error, info.absolutePath() + QStringLiteral(": cannot create the directory"));
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        setError(error, path + QStringLiteral(": ") + file.errorString());
        return false;
    }
    // Set on the temporary file before it replaces the original, so there is no window with other modes.
    file.setPermissions(permissions);
    file.write(QByteArray::fromStdString(yaml::toYamlText(root)));
    if (!file.commit()) {
        setError(error, path + QStringLiteral(": ") + file.errorString());
        return false;
    }
    return true;
}

bool editFile(const QString& path, const Edit& edit, QString* error) {
    YAML::Node root;
    if (!readDocument(path, &root, error))
        return false;
    try {
        if (!edit(root, error))
            return false;
    } catch (const YAML::Exception& exception) {
        setError(error, path + QStringLiteral(": ") + QString::fromStdString(exception.msg));
        return false;
    }
    return writeDocument(path, root, error);
}

} // namespace

bool writeCurrentContext(const QString& file, const QString& contextName, QString* error) {
    const bool written = editFile(
        file,
        [&contextName](YAML::Node& root, QString*) {
            if (contextName.isEmpty())
                root.remove("current-context");
            else
                root["current-context"] = yaml::stringNode(contextName);
            return true;
        },
        error);
    if (written)
        qCInfo(lcConfig) << "current-context set to" << contextName << "in" << file;
    return written;
}

bool writeContextNamespace(const QString& file, const QString& contextName, const QString& namespaceName,
                           QString* error) {
    const bool written = editFile(
        file,
        [&](YAML::Node& root, QString* editError) {
            YAML::Node contexts = root["contexts"];
            if (contexts.IsSequence()) {
                for (YAML::Node entry : contexts) {
                    if (!entry.IsMap() || !entry["name"].IsScalar() ||
                        QString::fromStdString(entry["name"].Scalar()) != contextName)
                        continue;
                    YAML::Node context = entry["context"];
                    if (!context.IsMap())
                        context =
                            YAML::Node(YAML::NodeType::Map); // assigning through the handle edits the tree
                    if (namespaceName.isEmpty())
                        context.remove("namespace");
                    else
                        context["namespace"] = yaml::stringNode(namespaceName);
                    return true;
                }
            }
            setError(editError, file + QStringLiteral(": no context named \"%1\"").arg(contextName));
            return false;
        },
        error);
    if (written)
        qCInfo(lcConfig) << "namespace of context" << contextName << "set to" << namespaceName << "in"
                         << file;
    return written;
}

} // namespace binnacle::config::KubeconfigEditor
