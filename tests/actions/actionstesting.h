#pragma once

// Shared by the actions tests: a simulator (controllers optional), a transport with the admin's or the
// read-only user's token, a DynamicClient, and ways to wait for an Action or a call.
#include "../transport/transporttesting.h"
#include "action.h"
#include "clustertransport.h"
#include "dynamicclient.h"
#include "faultinjector.h"
#include "simulator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>
#include <memory>

namespace actionstesting {

using namespace binnacle;

// The transport tests' fixed bearer token.
using StaticToken = testing::StaticTokenProvider;

// One user's connection to a running simulator.
struct Session {
    std::unique_ptr<StaticToken> token;
    std::unique_ptr<transport::ClusterTransport> transport;
    std::unique_ptr<dynamic::DynamicClient> client;

    void open(const sim::Simulator& simulator, const QString& bearer) {
        token = std::make_unique<StaticToken>(bearer);
        transport::ClusterEndpoint endpoint;
        endpoint.server = QUrl(simulator.serverUrl());
        endpoint.caPem = simulator.credentials().caPem;
        transport::TransportOptions options;
        options.qps = -1;
        transport = std::make_unique<transport::ClusterTransport>(endpoint, token.get(), options);
        client = std::make_unique<dynamic::DynamicClient>(transport.get());
    }
};

struct Cluster {
    std::unique_ptr<sim::Simulator> simulator;
    Session admin;
    Session readOnly;

    bool start(bool controllers = false, double timeScale = 1.0) {
        sim::SimulatorOptions options;
        options.controllers = controllers;
        options.timeScale = timeScale;
        simulator = std::make_unique<sim::Simulator>(options);
        QString error;
        if (!simulator->start(&error)) {
            qWarning("simulator did not start: %s", qPrintable(error));
            return false;
        }
        admin.open(*simulator, simulator->credentials().adminToken);
        readOnly.open(*simulator, simulator->credentials().readOnlyToken);
        return true;
    }
};

// Starts `action` and waits for its result (an empty failure after 30 s).
inline actions::ActionResult run(actions::Action* action) {
    std::optional<actions::ActionResult> result;
    QObject::connect(action, &actions::Action::finished,
                     [&result](const actions::ActionResult& each) { result = each; });
    action->start();
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 30000)) {
        return actions::ActionResult::failure(QStringLiteral("timed out"));
    }
    return *result;
}

// Runs `call` with a callback and waits for it.
template <typename Call> dynamic::ObjectResult await(Call call) {
    std::optional<dynamic::ObjectResult> out;
    call([&out](const dynamic::ObjectResult& result) { out = result; });
    if (!QTest::qWaitFor([&] { return out.has_value(); }, 20000)) {
        qWarning("no answer within 20 s");
    }
    return out.value_or(dynamic::ObjectResult());
}

inline client::ApiResource resource(const QString& group, const QString& plural, const QString& kind,
                                    bool namespaced = true) {
    client::ApiResource r;
    r.group = group;
    r.version = QStringLiteral("v1");
    r.resource = plural;
    r.singular = kind.toLower();
    r.kind = kind;
    r.namespaced = namespaced;
    return r;
}
inline client::ApiResource pods() {
    return resource({}, QStringLiteral("pods"), QStringLiteral("Pod"));
}
inline client::ApiResource nodes() {
    return resource({}, QStringLiteral("nodes"), QStringLiteral("Node"), false);
}
inline client::ApiResource budgets() {
    return resource(QStringLiteral("policy"), QStringLiteral("poddisruptionbudgets"),
                    QStringLiteral("PodDisruptionBudget"));
}
inline client::ApiResource deployments() {
    return resource(QStringLiteral("apps"), QStringLiteral("deployments"), QStringLiteral("Deployment"));
}
inline client::ApiResource replicaSets() {
    return resource(QStringLiteral("apps"), QStringLiteral("replicasets"), QStringLiteral("ReplicaSet"));
}
inline client::ApiResource statefulSets() {
    return resource(QStringLiteral("apps"), QStringLiteral("statefulsets"), QStringLiteral("StatefulSet"));
}
inline client::ApiResource daemonSets() {
    return resource(QStringLiteral("apps"), QStringLiteral("daemonsets"), QStringLiteral("DaemonSet"));
}
inline client::ApiResource cronJobs() {
    return resource(QStringLiteral("batch"), QStringLiteral("cronjobs"), QStringLiteral("CronJob"));
}
inline client::ApiResource jobs() {
    return resource(QStringLiteral("batch"), QStringLiteral("jobs"), QStringLiteral("Job"));
}

inline QByteArray json(const QJsonObject& object) {
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}
inline QJsonObject parse(const char* text) {
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

inline QString describe(const dynamic::ObjectResult& result) {
    if (result.ok()) {
        return QStringLiteral("ok %1").arg(result.httpStatus);
    }
    return QStringLiteral("%1 %2: %3").arg(result.httpStatus).arg(result.reason(), result.error->message());
}

// Calls most tests make on one client, waited for.
class Calls {
public:
    explicit Calls(dynamic::DynamicClient* client)
        : m_client(client) {}

    dynamic::ObjectResult create(const client::ApiResource& r, const QString& ns, const QJsonObject& object) {
        return await([&](auto done) { m_client->create(r, ns, json(object), {}, done); });
    }
    dynamic::ObjectResult get(const client::ApiResource& r, const QString& ns, const QString& name,
                              const QString& subresource = {}) {
        return await([&](auto done) { m_client->get({r, ns, name, subresource}, {}, done); });
    }
    dynamic::ObjectResult mergePatch(const client::ApiResource& r, const QString& ns, const QString& name,
                                     const QJsonObject& patch, const QString& subresource = {}) {
        return await([&](auto done) {
            m_client->patch({r, ns, name, subresource}, dynamic::PatchType::Merge, json(patch), {}, done);
        });
    }
    // A pod on `node` in `phase`, Ready or not, with `labels` and an optional controller reference.
    dynamic::ObjectResult createPod(const QString& ns, const QString& name, const QJsonObject& labels,
                                    const QString& phase = QStringLiteral("Running"), bool ready = true,
                                    const QJsonObject& controller = {},
                                    const QString& node = QStringLiteral("node-1")) {
        QJsonObject metadata{{"name", name}, {"namespace", ns}, {"labels", labels}};
        if (!controller.isEmpty()) {
            QJsonObject owner = controller;
            owner.insert(QStringLiteral("controller"), true);
            metadata.insert(QStringLiteral("ownerReferences"), QJsonArray{owner});
        }
        const QJsonObject pod{
            {"apiVersion", "v1"},
            {"kind", "Pod"},
            {"metadata", metadata},
            {"spec",
             QJsonObject{{"nodeName", node},
                         {"containers", QJsonArray{QJsonObject{{"name", "app"}, {"image", "nginx:1"}}}}}}};
        const dynamic::ObjectResult created = create(pods(), ns, pod);
        if (!created.ok()) {
            return created;
        }
        const QJsonObject status{
            {"status",
             QJsonObject{{"phase", phase},
                         {"conditions", QJsonArray{QJsonObject{{"type", "Ready"},
                                                               {"status", ready ? "True" : "False"}}}}}}};
        return mergePatch(pods(), ns, name, status, QStringLiteral("status"));
    }
    bool exists(const client::ApiResource& r, const QString& ns, const QString& name) {
        return get(r, ns, name).ok();
    }

private:
    dynamic::DynamicClient* m_client;
};

} // namespace actionstesting
