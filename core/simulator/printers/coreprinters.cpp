// Printers of core (group "") kinds with simple cells: Namespace, Node, ConfigMap, Secret, ServiceAccount,
// ResourceQuota.

#include "printerutil.h"

namespace binnacle::sim::printers {

namespace {

QJsonArray namespaceCells(const QJsonObject& object, const QDateTime& now) {
    return {objectName(object), stringAt(object, u"status.phase"), age(object, now)};
}

QString nodeAddress(const QJsonObject& node, const QString& type) {
    for (const auto& address : arrayAt(node, u"status.addresses")) {
        if (address.toObject().value(u"type").toString() == type)
            return address.toObject().value(u"address").toString();
    }
    return QStringLiteral("<none>");
}

QString orUnknown(const QString& text) {
    return text.isEmpty() ? QStringLiteral("<unknown>") : text;
}

constexpr QStringView kRolePrefix = u"node-role.kubernetes.io/";

QJsonArray nodeCells(const QJsonObject& node, const QDateTime& now) {
    // Only the Ready condition makes up the status; the last entry of a type wins, as in kube's map.
    QStringList status;
    QString readyStatus;
    bool hasReady = false;
    for (const auto& condition : arrayAt(node, u"status.conditions")) {
        if (condition.toObject().value(u"type").toString() == u"Ready") {
            hasReady = true;
            readyStatus = condition.toObject().value(u"status").toString();
        }
    }
    if (hasReady)
        status << (readyStatus == u"True" ? QStringLiteral("Ready") : QStringLiteral("NotReady"));
    else
        status << QStringLiteral("Unknown");
    if (valueAt(node, u"spec.unschedulable").toBool())
        status << QStringLiteral("SchedulingDisabled");

    QStringList roles;
    const QJsonObject labels = objectAt(node, u"metadata.labels");
    for (auto it = labels.begin(); it != labels.end(); ++it) {
        if (it.key().startsWith(kRolePrefix)) {
            const QString role = it.key().mid(kRolePrefix.size());
            if (!role.isEmpty())
                roles << role;
        } else if (it.key() == u"kubernetes.io/role" && !it.value().toString().isEmpty()) {
            roles << it.value().toString();
        }
    }
    const QString rolesText =
        roles.isEmpty() ? QStringLiteral("<none>") : joinSorted(roles, QStringLiteral(","));

    const QJsonObject nodeInfo = objectAt(node, u"status.nodeInfo");
    return {objectName(node),
            status.join(u','),
            rolesText,
            age(node, now),
            nodeInfo.value(u"kubeletVersion").toString(),
            nodeAddress(node, QStringLiteral("InternalIP")),
            nodeAddress(node, QStringLiteral("ExternalIP")),
            orUnknown(nodeInfo.value(u"osImage").toString()),
            orUnknown(nodeInfo.value(u"kernelVersion").toString()),
            orUnknown(nodeInfo.value(u"containerRuntimeVersion").toString())};
}

QJsonArray configMapCells(const QJsonObject& object, const QDateTime& now) {
    return {objectName(object),
            qint64(object.value(u"data").toObject().size() + object.value(u"binaryData").toObject().size()),
            age(object, now)};
}

QJsonArray secretCells(const QJsonObject& object, const QDateTime& now) {
    return {objectName(object), object.value(u"type").toString(),
            qint64(object.value(u"data").toObject().size()), age(object, now)};
}

QJsonArray serviceAccountCells(const QJsonObject& object, const QDateTime& now) {
    return {objectName(object), qint64(object.value(u"secrets").toArray().size()), age(object, now)};
}

QJsonArray resourceQuotaCells(const QJsonObject& quota, const QDateTime& now) {
    // Resources sorted by name; "limits.*" go to the Limit column, everything else to Request.
    const QJsonObject hard = objectAt(quota, u"status.hard");
    const QJsonObject used = objectAt(quota, u"status.used");
    QStringList requests;
    QStringList limits;
    for (auto it = hard.begin(); it != hard.end(); ++it) {
        const QString usedQuantity = used.value(it.key()).toString(QStringLiteral("0"));
        const QString entry = QStringLiteral("%1: %2/%3").arg(it.key(), usedQuantity, it.value().toString());
        const QStringList pieces = it.key().split(u'.');
        if (pieces.size() > 1 && pieces.first() == u"limits")
            limits << entry;
        else
            requests << entry;
    }
    // v1.32 prints Age second; v1.33 moved it to the end (kubernetes PR 129419).
    return {objectName(quota), age(quota, now), requests.join(QStringLiteral(", ")),
            limits.join(QStringLiteral(", "))};
}

} // namespace

QList<KindPrinter> corePrinters() {
    const QString core;
    return {
        KindPrinter{core,
                    "Namespace",
                    {nameColumn(), column("Status", "string", "The status of the namespace"), ageColumn()},
                    &namespaceCells},
        KindPrinter{
            core,
            "Node",
            {nameColumn(), column("Status", "string", "The status of the node"),
             column("Roles", "string", "The roles of the node"), ageColumn(),
             column("Version", "string", "Kubelet Version reported by the node."),
             column("Internal-IP", "string", "List of addresses reachable to the node.", 1),
             column("External-IP", "string", "List of addresses reachable to the node.", 1),
             column("OS-Image", "string",
                    "OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).",
                    1),
             column("Kernel-Version", "string",
                    "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).", 1),
             column("Container-Runtime", "string",
                    "ContainerRuntime Version reported by the node through runtime remote API (e.g. "
                    "containerd://1.4.2).",
                    1)},
            &nodeCells},

        KindPrinter{
            core,
            "ConfigMap",
            {nameColumn(), column("Data", "string", "Data contains the configuration data."), ageColumn()},
            &configMapCells},
        KindPrinter{core,
                    "Secret",
                    {nameColumn(),
                     column("Type", "string", "Used to facilitate programmatic handling of secret data."),
                     column("Data", "string", "Data contains the secret data."), ageColumn()},
                    &secretCells},
        KindPrinter{
            core,
            "ServiceAccount",
            {nameColumn(),
             column("Secrets", "string",
                    "Secrets is a list of the secrets in the same namespace that pods running using this "
                    "ServiceAccount are allowed to use."),
             ageColumn()},
            &serviceAccountCells},

        KindPrinter{
            core,
            "ResourceQuota",
            {nameColumn(),
             ageColumn(),
             column("Request", "string",
                    "Request represents a minimum amount of cpu/memory that a container may consume."),
             column("Limit", "string",
                    "Limits control the maximum amount of cpu/memory that a container may use independent "
                    "of contention on the node.")},
            &resourceQuotaCells},
    };
}

} // namespace binnacle::sim::printers
