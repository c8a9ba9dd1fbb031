#include "bodydecoder.h"
#include "fieldsv1.h"
#include "simcluster.h"

#include <QFile>
#include <QTest>

using namespace binnacle::sim;

namespace {
QJsonObject loadFixturePod() {
    QFile file(QStringLiteral(BINNACLE_FIXTURES_DIR "/pod-replicaset-owned-managedfields.yaml"));
    if (!file.open(QIODevice::ReadOnly)) {
        return QJsonObject();
    }
    return decodeYamlOrJsonObject(file.readAll()).object;
}

QJsonObject managedFieldsOf(const QJsonObject& pod, const QString& manager) {
    for (const QJsonValue& entry :
         at(pod, {QStringLiteral("metadata"), QStringLiteral("managedFields")}).toArray()) {
        if (entry[QLatin1String("manager")].toString() == manager) {
            return entry[QLatin1String("fieldsV1")].toObject();
        }
    }
    return QJsonObject();
}

QJsonArray withoutNamed(const QJsonArray& items, const char* key, const QString& value) {
    QJsonArray kept;
    for (const QJsonValue& item : items) {
        if (item[QLatin1String(key)].toString() != value) {
            kept.append(item);
        }
    }
    return kept;
}
} // namespace

class TestFieldsV1 : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // The ReplicaSet controller's entry of a real pod, recomputed from the fields it wrote: the apiserver's
    // format exactly (keyed lists, ".", atomic structs and lists).
    void reproducesTheControllerEntryOfARealPod() {
        const QJsonObject pod = loadFixturePod();
        QVERIFY(!pod.isEmpty());
        const QJsonObject metadata = pod.value(QLatin1String("metadata")).toObject();
        QJsonObject written{
            {QStringLiteral("metadata"),
             QJsonObject{
                 {QStringLiteral("annotations"), metadata.value(QLatin1String("annotations"))},
                 {QStringLiteral("generateName"), metadata.value(QLatin1String("generateName"))},
                 {QStringLiteral("labels"), metadata.value(QLatin1String("labels"))},
                 {QStringLiteral("ownerReferences"), metadata.value(QLatin1String("ownerReferences"))}}}};
        // What others added to the spec: the scheduler's nodeName, admission's defaults and token volume.
        QJsonObject spec = pod.value(QLatin1String("spec")).toObject();
        for (const char* added :
             {"nodeName", "preemptionPolicy", "priority", "serviceAccount", "serviceAccountName"}) {
            spec.remove(QLatin1String(added));
        }
        const QString tokenVolume = QStringLiteral("kube-api-access-sjcs6");
        spec.insert(QStringLiteral("volumes"),
                    withoutNamed(spec.value(QLatin1String("volumes")).toArray(), "name", tokenVolume));
        for (const char* list : {"containers", "initContainers"}) {
            QJsonArray containers = spec.value(QLatin1String(list)).toArray();
            for (auto it = containers.begin(); it != containers.end(); ++it) {
                QJsonObject container = it->toObject();
                const QJsonArray mounts = withoutNamed(
                    container.value(QLatin1String("volumeMounts")).toArray(), "name", tokenVolume);
                if (mounts.isEmpty()) {
                    container.remove(QStringLiteral("volumeMounts"));
                } else {
                    container.insert(QStringLiteral("volumeMounts"), mounts);
                }
                *it = container;
            }
            spec.insert(QLatin1String(list), containers);
        }
        written.insert(QStringLiteral("spec"), spec);
        QCOMPARE(fieldsv1::fieldSet(written),
                 managedFieldsOf(pod, QStringLiteral("kube-controller-manager")));
    }

    void keysStatusListsLikeTheKubelet_data() {
        QTest::addColumn<QString>("field");
        QTest::newRow("podIPs keyed by ip") << "f:podIPs";
        QTest::newRow("hostIPs atomic") << "f:hostIPs";
        QTest::newRow("containerStatuses atomic") << "f:containerStatuses";
        QTest::newRow("initContainerStatuses atomic") << "f:initContainerStatuses";
        QTest::newRow("allocatedResources map") << "f:allocatedResources";
        QTest::newRow("scalar") << "f:podIP";
    }

    void keysStatusListsLikeTheKubelet() {
        QFETCH(QString, field);
        const QJsonObject pod = loadFixturePod();
        QVERIFY(!pod.isEmpty());
        const QJsonObject computed =
            fieldsv1::fieldSet(QJsonObject{{QStringLiteral("status"), pod.value(QLatin1String("status"))}});
        const QJsonObject real = managedFieldsOf(pod, QStringLiteral("kubelet"));
        QVERIFY(real.value(QLatin1String("f:status")).toObject().contains(field));
        QCOMPARE(computed.value(QLatin1String("f:status")).toObject().value(field),
                 real.value(QLatin1String("f:status")).toObject().value(field));
    }
};

QTEST_GUILESS_MAIN(TestFieldsV1)
#include "tst_fieldsv1.moc"
