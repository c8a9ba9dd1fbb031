#pragma once

#include "controller.h"

namespace binnacle::sim {

// Starts Jobs `<cronjob>-<scheduled unix minutes>` on each CronJob's schedule (by the storage clock),
// honouring suspend, concurrencyPolicy, startingDeadlineSeconds and the job history limits, and keeps
// status.active, lastScheduleTime and lastSuccessfulTime, like the CronJob controller (v2).
class CronJobController : public Controller {
    Q_OBJECT
public:
    explicit CronJobController(ControllerContext* context, QObject* parent = nullptr);

protected:
    void observe(const WatchEvent& event) override;
    void reconcile(const QString& namespaceName, const QString& name) override;
    void resync() override;

private:
    void createJob(const QJsonObject& cronJob, const QDateTime& scheduledTime, QJsonObject& status);
    void deleteJob(const QJsonObject& cronJob, const QJsonObject& job);
    void wakeAt(const QString& namespaceName, const QString& name, const QDateTime& time);

    const ResourceType& m_cronJobs;
    const ResourceType& m_jobs;
    QSet<QString> m_wakePending; // "namespace/name" with a timer to the next schedule time
};

} // namespace binnacle::sim
