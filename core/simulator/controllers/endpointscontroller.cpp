#include "endpointscontroller.h"

#include "controllerutil.h"
#include "labelselector.h"

#include <QSet>

namespace binnacle::sim {

namespace {

const QString kServiceNameLabel = QStringLiteral("kubernetes.io/service-name");

QJsonObject serviceSelector(const QJsonObject& service) {
    return service.value(QLatin1String("spec")).toObject().value(QLatin1String("selector")).toObject();
}

// The service ports as they reach this pod: targetPort resolved (a name through the container ports).
QJsonArray resolvedPorts(const QJsonObject& service, const QJsonObject& pod) {
    QJsonArray ports;
    for (const QJsonValue& value :
         service.value(QLatin1String("spec")).toObject().value(QLatin1String("ports")).toArray()) {
        const QJsonObject servicePort = value.toObject();
        const QJsonValue target = servicePort.value(QLatin1String("targetPort"));
        int port = servicePort.value(QLatin1String("port")).toInt();
        if (target.isDouble()) {
            port = target.toInt();
        } else if (target.isString()) {
            bool numeric = false;
            const int number = target.toString().toInt(&numeric);
            port = numeric ? number : 0;
            for (const QJsonValue& container :
                 pod.value(QLatin1String("spec")).toObject().value(QLatin1String("containers")).toArray()) {
                for (const QJsonValue& containerPort :
                     container.toObject().value(QLatin1String("ports")).toArray()) {
                    if (containerPort.toObject().value(QLatin1String("name")).toString() ==
                        target.toString()) {
                        port = containerPort.toObject().value(QLatin1String("containerPort")).toInt();
                    }
                }
            }
            if (port == 0) {
                continue; // the pod has no port of that name
            }
        }
        QJsonObject endpointPort{
            {QStringLiteral("port"), port},
            {QStringLiteral("protocol"),
             servicePort.value(QLatin1String("protocol")).toString(QStringLiteral("TCP"))},
        };
        if (servicePort.contains(QLatin1String("name"))) {
            endpointPort.insert(QStringLiteral("name"), servicePort.value(QLatin1String("name")));
        }
        if (servicePort.contains(QLatin1String("appProtocol"))) {
            endpointPort.insert(QStringLiteral("appProtocol"),
                                servicePort.value(QLatin1String("appProtocol")));
        }
        ports.append(endpointPort);
    }
    return ports;
}

QJsonObject podReference(const QJsonObject& pod) {
    return QJsonObject{
        {QStringLiteral("kind"), QStringLiteral("Pod")},
        {QStringLiteral("name"), objects::name(pod)},
        {QStringLiteral("namespace"), objects::namespaceName(pod)},
        {QStringLiteral("uid"), objects::uid(pod)},
    };
}

QString podIp(const QJsonObject& pod) {
    return pod.value(QLatin1String("status")).toObject().value(QLatin1String("podIP")).toString();
}

QString nodeName(const QJsonObject& pod) {
    return pod.value(QLatin1String("spec")).toObject().value(QLatin1String("nodeName")).toString();
}

} // namespace

EndpointsController::EndpointsController(ControllerContext* context, QObject* parent)
    : Controller(context, parent)
    , m_services(context->type(QString(), QStringLiteral("services")))
    , m_pods(context->type(QString(), QStringLiteral("pods")))
    , m_endpoints(context->type(QString(), QStringLiteral("endpoints")))
    , m_slices(context->type(QStringLiteral("discovery.k8s.io"), QStringLiteral("endpointslices"))) {
    setResyncInterval(30000);
}

void EndpointsController::observe(const WatchEvent& event) {
    if (event.typeKey == m_services.key()) {
        enqueue(event.namespaceName, event.object->name());
    } else if (event.typeKey == m_pods.key()) {
        QJsonObject labels = objects::labels(event.object->object);
        enqueueServicesSelecting(event.namespaceName, labels);
        if (event.previous && objects::labels(event.previous->object) != labels) {
            enqueueServicesSelecting(event.namespaceName, objects::labels(event.previous->object));
        }
    }
}

void EndpointsController::enqueueServicesSelecting(const QString& namespaceName, const QJsonObject& labels) {
    for (const ObjectPtr& service : m_context->storage()->list(m_services, namespaceName)) {
        const QJsonObject selector = serviceSelector(service->object);
        if (!selector.isEmpty() && LabelSelector::fromMatchLabels(selector).matches(labels)) {
            enqueue(namespaceName, service->name());
        }
    }
}

void EndpointsController::resync() {
    enqueueAll(m_services);
}

void EndpointsController::reconcile(const QString& namespaceName, const QString& name) {
    const ObjectPtr stored = m_context->storage()->get(m_services, namespaceName, name);
    if (!stored) {
        // The Service is gone: so is its Endpoints object (its slices follow through the garbage collector).
        if (m_context->storage()->get(m_endpoints, namespaceName, name)) {
            m_context->storage()->remove(m_endpoints, namespaceName, name);
        }
        return;
    }
    if (objects::isDeleting(stored->object)) {
        return;
    }
    QJsonObject service = allocateClusterIp(stored->object);
    const QJsonObject selector = serviceSelector(service);
    if (selector.isEmpty()) {
        return; // a Service without selector: its endpoints are the user's business
    }
    const LabelSelector podSelector = LabelSelector::fromMatchLabels(selector);
    QList<QJsonObject> pods;
    for (const ObjectPtr& pod : m_context->storage()->list(m_pods, namespaceName)) {
        if (!podIp(pod->object).isEmpty() && !objects::isPodTerminal(pod->object) &&
            podSelector.matches(objects::labels(pod->object))) {
            pods.append(pod->object);
        }
    }
    std::sort(pods.begin(), pods.end(),
              [](const QJsonObject& a, const QJsonObject& b) { return podIp(a) < podIp(b); });
    syncEndpoints(service, pods);
    syncSlice(service, pods);
}

QJsonObject EndpointsController::allocateClusterIp(const QJsonObject& service) {
    const QJsonObject spec = service.value(QLatin1String("spec")).toObject();
    if (!spec.value(QLatin1String("clusterIP")).toString().isEmpty() ||
        spec.value(QLatin1String("type")).toString() == QLatin1String("ExternalName")) {
        return service;
    }
    QSet<QString> used;
    for (const ObjectPtr& other : m_context->storage()->list(m_services)) {
        used.insert(other->object.value(QLatin1String("spec"))
                        .toObject()
                        .value(QLatin1String("clusterIP"))
                        .toString());
    }
    QString ip;
    do {
        const quint32 random = m_context->nextRandom();
        ip = QStringLiteral("10.96.%1.%2").arg((random >> 8) % 256).arg(1 + random % 254);
    } while (used.contains(ip));
    QJsonObject updatedSpec = spec;
    updatedSpec.insert(QStringLiteral("clusterIP"), ip);
    updatedSpec.insert(QStringLiteral("clusterIPs"), QJsonArray{ip});
    if (!updatedSpec.contains(QLatin1String("ipFamilies"))) {
        updatedSpec.insert(QStringLiteral("ipFamilies"), QJsonArray{QStringLiteral("IPv4")});
        updatedSpec.insert(QStringLiteral("ipFamilyPolicy"), QStringLiteral("SingleStack"));
    }
    QJsonObject updated = service;
    updated.insert(QStringLiteral("spec"), updatedSpec);
    const WriteResult result = m_context->storage()->update(
        m_services, objects::namespaceName(service), objects::name(service), updated,
        ControllerContext::writeOptions(QStringLiteral("kube-apiserver")));
    return result.ok() ? result.object->object : service;
}

void EndpointsController::syncEndpoints(const QJsonObject& service, const QList<QJsonObject>& pods) {
    const QString namespaceName = objects::namespaceName(service);
    const QString name = objects::name(service);
    // One subset per distinct set of resolved ports, as the endpoints controller repacks them.
    QList<QJsonArray> portSets;
    QList<QJsonObject> subsets;
    for (const QJsonObject& pod : pods) {
        if (objects::isDeleting(pod)) {
            continue;
        }
        const QJsonArray ports = resolvedPorts(service, pod);
        qsizetype index = portSets.indexOf(ports);
        if (index < 0) {
            portSets.append(ports);
            subsets.append(QJsonObject{{QStringLiteral("ports"), ports}});
            index = portSets.size() - 1;
        }
        QJsonObject address{
            {QStringLiteral("ip"), podIp(pod)},
            {QStringLiteral("targetRef"), podReference(pod)},
        };
        if (!nodeName(pod).isEmpty()) {
            address.insert(QStringLiteral("nodeName"), nodeName(pod));
        }
        const QString field =
            objects::isPodReady(pod) ? QStringLiteral("addresses") : QStringLiteral("notReadyAddresses");
        QJsonArray addresses = subsets[index].value(field).toArray();
        addresses.append(address);
        subsets[index].insert(field, addresses);
    }
    QJsonArray subsetArray;
    for (const QJsonObject& subset : std::as_const(subsets)) {
        if (!subset.value(QLatin1String("ports")).toArray().isEmpty()) {
            subsetArray.append(subset);
        }
    }
    const ObjectPtr existing = m_context->storage()->get(m_endpoints, namespaceName, name);
    if (existing && existing->object.value(QLatin1String("subsets")).toArray() == subsetArray) {
        return;
    }
    QJsonObject endpoints = existing ? existing->object
                                     : QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("v1")},
                                                   {QStringLiteral("kind"), QStringLiteral("Endpoints")}};
    QJsonObject metadata = objects::metadata(endpoints);
    metadata.insert(QStringLiteral("name"), name);
    metadata.insert(QStringLiteral("namespace"), namespaceName);
    const QJsonObject serviceLabels = objects::labels(service);
    if (!serviceLabels.isEmpty()) {
        metadata.insert(QStringLiteral("labels"), serviceLabels);
    }
    metadata.insert(QStringLiteral("annotations"),
                    QJsonObject{{QStringLiteral("endpoints.kubernetes.io/last-change-trigger-time"),
                                 objects::timestamp(m_context->now())}});
    endpoints.insert(QStringLiteral("metadata"), metadata);
    if (subsetArray.isEmpty()) {
        endpoints.remove(QStringLiteral("subsets"));
    } else {
        endpoints.insert(QStringLiteral("subsets"), subsetArray);
    }
    const WriteOptions options = ControllerContext::writeOptions(QStringLiteral("kube-controller-manager"));
    if (existing) {
        m_context->storage()->update(m_endpoints, namespaceName, name, endpoints, options);
    } else {
        m_context->storage()->create(m_endpoints, namespaceName, endpoints, options);
    }
}

void EndpointsController::syncSlice(const QJsonObject& service, const QList<QJsonObject>& pods) {
    const QString namespaceName = objects::namespaceName(service);
    const QString name = objects::name(service);
    QJsonArray endpoints;
    QJsonArray ports;
    for (const QJsonObject& pod : pods) {
        const bool terminating = objects::isDeleting(pod);
        const bool ready = objects::isPodReady(pod);
        QJsonObject endpoint{
            {QStringLiteral("addresses"), QJsonArray{podIp(pod)}},
            {QStringLiteral("conditions"), QJsonObject{{QStringLiteral("ready"), ready && !terminating},
                                                       {QStringLiteral("serving"), ready},
                                                       {QStringLiteral("terminating"), terminating}}},
            {QStringLiteral("targetRef"), podReference(pod)},
        };
        if (!nodeName(pod).isEmpty()) {
            endpoint.insert(QStringLiteral("nodeName"), nodeName(pod));
        }
        endpoints.append(endpoint);
        if (ports.isEmpty()) {
            ports = resolvedPorts(service, pod);
        }
    }
    ObjectPtr existing;
    for (const ObjectPtr& slice : m_context->storage()->list(m_slices, namespaceName)) {
        if (objects::labels(slice->object).value(kServiceNameLabel).toString() == name &&
            objects::isControlledBy(slice->object, objects::uid(service))) {
            existing = slice;
            break;
        }
    }
    if (existing && existing->object.value(QLatin1String("endpoints")).toArray() == endpoints &&
        existing->object.value(QLatin1String("ports")).toArray() == ports) {
        return;
    }
    QJsonObject labels = objects::labels(service);
    labels.insert(kServiceNameLabel, name);
    labels.insert(QStringLiteral("endpointslice.kubernetes.io/managed-by"),
                  QStringLiteral("endpointslice-controller.k8s.io"));
    QJsonObject slice = existing ? existing->object : QJsonObject();
    QJsonObject metadata = objects::metadata(slice);
    if (!existing) {
        metadata.insert(QStringLiteral("name"), name + QLatin1Char('-') + m_context->randomSuffix());
        metadata.insert(QStringLiteral("generateName"), name + QLatin1Char('-'));
        metadata.insert(QStringLiteral("namespace"), namespaceName);
        metadata.insert(QStringLiteral("ownerReferences"),
                        QJsonArray{objects::controllerReference(service, m_services)});
    }
    metadata.insert(QStringLiteral("labels"), labels);
    metadata.insert(QStringLiteral("annotations"),
                    QJsonObject{{QStringLiteral("endpoints.kubernetes.io/last-change-trigger-time"),
                                 objects::timestamp(m_context->now())}});
    slice.insert(QStringLiteral("apiVersion"), QStringLiteral("discovery.k8s.io/v1"));
    slice.insert(QStringLiteral("kind"), QStringLiteral("EndpointSlice"));
    slice.insert(QStringLiteral("metadata"), metadata);
    slice.insert(QStringLiteral("addressType"), QStringLiteral("IPv4"));
    slice.insert(QStringLiteral("endpoints"), endpoints);
    slice.insert(QStringLiteral("ports"), ports);
    const WriteOptions options = ControllerContext::writeOptions(QStringLiteral("kube-controller-manager"));
    if (existing) {
        m_context->storage()->update(m_slices, namespaceName, existing->name(), slice, options);
    } else {
        m_context->storage()->create(m_slices, namespaceName, slice, options);
    }
}

} // namespace binnacle::sim
