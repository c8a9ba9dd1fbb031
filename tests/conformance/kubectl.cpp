#include "kubectl.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace binnacle::sim::conformance {

namespace {
// kubectl must not pick up anything from the developer's own setup.
QProcessEnvironment isolatedEnvironment(const QString& cacheDirectory) {
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("KUBECONFIG"));
    environment.remove(QStringLiteral("KUBECTL_EXTERNAL_DIFF"));
    environment.insert(QStringLiteral("HOME"), cacheDirectory);
    environment.insert(QStringLiteral("KUBECTL_INTERACTIVE_DELETE"), QStringLiteral("false"));
    return environment;
}

QString joinCommandLine(const QStringList& arguments) {
    return QStringLiteral("kubectl ") + arguments.join(QLatin1Char(' '));
}
} // namespace

QStringList KubectlResult::outLines() const {
    return out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

QString KubectlResult::describe() const {
    return QStringLiteral("exit %1%2%3\n--- stdout ---\n%4\n--- stderr ---\n%5")
        .arg(exitCode)
        .arg(timedOut ? QStringLiteral(" (timed out)") : QString())
        .arg(crashed ? QStringLiteral(" (crashed)") : QString())
        .arg(out, err);
}

Kubectl::Kubectl(QString kubeconfigPath, QString cacheDirectory, QString context)
    : m_kubeconfigPath(std::move(kubeconfigPath))
    , m_cacheDirectory(std::move(cacheDirectory))
    , m_context(std::move(context)) {}

Kubectl Kubectl::withContext(const QString& context) const {
    return Kubectl(m_kubeconfigPath, m_cacheDirectory, context);
}

Kubectl Kubectl::withKubeconfig(const QString& kubeconfigPath) const {
    return Kubectl(kubeconfigPath, m_cacheDirectory, m_context);
}

QString Kubectl::executable() {
    static const QString path = [] {
        const QString fromEnvironment = qEnvironmentVariable("BINNACLE_KUBECTL");
        if (!fromEnvironment.isEmpty()) {
            return fromEnvironment;
        }
        const QString onPath = QStandardPaths::findExecutable(QStringLiteral("kubectl"));
        if (onPath.isEmpty()) {
            return onPath;
        }
        // Google Cloud SDK's kubectl is a dispatcher that asks the server for /version before every command
        // and then runs the matching kubectl.1.xx beside it. The simulator says v1.32, so run that one
        // directly: the extra request would otherwise swallow injected faults, and a watch run through it
        // never shows events.
        const QFileInfo resolved(QFileInfo(onPath).canonicalFilePath());
        const QFileInfo pinned(resolved.dir().filePath(QStringLiteral("kubectl.1.32")));
        return pinned.isExecutable() ? pinned.filePath() : onPath;
    }();
    return path;
}

QStringList Kubectl::fullArguments(const QStringList& arguments) const {
    return QStringList{QStringLiteral("--kubeconfig"), m_kubeconfigPath,
                       QStringLiteral("--context"),    m_context,
                       QStringLiteral("--cache-dir"),  m_cacheDirectory + QStringLiteral("/kubectl-cache")} +
           arguments;
}

KubectlResult Kubectl::run(const QStringList& arguments, const QByteArray& input, int timeoutMs) const {
    KubectlResult result;
    QProcess process;
    process.setProcessEnvironment(isolatedEnvironment(m_cacheDirectory));
    process.start(executable(), fullArguments(arguments));
    if (!process.waitForStarted(5000)) {
        result.crashed = true;
        result.err = process.errorString();
        return result;
    }
    if (!input.isEmpty()) {
        process.write(input);
    }
    process.closeWriteChannel();
    if (!process.waitForFinished(timeoutMs)) {
        result.timedOut = true;
        process.kill();
        process.waitForFinished(2000);
    }
    result.crashed = !result.timedOut && process.exitStatus() == QProcess::CrashExit;
    result.exitCode = process.exitCode();
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    if (result.timedOut) {
        result.err += QStringLiteral("\n[%1 did not finish within %2 ms]")
                          .arg(joinCommandLine(arguments))
                          .arg(timeoutMs);
    }
    return result;
}

std::unique_ptr<KubectlBackground> Kubectl::start(const QStringList& arguments) const {
    auto background = std::make_unique<KubectlBackground>(joinCommandLine(arguments));
    background->process().setProcessEnvironment(isolatedEnvironment(m_cacheDirectory));
    background->process().start(executable(), fullArguments(arguments));
    background->process().waitForStarted(5000);
    background->process().closeWriteChannel();
    return background;
}

KubectlBackground::KubectlBackground(QString commandLine)
    : m_commandLine(std::move(commandLine)) {}

KubectlBackground::~KubectlBackground() {
    stop();
}

void KubectlBackground::readAvailable() {
    m_partialLine += m_process.readAllStandardOutput();
    m_err += QString::fromUtf8(m_process.readAllStandardError());
    qsizetype newline = 0;
    while ((newline = m_partialLine.indexOf('\n')) >= 0) {
        const QString line = QString::fromUtf8(m_partialLine.left(newline));
        m_partialLine.remove(0, newline + 1);
        if (!line.trimmed().isEmpty()) {
            m_lines.append(line);
        }
    }
}

QString KubectlBackground::waitForLine(const QRegularExpression& pattern, int timeoutMs) {
    const QDeadlineTimer deadline(timeoutMs);
    while (true) {
        readAvailable();
        for (qsizetype i = m_consumed; i < m_lines.size(); ++i) {
            if (pattern.match(m_lines.at(i)).hasMatch()) {
                m_consumed = i + 1;
                return m_lines.at(i);
            }
        }
        if (deadline.hasExpired() || m_process.state() == QProcess::NotRunning) {
            return {};
        }
        m_process.waitForReadyRead(int(qBound(qint64(1), deadline.remainingTime(), qint64(200))));
    }
}

QString KubectlBackground::describe() {
    readAvailable();
    return QStringLiteral("%1 (%2)\n--- stdout so far ---\n%3\n--- stderr so far ---\n%4")
        .arg(m_commandLine,
             m_process.state() == QProcess::Running
                 ? QStringLiteral("running")
                 : QStringLiteral("ended with %1").arg(m_process.exitCode()),
             m_lines.join(QLatin1Char('\n')), m_err);
}

KubectlResult KubectlBackground::stop() {
    KubectlResult result;
    if (m_process.state() != QProcess::NotRunning) {
        m_process.terminate();
        if (!m_process.waitForFinished(3000)) {
            m_process.kill();
            m_process.waitForFinished(2000);
        }
    }
    readAvailable();
    result.exitCode = m_process.exitCode();
    result.out = m_lines.join(QLatin1Char('\n')) + QString::fromUtf8(m_partialLine);
    result.err = m_err;
    return result;
}

} // namespace binnacle::sim::conformance
