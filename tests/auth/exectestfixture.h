#pragma once

#include "authtestsupport.h"
#include "execcredentialprovider.h"

#include <QDateTime>
#include <QTemporaryDir>
#include <QTest>

namespace binnacle::auth::test {

inline const QString kV1 = QStringLiteral("client.authentication.k8s.io/v1");
inline const QString kV1beta1 = QStringLiteral("client.authentication.k8s.io/v1beta1");

// What the exec plugin tests share: a directory for plugin scripts (the only PATH searched), a
// settable clock, and helpers that make providers and wait for their answers.
class ExecTestFixture : public QObject {
    Q_OBJECT

protected:
    QTemporaryDir m_directory;
    QDateTime m_now = QDateTime(QDate(2030, 1, 1), QTime(12, 0), Qt::UTC);

    config::ExecConfig execConfig(const QString& command, const QString& apiVersion = kV1) {
        config::ExecConfig exec;
        exec.apiVersion = apiVersion;
        exec.command = command;
        exec.interactiveMode = QStringLiteral("Never");
        exec.installHint = QStringLiteral("Install it with: apt install the-plugin");
        return exec;
    }

    auth::ExecOptions options(int timeoutMs = 20000) {
        auth::ExecOptions result;
        result.timeoutMs = timeoutMs;
        result.clock = [this] { return m_now; };
        result.commandSearch.processPath = m_directory.path();
        result.commandSearch.loginShell.clear();
        return result;
    }

    auth::ExecCredentialProvider* provider(const config::ExecConfig& exec,
                                           const auth::ExecOptions& execOptions,
                                           const config::ClusterInfo& cluster = {}) {
        return new auth::ExecCredentialProvider(exec, cluster, execOptions, this);
    }

    // A plugin that counts its runs in <name>.count and prints token-<run>.
    QString countingPlugin(const QString& name, const QString& apiVersion, const QString& expiration = {},
                           const QByteArray& delay = "0") {
        const QByteArray json = execCredentialJson(apiVersion, QStringLiteral("token-RUN"), expiration);
        const QByteArray body = "count=$(( $(cat \"$0.count\" 2>/dev/null || echo 0) + 1 ))\n"
                                "echo $count > \"$0.count\"\n"
                                "sleep " +
                                delay +
                                "\n"
                                "printf '%s' '" +
                                json + "' | sed \"s/RUN/$count/\"";
        return writeScript(m_directory.path(), name, body);
    }

    int runsOf(const QString& script) {
        return readFile(script + QStringLiteral(".count")).trimmed().toInt();
    }

    std::shared_ptr<Delivery> fetch(transport::CredentialProvider* target) {
        auto delivery = request(target);
        if (!QTest::qWaitFor([&] { return delivery->delivered; }, 20000)) {
            qWarning("no credentials delivered");
        }
        return delivery;
    }
};

} // namespace binnacle::auth::test
