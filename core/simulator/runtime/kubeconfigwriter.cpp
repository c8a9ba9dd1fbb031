#include "kubeconfigwriter.h"

#include <QFileDevice>
#include <QSaveFile>

namespace binnacle::sim {

QByteArray renderKubeconfig(const SimulatorCredentials& credentials) {
    QByteArray yaml;
    yaml += "apiVersion: v1\nkind: Config\n";
    yaml += "clusters:\n- name: binnacle-sim\n  cluster:\n";
    yaml += "    server: " + credentials.serverUrl.toUtf8() + '\n';
    yaml += "    certificate-authority-data: " + credentials.caPem.toBase64() + '\n';
    yaml += "users:\n";
    yaml += "- name: sim-admin\n  user:\n    token: " + credentials.adminToken.toUtf8() + '\n';
    yaml += "- name: sim-cert\n  user:\n";
    yaml += "    client-certificate-data: " + credentials.clientCertificatePem.toBase64() + '\n';
    yaml += "    client-key-data: " + credentials.clientKeyPem.toBase64() + '\n';
    yaml += "- name: sim-readonly\n  user:\n    token: " + credentials.readOnlyToken.toUtf8() + '\n';
    yaml += "contexts:\n";
    for (const char* name : {"sim-admin", "sim-cert", "sim-readonly"}) {
        yaml += QByteArray("- name: ") + name + "\n  context:\n    cluster: binnacle-sim\n    user: " + name +
                "\n    namespace: default\n";
    }
    yaml += "current-context: sim-admin\npreferences: {}\n";
    return yaml;
}

bool writeKubeconfigFile(const QString& path, const QByteArray& contents, QString* error) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = file.errorString();
        return false;
    }
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(contents);
    if (!file.commit()) {
        *error = file.errorString();
        return false;
    }
    return true;
}

} // namespace binnacle::sim
