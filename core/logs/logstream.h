#pragma once

#include "apirequest.h"
#include "logerror.h"
#include "logline.h"
#include "loglinesplitter.h"
#include "logoptions.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>

class QTimer;

namespace binnacle::transport {
class ClusterTransport;
}

namespace binnacle::logs {

// One container's log, read over the transport as it comes (GET pods/NAME/log, wire spec §9.1). The request
// always asks for timestamps: they order the lines of a workload, and after a dropped stream the reconnect
// (with backoff) asks for sinceTime = the last line's second and drops what was delivered already, so that
// nothing is repeated or lost. A follow stream that the server ends cleanly goes on if the same container
// instance still runs (the API server's own timeout). When the container restarted (a new startedAt,
// containerID or restartCount), it goes on with the new instance's log from its beginning, after a marker
// line; while the stopped container waits to start again, it waits; it ends when the pod is gone or the
// container will not run again (its restartPolicy, a finished pod).
class ContainerStatus;

class LogStream : public QObject {
    Q_OBJECT
public:
    enum class State { Idle, Connecting, Streaming, Reconnecting, WaitingForRestart, Finished };
    Q_ENUM(State)
    enum class EndReason {
        Completed,           // the whole log was read (no follow), or limitBytes was reached
        ContainerTerminated, // follow: the container stopped
        PodDeleted,          // follow: the pod went away
        Stopped,             // stop() was called
        Failed,              // see errorOccurred
    };
    Q_ENUM(EndReason)

    LogStream(transport::ClusterTransport* transport, QString namespaceName, QString podName,
              LogOptions options = {}, QObject* parent = nullptr);
    ~LogStream() override;

    void start();
    void stop();
    // The pod as a watch saw it (WorkloadLogs): the container instance the stream starts on, and while it
    // waits for a restart, news of it, sparing the stream its own look-ups.
    void observePod(const QJsonObject& pod);

    const QString& namespaceName() const { return m_namespace; }
    const QString& podName() const { return m_pod; }
    const LogOptions& options() const { return m_options; }
    State state() const { return m_state; }
    qint64 linesDelivered() const { return m_linesDelivered; }
    qint64 duplicatesDropped() const { return m_resume.duplicatesDropped(); }
    int reconnects() const { return m_reconnects; }
    // Who the container instance being read is ("" while unknown): for tests and the debug view.
    const QString& containerInstance() const { return m_instance; }
    // The request the next attempt sends (query included): for tests and the debug view.
    transport::ApiRequestSpec nextRequest() const;

signals:
    // In order, never repeated; at most one batch per network read.
    void linesReceived(const binnacle::logs::LogLines& lines);
    void stateChanged(binnacle::logs::LogStream::State state);
    void reconnecting(int attempt, int delayMs, const QString& reason);
    void errorOccurred(const binnacle::logs::LogError& error);
    void finished(binnacle::logs::LogStream::EndReason reason);
    // Following, the container restarted: the new instance's lines come next, after a marker line.
    void containerRestarted(int restartCount);

private:
    void connectStream();
    void onData(const QByteArray& bytes);
    void onStreamFinished(const transport::ApiResult& result);
    bool followsRestarts() const;
    void lookUpInstance();
    void checkPodAfterCleanEnd();
    void onPodAfterEnd(const QJsonObject& pod);
    void followNewInstance(const ContainerStatus& status);
    void scheduleReconnect(const QString& reason);
    void deliver(LogLines lines);
    bool applyLimit(LogLines* lines);
    void setState(State state);
    void end(EndReason reason);
    void fail(const LogError& error);

    QPointer<transport::ClusterTransport> m_transport;
    QString m_namespace;
    QString m_pod;
    LogOptions m_options;
    LogLineSplitter m_splitter;
    ResumeFilter m_resume;
    transport::RequestHandle m_request;
    transport::RequestHandle m_podRequest; // the instance look-up at start
    // The container instance being read ("" while unknown), and whether the pod was observed from outside.
    QString m_instance;
    bool m_podObserved = false;
    bool m_fromInstanceStart = false; // a restarted container: its log from the beginning, no tail or since
    QTimer* m_retryTimer = nullptr;
    State m_state = State::Idle;
    bool m_receivedData = false; // in this connection
    int m_attempt = 0;           // failed attempts in a row
    int m_reconnects = 0;
    qint64 m_linesDelivered = 0;
    qint64 m_bytesShown = 0; // against limitBytes
};

} // namespace binnacle::logs
