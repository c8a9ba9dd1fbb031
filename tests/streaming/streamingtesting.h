#pragma once

// Shared by the streaming tests: an in-process simulator, a transport and a WebSocket connector with the
// admin token, and pods written straight into the simulator's storage (Running and Ready, on a node).
#include "../transport/transporttesting.h"
#include "clustertransport.h"
#include "resourcestorage.h"
#include "simulator.h"
#include "websocketconnector.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>
#include <memory>

namespace streamingtesting {

using namespace binnacle;

// The transport tests' fixed bearer token.
using StaticToken = testing::StaticTokenProvider;

inline const QString testNamespace = QStringLiteral("default");

struct PodSpec {
    QString name;
    QJsonObject labels;
    QString image = QStringLiteral("debian:12");
    QJsonArray ports; // container ports: [{"name":"http","containerPort":80}]
    bool ready = true;
    bool stdinOpen = false; // the container's spec.stdin (attach needs it)
    bool tty = false;       // the container's spec.tty
};

inline PodSpec podNamed(const QString& name, const QString& image, const QJsonObject& labels = {}) {
    PodSpec pod;
    pod.name = name;
    pod.image = image;
    pod.labels = labels;
    return pod;
}

struct Cluster {
    std::unique_ptr<sim::Simulator> simulator;
    std::unique_ptr<StaticToken> token;
    std::unique_ptr<transport::ClusterTransport> transport;
    std::unique_ptr<streaming::WebSocketConnector> connector;

    bool start() {
        sim::SimulatorOptions options;
        options.controllers = false;
        simulator = std::make_unique<sim::Simulator>(options);
        QString error;
        if (!simulator->start(&error)) {
            qWarning("simulator did not start: %s", qPrintable(error));
            return false;
        }
        token = std::make_unique<StaticToken>(simulator->credentials().adminToken);
        transport::ClusterEndpoint endpoint;
        endpoint.server = QUrl(simulator->serverUrl());
        endpoint.caPem = simulator->credentials().caPem;
        transport::TransportOptions transportOptions;
        transportOptions.qps = -1;
        transport = std::make_unique<transport::ClusterTransport>(endpoint, token.get(), transportOptions);
        connector = std::make_unique<streaming::WebSocketConnector>(endpoint, token.get());
        connector->setStatusTransport(transport.get());
        return true;
    }

    sim::ResourceStorage* storage() const { return simulator->storage(); }
    const sim::ResourceType& type(const QString& group, const QString& resource) const {
        return storage()->type(group, resource);
    }

    bool createPod(const PodSpec& pod) {
        const auto& pods = type(QString(), QStringLiteral("pods"));
        QJsonObject container{{"name", "main"}, {"image", pod.image}};
        if (!pod.ports.isEmpty()) {
            container.insert("ports", pod.ports);
        }
        if (pod.stdinOpen) {
            container.insert("stdin", true);
        }
        if (pod.tty) {
            container.insert("tty", true);
        }
        auto created = storage()->create(
            pods, testNamespace,
            QJsonObject{
                {"apiVersion", "v1"},
                {"kind", "Pod"},
                {"metadata", QJsonObject{{"name", pod.name}, {"labels", pod.labels}}},
                {"spec", QJsonObject{{"nodeName", "node-1"}, {"containers", QJsonArray{container}}}}});
        if (!created.ok()) {
            qWarning("pod %s not created: %s", qPrintable(pod.name), qPrintable(created.error->message));
            return false;
        }
        QJsonObject object = created.object->object;
        object.insert(
            "status",
            QJsonObject{
                {"phase", "Running"},
                {"podIP", "10.0.0.9"},
                {"conditions",
                 QJsonArray{QJsonObject{{"type", "Ready"}, {"status", pod.ready ? "True" : "False"}}}},
                {"containerStatuses",
                 QJsonArray{QJsonObject{
                     {"name", "main"},
                     {"ready", pod.ready},
                     {"restartCount", 0},
                     {"image", pod.image},
                     {"state",
                      QJsonObject{{"running", QJsonObject{{"startedAt", "2026-01-01T00:00:00Z"}}}}}}}}});
        sim::WriteOptions options;
        options.subresource = QStringLiteral("status");
        return storage()->update(pods, testNamespace, pod.name, object, options).ok();
    }

    bool deletePod(const QString& name) {
        sim::DeleteOptions options;
        options.gracePeriodSeconds = 0;
        return storage()->remove(type(QString(), QStringLiteral("pods")), testNamespace, name, options).ok();
    }

    bool createObject(const QString& group, const QString& resource, const QJsonObject& object) {
        auto created = storage()->create(type(group, resource), testNamespace, object);
        if (!created.ok()) {
            qWarning("%s not created: %s", qPrintable(resource), qPrintable(created.error->message));
        }
        return created.ok();
    }
};

} // namespace streamingtesting
