// Printers of policy PodDisruptionBudget, rbac bindings, coordination Lease and scheduling PriorityClass.

#include "printerutil.h"

namespace binnacle::sim::printers {

namespace {

QJsonArray podDisruptionBudgetCells(const QJsonObject& budget, const QDateTime& now) {
    const QJsonValue minAvailable = valueAt(budget, u"spec.minAvailable");
    const QJsonValue maxUnavailable = valueAt(budget, u"spec.maxUnavailable");
    const auto orNotApplicable = [](const QJsonValue& value) {
        return value.isUndefined() || value.isNull() ? QStringLiteral("N/A") : intOrString(value);
    };
    return {objectName(budget), orNotApplicable(minAvailable), orNotApplicable(maxUnavailable),
            integerAt(budget, u"status.disruptionsAllowed"), age(budget, now)};
}

QJsonArray bindingCells(const QJsonObject& binding, const QDateTime& now) {
    QStringList users;
    QStringList groups;
    QStringList serviceAccounts;
    for (const auto& entry : binding.value(u"subjects").toArray()) {
        const QJsonObject subject = entry.toObject();
        const QString kind = subject.value(u"kind").toString();
        const QString name = subject.value(u"name").toString();
        if (kind == u"ServiceAccount")
            serviceAccounts << subject.value(u"namespace").toString() + u'/' + name;
        else if (kind == u"User")
            users << name;
        else if (kind == u"Group")
            groups << name;
    }
    const QString separator = QStringLiteral(", ");
    return {objectName(binding),
            stringAt(binding, u"roleRef.kind") + u'/' + stringAt(binding, u"roleRef.name"),
            age(binding, now),
            users.join(separator),
            groups.join(separator),
            serviceAccounts.join(separator)};
}

QJsonArray leaseCells(const QJsonObject& lease, const QDateTime& now) {
    return {objectName(lease), stringAt(lease, u"spec.holderIdentity"), age(lease, now)};
}

QJsonArray priorityClassCells(const QJsonObject& priorityClass, const QDateTime& now) {
    return {objectName(priorityClass), priorityClass.value(u"value").toInteger(),
            priorityClass.value(u"globalDefault").toBool(false), age(priorityClass, now),
            priorityClass.value(u"preemptionPolicy").toString()};
}

QList<TableColumn> bindingColumns(const QString& kind) {
    return {nameColumn(),
            column("Role", "string", "RoleRef can only reference the current namespace."),
            ageColumn(),
            column("Users", "string", "Users in the " + kind, 1),
            column("Groups", "string", "Groups in the " + kind, 1),
            column("ServiceAccounts", "string", "ServiceAccounts in the " + kind, 1)};
}

} // namespace

QList<KindPrinter> clusterPrinters() {
    const QString rbac = QStringLiteral("rbac.authorization.k8s.io");
    return {

        KindPrinter{
            "policy",
            "PodDisruptionBudget",
            {nameColumn(),
             column("Min Available", "string", "The minimum number of pods that must be available."),
             column("Max Unavailable", "string", "The maximum number of pods that may be unavailable."),
             column("Allowed Disruptions", "integer",
                    "Calculated number of pods that may be disrupted at this time."),
             ageColumn()},
            &podDisruptionBudgetCells},
        KindPrinter{rbac, "RoleBinding", bindingColumns(QStringLiteral("roleBinding")), &bindingCells},
        KindPrinter{rbac, "ClusterRoleBinding", bindingColumns(QStringLiteral("clusterRoleBinding")),
                    &bindingCells},

        KindPrinter{"coordination.k8s.io",
                    "Lease",
                    {nameColumn(),
                     column("Holder", "string",
                            "holderIdentity contains the identity of the holder of a current lease."),
                     ageColumn()},
                    &leaseCells},
        KindPrinter{"scheduling.k8s.io",
                    "PriorityClass",
                    {nameColumn(),
                     column("Value", "integer", "value represents the integer value of this priority class."),
                     column("Global-Default", "boolean",
                            "globalDefault specifies whether this PriorityClass should be considered as the "
                            "default priority for pods that do not have any priority class."),
                     ageColumn(),
                     column("PreemptionPolicy", "string",
                            "preemptionPolicy is the Policy for preempting pods with lower priority.")},
                    &priorityClassCells},
    };
}

} // namespace binnacle::sim::printers
