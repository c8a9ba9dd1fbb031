// Printers of storage: core PersistentVolume and PersistentVolumeClaim, storage.k8s.io StorageClass.

#include "printerutil.h"

namespace binnacle::sim::printers {

namespace {

// helper.GetAccessModesAsString: fixed order, duplicates dropped.
QString accessModes(const QJsonArray& modes) {
    const QStringList values = stringList(modes);
    QStringList shortNames;
    const std::pair<const char*, const char*> order[] = {{"ReadWriteOnce", "RWO"},
                                                         {"ReadOnlyMany", "ROX"},
                                                         {"ReadWriteMany", "RWX"},
                                                         {"ReadWriteOncePod", "RWOP"}};
    for (const auto& [mode, shortName] : order) {
        if (values.contains(QLatin1String(mode)))
            shortNames << QLatin1String(shortName);
    }
    return shortNames.join(u',');
}

// The beta annotation still wins over spec.storageClassName, as in kube's helpers.
QString storageClassOf(const QJsonObject& object) {
    const QJsonValue annotation =
        objectAt(object, u"metadata.annotations").value(u"volume.beta.kubernetes.io/storage-class");
    if (annotation.isString())
        return annotation.toString();
    return stringAt(object, u"spec.storageClassName");
}

QString unsetIfMissing(const QJsonValue& value) {
    return value.isString() ? value.toString() : QStringLiteral("<unset>");
}

QJsonArray persistentVolumeCells(const QJsonObject& volume, const QDateTime& now) {
    QString claim;
    if (valueAt(volume, u"spec.claimRef").isObject())
        claim = stringAt(volume, u"spec.claimRef.namespace") + u'/' + stringAt(volume, u"spec.claimRef.name");
    QString phase = stringAt(volume, u"status.phase");
    if (!stringAt(volume, u"metadata.deletionTimestamp").isEmpty())
        phase = QStringLiteral("Terminating");
    QString capacity = stringAt(volume, u"spec.capacity.storage");
    if (capacity.isEmpty())
        capacity = QStringLiteral("0");
    return {objectName(volume),
            capacity,
            accessModes(arrayAt(volume, u"spec.accessModes")),
            stringAt(volume, u"spec.persistentVolumeReclaimPolicy"),
            phase,
            claim,
            storageClassOf(volume),
            unsetIfMissing(valueAt(volume, u"spec.volumeAttributesClassName")),
            stringAt(volume, u"status.reason"),
            age(volume, now),
            unsetIfMissing(valueAt(volume, u"spec.volumeMode"))};
}

QJsonArray persistentVolumeClaimCells(const QJsonObject& claim, const QDateTime& now) {
    QString phase = stringAt(claim, u"status.phase");
    if (!stringAt(claim, u"metadata.deletionTimestamp").isEmpty())
        phase = QStringLiteral("Terminating");
    const QString volumeName = stringAt(claim, u"spec.volumeName");
    QString capacity;
    QString modes;
    if (!volumeName.isEmpty()) {
        modes = accessModes(arrayAt(claim, u"status.accessModes"));
        capacity = stringAt(claim, u"status.capacity.storage");
        if (capacity.isEmpty())
            capacity = QStringLiteral("0");
    }
    return {objectName(claim),
            phase,
            volumeName,
            capacity,
            modes,
            storageClassOf(claim),
            unsetIfMissing(valueAt(claim, u"spec.volumeAttributesClassName")),
            age(claim, now),
            unsetIfMissing(valueAt(claim, u"spec.volumeMode"))};
}

QJsonArray storageClassCells(const QJsonObject& storageClass, const QDateTime& now) {
    const QJsonObject annotations = objectAt(storageClass, u"metadata.annotations");
    QString name = objectName(storageClass);
    if (annotations.value(u"storageclass.kubernetes.io/is-default-class").toString() == u"true" ||
        annotations.value(u"storageclass.beta.kubernetes.io/is-default-class").toString() == u"true")
        name += QStringLiteral(" (default)");
    return {name,
            storageClass.value(u"provisioner").toString(),
            storageClass.value(u"reclaimPolicy").toString(QStringLiteral("Delete")),
            storageClass.value(u"volumeBindingMode").toString(QStringLiteral("Immediate")),
            storageClass.value(u"allowVolumeExpansion").toBool(false),
            age(storageClass, now)};
}

} // namespace

QList<KindPrinter> volumePrinters() {
    const QString core;
    return {
        KindPrinter{
            core,
            "PersistentVolume",
            {nameColumn(),
             column("Capacity", "string",
                    "capacity is the description of the persistent volume's resources and capacity."),
             column("Access Modes", "string", "accessModes contains all ways the volume can be mounted."),
             column("Reclaim Policy", "string",
                    "persistentVolumeReclaimPolicy defines what happens to a persistent volume when "
                    "released from its claim."),
             column("Status", "string",
                    "phase indicates if a volume is available, bound to a claim, or released by a claim."),
             column("Claim", "string",
                    "claimRef is part of a bi-directional binding between PersistentVolume and "
                    "PersistentVolumeClaim."),
             column("StorageClass", "string", "StorageClass of the pv"),
             column("VolumeAttributesClass", "string", "VolumeAttributesClass of the pv"),
             column("Reason", "string", "reason is a brief CamelCase string that describes any failure."),
             ageColumn(),
             column("VolumeMode", "string",
                    "volumeMode defines if a volume is intended to be used with a formatted filesystem or to "
                    "remain in raw block state.",
                    1)},
            &persistentVolumeCells},
        KindPrinter{
            core,
            "PersistentVolumeClaim",
            {nameColumn(),
             column("Status", "string", "phase represents the current phase of PersistentVolumeClaim."),
             column("Volume", "string",
                    "volumeName is the binding reference to the PersistentVolume backing this claim."),
             column("Capacity", "string",
                    "capacity represents the actual resources of the underlying volume."),
             column("Access Modes", "string",
                    "accessModes contains the actual access modes the volume backing the PVC has."),
             column("StorageClass", "string", "StorageClass of the pvc"),
             column("VolumeAttributesClass", "string", "VolumeAttributesClass of the pvc"), ageColumn(),
             column("VolumeMode", "string",
                    "volumeMode defines what type of volume is required by the claim.", 1)},
            &persistentVolumeClaimCells},
        KindPrinter{
            "storage.k8s.io",
            "StorageClass",
            {nameColumn(),
             column("Provisioner", "string", "provisioner indicates the type of the provisioner."),
             column("ReclaimPolicy", "string",
                    "reclaimPolicy controls the reclaimPolicy for dynamically provisioned PersistentVolumes "
                    "of this storage class."),
             column(
                 "VolumeBindingMode", "string",
                 "volumeBindingMode indicates how PersistentVolumeClaims should be provisioned and bound."),
             column("AllowVolumeExpansion", "string",
                    "allowVolumeExpansion shows whether the storage class allow volume expand."),
             ageColumn()},
            &storageClassCells},
    };
}

} // namespace binnacle::sim::printers
