#include "cronjobcontroller.h"

#include "controllerutil.h"
#include "cronschedule.h"
#include "eventrecorder.h"

#include <algorithm>

namespace binnacle::sim {

namespace {

const EventRecorder::Source kSource{QStringLiteral("cronjob-controller"), QString()};
constexpr int kLookBackDays = 7;

// "Complete", "Failed", or empty while the job runs.
QString finishedCondition(const QJsonObject& job) {
    const QJsonArray conditions =
        job.value(QLatin1String("status")).toObject().value(QLatin1String("conditions")).toArray();
    for (const char* type : {"Complete", "Failed"}) {
        if (objects::findCondition(conditions, QLatin1String(type))
                .value(QLatin1String("status"))
                .toString() == QLatin1String("True")) {
            return QLatin1String(type);
        }
    }
    return QString();
}

QJsonObject jobReference(const QJsonObject& job) {
    return QJsonObject{
        {QStringLiteral("apiVersion"), QStringLiteral("batch/v1")},
        {QStringLiteral("kind"), QStringLiteral("Job")},
        {QStringLiteral("name"), objects::name(job)},
        {QStringLiteral("namespace"), objects::namespaceName(job)},
        {QStringLiteral("uid"), objects::uid(job)},
        {QStringLiteral("resourceVersion"), objects::metadata(job).value(QLatin1String("resourceVersion"))},
    };
}

} // namespace

CronJobController::CronJobController(ControllerContext* context, QObject* parent)
    : Controller(context, parent)
    , m_cronJobs(context->type(QStringLiteral("batch"), QStringLiteral("cronjobs")))
    , m_jobs(context->type(QStringLiteral("batch"), QStringLiteral("jobs"))) {
    // Schedules follow the clock, which tests may move: look at every CronJob often.
    setResyncInterval(10000);
}

void CronJobController::observe(const WatchEvent& event) {
    if (event.typeKey == m_cronJobs.key()) {
        enqueue(event.namespaceName, event.object->name());
    } else if (event.typeKey == m_jobs.key()) {
        enqueueOwner(event.object->object, QStringLiteral("CronJob"));
    }
}

void CronJobController::resync() {
    enqueueAll(m_cronJobs);
}

void CronJobController::reconcile(const QString& namespaceName, const QString& name) {
    const ObjectPtr stored = m_context->storage()->get(m_cronJobs, namespaceName, name);
    if (!stored || objects::isDeleting(stored->object)) {
        return;
    }
    const QJsonObject& cronJob = stored->object;
    const QJsonObject spec = cronJob.value(QLatin1String("spec")).toObject();
    const QJsonObject oldStatus = cronJob.value(QLatin1String("status")).toObject();
    QJsonObject status = oldStatus;
    const QDateTime now = m_context->now();

    // Take stock of the jobs: the running ones, and the finished ones for the history limits.
    QJsonArray active;
    QList<QJsonObject> succeeded;
    QList<QJsonObject> failed;
    QStringList previouslyActive;
    for (const QJsonValue& reference : oldStatus.value(QLatin1String("active")).toArray()) {
        previouslyActive.append(reference.toObject().value(QLatin1String("name")).toString());
    }
    QList<ObjectPtr> jobs;
    for (const ObjectPtr& job : m_context->storage()->list(m_jobs, namespaceName)) {
        if (objects::isControlledBy(job->object, objects::uid(cronJob))) {
            jobs.append(job);
        }
    }
    for (const ObjectPtr& job : std::as_const(jobs)) {
        const QString condition = finishedCondition(job->object);
        if (condition.isEmpty()) {
            if (!objects::isDeleting(job->object)) {
                active.append(jobReference(job->object));
            }
            continue;
        }
        (condition == QLatin1String("Complete") ? succeeded : failed).append(job->object);
        if (previouslyActive.contains(job->name())) {
            m_context->events().normal(
                cronJob, QStringLiteral("SawCompletedJob"),
                QStringLiteral("Saw completed job: %1, condition: %2").arg(job->name(), condition), kSource);
        }
        if (condition == QLatin1String("Complete")) {
            const QString completion = job->object.value(QLatin1String("status"))
                                           .toObject()
                                           .value(QLatin1String("completionTime"))
                                           .toString();
            if (completion > status.value(QLatin1String("lastSuccessfulTime")).toString()) {
                status.insert(QStringLiteral("lastSuccessfulTime"), completion);
            }
        }
    }
    const auto byStart = [](const QJsonObject& a, const QJsonObject& b) {
        return objects::metadata(a).value(QLatin1String("creationTimestamp")).toString() <
               objects::metadata(b).value(QLatin1String("creationTimestamp")).toString();
    };
    std::sort(succeeded.begin(), succeeded.end(), byStart);
    std::sort(failed.begin(), failed.end(), byStart);
    const int successfulLimit = spec.value(QLatin1String("successfulJobsHistoryLimit")).toInt(3);
    const int failedLimit = spec.value(QLatin1String("failedJobsHistoryLimit")).toInt(1);
    for (qsizetype i = 0; i < succeeded.size() - successfulLimit; ++i) {
        deleteJob(cronJob, succeeded.at(i));
    }
    for (qsizetype i = 0; i < failed.size() - failedLimit; ++i) {
        deleteJob(cronJob, failed.at(i));
    }

    QString error;
    const std::optional<CronSchedule> schedule =
        CronSchedule::parse(spec.value(QLatin1String("schedule")).toString(), &error);
    if (!schedule) {
        m_context->events().warning(cronJob, QStringLiteral("UnparseableSchedule"),
                                    QStringLiteral("unparseable schedule: %1").arg(error), kSource);
    } else if (!spec.value(QLatin1String("suspend")).toBool()) {
        // The most recent schedule time that has come since the last one we acted on.
        QDateTime since = objects::parseTimestamp(status.value(QLatin1String("lastScheduleTime")).toString());
        if (!since.isValid()) {
            since = objects::parseTimestamp(
                objects::metadata(cronJob).value(QLatin1String("creationTimestamp")).toString());
        }
        if (!since.isValid()) {
            since = now;
        }
        // Like the controller, look back a bounded way only: the most recent missed time is what counts.
        since = std::max(since, now.addDays(-kLookBackDays));
        QDateTime due;
        for (QDateTime candidate = schedule->next(since); candidate.isValid() && candidate <= now;
             candidate = schedule->next(candidate)) {
            due = candidate;
        }
        const QJsonValue deadline = spec.value(QLatin1String("startingDeadlineSeconds"));
        const bool tooLate = due.isValid() && deadline.isDouble() && due.secsTo(now) > deadline.toInteger();
        if (due.isValid() && !tooLate) {
            const QString policy = spec.value(QLatin1String("concurrencyPolicy")).toString();
            if (policy == QLatin1String("Forbid") && !active.isEmpty()) {
                // Skipped: try again when the running job ends (or at the next resync).
            } else {
                if (policy == QLatin1String("Replace")) {
                    for (const ObjectPtr& job : std::as_const(jobs)) {
                        if (finishedCondition(job->object).isEmpty() && !objects::isDeleting(job->object)) {
                            deleteJob(cronJob, job->object);
                        }
                    }
                    active = QJsonArray();
                }
                status.insert(QStringLiteral("active"), active);
                createJob(cronJob, due, status);
                active = status.value(QLatin1String("active")).toArray();
            }
        }
        const QDateTime upcoming = schedule->next(now);
        if (upcoming.isValid()) {
            wakeAt(namespaceName, name, upcoming);
        }
    }
    if (active.isEmpty()) {
        status.remove(QStringLiteral("active"));
    } else {
        status.insert(QStringLiteral("active"), active);
    }
    if (status != oldStatus) {
        QJsonObject updated = cronJob;
        updated.insert(QStringLiteral("status"), status);
        m_context->storage()->update(
            m_cronJobs, namespaceName, name, updated,
            ControllerContext::writeOptions(QStringLiteral("kube-controller-manager"),
                                            QStringLiteral("status")));
    }
}

void CronJobController::createJob(const QJsonObject& cronJob, const QDateTime& scheduledTime,
                                  QJsonObject& status) {
    const QString namespaceName = objects::namespaceName(cronJob);
    const QString jobName =
        objects::name(cronJob) + QLatin1Char('-') + QString::number(scheduledTime.toSecsSinceEpoch() / 60);
    status.insert(QStringLiteral("lastScheduleTime"), objects::timestamp(scheduledTime));
    if (m_context->storage()->get(m_jobs, namespaceName, jobName)) {
        return; // already started for this schedule time
    }
    const QJsonObject jobTemplate = objects::objectAt(cronJob, QStringLiteral("spec.jobTemplate"));
    const QJsonObject templateMetadata = jobTemplate.value(QLatin1String("metadata")).toObject();
    QJsonObject annotations = templateMetadata.value(QLatin1String("annotations")).toObject();
    annotations.insert(QStringLiteral("batch.kubernetes.io/cronjob-scheduled-timestamp"),
                       objects::timestamp(scheduledTime));
    QJsonObject metadata{
        {QStringLiteral("name"), jobName},
        {QStringLiteral("namespace"), namespaceName},
        {QStringLiteral("annotations"), annotations},
        {QStringLiteral("ownerReferences"), QJsonArray{objects::controllerReference(cronJob, m_cronJobs)}},
    };
    if (templateMetadata.contains(QLatin1String("labels"))) {
        metadata.insert(QStringLiteral("labels"), templateMetadata.value(QLatin1String("labels")));
    }
    const QJsonObject job{
        {QStringLiteral("apiVersion"), QStringLiteral("batch/v1")},
        {QStringLiteral("kind"), QStringLiteral("Job")},
        {QStringLiteral("metadata"), metadata},
        {QStringLiteral("spec"), jobTemplate.value(QLatin1String("spec"))},
    };
    const WriteResult result = m_context->storage()->create(
        m_jobs, namespaceName, job,
        ControllerContext::writeOptions(QStringLiteral("kube-controller-manager")));
    if (!result.ok()) {
        m_context->events().warning(cronJob, QStringLiteral("FailedCreate"),
                                    QStringLiteral("Error creating job: %1").arg(result.error->message),
                                    kSource);
        return;
    }
    QJsonArray active = status.value(QLatin1String("active")).toArray();
    active.append(jobReference(result.object->object));
    status.insert(QStringLiteral("active"), active);
    m_context->events().normal(cronJob, QStringLiteral("SuccessfulCreate"),
                               QStringLiteral("Created job %1").arg(jobName), kSource);
}

void CronJobController::deleteJob(const QJsonObject& cronJob, const QJsonObject& job) {
    DeleteOptions options;
    options.propagationPolicy = QStringLiteral("Background");
    if (m_context->storage()->remove(m_jobs, objects::namespaceName(job), objects::name(job), options).ok()) {
        m_context->events().normal(cronJob, QStringLiteral("SuccessfulDelete"),
                                   QStringLiteral("Deleted job %1").arg(objects::name(job)), kSource);
    }
}

void CronJobController::wakeAt(const QString& namespaceName, const QString& name, const QDateTime& time) {
    // Real time to the next schedule (the resync covers clocks that tests move by hand).
    const QString key = namespaceName + QLatin1Char('/') + name;
    if (m_wakePending.contains(key)) {
        return;
    }
    m_wakePending.insert(key);
    const qint64 delay = std::clamp<qint64>(m_context->now().msecsTo(time), 0, 60000);
    QTimer::singleShot(int(delay) + 50, this, [this, key, namespaceName, name] {
        m_wakePending.remove(key);
        enqueue(namespaceName, name);
    });
}

} // namespace binnacle::sim
