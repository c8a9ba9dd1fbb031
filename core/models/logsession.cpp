#include "logsession.h"

#include "clustertransport.h"
#include "logstream.h"
#include "workloadlogs.h"

#include <QDateTime>
#include <QDir>
#include <QStandardPaths>
#include <QTimer>

namespace binnacle {

LogSession::LogSession(QObject* parent)
    : QObject(parent)
    , m_restart(
          this, [this] { stopStream(); }, [this] { restart(); })
    , m_lines(new logs::LogModel({}, this)) {}

LogSession::~LogSession() {
    stopStream();
}

template <typename T> void LogSession::update(T& field, const T& value) {
    if (m_restart.update(field, value)) {
        emit targetChanged();
    }
}

void LogSession::setConnection(ClusterConnection* connection) {
    if (m_restart.setConnection(connection)) {
        emit targetChanged();
    }
}

void LogSession::setKind(const QString& kind) {
    update(m_kind, kind);
}
void LogSession::setNamespaceName(const QString& namespaceName) {
    update(m_namespace, namespaceName);
}
void LogSession::setName(const QString& name) {
    update(m_name, name);
}
void LogSession::setContainer(const QString& container) {
    update(m_container, container);
}
void LogSession::setFollow(bool follow) {
    update(m_follow, follow);
}
void LogSession::setPrevious(bool previous) {
    update(m_previous, previous);
}
void LogSession::setTailLines(int lines) {
    update(m_tailLines, lines);
}
void LogSession::setSinceSeconds(int seconds) {
    update(m_sinceSeconds, seconds > 0 ? seconds : -1);
}
void LogSession::setLimitBytes(int bytes) {
    update(m_limitBytes, bytes > 0 ? bytes : -1);
}
void LogSession::setActive(bool active) {
    update(m_active, active);
}

void LogSession::stopStream() {
    if (QObject* stream = m_stream) {
        m_stream = nullptr;
        // Stopped and deleted on its own thread.
        QMetaObject::invokeMethod(stream, [stream] {
            if (auto* single = qobject_cast<logs::LogStream*>(stream)) {
                single->stop();
            } else if (auto* workload = qobject_cast<logs::WorkloadLogs*>(stream)) {
                workload->stop();
            }
            stream->deleteLater();
        });
    }
}

void LogSession::restart() {
    stopStream();
    m_lines->clear();
    m_restarts = 0;
    transport::ClusterTransport* transport = connection() ? connection()->transport() : nullptr;
    if (!m_active || !transport || m_kind.isEmpty() || m_name.isEmpty()) {
        setStatus(QString());
        return;
    }
    logs::LogOptions options;
    options.follow = m_follow;
    options.previous = m_previous;
    if (m_tailLines >= 0) {
        options.tailLines = m_tailLines;
    }
    if (m_sinceSeconds > 0) {
        options.sinceSeconds = m_sinceSeconds;
    }
    if (m_limitBytes > 0) {
        options.limitBytes = m_limitBytes;
    }
    logs::LogModel* model = m_lines;
    QObject* stream = nullptr;
    if (m_kind == QLatin1String("Pod")) {
        options.container = m_container;
        auto* single = new logs::LogStream(transport, m_namespace, m_name, options);
        connect(single, &logs::LogStream::linesReceived, model, &logs::LogModel::appendLines);
        connect(single, &logs::LogStream::stateChanged, this, [this](logs::LogStream::State state) {
            switch (state) {
            case logs::LogStream::State::Connecting:
                setStatus(tr("connecting"));
                break;
            case logs::LogStream::State::Streaming:
                setStatus(m_restarts > 0 ? tr("streaming; the container restarted (%1)").arg(m_restarts)
                                         : tr("streaming"));
                break;
            case logs::LogStream::State::WaitingForRestart:
                setStatus(tr("the container stopped; waiting for it to start again"));
                break;
            default:
                break;
            }
        });
        connect(single, &logs::LogStream::reconnecting, this,
                [this](int attempt, int, const QString& reason) {
                    setStatus(tr("reconnecting (%1): %2").arg(attempt).arg(reason));
                });
        connect(single, &logs::LogStream::containerRestarted, this,
                [this](int restartCount) { m_restarts = restartCount; });
        connect(single, &logs::LogStream::errorOccurred, this,
                [this](const logs::LogError& error) { setStatus(error.message); });
        connect(single, &logs::LogStream::finished, this, [this](logs::LogStream::EndReason reason) {
            switch (reason) {
            case logs::LogStream::EndReason::ContainerTerminated:
                setStatus(tr("ended: the container stopped"));
                break;
            case logs::LogStream::EndReason::PodDeleted:
                setStatus(tr("ended: the pod was deleted"));
                break;
            case logs::LogStream::EndReason::Completed:
                setStatus(tr("complete"));
                break;
            default:
                break;
            }
        });
        stream = single;
    } else {
        logs::WorkloadLogOptions workloadOptions;
        workloadOptions.stream = options;
        if (!m_container.isEmpty()) {
            workloadOptions.containers = {m_container};
        }
        auto* workload = new logs::WorkloadLogs(transport, logs::WorkloadRef{m_kind, m_namespace, m_name},
                                                workloadOptions);
        connect(workload, &logs::WorkloadLogs::linesReceived, model, &logs::LogModel::appendLines);
        connect(workload, &logs::WorkloadLogs::ready, this, [this] { setStatus(tr("streaming")); });
        connect(workload, &logs::WorkloadLogs::podAdded, this,
                [this](const QString& pod) { setStatus(tr("streaming; %1 joined").arg(pod)); });
        connect(workload, &logs::WorkloadLogs::containerRestarted, this,
                [this](const QString& pod, const QString& container, int restartCount) {
                    setStatus(tr("streaming; %1 of %2 restarted (%3)").arg(container, pod).arg(restartCount));
                });
        connect(workload, &logs::WorkloadLogs::errorOccurred, this,
                [this](const logs::LogError& error) { setStatus(error.message); });
        stream = workload;
    }
    stream->moveToThread(transport->thread());
    m_stream = stream;
    setStatus(tr("connecting"));
    QMetaObject::invokeMethod(stream, [stream] {
        if (auto* single = qobject_cast<logs::LogStream*>(stream)) {
            single->start();
        } else if (auto* workload = qobject_cast<logs::WorkloadLogs*>(stream)) {
            workload->start();
        }
    });
}

QString LogSession::saveToDownloads(bool timestamps) {
    QString folder = QStandardPaths::writableLocation(QStandardPaths::DownloadLocation);
    if (folder.isEmpty()) {
        folder = QDir::homePath();
    }
    QDir().mkpath(folder);
    const QString stamp = QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    const QString path = QDir(folder).filePath(QStringLiteral("%1-%2.log").arg(m_name, stamp));
    return m_lines->saveToFile(path, timestamps, m_kind != QLatin1String("Pod")) ? path : QString();
}

void LogSession::setStatus(const QString& status) {
    if (status != m_status) {
        m_status = status;
        emit statusChanged();
    }
}

} // namespace binnacle
