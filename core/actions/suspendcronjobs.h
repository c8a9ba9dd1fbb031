#pragma once

#include "patchobjects.h"

namespace binnacle::actions {

// Suspends or resumes CronJobs (spec.suspend): a suspended CronJob starts no new Jobs.
class SuspendCronJobs : public PatchObjects {
    Q_OBJECT
public:
    SuspendCronJobs(dynamic::DynamicClient* client, client::ApiResource cronJobs, QList<ObjectRef> objects,
                    bool suspend, QObject* parent = nullptr);

protected:
    QString pastTense() const override;
    QString precondition() const override;

private:
    bool m_suspend;
};

} // namespace binnacle::actions
