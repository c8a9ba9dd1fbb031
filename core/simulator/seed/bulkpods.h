#pragma once

#include "bulkpodtemplate.h"
#include "seedcontext.h"

namespace binnacle::sim {

// Many realistic Running pods, written straight into the ObjectStore (no validation, no defaults) so that
// tens of thousands take a few seconds: the pods of one ReplicaSet-sized group share a template built from
// an application profile, and each pod varies only its name, uid, IPs, node and container IDs.
class BulkPodSeeder {
public:
    static constexpr int podsPerNamespace = 500;
    static constexpr int podsPerReplicaSet = 10;

    explicit BulkPodSeeder(SeedContext& context);
    ~BulkPodSeeder();
    // Continues after the pods of earlier calls: the last namespace fills up first.
    void seed(int count);

private:
    struct Group;
    Group makeGroup(const QString& namespaceName, int groupIndex, int replicas);
    QJsonObject makePod(const Group& group, const QString& name, int podIndex);

    SeedContext& m_context;
    SeedRandom m_random;
    QList<BulkPodProfile> m_profiles;
    QString m_typeKey;
    int m_podIndex = 0;
};

} // namespace binnacle::sim
