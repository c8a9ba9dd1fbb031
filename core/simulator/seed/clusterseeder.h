#pragma once

#include <QByteArray>
#include <QStringList>
#include <memory>

namespace binnacle::sim {

class ResourceStorage;
class SeedContext;
class BulkPodSeeder;

// The simulator's initial data. Top-level objects only (Deployments, not their pods): the simulated
// controllers bring them to life. Everything but the bulk pods goes through ResourceStorage::create.
// Deterministic: the same seed gives the same names, labels, images and generated values.
class ClusterSeeder {
public:
    // Pods made by seedBulkPods carry this label (value "true"); controllers leave them alone.
    static constexpr const char* bulkLabel = "sim.binnacle.io/bulk";

    ClusterSeeder(ResourceStorage* storage, quint32 seed);
    ~ClusterSeeder();
    ClusterSeeder(const ClusterSeeder&) = delete;
    ClusterSeeder& operator=(const ClusterSeeder&) = delete;

    // What every cluster has: the four system namespaces (each with its "default" ServiceAccount and
    // kube-root-ca.crt ConfigMap holding caPem), three Nodes with their Leases, the "kubernetes" Service,
    // StorageClass "standard", IngressClass "nginx", the default ClusterRoles and the bindings
    // cluster-admin (system:masters) and binnacle-viewers (binnacle:viewers), CoreDNS and kube-proxy.
    void seedBase(const QByteArray& caPem);
    // The demo cluster on top of the base: namespaces shop, monitoring and data with a dozen
    // Deployments and their Services, a crash-looping "recommender", the "postgres" StatefulSet, a CronJob,
    // a Job, an Ingress, ConfigMaps, Secrets, a PVC, NetworkPolicies, a PDB, an HPA, a Role and RoleBinding,
    // a Lease, and the CRDs certificates.demo.binnacle.io and backups.data.binnacle.io with instances.
    void seedDemo();
    // `count` Running pods, 500 per namespace bulk-0, bulk-1, ..., written straight into the store.
    // A second call continues after the first.
    void seedBulkPods(int count);

    // Writes the storage refused (each one logged under binnacle.sim.seed).
    int failedWrites() const;
    // The seeded nodes, control plane first.
    static QStringList nodeNames();

private:
    std::unique_ptr<SeedContext> m_context;
    std::unique_ptr<BulkPodSeeder> m_bulkPods;
};

} // namespace binnacle::sim
