#include "clusterseeder.h"

#include "bulkpods.h"
#include "seedcontext.h"
#include "seedsteps.h"

namespace binnacle::sim {

ClusterSeeder::ClusterSeeder(ResourceStorage* storage, quint32 seed)
    : m_context(std::make_unique<SeedContext>(storage, seed)) {}

ClusterSeeder::~ClusterSeeder() = default;

void ClusterSeeder::seedBase(const QByteArray& caPem) {
    m_context->setCaPem(caPem);
    for (const char* name : {"default", "kube-system", "kube-public", "kube-node-lease"}) {
        m_context->ensureNamespace(QLatin1String(name));
    }
    seedsteps::seedNodes(*m_context);
    seedsteps::seedClusterServices(*m_context);
    seedsteps::seedRbac(*m_context);
    seedsteps::seedSystemWorkloads(*m_context);
}

void ClusterSeeder::seedDemo() {
    const QJsonObject restricted{
        {QStringLiteral("pod-security.kubernetes.io/enforce"), QStringLiteral("baseline")}};
    QJsonObject shop = restricted;
    shop.insert(QStringLiteral("team"), QStringLiteral("storefront"));
    m_context->ensureNamespace(QStringLiteral("shop"), shop);
    m_context->ensureNamespace(QStringLiteral("monitoring"),
                               QJsonObject{{QStringLiteral("team"), QStringLiteral("platform")}});
    QJsonObject data = restricted;
    data.insert(QStringLiteral("team"), QStringLiteral("data"));
    m_context->ensureNamespace(QStringLiteral("data"), data);

    // Configuration first: the workloads refer to it.
    seedsteps::seedDemoConfiguration(*m_context);
    seedsteps::seedDemoWorkloads(*m_context);
    seedsteps::seedDemoData(*m_context);
    seedsteps::seedDemoPolicies(*m_context);
    seedsteps::seedDemoCustomResources(*m_context);
}

void ClusterSeeder::seedBulkPods(int count) {
    if (!m_bulkPods) {
        m_bulkPods = std::make_unique<BulkPodSeeder>(*m_context);
    }
    m_bulkPods->seed(count);
}

int ClusterSeeder::failedWrites() const {
    return m_context->failures();
}

QStringList ClusterSeeder::nodeNames() {
    QStringList names;
    for (const seedsteps::NodeInfo& node : seedsteps::nodes()) {
        names.append(node.name);
    }
    return names;
}

} // namespace binnacle::sim
