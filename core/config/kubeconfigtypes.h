#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>

namespace binnacle::config {

// The parts of a kubeconfig the client acts on, after merging. Relative paths are already resolved
// against the directory of the file that defined the entry (`originFile`). These are plain values:
// the auth and transport layers read them, only the kubeconfig library writes them.

struct ExecConfig {
    QString apiVersion; // client.authentication.k8s.io/v1 or v1beta1
    QString command;    // resolved to an absolute path when it contains a path separator
    QStringList args;
    QList<QPair<QString, QString>> env;
    QString installHint;
    bool provideClusterInfo = false;
    QString interactiveMode; // Never | IfAvailable | Always
};

struct AuthInfo {
    QString name;
    QString token;
    QString tokenFile;
    QString username;
    QString password;
    QString clientCertificateFile;
    QByteArray clientCertificateData; // PEM (already base64-decoded)
    QString clientKeyFile;
    QByteArray clientKeyData; // PEM (already base64-decoded)
    QString impersonate;
    QString impersonateUid;
    QStringList impersonateGroups;
    QMap<QString, QStringList> impersonateExtra;
    std::optional<ExecConfig> exec;
    QString authProviderName; // legacy auth-provider entries: unsupported, reported as an error
    QString originFile;
};

struct ClusterInfo {
    QString name;
    QString server;
    QString certificateAuthorityFile;
    QByteArray certificateAuthorityData; // PEM
    bool insecureSkipTlsVerify = false;
    QString tlsServerName;
    QString proxyUrl;
    QJsonObject execExtension; // extensions[client.authentication.k8s.io/exec].extension
    QString originFile;
};

struct ContextInfo {
    QString name;
    QString cluster;
    QString user;
    QString namespaceName; // empty = "default"
    QString originFile;
};

} // namespace binnacle::config
