#pragma once

#include "kubeconfigtypes.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <optional>

namespace binnacle::auth {

inline constexpr QLatin1StringView kExecApiV1{"client.authentication.k8s.io/v1"};
inline constexpr QLatin1StringView kExecApiV1beta1{"client.authentication.k8s.io/v1beta1"};

bool isSupportedExecApiVersion(const QString& apiVersion);

// The ExecCredential a plugin receives in KUBERNETES_EXEC_INFO: never interactive (a GUI has no
// terminal), and with spec.cluster when provideClusterInfo is set. A CA file is read into
// certificate-authority-data as client-go does; an unreadable one is an error.
std::optional<QByteArray> buildExecInfo(const config::ExecConfig& exec, const config::ClusterInfo& cluster,
                                        QString* error);

// What a plugin printed on stdout, checked the way client-go checks it.
struct ExecCredentialStatus {
    QString token;
    QByteArray clientCertificatePem;
    QByteArray clientKeyPem;
    QDateTime expiration; // invalid: valid until the server says otherwise (401)
};

std::optional<ExecCredentialStatus> parseExecCredential(const QByteArray& output, const QString& apiVersion,
                                                        QString* error);

} // namespace binnacle::auth
