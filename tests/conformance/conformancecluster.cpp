#include "conformancecluster.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QThread>

namespace binnacle::sim::conformance {

ConformanceCluster::ConformanceCluster(QStringList simulatorArguments)
    : m_simulator(std::move(simulatorArguments)) {}

bool ConformanceCluster::start(QString* error) {
    return m_simulator.start(error);
}

Kubectl ConformanceCluster::kubectl(const QString& context) const {
    return Kubectl(m_simulator.kubeconfigPath(), m_simulator.workDirectory(), context);
}

KubectlResult ConformanceCluster::create(const QByteArray& yaml, const QString& namespaceName) const {
    QStringList arguments{QStringLiteral("create"), QStringLiteral("-f"), QStringLiteral("-")};
    if (!namespaceName.isEmpty()) {
        arguments << QStringLiteral("-n") << namespaceName;
    }
    return kubectl().run(arguments, yaml);
}

bool ConformanceCluster::createNamespace(const QString& name, QString* error) const {
    const KubectlResult result =
        create(QStringLiteral("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: %1\n").arg(name).toUtf8());
    if (!result.succeeded()) {
        *error = QStringLiteral("cannot create namespace %1: %2").arg(name, result.describe());
        return false;
    }
    return true;
}

KubectlResult ConformanceCluster::poll(const QStringList& arguments,
                                       const std::function<bool(const KubectlResult&)>& done,
                                       int timeoutMs) const {
    const QDeadlineTimer deadline(timeoutMs);
    KubectlResult result;
    do {
        result = kubectl().run(arguments);
        if (done(result)) {
            return result;
        }
        QThread::msleep(250);
    } while (!deadline.hasExpired());
    return result;
}

QString ConformanceCluster::writeFile(const QString& name, const QByteArray& content) const {
    const QString path = m_simulator.workDirectory() + QLatin1Char('/') + name;
    QFile file(path);
    if (file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        file.write(content);
    }
    return path;
}

KubectlResult ConformanceCluster::setFaults(const QByteArray& json) const {
    return kubectl().run({QStringLiteral("create"), QStringLiteral("--raw"),
                          QStringLiteral("/binnacle-sim/faults"), QStringLiteral("-f"), QStringLiteral("-")},
                         json);
}

QStringList headerColumns(const QString& kubectlOutput) {
    return KubectlTable::parse(kubectlOutput).header();
}

} // namespace binnacle::sim::conformance
