// The autoscaling HorizontalPodAutoscaler printer and its TARGETS column.

#include "printerutil.h"

namespace binnacle::sim::printers {

namespace {

// One Targets entry of formatHPAMetrics, from an autoscaling/v2 metric spec and its status.
QString hpaMetric(const QJsonObject& spec, const QJsonObject& status) {
    const QString type = spec.value(u"type").toString();
    const QString unknown = QStringLiteral("<unknown>");
    const auto quantity = [](const QJsonObject& object, QStringView path) {
        // A status without the value prints as Go prints a nil *Quantity.
        const QJsonValue value = valueAt(object, path);
        return value.isString() ? value.toString() : QStringLiteral("<nil>");
    };
    if (type == u"External" || type == u"Object") {
        const QString source = type == u"External" ? QStringLiteral("external") : QStringLiteral("object");
        const QJsonObject target = objectAt(spec, source + QStringLiteral(".target"));
        const bool hasStatus = status.value(source).isObject();
        if (target.value(u"averageValue").isString()) {
            const QString current =
                hasStatus &&
                        valueAt(status, QString(source + QStringLiteral(".current.averageValue"))).isString()
                    ? stringAt(status, QString(source + QStringLiteral(".current.averageValue")))
                    : unknown;
            return QStringLiteral("%1/%2 (avg)").arg(current, target.value(u"averageValue").toString());
        }
        const QString current =
            hasStatus ? quantity(status, QString(source + QStringLiteral(".current.value"))) : unknown;
        return QStringLiteral("%1/%2").arg(current, target.value(u"value").toString(QStringLiteral("<nil>")));
    }
    if (type == u"Pods") {
        const QString current =
            status.value(u"pods").isObject() ? quantity(status, u"pods.current.averageValue") : unknown;
        return QStringLiteral("%1/%2").arg(current, quantity(spec, u"pods.target.averageValue"));
    }
    if (type == u"Resource" || type == u"ContainerResource") {
        const QString source =
            type == u"Resource" ? QStringLiteral("resource") : QStringLiteral("containerResource");
        const QJsonObject metric = spec.value(source).toObject();
        const QJsonObject target = metric.value(u"target").toObject();
        const QJsonObject current = valueAt(status, QString(source + QStringLiteral(".current"))).toObject();
        const bool hasStatus = status.value(source).isObject();
        const QString name = metric.value(u"name").toString();
        if (target.value(u"averageValue").isString()) {
            const QString currentText =
                hasStatus ? current.value(u"averageValue").toString(QStringLiteral("<nil>")) : unknown;
            return QStringLiteral("%1: %2/%3")
                .arg(name, currentText, target.value(u"averageValue").toString());
        }
        const QString currentText =
            hasStatus && current.value(u"averageUtilization").isDouble()
                ? QStringLiteral("%1%").arg(current.value(u"averageUtilization").toInteger())
                : unknown;
        const QString targetText =
            target.value(u"averageUtilization").isDouble()
                ? QStringLiteral("%1%").arg(target.value(u"averageUtilization").toInteger())
                : QStringLiteral("<auto>");
        return QStringLiteral("%1: %2/%3").arg(name, currentText, targetText);
    }
    return QStringLiteral("<unknown type>");
}

QJsonArray horizontalPodAutoscalerCells(const QJsonObject& autoscaler, const QDateTime& now) {
    QJsonArray specs = arrayAt(autoscaler, u"spec.metrics");
    QJsonArray statuses = arrayAt(autoscaler, u"status.currentMetrics");
    // autoscaling/v1 objects carry one CPU target instead of a metrics list.
    if (specs.isEmpty() && valueAt(autoscaler, u"spec.targetCPUUtilizationPercentage").isDouble()) {
        specs = {QJsonObject{
            {"type", "Resource"},
            {"resource",
             QJsonObject{
                 {"name", "cpu"},
                 {"target", QJsonObject{{"averageUtilization",
                                         valueAt(autoscaler, u"spec.targetCPUUtilizationPercentage")}}}}}}};
        if (valueAt(autoscaler, u"status.currentCPUUtilizationPercentage").isDouble())
            statuses = {QJsonObject{
                {"type", "Resource"},
                {"resource",
                 QJsonObject{
                     {"name", "cpu"},
                     {"current",
                      QJsonObject{{"averageUtilization",
                                   valueAt(autoscaler, u"status.currentCPUUtilizationPercentage")}}}}}}};
    }
    QString targets = QStringLiteral("<none>");
    if (!specs.isEmpty()) {
        constexpr int maxShown = 2;
        QStringList list;
        for (qsizetype i = 0; i < specs.size(); ++i) {
            const QJsonObject status = i < statuses.size() ? statuses.at(i).toObject() : QJsonObject();
            list << hpaMetric(specs.at(i).toObject(), status);
        }
        const qint64 count = list.size();
        targets = list.mid(0, maxShown).join(QStringLiteral(", "));
        if (count > maxShown)
            targets = QStringLiteral("%1 + %2 more...").arg(targets).arg(count - maxShown);
    }
    const QJsonValue minReplicas = valueAt(autoscaler, u"spec.minReplicas");
    return {objectName(autoscaler),
            stringAt(autoscaler, u"spec.scaleTargetRef.kind") + u'/' +
                stringAt(autoscaler, u"spec.scaleTargetRef.name"),
            targets,
            minReplicas.isDouble() ? QString::number(minReplicas.toInteger()) : QStringLiteral("<unset>"),
            integerAt(autoscaler, u"spec.maxReplicas"),
            integerAt(autoscaler, u"status.currentReplicas"),
            age(autoscaler, now)};
}

} // namespace

QList<KindPrinter> autoscalingPrinters() {
    return {
        KindPrinter{
            "autoscaling",
            "HorizontalPodAutoscaler",
            {nameColumn(),
             column("Reference", "string", "scaleTargetRef points to the target resource to scale."),
             column("Targets", "string",
                    "metrics contains the specifications for which to use to calculate the desired replica "
                    "count."),
             column("MinPods", "string", "minReplicas is the lower limit for the number of replicas."),
             column("MaxPods", "string", "maxReplicas is the upper limit for the number of replicas."),
             column("Replicas", "string",
                    "currentReplicas is current number of replicas of pods managed by this autoscaler."),
             ageColumn()},
            &horizontalPodAutoscalerCells},
    };
}

} // namespace binnacle::sim::printers
