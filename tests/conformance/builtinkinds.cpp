#include "builtinkinds.h"

namespace binnacle::sim::conformance {

namespace {
const char* const kWorkloadTemplate = R"(
  selector: {matchLabels: {app: %1}}
  template:
    metadata: {labels: {app: %1}}
    spec: {containers: [{name: c, image: nginx:1.27}]}
)";

QByteArray workload(const char* apiVersionAndKind, const QString& name, const char* extraSpec = "") {
    return (QStringLiteral("%1\nmetadata: {name: %2}\nspec:\n%3")
                .arg(QLatin1String(apiVersionAndKind), name, QLatin1String(extraSpec)) +
            QString::fromLatin1(kWorkloadTemplate).arg(name))
        .toUtf8();
}
} // namespace

QStringList columns(const char* separated) {
    return QString::fromLatin1(separated).split(QLatin1Char('|'));
}

QList<BuiltinKindCase> builtinKindCases(const QString& namespaceName, const QString& crdName) {
    QList<BuiltinKindCase> cases;
    auto add = [&cases](const QString& resource, const QString& name, const QByteArray& manifest,
                        const QStringList& header) {
        cases.append({resource, name, manifest, header});
    };
    add("namespaces", namespaceName, QByteArray(), columns("NAME|STATUS|AGE"));
    add("nodes", "conf-node", QByteArray("apiVersion: v1\nkind: Node\nmetadata: {name: conf-node}\n"),
        columns("NAME|STATUS|ROLES|AGE|VERSION"));
    add("pods", "conf-pod",
        QByteArray("apiVersion: v1\nkind: Pod\nmetadata: {name: conf-pod}\n"
                   "spec: {containers: [{name: c, image: nginx:1.27}]}\n"),
        columns("NAME|READY|STATUS|RESTARTS|AGE"));
    add("services", "conf-svc",
        QByteArray("apiVersion: v1\nkind: Service\nmetadata: {name: conf-svc}\n"
                   "spec: {selector: {app: x}, ports: [{port: 80}]}\n"),
        columns("NAME|TYPE|CLUSTER-IP|EXTERNAL-IP|PORT(S)|AGE"));
    add("endpoints", "conf-ep",
        QByteArray("apiVersion: v1\nkind: Endpoints\nmetadata: {name: conf-ep}\n"
                   "subsets: [{addresses: [{ip: 10.1.2.3}], ports: [{port: 80}]}]\n"),
        columns("NAME|ENDPOINTS|AGE"));
    add("configmaps", "conf-cm",
        QByteArray("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: conf-cm}\n"
                   "data: {a: b}\n"),
        columns("NAME|DATA|AGE"));
    add("secrets", "conf-secret",
        QByteArray("apiVersion: v1\nkind: Secret\nmetadata: {name: conf-secret}\n"
                   "type: Opaque\ndata: {a: Yg==}\n"),
        columns("NAME|TYPE|DATA|AGE"));
    add("serviceaccounts", "conf-sa",
        QByteArray("apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: conf-sa}\n"),
        columns("NAME|SECRETS|AGE"));
    add("events", "conf-event",
        QByteArray("apiVersion: v1\nkind: Event\nmetadata: {name: conf-event}\n"
                   "involvedObject: {kind: Pod, name: conf-pod, namespace: conf-tables}\n"
                   "reason: Testing\nmessage: hello\ntype: Normal\n"
                   "source: {component: conformance}\n"),
        columns("LAST SEEN|TYPE|REASON|OBJECT|MESSAGE"));
    add("events.v1.events.k8s.io", "conf-event2",
        QByteArray("apiVersion: events.k8s.io/v1\nkind: Event\nmetadata: {name: conf-event2}\n"
                   "eventTime: \"2024-05-01T12:00:00.000000Z\"\nreportingController: conformance/test\n"
                   "reportingInstance: conformance-1\naction: Testing\nreason: Testing\nnote: hello\n"
                   "type: Normal\nregarding: {kind: Pod, name: conf-pod, namespace: conf-tables}\n"),
        columns("LAST SEEN|TYPE|REASON|OBJECT|MESSAGE"));
    add("persistentvolumes", "conf-pv",
        QByteArray(
            "apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: conf-pv}\n"
            "spec: {capacity: {storage: 1Gi}, accessModes: [ReadWriteOnce], hostPath: {path: /tmp/pv}}\n"),
        columns("NAME|CAPACITY|ACCESS MODES|RECLAIM POLICY|STATUS|CLAIM|STORAGECLASS|VOLUMEATTRIBUTESCLASS|"
                "REASON|AGE"));
    add("persistentvolumeclaims", "conf-pvc",
        QByteArray("apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: conf-pvc}\n"
                   "spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}\n"),
        columns("NAME|STATUS|VOLUME|CAPACITY|ACCESS MODES|STORAGECLASS|VOLUMEATTRIBUTESCLASS|AGE"));
    add("limitranges", "conf-limits",
        QByteArray("apiVersion: v1\nkind: LimitRange\nmetadata: {name: conf-limits}\n"
                   "spec: {limits: [{type: Container, default: {cpu: 500m}}]}\n"),
        columns("NAME|CREATED AT"));
    // v1.32 column order, v1.33 moved AGE to the end (kubernetes PR 129419)
    add("resourcequotas", "conf-quota",
        QByteArray("apiVersion: v1\nkind: ResourceQuota\nmetadata: {name: conf-quota}\n"
                   "spec: {hard: {pods: \"10\"}}\n"),
        columns("NAME|AGE|REQUEST|LIMIT"));
    add("deployments", "conf-deploy",
        workload("apiVersion: apps/v1\nkind: Deployment", QStringLiteral("conf-deploy"), "  replicas: 1"),
        columns("NAME|READY|UP-TO-DATE|AVAILABLE|AGE"));
    add("replicasets", "conf-rs",
        workload("apiVersion: apps/v1\nkind: ReplicaSet", QStringLiteral("conf-rs"), "  replicas: 1"),
        columns("NAME|DESIRED|CURRENT|READY|AGE"));
    add("statefulsets", "conf-sts",
        workload("apiVersion: apps/v1\nkind: StatefulSet", QStringLiteral("conf-sts"),
                 "  serviceName: conf-sts\n  replicas: 1"),
        columns("NAME|READY|AGE"));
    add("daemonsets", "conf-ds", workload("apiVersion: apps/v1\nkind: DaemonSet", QStringLiteral("conf-ds")),
        columns("NAME|DESIRED|CURRENT|READY|UP-TO-DATE|AVAILABLE|NODE SELECTOR|AGE"));
    add("controllerrevisions", "conf-revision",
        QByteArray(
            "apiVersion: apps/v1\nkind: ControllerRevision\nmetadata: {name: conf-revision}\nrevision: 1\n"),
        columns("NAME|CONTROLLER|REVISION|AGE"));
    add("jobs", "conf-job",
        QByteArray("apiVersion: batch/v1\nkind: Job\nmetadata: {name: conf-job}\nspec:\n"
                   "  template:\n    spec: {restartPolicy: Never, containers: [{name: c, "
                   "image: busybox:1.36}]}\n"),
        columns("NAME|STATUS|COMPLETIONS|DURATION|AGE"));
    add("cronjobs", "conf-cj",
        QByteArray("apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: conf-cj}\nspec:\n"
                   "  schedule: \"0 0 1 1 *\"\n  jobTemplate:\n    spec:\n      template:\n"
                   "        spec: {restartPolicy: Never, containers: [{name: c, image: "
                   "busybox:1.36}]}\n"),
        columns("NAME|SCHEDULE|TIMEZONE|SUSPEND|ACTIVE|LAST SCHEDULE|AGE"));
    add("ingresses", "conf-ing",
        QByteArray("apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: conf-ing}\nspec:\n"
                   "  rules:\n  - host: example.test\n    http:\n      paths:\n      - {path: /, pathType: "
                   "Prefix, backend: {service: {name: conf-svc, port: {number: 80}}}}\n"),
        columns("NAME|CLASS|HOSTS|ADDRESS|PORTS|AGE"));
    add("ingressclasses", "conf-ingclass",
        QByteArray("apiVersion: networking.k8s.io/v1\nkind: IngressClass\n"
                   "metadata: {name: conf-ingclass}\nspec: {controller: example.test/ingress}\n"),
        columns("NAME|CONTROLLER|PARAMETERS|AGE"));
    add("networkpolicies", "conf-netpol",
        QByteArray("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n"
                   "metadata: {name: conf-netpol}\nspec: {podSelector: {}}\n"),
        columns("NAME|POD-SELECTOR|AGE"));
    add("endpointslices", "conf-slice",
        QByteArray("apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata: {name: conf-slice}\n"
                   "addressType: IPv4\nendpoints: [{addresses: [10.1.2.3]}]\nports: [{port: 80}]\n"),
        columns("NAME|ADDRESSTYPE|PORTS|ENDPOINTS|AGE"));
    add("storageclasses", "conf-sc",
        QByteArray("apiVersion: storage.k8s.io/v1\nkind: StorageClass\n"
                   "metadata: {name: conf-sc}\nprovisioner: example.test/disk\n"),
        columns("NAME|PROVISIONER|RECLAIMPOLICY|VOLUMEBINDINGMODE|"
                "ALLOWVOLUMEEXPANSION|AGE"));
    add("poddisruptionbudgets", "conf-pdb",
        QByteArray("apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: conf-pdb}\n"
                   "spec: {minAvailable: 1, selector: {matchLabels: {app: x}}}\n"),
        columns("NAME|MIN AVAILABLE|MAX UNAVAILABLE|ALLOWED DISRUPTIONS|AGE"));
    add("roles", "conf-role",
        QByteArray("apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\n"
                   "metadata: {name: conf-role}\n"
                   "rules: [{apiGroups: [\"\"], resources: [pods], verbs: [get]}]\n"),
        columns("NAME|CREATED AT"));
    add("rolebindings", "conf-rb",
        QByteArray("apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: conf-rb}\n"
                   "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: conf-role}\n"
                   "subjects: [{kind: User, name: alice, apiGroup: rbac.authorization.k8s.io}]\n"),
        columns("NAME|ROLE|AGE"));
    add("clusterroles", "conf-clusterrole",
        QByteArray("apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\n"
                   "metadata: {name: conf-clusterrole}\n"
                   "rules: [{apiGroups: [\"\"], resources: [pods], verbs: [get]}]\n"),
        columns("NAME|CREATED AT"));
    add("clusterrolebindings", "conf-crb",
        QByteArray(
            "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\n"
            "metadata: {name: conf-crb}\n"
            "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: conf-clusterrole}\n"
            "subjects: [{kind: User, name: alice, apiGroup: rbac.authorization.k8s.io}]\n"),
        columns("NAME|ROLE|AGE"));
    add("horizontalpodautoscalers", "conf-hpa",
        QByteArray("apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: conf-hpa}\n"
                   "spec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: conf-deploy}\n"
                   "  minReplicas: 1\n  maxReplicas: 3\n  metrics: [{type: Resource, resource: {name: cpu, "
                   "target: {type: Utilization, averageUtilization: 50}}}]\n"),
        columns("NAME|REFERENCE|TARGETS|MINPODS|MAXPODS|REPLICAS|AGE"));
    add("leases", "conf-lease",
        QByteArray("apiVersion: coordination.k8s.io/v1\nkind: Lease\n"
                   "metadata: {name: conf-lease}\nspec: {holderIdentity: conf-holder}\n"),
        columns("NAME|HOLDER|AGE"));
    add("customresourcedefinitions", crdName, QByteArray(), columns("NAME|CREATED AT"));
    return cases;
}

} // namespace binnacle::sim::conformance
