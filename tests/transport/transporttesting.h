#pragma once

// Shared by the transport's integration tests: a static-token credential provider of our own
// (auth is a separate library) and a simulator with a transport pointed at it.
#include "clustertransport.h"
#include "faultinjector.h"
#include "simulator.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <memory>

namespace testing {

using namespace binnacle::transport;

class StaticTokenProvider : public CredentialProvider {
public:
    explicit StaticTokenProvider(QString token, QString renewedToken = {})
        : m_token(std::move(token))
        , m_renewedToken(std::move(renewedToken)) {}

    void requestCredentials(Callback done) override {
        ++requests;
        if (failWith) {
            done(Credentials(), failWith);
            return;
        }
        Credentials credentials;
        credentials.headers.append({"Authorization", "Bearer " + m_token.toUtf8()});
        done(credentials, std::nullopt);
    }
    bool invalidate() override {
        ++invalidations;
        if (m_renewedToken.isEmpty()) {
            return false;
        }
        m_token = std::exchange(m_renewedToken, QString());
        return true;
    }

    int requests = 0;
    int invalidations = 0;
    std::optional<CredentialError> failWith;

private:
    QString m_token;
    QString m_renewedToken;
};

struct Cluster {
    std::unique_ptr<binnacle::sim::Simulator> simulator;
    std::unique_ptr<StaticTokenProvider> provider;
    std::unique_ptr<ClusterTransport> transport;
};

inline std::unique_ptr<binnacle::sim::Simulator> startSimulator() {
    binnacle::sim::SimulatorOptions options;
    options.controllers = false;
    auto simulator = std::make_unique<binnacle::sim::Simulator>(options);
    QString error;
    if (!simulator->start(&error)) {
        qWarning("simulator did not start: %s", qPrintable(error));
        return nullptr;
    }
    return simulator;
}

inline ClusterEndpoint endpointOf(const binnacle::sim::Simulator& simulator) {
    ClusterEndpoint endpoint;
    endpoint.server = QUrl(simulator.serverUrl());
    endpoint.caPem = simulator.credentials().caPem;
    endpoint.proxyUrl = QUrl();
    return endpoint;
}

// No rate limit unless a test sets one; the clock is the test's if it gives one.
inline Cluster startCluster(TransportOptions options = {}, QString token = {}, QString renewedToken = {}) {
    Cluster cluster;
    cluster.simulator = startSimulator();
    if (!cluster.simulator) {
        return cluster;
    }
    if (token.isEmpty()) {
        token = cluster.simulator->credentials().adminToken;
    }
    cluster.provider = std::make_unique<StaticTokenProvider>(token, renewedToken);
    if (options.qps == TransportOptions{}.qps) {
        options.qps = -1;
    }
    cluster.transport =
        std::make_unique<ClusterTransport>(endpointOf(*cluster.simulator), cluster.provider.get(), options);
    return cluster;
}

inline ApiRequestSpec get(const QString& path, Priority priority = Priority::Normal) {
    ApiRequestSpec spec;
    spec.path = path;
    spec.priority = priority;
    return spec;
}

inline ApiRequestSpec createConfigMap(const QString& name, const QString& ns = QStringLiteral("default")) {
    ApiRequestSpec spec;
    spec.method = "POST";
    spec.path = QStringLiteral("/api/v1/namespaces/%1/configmaps").arg(ns);
    spec.contentType = "application/json";
    spec.body = QJsonDocument(QJsonObject{{"apiVersion", "v1"},
                                          {"kind", "ConfigMap"},
                                          {"metadata", QJsonObject{{"name", name}}},
                                          {"data", QJsonObject{{"k", "v"}}}})
                    .toJson(QJsonDocument::Compact);
    return spec;
}

// Collects one result.
struct Outcome {
    bool arrived = false;
    ApiResult result;
    ResponseCallback callback() {
        return [this](const ApiResult& r) {
            arrived = true;
            result = r;
        };
    }
};

} // namespace testing
