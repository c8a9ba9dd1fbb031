#pragma once

#include <QByteArray>
#include <QProcess>
#include <QRegularExpression>
#include <QString>
#include <QStringList>
#include <memory>

namespace binnacle::sim::conformance {

// What one kubectl run did.
struct KubectlResult {
    int exitCode = -1;
    bool timedOut = false;
    bool crashed = false;
    QString out;
    QString err;

    bool succeeded() const { return !timedOut && !crashed && exitCode == 0; }
    // Non-empty stdout lines.
    QStringList outLines() const;
    // The whole run, for QVERIFY2 messages.
    QString describe() const;
};

// A kubectl left running in the background (get -w): its stdout is read line by line as it comes.
class KubectlBackground {
public:
    explicit KubectlBackground(QString commandLine);
    ~KubectlBackground();
    KubectlBackground(const KubectlBackground&) = delete;
    KubectlBackground& operator=(const KubectlBackground&) = delete;

    QProcess& process() { return m_process; }
    // Waits until a stdout line matches `pattern` (lines already seen count too); returns the first such
    // line, or an empty string after timeoutMs. Lines are matched at most once: a second call finds the next
    // one.
    QString waitForLine(const QRegularExpression& pattern, int timeoutMs);
    QStringList lines() const { return m_lines; }
    // What kubectl printed so far, for failure messages; unlike stop() it leaves kubectl running (QVERIFY2
    // evaluates its message even when the check passes).
    QString describe();
    // Stops kubectl and returns everything it printed.
    KubectlResult stop();

private:
    void readAvailable();

    QString m_commandLine;
    QProcess m_process;
    QByteArray m_partialLine;
    QStringList m_lines;
    qsizetype m_consumed = 0;
    QString m_err;
};

// Runs the real kubectl against one kubeconfig and context, with its discovery cache in a private directory.
class Kubectl {
public:
    Kubectl(QString kubeconfigPath, QString cacheDirectory, QString context = QStringLiteral("sim-admin"));

    Kubectl withContext(const QString& context) const;
    Kubectl withKubeconfig(const QString& kubeconfigPath) const;
    QString context() const { return m_context; }

    KubectlResult run(const QStringList& arguments, const QByteArray& input = {},
                      int timeoutMs = 30000) const;
    std::unique_ptr<KubectlBackground> start(const QStringList& arguments) const;

    // kubectl's path when it is on PATH, else an empty string.
    static QString executable();

private:
    QStringList fullArguments(const QStringList& arguments) const;

    QString m_kubeconfigPath;
    QString m_cacheDirectory;
    QString m_context;
};

} // namespace binnacle::sim::conformance
