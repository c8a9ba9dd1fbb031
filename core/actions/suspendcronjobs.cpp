#include "suspendcronjobs.h"

namespace binnacle::actions {

SuspendCronJobs::SuspendCronJobs(dynamic::DynamicClient* client, client::ApiResource cronJobs,
                                 QList<ObjectRef> objects, bool suspend, QObject* parent)
    : PatchObjects(client, std::move(cronJobs), std::move(objects), dynamic::PatchType::Merge,
                   suspend ? QByteArray(R"({"spec":{"suspend":true}})")
                           : QByteArray(R"({"spec":{"suspend":false}})"),
                   parent)
    , m_suspend(suspend) {}

QString SuspendCronJobs::pastTense() const {
    return m_suspend ? QStringLiteral("suspended") : QStringLiteral("resumed");
}

QString SuspendCronJobs::precondition() const {
    return onlyFor(resource(), {QStringLiteral("batch/cronjobs")},
                   m_suspend ? QStringLiteral("suspend") : QStringLiteral("resume"));
}

} // namespace binnacle::actions
