#pragma once

// Shared by the log tests that run against the in-process simulator: a transport to it (transporttesting.h),
// a simulator clock the test moves by hand (log lines are written every 5 s of simulated time), pods written
// straight into storage with the container states a test needs, and the pod log as the server renders it.
#include "logline.h"
#include "logstream.h"
#include "logtimestamp.h"
#include "podlogs.h"
#include "resourcestorage.h"
#include "transporttesting.h"

#include <QJsonArray>
#include <QSignalSpy>

namespace testing {

using binnacle::logs::LogLine;
using binnacle::logs::LogLines;
using binnacle::logs::LogOptions;
using binnacle::logs::LogStream;

inline const QString logNamespace = QStringLiteral("default");
constexpr int logTimeoutMs = 20000;

struct ContainerSpec {
    QString name;
    enum class State { Running, Terminated, Waiting } state = State::Running;
    int startedSecondsAgo = 600;
    bool restarted = false; // lastState.terminated: a previous instance that ran from -2h to -1h
    QString image = QStringLiteral("busybox:1.36");
};

struct PodSpec {
    QString name;
    QList<ContainerSpec> containers{ContainerSpec{QStringLiteral("main")}};
    QList<ContainerSpec> initContainers;
    QList<ContainerSpec> ephemeralContainers;
    QJsonObject labels;
};

// A simulator whose clock stands still until advance(): log output is then exactly predictable.
struct LogCluster {
    Cluster cluster;
    std::shared_ptr<QDateTime> now = std::make_shared<QDateTime>(
        QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch() / 5 * 5 + 2, Qt::UTC));

    bool start() {
        cluster = startCluster();
        if (!cluster.simulator) {
            return false;
        }
        auto clock = now;
        cluster.simulator->storage()->setClock([clock] { return *clock; });
        return true;
    }
    binnacle::sim::ResourceStorage* storage() const { return cluster.simulator->storage(); }
    ClusterTransport* transport() const { return cluster.transport.get(); }
    void advance(int seconds) { *now = now->addSecs(seconds); }

    QString time(int secondsAgo) const { return now->addSecs(-secondsAgo).toString(Qt::ISODate); }
    QJsonObject containerStatus(const ContainerSpec& c) const {
        QJsonObject state;
        if (c.state == ContainerSpec::State::Running) {
            state.insert("running", QJsonObject{{"startedAt", time(c.startedSecondsAgo)}});
        } else if (c.state == ContainerSpec::State::Terminated) {
            state.insert("terminated", QJsonObject{{"exitCode", 0},
                                                   {"reason", "Completed"},
                                                   {"startedAt", time(c.startedSecondsAgo)},
                                                   {"finishedAt", time(c.startedSecondsAgo - 60)}});
        } else {
            state.insert("waiting", QJsonObject{{"reason", "ImagePullBackOff"}});
        }
        QJsonObject status{{"name", c.name},
                           {"image", c.image},
                           {"ready", true},
                           {"restartCount", c.restarted ? 1 : 0},
                           {"state", state}};
        if (c.restarted) {
            status.insert("lastState", QJsonObject{{"terminated", QJsonObject{{"exitCode", 1},
                                                                              {"reason", "Error"},
                                                                              {"startedAt", time(7200)},
                                                                              {"finishedAt", time(3600)}}}});
        }
        return status;
    }
    bool createPod(const PodSpec& pod) {
        auto specs = [](const QList<ContainerSpec>& list) {
            QJsonArray array;
            for (const ContainerSpec& c : list) {
                array.append(QJsonObject{{"name", c.name}, {"image", c.image}});
            }
            return array;
        };
        auto statuses = [this](const QList<ContainerSpec>& list) {
            QJsonArray array;
            for (const ContainerSpec& c : list) {
                array.append(containerStatus(c));
            }
            return array;
        };
        QJsonObject spec{{"containers", specs(pod.containers)}};
        if (!pod.initContainers.isEmpty()) {
            spec.insert("initContainers", specs(pod.initContainers));
        }
        if (!pod.ephemeralContainers.isEmpty()) {
            spec.insert("ephemeralContainers", specs(pod.ephemeralContainers));
        }
        const auto& pods = storage()->type(QString(), QStringLiteral("pods"));
        auto created = storage()->create(
            pods, logNamespace,
            QJsonObject{{"apiVersion", "v1"},
                        {"kind", "Pod"},
                        {"metadata", QJsonObject{{"name", pod.name}, {"labels", pod.labels}}},
                        {"spec", spec}});
        if (!created.ok()) {
            qWarning("pod %s not created: %s", qPrintable(pod.name), qPrintable(created.error->message));
            return false;
        }
        QJsonObject object = created.object->object;
        object.insert("status",
                      QJsonObject{{"phase", "Running"},
                                  {"containerStatuses", statuses(pod.containers)},
                                  {"initContainerStatuses", statuses(pod.initContainers)},
                                  {"ephemeralContainerStatuses", statuses(pod.ephemeralContainers)}});
        binnacle::sim::WriteOptions options;
        options.subresource = QStringLiteral("status");
        return storage()->update(pods, logNamespace, pod.name, object, options).ok();
    }
    // Restarts a pod's only container as the kubelet reports it: the instance that started `startedAgo`
    // seconds ago stopped `finishedAgo` seconds ago, and the next started `restartedAgo` seconds ago (or
    // waits in a back-off when `restartedAgo` is null). Negative: seconds from now.
    bool restartContainer(const QString& pod, int restartCount, int startedAgo, int finishedAgo,
                          std::optional<int> restartedAgo) {
        const auto& pods = storage()->type(QString(), QStringLiteral("pods"));
        const binnacle::sim::ObjectPtr current = storage()->get(pods, logNamespace, pod);
        if (!current) {
            return false;
        }
        QJsonObject object = current->object;
        QJsonObject status = object.value("status").toObject();
        QJsonObject container = status.value("containerStatuses").toArray().first().toObject();
        container.insert("restartCount", restartCount);
        container.insert("containerID", QStringLiteral("containerd://%1-%2").arg(pod).arg(restartCount));
        container.insert("lastState",
                         QJsonObject{{"terminated", QJsonObject{{"exitCode", 137},
                                                                {"reason", "Error"},
                                                                {"startedAt", time(startedAgo)},
                                                                {"finishedAt", time(finishedAgo)}}}});
        container.insert(
            "state", restartedAgo ? QJsonObject{{"running", QJsonObject{{"startedAt", time(*restartedAgo)}}}}
                                  : QJsonObject{{"waiting", QJsonObject{{"reason", "CrashLoopBackOff"}}}});
        status.insert("containerStatuses", QJsonArray{container});
        object.insert("status", status);
        binnacle::sim::WriteOptions options;
        options.subresource = QStringLiteral("status");
        return storage()->update(pods, logNamespace, pod, object, options).ok();
    }
    bool deletePod(const QString& name) {
        binnacle::sim::DeleteOptions options;
        options.gracePeriodSeconds = 0;
        return storage()
            ->remove(storage()->type(QString(), QStringLiteral("pods")), logNamespace, name, options)
            .ok();
    }

    // GET pods/NAME/log with `query`, as the server answers it (the oracle the streams are compared with).
    QByteArray serverLog(const QString& pod, const QUrlQuery& query, int* status = nullptr) const {
        ApiRequestSpec spec = get(QStringLiteral("/api/v1/namespaces/%1/pods/%2/log").arg(logNamespace, pod));
        spec.query = query;
        spec.accept = "*/*";
        Outcome outcome;
        cluster.transport->send(spec, nullptr, outcome.callback());
        if (!QTest::qWaitFor([&] { return outcome.arrived; }, logTimeoutMs)) {
            return "<timeout>";
        }
        if (status) {
            *status = outcome.result.response.statusCode;
        }
        return outcome.result.response.body;
    }
};

// What a stream delivered, rendered as kubectl prints it.
inline QByteArray render(const LogLines& lines, bool timestamps) {
    QByteArray out;
    for (const LogLine& line : lines) {
        if (timestamps) {
            out += binnacle::logs::timestamp::formatNano(line.timestampNs).toLatin1() + ' ';
        }
        out += line.text.toUtf8();
        if (!line.truncated) {
            out += '\n';
        }
    }
    return out;
}

// Collects a stream's lines and its end.
struct StreamRecorder {
    LogLines lines;
    QList<binnacle::logs::LogError> errors;
    std::optional<LogStream::EndReason> end;
    int reconnects = 0;

    void attach(LogStream* stream) {
        QObject::connect(stream, &LogStream::linesReceived, stream,
                         [this](const LogLines& batch) { lines += batch; });
        QObject::connect(stream, &LogStream::errorOccurred, stream,
                         [this](const binnacle::logs::LogError& error) { errors.append(error); });
        QObject::connect(stream, &LogStream::finished, stream,
                         [this](LogStream::EndReason reason) { end = reason; });
        QObject::connect(stream, &LogStream::reconnecting, stream, [this] { ++reconnects; });
    }
};

} // namespace testing
