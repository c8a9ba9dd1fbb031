#include "workloadlogs.h"

#include "clustertransport.h"
#include "logging.h"
#include "logmerger.h"
#include "logstream.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace binnacle::logs {

namespace {
client::ApiResource podsResource() {
    client::ApiResource resource;
    resource.version = QStringLiteral("v1");
    resource.resource = QStringLiteral("pods");
    resource.singular = QStringLiteral("pod");
    resource.kind = QStringLiteral("Pod");
    resource.namespaced = true;
    resource.verbs = QStringList{QStringLiteral("list"), QStringLiteral("watch")};
    return resource;
}

// Containers of the pod whose log exists: running, or terminated (a finished Job's pod).
QSet<QString> startedContainers(const QJsonObject& pod) {
    QSet<QString> started;
    const QJsonObject status = pod.value(QLatin1String("status")).toObject();
    for (const char* key : {"containerStatuses", "initContainerStatuses"}) {
        for (const QJsonValue& value : status.value(QLatin1String(key)).toArray()) {
            const QJsonObject state = value.toObject().value(QLatin1String("state")).toObject();
            if (state.contains(QLatin1String("running")) || state.contains(QLatin1String("terminated"))) {
                started.insert(value.toObject().value(QLatin1String("name")).toString());
            }
        }
    }
    return started;
}
} // namespace

WorkloadLogs::WorkloadLogs(transport::ClusterTransport* transport, WorkloadRef workload,
                           WorkloadLogOptions options, QObject* parent)
    : QObject(parent)
    , m_transport(transport)
    , m_workload(std::move(workload))
    , m_namespace(m_workload->namespaceName)
    , m_options(std::move(options))
    , m_merger(new LogMerger(m_options.mergeHold, this)) {
    connect(m_merger, &LogMerger::linesReady, this, &WorkloadLogs::linesReceived);
}

WorkloadLogs::WorkloadLogs(transport::ClusterTransport* transport, QString namespaceName,
                           QString labelSelector, WorkloadLogOptions options, QObject* parent)
    : QObject(parent)
    , m_transport(transport)
    , m_namespace(std::move(namespaceName))
    , m_selector(std::move(labelSelector))
    , m_options(std::move(options))
    , m_merger(new LogMerger(m_options.mergeHold, this)) {
    connect(m_merger, &LogMerger::linesReady, this, &WorkloadLogs::linesReceived);
}

WorkloadLogs::~WorkloadLogs() = default;

void WorkloadLogs::start() {
    if (!m_transport || m_reflector) {
        return;
    }
    if (!m_workload) {
        startWatching();
        return;
    }
    const auto path = workloadselector::pathFor(*m_workload);
    if (!path) {
        emit errorOccurred(LogError{
            LogError::Kind::Request, QStringLiteral("%1 has no pod selector").arg(m_workload->kind), {}});
        return;
    }
    transport::ApiRequestSpec spec;
    spec.path = *path;
    m_transport->send(spec, this, [this](const transport::ApiResult& result) {
        if (!result.ok()) {
            emit errorOccurred(LogError::fromApiError(*result.error));
            return;
        }
        m_selector = workloadselector::podSelector(QJsonDocument::fromJson(result.response.body).object());
        if (m_selector.isEmpty()) {
            emit errorOccurred(
                LogError{LogError::Kind::Request,
                         QStringLiteral("%1 %2 has no pod selector").arg(m_workload->kind, m_workload->name),
                         {}});
            return;
        }
        startWatching();
    });
}

void WorkloadLogs::stop() {
    if (m_reflector) {
        m_reflector->stop();
    }
    const QStringList uids = m_pods.keys();
    for (const QString& uid : uids) {
        removePod(uid);
    }
    m_merger->flush();
}

QStringList WorkloadLogs::pods() const {
    QStringList names;
    for (const PodEntry& entry : m_pods) {
        names.append(entry.name);
    }
    names.sort();
    return names;
}

int WorkloadLogs::activeStreams() const {
    int count = 0;
    for (const PodEntry& entry : m_pods) {
        for (const LogStream* stream : entry.streams) {
            count += stream->state() != LogStream::State::Finished ? 1 : 0;
        }
    }
    return count;
}

void WorkloadLogs::startWatching() {
    watch::WatchTarget target;
    target.resource = podsResource();
    target.namespaceName = m_namespace;
    target.labelSelector = m_selector;
    m_reflector = std::make_unique<watch::Reflector>(m_transport.data(), target, m_options.watch);
    connect(m_reflector.get(), &watch::Reflector::listStarted, this, [this] { m_snapshot.clear(); });
    connect(m_reflector.get(), &watch::Reflector::listPage, this,
            [this](const QList<client::ObjectSummary>& page) {
                for (const client::ObjectSummary& pod : page) {
                    m_snapshot.insert(pod.uid, pod);
                }
            });
    connect(m_reflector.get(), &watch::Reflector::listFinished, this, [this] {
        const QStringList known = m_pods.keys();
        for (const QString& uid : known) {
            if (!m_snapshot.contains(uid)) {
                removePod(uid);
            }
        }
        for (const client::ObjectSummary& pod : std::as_const(m_snapshot)) {
            applyPod(pod);
        }
        m_snapshot.clear();
        if (!m_ready) {
            m_ready = true;
            emit ready();
        }
    });
    connect(m_reflector.get(), &watch::Reflector::eventsReceived, this,
            [this](const QList<client::WatchEvent>& events) {
                for (const client::WatchEvent& event : events) {
                    if (event.type == client::WatchEvent::Type::Deleted) {
                        removePod(event.object.uid);
                    } else {
                        applyPod(event.object);
                    }
                }
            });
    m_reflector->start();
}

void WorkloadLogs::applyPod(const client::ObjectSummary& pod) {
    const QJsonObject object = pod.toJsonObject();
    const bool isNew = !m_pods.contains(pod.uid);
    PodEntry& entry = m_pods[pod.uid];
    entry.name = pod.name;
    if (isNew) {
        qCDebug(lcLogs) << "following the logs of pod" << pod.name;
        emit podAdded(pod.name);
    }
    const QJsonObject spec = object.value(QLatin1String("spec")).toObject();
    QStringList wanted;
    const QStringList keys = m_options.includeInitContainers
                                 ? QStringList{QStringLiteral("initContainers"), QStringLiteral("containers")}
                                 : QStringList{QStringLiteral("containers")};
    for (const QString& key : keys) {
        for (const QJsonValue& value : spec.value(key).toArray()) {
            const QString name = value.toObject().value(QLatin1String("name")).toString();
            if (m_options.containers.isEmpty() || m_options.containers.contains(name)) {
                wanted.append(name);
            }
        }
    }
    const QSet<QString> started = startedContainers(object);
    for (const QString& container : std::as_const(wanted)) {
        if (LogStream* stream = entry.streams.value(container)) {
            stream->observePod(object); // a restart, seen here before the stream's own look
        } else if (started.contains(container)) {
            startStream(entry, pod.uid, container, object);
        }
    }
}

void WorkloadLogs::startStream(PodEntry& entry, const QString& uid, const QString& container,
                               const QJsonObject& pod) {
    LogOptions options = m_options.stream;
    options.container = container;
    auto* stream = new LogStream(m_transport.data(), m_namespace, entry.name, options, this);
    stream->observePod(pod);
    const QString key = streamKey(uid, container);
    entry.streams.insert(container, stream);
    m_merger->addStream(key);
    connect(stream, &LogStream::linesReceived, this,
            [this, key](const LogLines& lines) { m_merger->add(key, lines); });
    connect(stream, &LogStream::errorOccurred, this, &WorkloadLogs::errorOccurred);
    connect(stream, &LogStream::containerRestarted, this,
            [this, pod = entry.name, container](int restartCount) {
                emit containerRestarted(pod, container, restartCount);
            });
    connect(stream, &LogStream::finished, this, [this, key] { m_merger->removeStream(key); });
    stream->start();
}

void WorkloadLogs::removePod(const QString& uid) {
    const auto it = m_pods.find(uid);
    if (it == m_pods.end()) {
        return;
    }
    const PodEntry entry = *it;
    m_pods.erase(it);
    for (auto stream = entry.streams.cbegin(); stream != entry.streams.cend(); ++stream) {
        // Lines already read still come out; the stream's end must not reach the merger twice.
        stream.value()->disconnect(this);
        m_merger->removeStream(streamKey(uid, stream.key()));
        stream.value()->stop();
        stream.value()->deleteLater();
    }
    qCDebug(lcLogs) << "pod" << entry.name << "is gone";
    emit podRemoved(entry.name);
}

QString WorkloadLogs::streamKey(const QString& uid, const QString& container) {
    return uid + QLatin1Char('/') + container;
}

} // namespace binnacle::logs
