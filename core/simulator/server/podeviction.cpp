#include "podeviction.h"

#include "bodydecoder.h"
#include "disruptionbudget.h"
#include "labelselector.h"
#include "protobufdecode.h"

namespace binnacle::sim {

namespace {

const QString evictionPolicyVersion = QStringLiteral("policy/v1");

QJsonObject metadataOf(const QJsonObject& object) {
    return object.value(QLatin1String("metadata")).toObject();
}

QString phaseOf(const QJsonObject& pod) {
    return pod.value(QLatin1String("status")).toObject().value(QLatin1String("phase")).toString();
}

bool beingDeleted(const QJsonObject& object) {
    return metadataOf(object).contains(QLatin1String("deletionTimestamp"));
}

// canIgnorePDB: the pod has already stopped, never started, or is on its way out.
bool budgetsDoNotApply(const QJsonObject& pod) {
    const QString phase = phaseOf(pod);
    return phase == QLatin1String("Succeeded") || phase == QLatin1String("Failed") ||
           phase == QLatin1String("Pending") || beingDeleted(pod);
}

ApiError budgetRefusal(const DisruptionBudget& budget) {
    const QJsonObject cause{
        {QStringLiteral("reason"), QStringLiteral("DisruptionBudget")},
        {QStringLiteral("message"),
         QStringLiteral("The disruption budget %1 needs %2 healthy pods and has %3 currently")
             .arg(budget.name)
             .arg(budget.desiredHealthy)
             .arg(budget.currentHealthy)}};
    return ApiError{429, QStringLiteral("TooManyRequests"),
                    QStringLiteral("Cannot evict pod as it would violate the pod's disruption budget."),
                    QJsonObject{{QStringLiteral("causes"), QJsonArray{cause}}}};
}

// The Eviction's deleteOptions, with the request's dryRun propagated into it (propagateDryRun).
std::optional<DeleteOptions> deleteOptionsOf(const QJsonObject& eviction, const QStringList& queryDryRun,
                                             ApiError* error) {
    const QJsonObject body = eviction.value(QLatin1String("deleteOptions")).toObject();
    DeleteOptions options;
    options.propagationPolicy = body.value(QLatin1String("propagationPolicy")).toString();
    if (body.value(QLatin1String("orphanDependents")).toBool()) {
        options.propagationPolicy = QStringLiteral("Orphan");
    }
    if (body.contains(QLatin1String("gracePeriodSeconds"))) {
        options.gracePeriodSeconds = qint64(body.value(QLatin1String("gracePeriodSeconds")).toDouble());
    }
    const QJsonObject preconditions = body.value(QLatin1String("preconditions")).toObject();
    options.preconditionUid = preconditions.value(QLatin1String("uid")).toString();
    options.preconditionResourceVersion = preconditions.value(QLatin1String("resourceVersion")).toString();
    QStringList bodyDryRun;
    for (const QJsonValue& value : body.value(QLatin1String("dryRun")).toArray()) {
        bodyDryRun.append(value.toString());
    }
    if (!bodyDryRun.isEmpty() && !queryDryRun.isEmpty() && bodyDryRun != queryDryRun) {
        *error = ApiError::internal(
            QStringLiteral("Non-matching dry-run options in request and content: [%1] and [%2]")
                .arg(queryDryRun.join(QLatin1Char(' ')), bodyDryRun.join(QLatin1Char(' '))));
        return std::nullopt;
    }
    const QStringList dryRun = bodyDryRun.isEmpty() ? queryDryRun : bodyDryRun;
    for (const QString& value : dryRun) {
        if (value != QLatin1String("All")) {
            *error = ApiError::badRequest(
                QStringLiteral("Invalid dry run value: \"%1\": supported values: \"All\"").arg(value));
            return std::nullopt;
        }
    }
    options.dryRun = !dryRun.isEmpty();
    return options;
}

} // namespace

PodEvictionHandler::PodEvictionHandler(const ServerContext& context)
    : m_context(context) {}

void PodEvictionHandler::evict(const ApiRequestPtr& request) {
    const HttpRequest& http = request->http();
    const RequestInfo& info = request->info;
    if (info.verb != QLatin1String("create")) {
        request->sendError(ApiError::methodNotAllowed(
            QStringLiteral("the server does not allow this method on the requested resource")));
        return;
    }
    const QByteArray mediaType = http.header("Content-Type").split(';').value(0).trimmed().toLower();
    DecodedBody decoded;
    if (mediaType == "application/vnd.kubernetes.protobuf") {
        const ProtobufDecodeResult protobuf = decodeKubernetesProtobuf(http.body);
        decoded = DecodedBody{protobuf.object, protobuf.error};
    } else {
        decoded = decodeYamlOrJsonObject(http.body);
    }
    if (!decoded.error.isEmpty()) {
        request->sendError(ApiError::badRequest(decoded.error));
        return;
    }
    const QJsonObject& eviction = decoded.object;
    const QString apiVersion = eviction.value(QLatin1String("apiVersion")).toString();
    if (apiVersion != evictionPolicyVersion && apiVersion != QLatin1String("policy/v1beta1")) {
        request->sendError(ApiError::badRequest(
            QStringLiteral("the API version in the data (%1) does not match the expected API version (%2)")
                .arg(apiVersion, evictionPolicyVersion)));
        return;
    }
    if (metadataOf(eviction).value(QLatin1String("name")).toString() != info.name) {
        request->sendError(
            ApiError::badRequest(QStringLiteral("name in URL does not match name in Eviction object")));
        return;
    }
    ApiError optionsError;
    const auto options = deleteOptionsOf(eviction, http.queryValues(QStringLiteral("dryRun")), &optionsError);
    if (!options) {
        request->sendError(optionsError);
        return;
    }

    ResourceStorage* storage = m_context.storage;
    const ResourceType& pods = *request->type;
    const ObjectPtr stored = storage->get(pods, info.namespaceName, info.name);
    if (!stored) {
        request->sendError(ApiError::notFound(pods, info.name));
        return;
    }
    auto deletePod = [&](const DeleteOptions& deleteOptions) {
        const WriteResult result = storage->remove(pods, info.namespaceName, info.name, deleteOptions);
        if (!result.ok()) {
            request->sendError(*result.error);
            return;
        }
        request->sendObject(201, QJsonObject{{QStringLiteral("kind"), QStringLiteral("Status")},
                                             {QStringLiteral("apiVersion"), QStringLiteral("v1")},
                                             {QStringLiteral("metadata"), QJsonObject()},
                                             {QStringLiteral("status"), QStringLiteral("Success")},
                                             {QStringLiteral("code"), 201}});
    };
    const QJsonObject& pod = stored->object;
    if (budgetsDoNotApply(pod)) {
        deletePod(*options);
        return;
    }

    const ResourceType& budgetType =
        storage->type(QStringLiteral("policy"), QStringLiteral("poddisruptionbudgets"));
    const QJsonObject podLabels = metadataOf(pod).value(QLatin1String("labels")).toObject();
    QList<std::pair<ObjectPtr, LabelSelector>> budgets;
    for (const ObjectPtr& budget : storage->list(budgetType, info.namespaceName)) {
        QString selectorError;
        const auto selector = LabelSelector::fromLabelSelectorJson(budget->object.value(QLatin1String("spec"))
                                                                       .toObject()
                                                                       .value(QLatin1String("selector"))
                                                                       .toObject(),
                                                                   &selectorError);
        // An invalid, absent or empty selector matches nothing (not everything).
        if (selector && !selector->isEmpty() && selector->matches(podLabels)) {
            budgets.append({budget, *selector});
        }
    }
    if (budgets.size() > 1) {
        request->sendError(ApiError{500, QString(),
                                    QStringLiteral("This pod has more than one PodDisruptionBudget, which "
                                                   "the eviction subresource does not support."),
                                    QJsonObject()});
        return;
    }
    if (budgets.isEmpty()) {
        deletePod(*options);
        return;
    }
    const auto& [budgetObject, selector] = budgets.first();
    const DisruptionBudget budget =
        DisruptionBudget::evaluate(storage, budgetObject->object, selector, info.namespaceName);
    // An unready pod does not count as healthy: evicting it costs the budget nothing while enough others are.
    const bool free =
        !isPodReady(pod) && budget.currentHealthy >= budget.desiredHealthy && budget.desiredHealthy > 0;
    if (!free) {
        if (budget.disruptionsAllowed <= 0) {
            request->sendError(budgetRefusal(budget));
            return;
        }
        if (budget.fromStatus && !options->dryRun) {
            QJsonObject updated = budgetObject->object;
            QJsonObject status = updated.value(QLatin1String("status")).toObject();
            status.insert(QStringLiteral("disruptionsAllowed"), budget.disruptionsAllowed - 1);
            QJsonObject disrupted = status.value(QLatin1String("disruptedPods")).toObject();
            disrupted.insert(info.name, storage->now().toString(Qt::ISODate));
            status.insert(QStringLiteral("disruptedPods"), disrupted);
            updated.insert(QStringLiteral("status"), status);
            WriteOptions statusWrite;
            statusWrite.subresource = QStringLiteral("status");
            statusWrite.fieldManager = QStringLiteral("kube-apiserver");
            const WriteResult written =
                storage->update(budgetType, info.namespaceName, budget.name, updated, statusWrite);
            if (!written.ok()) {
                request->sendError(*written.error);
                return;
            }
        }
    }
    deletePod(*options);
}

} // namespace binnacle::sim
