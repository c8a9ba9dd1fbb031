#include "simulatorprocess.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QRegularExpression>
#include <QThread>

namespace binnacle::sim::conformance {

namespace {
constexpr auto kubeconfigFileName = "kubeconfig";
constexpr auto stdoutFileName = "simulator.out";
constexpr auto stderrFileName = "simulator.log";

QByteArray readFile(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}
} // namespace

QString kubeconfigUserToken(const QByteArray& kubeconfig, const QString& user) {
    // users:
    // - name: sim-admin
    //   user:
    //     token: ...
    const QStringList lines = QString::fromUtf8(kubeconfig).split(QLatin1Char('\n'));
    bool inUser = false;
    for (const QString& line : lines) {
        const QString trimmed = line.trimmed();
        if (trimmed.startsWith(QLatin1String("- name:"))) {
            inUser = trimmed.mid(7).trimmed() == user;
        } else if (inUser && trimmed.startsWith(QLatin1String("token:"))) {
            return trimmed.mid(6).trimmed();
        }
    }
    return {};
}

SimulatorProcess::SimulatorProcess(QStringList extraArguments)
    : m_extraArguments(std::move(extraArguments)) {}

SimulatorProcess::~SimulatorProcess() {
    stop();
}

QString SimulatorProcess::executablePath() {
    return QStringLiteral(BINNACLE_SIM_EXECUTABLE);
}

QString SimulatorProcess::kubeconfigPath() const {
    return m_directory.filePath(QLatin1String(kubeconfigFileName));
}

bool SimulatorProcess::start(QString* error, int timeoutMs) {
    if (!m_directory.isValid()) {
        *error = QStringLiteral("cannot create a temporary directory");
        return false;
    }
    m_process.setStandardOutputFile(m_directory.filePath(QLatin1String(stdoutFileName)));
    m_process.setStandardErrorFile(m_directory.filePath(QLatin1String(stderrFileName)));
    QStringList arguments{QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                          QStringLiteral("--kubeconfig-out"), kubeconfigPath()};
    arguments += m_extraArguments;
    m_process.start(executablePath(), arguments);
    if (!m_process.waitForStarted(5000)) {
        *error = QStringLiteral("cannot start %1: %2").arg(executablePath(), m_process.errorString());
        return false;
    }

    // The output goes to a file, so poll it for the "ready" line.
    const QDeadlineTimer deadline(timeoutMs);
    static const QRegularExpression servingLine(QStringLiteral("^serving (\\S+)$"),
                                                QRegularExpression::MultilineOption);
    while (!deadline.hasExpired()) {
        const QString output = readOutputFile();
        if (output.contains(QLatin1String("\nready")) || output.startsWith(QLatin1String("ready"))) {
            m_serverUrl = servingLine.match(output).captured(1);
            m_adminToken = kubeconfigUserToken(readFile(kubeconfigPath()), QStringLiteral("sim-admin"));
            if (m_serverUrl.isEmpty() || m_adminToken.isEmpty()) {
                *error = QStringLiteral("simulator ready but no server URL or admin token: %1").arg(output);
                return false;
            }
            return true;
        }
        if (m_process.state() == QProcess::NotRunning) {
            *error = QStringLiteral("simulator exited with %1: %2").arg(m_process.exitCode()).arg(logTail());
            return false;
        }
        QThread::msleep(20);
    }
    *error = QStringLiteral("simulator not ready after %1 ms: %2").arg(timeoutMs).arg(logTail());
    stop();
    return false;
}

void SimulatorProcess::stop() {
    if (m_process.state() == QProcess::NotRunning) {
        return;
    }
    m_process.terminate();
    if (!m_process.waitForFinished(5000)) {
        m_process.kill();
        m_process.waitForFinished(2000);
    }
}

bool SimulatorProcess::isRunning() const {
    return m_process.state() == QProcess::Running;
}

QString SimulatorProcess::readOutputFile() const {
    return QString::fromUtf8(readFile(m_directory.filePath(QLatin1String(stdoutFileName))));
}

QString SimulatorProcess::logTail(int maxLines) const {
    const QStringList lines = QString::fromUtf8(readFile(m_directory.filePath(QLatin1String(stderrFileName))))
                                  .split(QLatin1Char('\n'));
    return lines.mid(qMax(0, lines.size() - maxLines)).join(QLatin1Char('\n'));
}

} // namespace binnacle::sim::conformance
