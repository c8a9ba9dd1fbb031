#include "podresolver.h"

#include "clustertransport.h"
#include "streaminglogging.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>
#include <algorithm>

namespace binnacle::streaming {

using transport::ApiError;

namespace {
QString kindPrefix(const ForwardTarget& target) {
    switch (target.kind) {
    case ForwardTarget::Kind::Pod:
        return QStringLiteral("pod");
    case ForwardTarget::Kind::Service:
        return QStringLiteral("service");
    case ForwardTarget::Kind::Workload:
        break;
    }
    QString singular = target.resource;
    if (singular.endsWith(QLatin1String("s"))) {
        singular.chop(1);
    }
    return singular;
}

ApiError notFound(const QString& message) {
    transport::ApiStatus status;
    status.code = 404;
    status.reason = QStringLiteral("NotFound");
    status.message = message;
    return ApiError::fromStatus(status);
}

QJsonObject metadata(const QJsonObject& object) {
    return object.value(QLatin1String("metadata")).toObject();
}
} // namespace

ForwardTarget ForwardTarget::pod(const QString& namespaceName, const QString& name) {
    ForwardTarget target;
    target.kind = Kind::Pod;
    target.namespaceName = namespaceName;
    target.name = name;
    return target;
}

ForwardTarget ForwardTarget::service(const QString& namespaceName, const QString& name) {
    ForwardTarget target = pod(namespaceName, name);
    target.kind = Kind::Service;
    return target;
}

ForwardTarget ForwardTarget::workload(const QString& namespaceName, const QString& group,
                                      const QString& resource, const QString& name) {
    ForwardTarget target = pod(namespaceName, name);
    target.kind = Kind::Workload;
    target.group = group;
    target.resource = resource;
    return target;
}

QString ForwardTarget::displayName() const {
    return kindPrefix(*this) + QLatin1Char('/') + name;
}

struct PodResolver::Run {
    ForwardTarget target;
    QList<quint16> ports;
    QStringList avoid;
    QPointer<QObject> context;
    bool hasContext = false;
    Callback done;
    QJsonObject service;
    bool finished = false;
};

PodResolver::PodResolver(transport::ClusterTransport* transport, QObject* parent)
    : QObject(parent)
    , m_transport(transport) {}

QString PodResolver::labelSelector(const QJsonObject& selector, bool isLabelSelectorObject) {
    QStringList terms;
    const QJsonObject matchLabels =
        isLabelSelectorObject ? selector.value(QLatin1String("matchLabels")).toObject() : selector;
    for (auto it = matchLabels.begin(); it != matchLabels.end(); ++it) {
        terms.append(it.key() + QLatin1Char('=') + it.value().toString());
    }
    if (isLabelSelectorObject) {
        for (const QJsonValue& value : selector.value(QLatin1String("matchExpressions")).toArray()) {
            const QJsonObject expression = value.toObject();
            const QString key = expression.value(QLatin1String("key")).toString();
            const QString op = expression.value(QLatin1String("operator")).toString();
            QStringList values;
            for (const QJsonValue& v : expression.value(QLatin1String("values")).toArray()) {
                values.append(v.toString());
            }
            if (op == QLatin1String("In")) {
                terms.append(QStringLiteral("%1 in (%2)").arg(key, values.join(QLatin1Char(','))));
            } else if (op == QLatin1String("NotIn")) {
                terms.append(QStringLiteral("%1 notin (%2)").arg(key, values.join(QLatin1Char(','))));
            } else if (op == QLatin1String("Exists")) {
                terms.append(key);
            } else if (op == QLatin1String("DoesNotExist")) {
                terms.append(QLatin1Char('!') + key);
            }
        }
    }
    return terms.join(QLatin1Char(','));
}

bool PodResolver::isReady(const QJsonObject& pod) {
    if (metadata(pod).contains(QLatin1String("deletionTimestamp"))) {
        return false;
    }
    const QJsonObject status = pod.value(QLatin1String("status")).toObject();
    if (status.value(QLatin1String("phase")).toString() != QLatin1String("Running")) {
        return false;
    }
    for (const QJsonValue& value : status.value(QLatin1String("conditions")).toArray()) {
        const QJsonObject condition = value.toObject();
        if (condition.value(QLatin1String("type")).toString() == QLatin1String("Ready")) {
            return condition.value(QLatin1String("status")).toString() == QLatin1String("True");
        }
    }
    return false;
}

std::optional<quint16> PodResolver::servicePortToPodPort(const QJsonObject& service, quint16 servicePort,
                                                         const QJsonObject& pod) {
    const QJsonArray ports =
        service.value(QLatin1String("spec")).toObject().value(QLatin1String("ports")).toArray();
    for (const QJsonValue& value : ports) {
        const QJsonObject port = value.toObject();
        if (port.value(QLatin1String("port")).toInt() != servicePort) {
            continue;
        }
        const QJsonValue targetPort = port.value(QLatin1String("targetPort"));
        if (targetPort.isUndefined() || targetPort.isNull()) {
            return servicePort;
        }
        if (targetPort.isDouble()) {
            return quint16(targetPort.toInt());
        }
        bool numeric = false;
        const int number = targetPort.toString().toInt(&numeric);
        if (numeric) {
            return quint16(number);
        }
        const QString portName = targetPort.toString();
        const QJsonArray containers =
            pod.value(QLatin1String("spec")).toObject().value(QLatin1String("containers")).toArray();
        for (const QJsonValue& container : containers) {
            for (const QJsonValue& containerPort :
                 container.toObject().value(QLatin1String("ports")).toArray()) {
                if (containerPort.toObject().value(QLatin1String("name")).toString() == portName) {
                    return quint16(containerPort.toObject().value(QLatin1String("containerPort")).toInt());
                }
            }
        }
        return std::nullopt;
    }
    return std::nullopt;
}

void PodResolver::resolve(const ForwardTarget& target, const QList<quint16>& ports, const QStringList& avoid,
                          QObject* context, Callback done) {
    auto run = std::make_shared<Run>();
    run->target = target;
    run->ports = ports;
    run->avoid = avoid;
    run->context = context;
    run->hasContext = context != nullptr;
    run->done = std::move(done);
    const QString ns = target.namespaceName;
    switch (target.kind) {
    case ForwardTarget::Kind::Pod:
        QTimer::singleShot(0, this, [this, run] {
            finish(run, {run->target.name, run->ports, std::nullopt});
        });
        return;
    case ForwardTarget::Kind::Service:
        get(QStringLiteral("/api/v1/namespaces/%1/services/%2").arg(ns, target.name), {},
            [this, run](const QJsonObject& service, const std::optional<ApiError>& error) {
                if (error) {
                    finish(run, {{}, {}, error});
                    return;
                }
                const QJsonObject selector = service.value(QLatin1String("spec"))
                                                 .toObject()
                                                 .value(QLatin1String("selector"))
                                                 .toObject();
                if (selector.isEmpty()) {
                    finish(run, {{},
                                 {},
                                 notFound(QStringLiteral("service %1 has no selector: no pods are behind it")
                                              .arg(run->target.name))});
                    return;
                }
                run->service = service;
                listPods(run, labelSelector(selector, false));
            });
        return;
    case ForwardTarget::Kind::Workload: {
        const QString prefix = target.group.isEmpty()
                                   ? QStringLiteral("/api/%1").arg(target.version)
                                   : QStringLiteral("/apis/%1/%2").arg(target.group, target.version);
        get(QStringLiteral("%1/namespaces/%2/%3/%4").arg(prefix, ns, target.resource, target.name), {},
            [this, run](const QJsonObject& workload, const std::optional<ApiError>& error) {
                if (error) {
                    finish(run, {{}, {}, error});
                    return;
                }
                const QJsonObject selector = workload.value(QLatin1String("spec"))
                                                 .toObject()
                                                 .value(QLatin1String("selector"))
                                                 .toObject();
                const QString text = labelSelector(selector, true);
                if (text.isEmpty()) {
                    finish(
                        run,
                        {{},
                         {},
                         notFound(QStringLiteral("%1 has no pod selector").arg(run->target.displayName()))});
                    return;
                }
                listPods(run, text);
            });
        return;
    }
    }
}

void PodResolver::get(const QString& path, const QString& labelSelector,
                      std::function<void(const QJsonObject&, const std::optional<ApiError>&)> done) {
    QPointer<transport::ClusterTransport> transport = m_transport;
    QPointer<PodResolver> self(this);
    if (!transport) {
        QTimer::singleShot(0, this, [done] {
            done({}, ApiError(ApiError::Kind::Network, QStringLiteral("No connection to the cluster")));
        });
        return;
    }
    transport::ApiRequestSpec spec;
    spec.path = path;
    if (!labelSelector.isEmpty()) {
        spec.query.addQueryItem(QStringLiteral("labelSelector"),
                                QString::fromLatin1(QUrl::toPercentEncoding(labelSelector)));
    }
    spec.priority = transport::Priority::Interactive;
    QMetaObject::invokeMethod(
        transport.data(),
        [transport, self, spec, done] {
            if (!transport) {
                return;
            }
            transport->send(spec, transport.data(), [self, done](const transport::ApiResult& result) {
                std::optional<ApiError> error = result.error;
                QJsonObject object;
                if (!error) {
                    object = QJsonDocument::fromJson(result.response.body).object();
                }
                if (self) {
                    QMetaObject::invokeMethod(
                        self.data(), [done, object, error] { done(object, error); }, Qt::QueuedConnection);
                }
            });
        },
        Qt::QueuedConnection);
}

void PodResolver::listPods(const std::shared_ptr<Run>& run, const QString& selector) {
    get(QStringLiteral("/api/v1/namespaces/%1/pods").arg(run->target.namespaceName), selector,
        [this, run](const QJsonObject& list, const std::optional<ApiError>& error) {
            if (error) {
                finish(run, {{}, {}, error});
                return;
            }
            choose(run, list);
        });
}

void PodResolver::choose(const std::shared_ptr<Run>& run, const QJsonObject& podList) {
    QList<QJsonObject> ready;
    for (const QJsonValue& value : podList.value(QLatin1String("items")).toArray()) {
        if (isReady(value.toObject())) {
            ready.append(value.toObject());
        }
    }
    auto nameOf = [](const QJsonObject& pod) {
        return metadata(pod).value(QLatin1String("name")).toString();
    };
    std::sort(ready.begin(), ready.end(), [&](const QJsonObject& a, const QJsonObject& b) {
        const bool aAvoided = run->avoid.contains(nameOf(a));
        const bool bAvoided = run->avoid.contains(nameOf(b));
        return aAvoided != bAvoided ? bAvoided : nameOf(a) < nameOf(b);
    });
    if (ready.isEmpty()) {
        finish(run,
               {{}, {}, notFound(QStringLiteral("no Ready pod behind %1").arg(run->target.displayName()))});
        return;
    }
    const QJsonObject& pod = ready.first();
    ResolvedPod result{nameOf(pod), run->ports, std::nullopt};
    if (run->target.kind == ForwardTarget::Kind::Service) {
        for (qsizetype i = 0; i < run->ports.size(); ++i) {
            const std::optional<quint16> podPort = servicePortToPodPort(run->service, run->ports[i], pod);
            if (!podPort) {
                finish(run, {{},
                             {},
                             notFound(QStringLiteral("service %1 has no port %2 that leads to pod %3")
                                          .arg(run->target.name)
                                          .arg(run->ports[i])
                                          .arg(result.podName))});
                return;
            }
            result.podPorts[i] = *podPort;
        }
    }
    qCDebug(lcStreaming).noquote() << run->target.displayName() << "resolves to pod" << result.podName;
    finish(run, result);
}

void PodResolver::finish(const std::shared_ptr<Run>& run, ResolvedPod result) {
    if (run->finished || (run->hasContext && !run->context)) {
        return;
    }
    run->finished = true;
    run->done(result);
}

} // namespace binnacle::streaming
