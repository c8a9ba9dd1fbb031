#pragma once

// Shared by the dynamic client's tests: a simulator, a transport with a static admin token, a client,
// and a way to wait for one callback.
#include "../transport/transporttesting.h"
#include "clustertransport.h"
#include "dynamicclient.h"
#include "faultinjector.h"
#include "simulator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <memory>

namespace dynamictesting {

using namespace binnacle;

// The transport tests' fixed bearer token.
using StaticToken = testing::StaticTokenProvider;

struct Cluster {
    std::unique_ptr<sim::Simulator> simulator;
    std::unique_ptr<StaticToken> token;
    std::unique_ptr<transport::ClusterTransport> transport;
    std::unique_ptr<dynamic::DynamicClient> client;

    bool start(transport::TransportOptions options = {}) {
        sim::SimulatorOptions simulatorOptions;
        simulatorOptions.controllers = false;
        simulator = std::make_unique<sim::Simulator>(simulatorOptions);
        QString error;
        if (!simulator->start(&error)) {
            qWarning("simulator did not start: %s", qPrintable(error));
            return false;
        }
        token = std::make_unique<StaticToken>(simulator->credentials().adminToken);
        transport::ClusterEndpoint endpoint;
        endpoint.server = QUrl(simulator->serverUrl());
        endpoint.caPem = simulator->credentials().caPem;
        options.qps = -1;
        transport = std::make_unique<transport::ClusterTransport>(endpoint, token.get(), options);
        client = std::make_unique<dynamic::DynamicClient>(transport.get());
        return true;
    }
};

// Runs `call` with a callback and waits for it (false after 20 s).
template <typename Call> bool await(dynamic::ObjectResult* out, Call call) {
    bool arrived = false;
    call([&](const dynamic::ObjectResult& result) {
        *out = result;
        arrived = true;
    });
    return QTest::qWaitFor([&] { return arrived; }, 20000);
}

inline client::ApiResource resource(const QString& group, const QString& version, const QString& plural,
                                    const QString& kind, bool namespaced = true) {
    client::ApiResource r;
    r.group = group;
    r.version = version;
    r.resource = plural;
    r.kind = kind;
    r.namespaced = namespaced;
    return r;
}

inline client::ApiResource configMaps() {
    return resource({}, QStringLiteral("v1"), QStringLiteral("configmaps"), QStringLiteral("ConfigMap"));
}

inline QByteArray configMap(const QString& name, const QString& value,
                            const QString& ns = QStringLiteral("default")) {
    return QJsonDocument(QJsonObject{{"apiVersion", "v1"},
                                     {"kind", "ConfigMap"},
                                     {"metadata", QJsonObject{{"name", name}, {"namespace", ns}}},
                                     {"data", QJsonObject{{"key", value}}}})
        .toJson(QJsonDocument::Compact);
}

inline QString describe(const dynamic::ObjectResult& result) {
    if (result.ok()) {
        return QStringLiteral("ok %1").arg(result.httpStatus);
    }
    return QStringLiteral("%1 %2: %3").arg(result.httpStatus).arg(result.reason(), result.error->message());
}

using dynamic::ObjectResult;
using dynamic::ObjectTarget;

inline QByteArray deployment(const QString& name) {
    return QStringLiteral(R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"%1"},
      "spec":{"replicas":1,"selector":{"matchLabels":{"app":"%1"}},
        "template":{"metadata":{"labels":{"app":"%1"}},
          "spec":{"containers":[{"name":"web","image":"nginx:1"},{"name":"sidecar","image":"busybox:1"}]}}}})")
        .arg(name)
        .toUtf8();
}

inline client::ApiResource deployments() {
    return resource(QStringLiteral("apps"), QStringLiteral("v1"), QStringLiteral("deployments"),
                    QStringLiteral("Deployment"));
}

inline client::ApiResource widgets() {
    return resource(QStringLiteral("example.com"), QStringLiteral("v1"), QStringLiteral("widgets"),
                    QStringLiteral("Widget"));
}

inline ObjectTarget target(const client::ApiResource& r, const QString& name,
                           const QString& subresource = {}) {
    return ObjectTarget{r, QStringLiteral("default"), name, subresource};
}

inline QJsonObject data(const ObjectResult& result) {
    return result.object().value(QLatin1String("data")).toObject();
}

// A started cluster and the calls most tests make, waited for.
class Fixture : public QObject {
protected:
    Cluster m_cluster;
    dynamic::DynamicClient* client() { return m_cluster.client.get(); }

    ObjectResult create(const client::ApiResource& r, const QByteArray& body,
                        dynamic::WriteOptions options = {}) {
        ObjectResult result;
        if (!await(&result,
                   [&](auto done) { client()->create(r, QStringLiteral("default"), body, options, done); })) {
            qWarning("create timed out");
        }
        return result;
    }
    ObjectResult get(const ObjectTarget& t, dynamic::GetOptions options = {}) {
        ObjectResult result;
        await(&result, [&](auto done) { client()->get(t, options, done); });
        return result;
    }
};

} // namespace dynamictesting
