#include "jobcontroller.h"

#include "controllerutil.h"
#include "eventrecorder.h"
#include "podtemplate.h"

#include <QMap>

namespace binnacle::sim {

namespace {

const EventRecorder::Source kSource{QStringLiteral("job-controller"), QString()};
const QString kIndexKey = QStringLiteral("batch.kubernetes.io/job-completion-index");

QJsonObject jobCondition(const QString& type, const QString& reason, const QString& message,
                         const QString& now) {
    return QJsonObject{
        {QStringLiteral("type"), type},         {QStringLiteral("status"), QStringLiteral("True")},
        {QStringLiteral("lastProbeTime"), now}, {QStringLiteral("lastTransitionTime"), now},
        {QStringLiteral("reason"), reason},     {QStringLiteral("message"), message},
    };
}

bool isFinished(const QJsonObject& job) {
    const QJsonArray conditions =
        job.value(QLatin1String("status")).toObject().value(QLatin1String("conditions")).toArray();
    for (const char* type : {"Complete", "Failed"}) {
        if (objects::findCondition(conditions, QLatin1String(type))
                .value(QLatin1String("status"))
                .toString() == QLatin1String("True")) {
            return true;
        }
    }
    return false;
}

// "0-2,5": completed indexes in kube's compressed interval form.
QString compressIndexes(const QList<int>& sorted) {
    QStringList parts;
    for (qsizetype i = 0; i < sorted.size();) {
        qsizetype j = i;
        while (j + 1 < sorted.size() && sorted.at(j + 1) == sorted.at(j) + 1) {
            ++j;
        }
        parts.append(j == i ? QString::number(sorted.at(i))
                            : QStringLiteral("%1-%2").arg(sorted.at(i)).arg(sorted.at(j)));
        i = j + 1;
    }
    return parts.join(QLatin1Char(','));
}

} // namespace

JobController::JobController(ControllerContext* context, QObject* parent)
    : Controller(context, parent)
    , m_jobs(context->type(QStringLiteral("batch"), QStringLiteral("jobs")))
    , m_pods(context->type(QString(), QStringLiteral("pods"))) {
    setResyncInterval(30000);
}

void JobController::observe(const WatchEvent& event) {
    if (event.typeKey == m_jobs.key()) {
        enqueue(event.namespaceName, event.object->name());
    } else if (event.typeKey == m_pods.key()) {
        enqueueOwner(event.object->object, QStringLiteral("Job"));
    }
}

void JobController::resync() {
    enqueueAll(m_jobs);
}

void JobController::reconcile(const QString& namespaceName, const QString& name) {
    const ObjectPtr stored = m_context->storage()->get(m_jobs, namespaceName, name);
    if (!stored || objects::isDeleting(stored->object)) {
        return;
    }
    const QJsonObject& job = stored->object;
    const QString key = namespaceName + QLatin1Char('/') + name;
    if (isFinished(job)) {
        if (m_ttlExpired.remove(key)) {
            DeleteOptions options;
            options.propagationPolicy = QStringLiteral("Background");
            m_context->storage()->remove(m_jobs, namespaceName, name, options);
        } else {
            scheduleTtl(job);
        }
        return;
    }
    const QJsonObject spec = job.value(QLatin1String("spec")).toObject();
    const int parallelism = spec.value(QLatin1String("parallelism")).toInt(1);
    // Without completions, a work queue: done once any pod has succeeded and none is running.
    const int completions = spec.contains(QLatin1String("completions"))
                                ? spec.value(QLatin1String("completions")).toInt()
                                : (spec.contains(QLatin1String("parallelism")) ? -1 : 1);
    const int backoffLimit = spec.value(QLatin1String("backoffLimit")).toInt(6);
    const bool suspended = spec.value(QLatin1String("suspend")).toBool();
    const bool indexed = spec.value(QLatin1String("completionMode")).toString() == QLatin1String("Indexed");

    QList<ObjectPtr> active;
    int succeededPods = 0;
    int failedPods = 0;
    int ready = 0;
    QList<int> succeededIndexes;
    QSet<int> activeIndexes;
    for (const ObjectPtr& pod : podsControlledBy(m_context, namespaceName, objects::uid(job))) {
        const QString phase = objects::podPhase(pod->object);
        const int index = objects::annotation(pod->object, kIndexKey).toInt();
        if (phase == QLatin1String("Succeeded")) {
            ++succeededPods;
            if (indexed && !succeededIndexes.contains(index)) {
                succeededIndexes.append(index);
            }
        } else if (phase == QLatin1String("Failed")) {
            ++failedPods;
        } else if (!objects::isDeleting(pod->object)) {
            active.append(pod);
            activeIndexes.insert(index);
            ready += objects::isPodReady(pod->object) ? 1 : 0;
        }
    }
    std::sort(succeededIndexes.begin(), succeededIndexes.end());

    const QJsonObject oldStatus = job.value(QLatin1String("status")).toObject();
    QJsonObject status = oldStatus;
    // Pods may be deleted after they finished: the counts never go down.
    const int succeeded = std::max(indexed ? int(succeededIndexes.size()) : succeededPods,
                                   oldStatus.value(QLatin1String("succeeded")).toInt());
    const int failed = std::max(failedPods, oldStatus.value(QLatin1String("failed")).toInt());
    if (!suspended && !status.contains(QLatin1String("startTime"))) {
        status.insert(QStringLiteral("startTime"), objects::timestamp(m_context->now()));
    }
    const bool complete = completions > 0 ? succeeded >= completions : succeeded > 0 && active.isEmpty();
    if (failed > backoffLimit) {
        finish(job, status, false, active);
        active.clear();
    } else if (complete) {
        finish(job, status, true, active);
        active.clear();
    } else if (!suspended) {
        const int wanted = completions > 0 ? std::min(parallelism, completions - succeeded)
                                           : (succeeded > 0 ? 0 : parallelism);
        if (int(active.size()) < wanted) {
            QList<int> indexes;
            for (int index = 0; indexed && index < completions && indexes.size() < wanted - active.size();
                 ++index) {
                if (!succeededIndexes.contains(index) && !activeIndexes.contains(index)) {
                    indexes.append(index);
                }
            }
            createPods(job, wanted - int(active.size()), indexes);
        }
    } else {
        for (const ObjectPtr& pod : std::as_const(active)) {
            deletePod(m_context, pod->object);
        }
    }
    objects::insertCount(status, QStringLiteral("active"), int(active.size()));
    objects::insertCount(status, QStringLiteral("succeeded"), succeeded);
    objects::insertCount(status, QStringLiteral("failed"), failed);
    status.insert(QStringLiteral("ready"), ready);
    status.insert(QStringLiteral("terminating"), 0);
    status.insert(QStringLiteral("uncountedTerminatedPods"), QJsonObject());
    if (indexed && !succeededIndexes.isEmpty()) {
        status.insert(QStringLiteral("completedIndexes"), compressIndexes(succeededIndexes));
    }
    if (status != oldStatus) {
        QJsonObject updated = job;
        updated.insert(QStringLiteral("status"), status);
        m_context->storage()->update(
            m_jobs, namespaceName, name, updated,
            ControllerContext::writeOptions(QStringLiteral("kube-controller-manager"),
                                            QStringLiteral("status")));
    }
}

void JobController::createPods(const QJsonObject& job, int count, const QList<int>& indexes) {
    const QString name = objects::name(job);
    PodRequest request;
    request.podTemplate = objects::objectAt(job, QStringLiteral("spec.template"));
    request.owner = job;
    request.ownerType = &m_jobs;
    request.extraLabels = QJsonObject{
        {QStringLiteral("batch.kubernetes.io/controller-uid"), objects::uid(job)},
        {QStringLiteral("batch.kubernetes.io/job-name"), name},
        {QStringLiteral("controller-uid"), objects::uid(job)},
        {QStringLiteral("job-name"), name},
    };
    for (int i = 0; i < count; ++i) {
        PodRequest podRequest = request;
        podRequest.generateName = name + QLatin1Char('-');
        if (i < indexes.size()) {
            const QString index = QString::number(indexes.at(i));
            podRequest.generateName = name + QLatin1Char('-') + index + QLatin1Char('-');
            podRequest.extraLabels.insert(kIndexKey, index);
            podRequest.extraAnnotations.insert(kIndexKey, index);
            podRequest.specOverrides.insert(QStringLiteral("hostname"), name + QLatin1Char('-') + index);
        }
        QString error;
        const ObjectPtr pod = createPod(m_context, podRequest, &error);
        if (!pod) {
            m_context->events().warning(job, QStringLiteral("FailedCreate"),
                                        QStringLiteral("Error creating: %1").arg(error), kSource);
            enqueueAfter(objects::namespaceName(job), name, 5000);
            return;
        }
        m_context->events().normal(job, QStringLiteral("SuccessfulCreate"),
                                   QStringLiteral("Created pod: %1").arg(pod->name()), kSource);
    }
}

void JobController::finish(const QJsonObject& job, QJsonObject& status, bool succeeded,
                           const QList<ObjectPtr>& activePods) {
    for (const ObjectPtr& pod : activePods) {
        deletePod(m_context, pod->object);
    }
    const QString now = objects::timestamp(m_context->now());
    QJsonArray conditions = status.value(QLatin1String("conditions")).toArray();
    if (succeeded) {
        const QString message = QStringLiteral("Reached expected number of succeeded pods");
        objects::setCondition(conditions, jobCondition(QStringLiteral("SuccessCriteriaMet"),
                                                       QStringLiteral("CompletionsReached"), message, now));
        objects::setCondition(conditions, jobCondition(QStringLiteral("Complete"),
                                                       QStringLiteral("CompletionsReached"), message, now));
        status.insert(QStringLiteral("completionTime"), now);
        m_context->events().normal(job, QStringLiteral("Completed"), QStringLiteral("Job completed"),
                                   kSource);
    } else {
        const QString message = QStringLiteral("Job has reached the specified backoff limit");
        objects::setCondition(conditions, jobCondition(QStringLiteral("FailureTarget"),
                                                       QStringLiteral("BackoffLimitExceeded"), message, now));
        objects::setCondition(conditions, jobCondition(QStringLiteral("Failed"),
                                                       QStringLiteral("BackoffLimitExceeded"), message, now));
        m_context->events().warning(job, QStringLiteral("BackoffLimitExceeded"), message, kSource);
    }
    status.insert(QStringLiteral("conditions"), conditions);
}

void JobController::scheduleTtl(const QJsonObject& job) {
    const QJsonValue ttl =
        job.value(QLatin1String("spec")).toObject().value(QLatin1String("ttlSecondsAfterFinished"));
    const QString uid = objects::uid(job);
    if (ttl.isUndefined() || ttl.isNull() || m_ttlScheduled.contains(uid)) {
        return;
    }
    m_ttlScheduled.insert(uid);
    const QString namespaceName = objects::namespaceName(job);
    const QString name = objects::name(job);
    QTimer::singleShot(m_context->scaled(std::max(1, ttl.toInt() * 1000)), this, [this, namespaceName, name] {
        m_ttlExpired.insert(namespaceName + QLatin1Char('/') + name);
        enqueue(namespaceName, name);
    });
}

} // namespace binnacle::sim
