#pragma once

#include <QByteArray>
#include <QString>

namespace binnacle::sim {

// The simulator's own kubeconfig output (it shares no code with the client's kubeconfig reader):
// one cluster, three users and three contexts — sim-admin (bearer token), sim-cert (client
// certificate) and sim-readonly (a token user that may only read).
struct SimulatorCredentials {
    QString serverUrl;
    QByteArray caPem;
    QString adminToken;
    QString readOnlyToken;
    QByteArray clientCertificatePem;
    QByteArray clientKeyPem;
};

QByteArray renderKubeconfig(const SimulatorCredentials& credentials);
// Writes atomically (temp file + rename) with mode 0600: the file holds credentials.
bool writeKubeconfigFile(const QString& path, const QByteArray& contents, QString* error);

} // namespace binnacle::sim
