#pragma once

#include "action.h"

namespace binnacle::actions {

// "Run now": creates a Job from a CronJob's jobTemplate as `kubectl create job --from=cronjob/NAME` does:
// the template's labels, its annotations plus cronjob.kubernetes.io/instantiate: manual, an ownerReference
// to the CronJob, and its spec. The Job is named `jobName`, else NAME-manual-xxxx (four random characters,
// the CronJob's name shortened so the whole fits a 63-character label value). The result carries the Job.
class RunCronJobNow : public Action {
    Q_OBJECT
public:
    static constexpr auto instantiateAnnotation = "cronjob.kubernetes.io/instantiate";

    RunCronJobNow(dynamic::DynamicClient* client, client::ApiResource cronJobs, ObjectRef cronJob,
                  QString jobName = QString(), QObject* parent = nullptr);

    // The Job kubectl would make from `cronJob` (a full batch/v1 CronJob).
    static QJsonObject jobFromCronJob(const QJsonObject& cronJob, const QString& jobName);
    static QString defaultJobName(const QString& cronJobName);
    // batch/v1 jobs, as discovery describes it.
    static client::ApiResource jobsResource();

private:
    void run() override;
    void createJob(const QJsonObject& cronJob);

    client::ApiResource m_cronJobs;
    ObjectRef m_cronJob;
    QString m_jobName;
};

} // namespace binnacle::actions
