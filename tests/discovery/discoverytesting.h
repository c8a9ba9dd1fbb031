#pragma once

// Shared set-up of the DiscoveryClient tests: a CRD to create, options, and small waits.
#include "../transport/transporttesting.h"
#include "discoveryclient.h"

#include <QJsonArray>

namespace testing {

using binnacle::client::DiscoveryCache;
using binnacle::discovery::DiscoveryClient;
using binnacle::discovery::DiscoveryOptions;
using binnacle::discovery::DiscoveryProtocol;

inline constexpr int timeoutMs = 10000;
inline const QString crdPath = QStringLiteral("/apis/apiextensions.k8s.io/v1/customresourcedefinitions");

inline QJsonObject widgetCrd() {
    const QJsonObject version{
        {QStringLiteral("name"), QStringLiteral("v1")},
        {QStringLiteral("served"), true},
        {QStringLiteral("storage"), true},
        {QStringLiteral("schema"),
         QJsonObject{{QStringLiteral("openAPIV3Schema"),
                      QJsonObject{{QStringLiteral("type"), QStringLiteral("object")},
                                  {QStringLiteral("x-kubernetes-preserve-unknown-fields"), true}}}}}};
    return QJsonObject{
        {QStringLiteral("apiVersion"), QStringLiteral("apiextensions.k8s.io/v1")},
        {QStringLiteral("kind"), QStringLiteral("CustomResourceDefinition")},
        {QStringLiteral("metadata"),
         QJsonObject{{QStringLiteral("name"), QStringLiteral("widgets.example.com")}}},
        {QStringLiteral("spec"),
         QJsonObject{{QStringLiteral("group"), QStringLiteral("example.com")},
                     {QStringLiteral("scope"), QStringLiteral("Namespaced")},
                     {QStringLiteral("names"),
                      QJsonObject{{QStringLiteral("plural"), QStringLiteral("widgets")},
                                  {QStringLiteral("singular"), QStringLiteral("widget")},
                                  {QStringLiteral("kind"), QStringLiteral("Widget")},
                                  {QStringLiteral("listKind"), QStringLiteral("WidgetList")},
                                  {QStringLiteral("shortNames"), QJsonArray{QStringLiteral("wdg")}}}},
                     {QStringLiteral("versions"), QJsonArray{version}}}}};
}

inline DiscoveryOptions withoutWatches(DiscoveryProtocol protocol = DiscoveryProtocol::Aggregated) {
    DiscoveryOptions options;
    options.protocol = protocol;
    options.watchDefinitions = false;
    return options;
}

// Sends one request and waits for its answer.
inline ApiResult roundTrip(ClusterTransport* transport, ApiRequestSpec spec) {
    Outcome outcome;
    transport->send(std::move(spec), nullptr, outcome.callback());
    if (!QTest::qWaitFor([&] { return outcome.arrived; }, timeoutMs)) {
        qWarning("no answer");
    }
    return outcome.result;
}

inline bool resolves(const DiscoveryClient& client, const QString& input, const QString& kind) {
    const auto snapshot = client.snapshot();
    if (!snapshot) {
        return false;
    }
    const auto resource = snapshot->mapper.resourceFor(input);
    return resource && resource->kind == kind;
}

} // namespace testing
