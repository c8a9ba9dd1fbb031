#include "runcronjobnow.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>

namespace binnacle::actions {

namespace {
constexpr int maxJobNameLength = 63; // the Job's name becomes the job-name label of its pods
} // namespace

RunCronJobNow::RunCronJobNow(dynamic::DynamicClient* client, client::ApiResource cronJobs, ObjectRef cronJob,
                             QString jobName, QObject* parent)
    : Action(client, parent)
    , m_cronJobs(std::move(cronJobs))
    , m_cronJob(std::move(cronJob))
    , m_jobName(std::move(jobName)) {}

client::ApiResource RunCronJobNow::jobsResource() {
    client::ApiResource jobs;
    jobs.group = QStringLiteral("batch");
    jobs.version = QStringLiteral("v1");
    jobs.resource = QStringLiteral("jobs");
    jobs.singular = QStringLiteral("job");
    jobs.kind = QStringLiteral("Job");
    jobs.namespaced = true;
    return jobs;
}

QString RunCronJobNow::defaultJobName(const QString& cronJobName) {
    static constexpr char alphabet[] = "bcdfghjklmnpqrstvwxz2456789"; // as apimachinery's rand.String
    QString suffix;
    for (int i = 0; i < 4; ++i) {
        suffix += QLatin1Char(alphabet[QRandomGenerator::global()->bounded(int(sizeof(alphabet) - 1))]);
    }
    const QString tail = QStringLiteral("-manual-") + suffix;
    return cronJobName.left(maxJobNameLength - int(tail.size())) + tail;
}

QJsonObject RunCronJobNow::jobFromCronJob(const QJsonObject& cronJob, const QString& jobName) {
    const QJsonObject cronMetadata = cronJob.value(QLatin1String("metadata")).toObject();
    const QJsonObject jobTemplate =
        cronJob.value(QLatin1String("spec")).toObject().value(QLatin1String("jobTemplate")).toObject();
    const QJsonObject templateMetadata = jobTemplate.value(QLatin1String("metadata")).toObject();

    QJsonObject annotations{{QLatin1String(instantiateAnnotation), QStringLiteral("manual")}};
    const QJsonObject templateAnnotations = templateMetadata.value(QLatin1String("annotations")).toObject();
    for (auto it = templateAnnotations.begin(); it != templateAnnotations.end(); ++it) {
        annotations.insert(it.key(), it.value());
    }
    QJsonObject metadata{
        {QStringLiteral("name"), jobName},
        {QStringLiteral("namespace"), cronMetadata.value(QLatin1String("namespace"))},
        {QStringLiteral("annotations"), annotations},
        {QStringLiteral("ownerReferences"),
         QJsonArray{QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("batch/v1")},
                                {QStringLiteral("kind"), QStringLiteral("CronJob")},
                                {QStringLiteral("name"), cronMetadata.value(QLatin1String("name"))},
                                {QStringLiteral("uid"), cronMetadata.value(QLatin1String("uid"))}}}}};
    if (templateMetadata.contains(QLatin1String("labels"))) {
        metadata.insert(QStringLiteral("labels"), templateMetadata.value(QLatin1String("labels")));
    }
    return QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("batch/v1")},
                       {QStringLiteral("kind"), QStringLiteral("Job")},
                       {QStringLiteral("metadata"), metadata},
                       {QStringLiteral("spec"), jobTemplate.value(QLatin1String("spec"))}};
}

void RunCronJobNow::run() {
    if (m_cronJobs.group != QLatin1String("batch") || m_cronJobs.resource != QLatin1String("cronjobs")) {
        finish(ActionResult::failure(
            QStringLiteral("run now does not apply to %1").arg(m_cronJobs.groupResource())));
        return;
    }
    dynamic::ObjectTarget target{m_cronJobs, m_cronJob.namespaceName, m_cronJob.name, QString()};
    client()->get(target, dynamic::GetOptions(), guarded([this](const dynamic::ObjectResult& result) {
                      if (!result.ok()) {
                          finish(ActionResult::failure(
                              QStringLiteral("cronjob %1: %2").arg(m_cronJob.name, failureMessage(result))));
                          return;
                      }
                      createJob(result.object());
                  }));
}

void RunCronJobNow::createJob(const QJsonObject& cronJob) {
    const QString name = m_jobName.isEmpty() ? defaultJobName(m_cronJob.name) : m_jobName;
    const QJsonObject job = jobFromCronJob(cronJob, name);
    client()->create(
        jobsResource(), m_cronJob.namespaceName, QJsonDocument(job).toJson(QJsonDocument::Compact),
        dynamic::WriteOptions(), guarded([this, name](const dynamic::ObjectResult& result) {
            ActionResult outcome;
            ItemResult item;
            item.object = ObjectRef{m_cronJob.namespaceName, name};
            item.httpStatus = httpStatusOf(result);
            if (result.ok()) {
                outcome.message = QStringLiteral("created job %1 from cronjob %2").arg(name, m_cronJob.name);
                outcome.object = result.object();
            } else {
                outcome.ok = false;
                item.outcome = ItemOutcome::Failed;
                item.message = failureMessage(result);
                outcome.message = QStringLiteral("job %1: %2").arg(name, item.message);
            }
            outcome.items.append(item);
            finish(outcome);
        }));
}

} // namespace binnacle::actions
