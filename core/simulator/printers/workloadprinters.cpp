// Printers of the controllers that run pods: apps Deployment, ReplicaSet, StatefulSet, DaemonSet,
// ControllerRevision, core ReplicationController, batch Job and CronJob.

#include "printerutil.h"

namespace binnacle::sim::printers {

namespace {

// spec.replicas is defaulted to 1 by the server; an object missing it is read the same way.
qint64 desiredReplicas(const QJsonObject& object) {
    return integerAt(object, u"spec.replicas", 1);
}

QJsonArray templateContainers(const QJsonObject& object) {
    return arrayAt(object, u"spec.template.spec.containers");
}

QJsonArray deploymentCells(const QJsonObject& object, const QDateTime& now) {
    const auto [names, images] = containerNamesAndImages(templateContainers(object));
    return {
        objectName(object),
        QStringLiteral("%1/%2").arg(integerAt(object, u"status.readyReplicas")).arg(desiredReplicas(object)),
        integerAt(object, u"status.updatedReplicas"),
        integerAt(object, u"status.availableReplicas"),
        age(object, now),
        names,
        images,
        labelSelectorString(valueAt(object, u"spec.selector"))};
}

QJsonArray replicaSetCells(const QJsonObject& object, const QDateTime& now) {
    const auto [names, images] = containerNamesAndImages(templateContainers(object));
    return {objectName(object),
            desiredReplicas(object),
            integerAt(object, u"status.replicas"),
            integerAt(object, u"status.readyReplicas"),
            age(object, now),
            names,
            images,
            formatLabelSelector(valueAt(object, u"spec.selector"))};
}

QJsonArray replicationControllerCells(const QJsonObject& object, const QDateTime& now) {
    const auto [names, images] = containerNamesAndImages(templateContainers(object));
    return {objectName(object),
            desiredReplicas(object),
            integerAt(object, u"status.replicas"),
            integerAt(object, u"status.readyReplicas"),
            age(object, now),
            names,
            images,
            formatLabels(objectAt(object, u"spec.selector"))};
}

QJsonArray statefulSetCells(const QJsonObject& object, const QDateTime& now) {
    const auto [names, images] = containerNamesAndImages(templateContainers(object));
    return {
        objectName(object),
        QStringLiteral("%1/%2").arg(integerAt(object, u"status.readyReplicas")).arg(desiredReplicas(object)),
        age(object, now), names, images};
}

QJsonArray daemonSetCells(const QJsonObject& object, const QDateTime& now) {
    const auto [names, images] = containerNamesAndImages(templateContainers(object));
    return {objectName(object),
            integerAt(object, u"status.desiredNumberScheduled"),
            integerAt(object, u"status.currentNumberScheduled"),
            integerAt(object, u"status.numberReady"),
            integerAt(object, u"status.updatedNumberScheduled"),
            integerAt(object, u"status.numberAvailable"),
            formatLabels(objectAt(object, u"spec.template.spec.nodeSelector")),
            age(object, now),
            names,
            images,
            formatLabelSelector(valueAt(object, u"spec.selector"))};
}

QJsonArray controllerRevisionCells(const QJsonObject& object, const QDateTime& now) {
    QString controller = QStringLiteral("<none>");
    for (const auto& reference : arrayAt(object, u"metadata.ownerReferences")) {
        const QJsonObject owner = reference.toObject();
        if (!owner.value(u"controller").toBool())
            continue;
        // formatResourceName: lower-cased "Kind.group/name", or plain "name" when the kind is empty.
        const QString apiVersion = owner.value(u"apiVersion").toString();
        const QString group = apiVersion.contains(u'/') ? apiVersion.section(u'/', 0, 0) : QString();
        const QString kind = owner.value(u"kind").toString();
        QString groupKind = group.isEmpty() ? kind : kind + u'.' + group;
        controller = owner.value(u"name").toString();
        if (!groupKind.isEmpty())
            controller = groupKind.toLower() + u'/' + controller;
        break;
    }
    return {objectName(object), controller, integerAt(object, u"revision"), age(object, now)};
}

bool jobConditionIsTrue(const QJsonObject& job, const QString& type) {
    for (const auto& condition : arrayAt(job, u"status.conditions")) {
        const QJsonObject c = condition.toObject();
        if (c.value(u"type").toString() == type)
            return c.value(u"status").toString() == u"True";
    }
    return false;
}

QString jobStatus(const QJsonObject& job) {
    if (jobConditionIsTrue(job, QStringLiteral("Complete")))
        return QStringLiteral("Complete");
    if (jobConditionIsTrue(job, QStringLiteral("Failed")))
        return QStringLiteral("Failed");
    if (!stringAt(job, u"metadata.deletionTimestamp").isEmpty())
        return QStringLiteral("Terminating");
    if (jobConditionIsTrue(job, QStringLiteral("Suspended")))
        return QStringLiteral("Suspended");
    if (jobConditionIsTrue(job, QStringLiteral("FailureTarget")))
        return QStringLiteral("FailureTarget");
    return QStringLiteral("Running");
}

QJsonArray jobCells(const QJsonObject& job, const QDateTime& now) {
    const qint64 succeeded = integerAt(job, u"status.succeeded");
    QString completions;
    if (valueAt(job, u"spec.completions").isDouble()) {
        completions = QStringLiteral("%1/%2").arg(succeeded).arg(integerAt(job, u"spec.completions"));
    } else {
        const qint64 parallelism = integerAt(job, u"spec.parallelism");
        completions = parallelism > 1 ? QStringLiteral("%1/1 of %2").arg(succeeded).arg(parallelism)
                                      : QStringLiteral("%1/1").arg(succeeded);
    }

    QString duration;
    const auto started = parseTimestamp(stringAt(job, u"status.startTime"));
    const auto completed = parseTimestamp(stringAt(job, u"status.completionTime"));
    if (started)
        duration = humanDuration(started->msecsTo(completed ? *completed : now) / 1000);

    const auto [names, images] = containerNamesAndImages(templateContainers(job));
    return {
        objectName(job), jobStatus(job), completions, duration,
        age(job, now),   names,          images,      formatLabelSelector(valueAt(job, u"spec.selector"))};
}

QJsonArray cronJobCells(const QJsonObject& cronJob, const QDateTime& now) {
    QString lastSchedule = QStringLiteral("<none>");
    if (valueAt(cronJob, u"status.lastScheduleTime").isString())
        lastSchedule = translateTimestampSince(stringAt(cronJob, u"status.lastScheduleTime"), now);
    const QJsonValue timeZone = valueAt(cronJob, u"spec.timeZone");
    const auto [names, images] =
        containerNamesAndImages(arrayAt(cronJob, u"spec.jobTemplate.spec.template.spec.containers"));
    return {objectName(cronJob),
            stringAt(cronJob, u"spec.schedule"),
            timeZone.isString() ? timeZone.toString() : QStringLiteral("<none>"),
            boolPointer(valueAt(cronJob, u"spec.suspend")),
            qint64(arrayAt(cronJob, u"status.active").size()),
            lastSchedule,
            age(cronJob, now),
            names,
            images,
            formatLabelSelector(valueAt(cronJob, u"spec.jobTemplate.spec.selector"))};
}

TableColumn containersColumn() {
    return column("Containers", "string", kContainersDescription, 1);
}

TableColumn imagesColumn() {
    return column("Images", "string", kImagesDescription, 1);
}

TableColumn selectorColumn() {
    return column("Selector", "string",
                  "Label query over pods that should match the replica count. More info: "
                  "https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors",
                  1);
}

} // namespace

QList<KindPrinter> workloadPrinters() {
    const QString apps = QStringLiteral("apps");
    const QString batch = QStringLiteral("batch");
    const QList<TableColumn> replicaColumns{
        nameColumn(),
        column("Desired", "integer", "Replicas is the number of desired replicas."),
        column("Current", "integer", "Replicas is the most recently observed number of replicas."),
        column("Ready", "integer", "The number of ready replicas for this replica set."),
        ageColumn(),
        containersColumn(),
        imagesColumn(),
        selectorColumn(),
    };
    return {
        KindPrinter{apps,
                    "Deployment",
                    {nameColumn(), column("Ready", "string", "Number of the pod with ready state"),
                     column("Up-to-date", "string",
                            "Total number of non-terminated pods targeted by this deployment that have the "
                            "desired template spec."),
                     column("Available", "string",
                            "Total number of available pods (ready for at least minReadySeconds) targeted by "
                            "this deployment."),
                     ageColumn(), containersColumn(), imagesColumn(), selectorColumn()},
                    &deploymentCells},
        KindPrinter{apps, "ReplicaSet", replicaColumns, &replicaSetCells},
        KindPrinter{QString(), "ReplicationController", replicaColumns, &replicationControllerCells},
        KindPrinter{apps,
                    "StatefulSet",
                    {nameColumn(), column("Ready", "string", "Number of the pod with ready state"),
                     ageColumn(), containersColumn(), imagesColumn()},
                    &statefulSetCells},
        KindPrinter{
            apps,
            "DaemonSet",
            {nameColumn(),
             column("Desired", "integer",
                    "The total number of nodes that should be running the daemon pod (including nodes "
                    "correctly running the daemon pod)."),
             column("Current", "integer",
                    "The number of nodes that are running at least 1 daemon pod and are supposed to run "
                    "the daemon pod."),
             column("Ready", "integer",
                    "The number of nodes that should be running the daemon pod and have one or more of "
                    "the daemon pod running and ready."),
             column("Up-to-date", "integer", "The total number of nodes that are running updated daemon pod"),
             column("Available", "integer",
                    "The number of nodes that should be running the daemon pod and have one or more of "
                    "the daemon pod running and available (ready for at least spec.minReadySeconds)"),
             column("Node Selector", "string",
                    "NodeSelector is a selector which must be true for the pod to fit on a node."),
             ageColumn(), containersColumn(), imagesColumn(), selectorColumn()},
            &daemonSetCells},
        KindPrinter{apps,
                    "ControllerRevision",
                    {nameColumn(), column("Controller", "string", "Controller of the object"),
                     column("Revision", "string",
                            "Revision indicates the revision of the state represented by Data."),
                     ageColumn()},
                    &controllerRevisionCells},
        KindPrinter{batch,
                    "Job",
                    {nameColumn(), column("Status", "string", "Status of the job."),
                     column("Completions", "string", "The number of pods which reached phase Succeeded."),
                     column("Duration", "string", "Time required to complete the job."), ageColumn(),
                     containersColumn(), imagesColumn(), selectorColumn()},
                    &jobCells},
        KindPrinter{
            batch,
            "CronJob",
            {nameColumn(),
             column("Schedule", "string",
                    "The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron."),
             column("Timezone", "string", "The time zone name for the given schedule."),
             column("Suspend", "boolean",
                    "This flag tells the controller to suspend subsequent executions, it does not apply "
                    "to already started executions.  Defaults to false."),
             column("Active", "integer", "A list of pointers to currently running jobs."),
             column("Last Schedule", "string",
                    "Information when was the last time the job was successfully scheduled."),
             ageColumn(), containersColumn(), imagesColumn(), selectorColumn()},
            &cronJobCells},
    };
}

} // namespace binnacle::sim::printers
