#include "manifest.h"
#include "seedsteps.h"

namespace binnacle::sim::seedsteps {

namespace {
// A cert-manager-like Certificate: Ready/Secret/Age columns (Issuer and Status at -o wide) and a status
// subresource.
constexpr auto certificateCrd = R"({
  "metadata":{"name":"certificates.demo.binnacle.io","labels":{"app.kubernetes.io/name":"binnacle-demo"}},
  "spec":{"group":"demo.binnacle.io","scope":"Namespaced",
    "names":{"kind":"Certificate","listKind":"CertificateList","plural":"certificates","singular":"certificate",
             "shortNames":["cert","certs"],"categories":["demo"]},
    "versions":[{"name":"v1","served":true,"storage":true,"subresources":{"status":{}},
      "additionalPrinterColumns":[
        {"name":"Ready","type":"string","jsonPath":".status.conditions[?(@.type==\"Ready\")].status"},
        {"name":"Secret","type":"string","jsonPath":".spec.secretName"},
        {"name":"Issuer","type":"string","jsonPath":".spec.issuerRef.name","priority":1},
        {"name":"Status","type":"string","jsonPath":".status.conditions[?(@.type==\"Ready\")].message","priority":1},
        {"name":"Age","type":"date","jsonPath":".metadata.creationTimestamp",
         "description":"CreationTimestamp is a timestamp representing the server time when this object was created."}],
      "schema":{"openAPIV3Schema":{"type":"object","description":"A request for a signed X.509 certificate.",
        "properties":{"apiVersion":{"type":"string"},"kind":{"type":"string"},"metadata":{"type":"object"},
          "spec":{"type":"object","required":["secretName","issuerRef"],"properties":{
            "secretName":{"type":"string"},"commonName":{"type":"string"},
            "dnsNames":{"type":"array","items":{"type":"string"}},
            "duration":{"type":"string"},"renewBefore":{"type":"string"},
            "issuerRef":{"type":"object","required":["name"],"properties":{"name":{"type":"string"},
              "kind":{"type":"string"},"group":{"type":"string"}}},
            "privateKey":{"type":"object","properties":{"algorithm":{"type":"string","enum":["RSA","ECDSA","Ed25519"]},
              "size":{"type":"integer"}}}}},
          "status":{"type":"object","properties":{
            "conditions":{"type":"array","items":{"type":"object","required":["type","status"],"properties":{
              "type":{"type":"string"},"status":{"type":"string"},"reason":{"type":"string"},"message":{"type":"string"},
              "lastTransitionTime":{"type":"string","format":"date-time"},"observedGeneration":{"type":"integer"}}},
              "x-kubernetes-list-map-keys":["type"],"x-kubernetes-list-type":"map"},
            "notBefore":{"type":"string","format":"date-time"},"notAfter":{"type":"string","format":"date-time"},
            "renewalTime":{"type":"string","format":"date-time"},"revision":{"type":"integer"}}}}}}}]}})";

// A database Backup with a scale subresource (its replicas are parallel dump workers).
constexpr auto backupCrd = R"({
  "metadata":{"name":"backups.data.binnacle.io","labels":{"app.kubernetes.io/name":"backup-operator"}},
  "spec":{"group":"data.binnacle.io","scope":"Namespaced",
    "names":{"kind":"Backup","listKind":"BackupList","plural":"backups","singular":"backup","shortNames":["bk"],
             "categories":["demo"]},
    "versions":[{"name":"v1alpha1","served":true,"storage":true,
      "subresources":{"status":{},"scale":{"specReplicasPath":".spec.replicas","statusReplicasPath":".status.replicas",
                                          "labelSelectorPath":".status.selector"}},
      "additionalPrinterColumns":[
        {"name":"Database","type":"string","jsonPath":".spec.database"},
        {"name":"Schedule","type":"string","jsonPath":".spec.schedule"},
        {"name":"Replicas","type":"integer","jsonPath":".spec.replicas"},
        {"name":"Phase","type":"string","jsonPath":".status.phase"},
        {"name":"Last Backup","type":"date","jsonPath":".status.lastBackupTime"},
        {"name":"Age","type":"date","jsonPath":".metadata.creationTimestamp"}],
      "schema":{"openAPIV3Schema":{"type":"object","properties":{
        "apiVersion":{"type":"string"},"kind":{"type":"string"},"metadata":{"type":"object"},
        "spec":{"type":"object","required":["database","schedule"],"properties":{
          "database":{"type":"string"},"schedule":{"type":"string"},"replicas":{"type":"integer","minimum":0},
          "retention":{"type":"string"},"storageLocation":{"type":"string"}}},
        "status":{"type":"object","properties":{"phase":{"type":"string"},"replicas":{"type":"integer"},
          "selector":{"type":"string"},"lastBackupTime":{"type":"string","format":"date-time"},
          "lastBackupSize":{"type":"string"}}}}}}}]}})";

// Creates the CRD and makes sure its resource is served at once, so instances can follow right away.
bool createCrd(SeedContext& context, const char* definition) {
    const QJsonObject crd = manifest::parse(definition);
    const ObjectPtr created =
        context.create(QStringLiteral("apiextensions.k8s.io"), QStringLiteral("customresourcedefinitions"),
                       QString(), crd, QStringLiteral("helm"));
    if (!created) {
        return false;
    }
    const QJsonObject spec = crd.value(QLatin1String("spec")).toObject();
    const QString group = spec.value(QLatin1String("group")).toString();
    const QString plural =
        spec.value(QLatin1String("names")).toObject().value(QLatin1String("plural")).toString();
    ResourceRegistry* registry = context.storage()->registry();
    if (!registry->find(group, plural)) {
        registry->serveCustomResource(created->object);
    }
    return registry->find(group, plural) != nullptr;
}

void certificate(SeedContext& context, const QString& namespaceName, const QString& name, const QString& host,
                 bool ready) {
    QJsonObject object = manifest::object(
        manifest::metadata(name),
        QJsonObject{
            {QStringLiteral("secretName"), name},
            {QStringLiteral("commonName"), host},
            {QStringLiteral("dnsNames"), QJsonArray{host}},
            {QStringLiteral("duration"), QStringLiteral("2160h0m0s")},
            {QStringLiteral("renewBefore"), QStringLiteral("360h0m0s")},
            {QStringLiteral("issuerRef"),
             QJsonObject{{QStringLiteral("name"), QStringLiteral("letsencrypt")},
                         {QStringLiteral("kind"), QStringLiteral("ClusterIssuer")},
                         {QStringLiteral("group"), QStringLiteral("cert-manager.io")}}},
            {QStringLiteral("privateKey"), QJsonObject{{QStringLiteral("algorithm"), QStringLiteral("ECDSA")},
                                                       {QStringLiteral("size"), 256}}}});
    object.insert(QStringLiteral("apiVersion"), QStringLiteral("demo.binnacle.io/v1"));
    const ObjectPtr created =
        context.create(QStringLiteral("demo.binnacle.io"), QStringLiteral("certificates"), namespaceName,
                       object, QStringLiteral("helm"));
    QJsonObject readyCondition{{QStringLiteral("type"), QStringLiteral("Ready")},
                               {QStringLiteral("lastTransitionTime"), context.timestamp()},
                               {QStringLiteral("observedGeneration"), 1}};
    QJsonObject status;
    if (ready) {
        readyCondition.insert(QStringLiteral("status"), QStringLiteral("True"));
        readyCondition.insert(QStringLiteral("reason"), QStringLiteral("Ready"));
        readyCondition.insert(QStringLiteral("message"),
                              QStringLiteral("Certificate is up to date and has not expired"));
        status.insert(QStringLiteral("notBefore"), context.timestamp(3600));
        status.insert(QStringLiteral("notAfter"), context.timestamp(3600 - 90 * 86400));
        status.insert(QStringLiteral("renewalTime"), context.timestamp(3600 - 75 * 86400));
        status.insert(QStringLiteral("revision"), 1);
    } else {
        readyCondition.insert(QStringLiteral("status"), QStringLiteral("False"));
        readyCondition.insert(QStringLiteral("reason"), QStringLiteral("DoesNotExist"));
        readyCondition.insert(QStringLiteral("message"),
                              QStringLiteral("Issuing certificate as Secret does not exist"));
    }
    status.insert(QStringLiteral("conditions"), QJsonArray{readyCondition});
    context.writeStatus(QStringLiteral("demo.binnacle.io"), QStringLiteral("certificates"), created, status,
                        QStringLiteral("cert-manager-certificates-readiness"));
}

void backup(SeedContext& context, const QString& name, const QString& database, const QString& schedule,
            int replicas, const QString& retention, const QString& phase, qint64 lastBackupSecondsAgo,
            const QString& size) {
    QJsonObject object = manifest::object(
        manifest::metadata(name,
                           QJsonObject{{QStringLiteral("app.kubernetes.io/name"), QStringLiteral("backup")},
                                       {QStringLiteral("backup.data.binnacle.io/database"), database}}),
        QJsonObject{{QStringLiteral("database"), database},
                    {QStringLiteral("schedule"), schedule},
                    {QStringLiteral("replicas"), replicas},
                    {QStringLiteral("retention"), retention},
                    {QStringLiteral("storageLocation"), QStringLiteral("gs://acme-backups/") + database}});
    object.insert(QStringLiteral("apiVersion"), QStringLiteral("data.binnacle.io/v1alpha1"));
    const ObjectPtr created =
        context.create(QStringLiteral("data.binnacle.io"), QStringLiteral("backups"), QStringLiteral("data"),
                       object, QStringLiteral("kubectl-create"));
    context.writeStatus(
        QStringLiteral("data.binnacle.io"), QStringLiteral("backups"), created,
        QJsonObject{{QStringLiteral("phase"), phase},
                    {QStringLiteral("replicas"), replicas},
                    {QStringLiteral("selector"), QStringLiteral("backup.data.binnacle.io/name=") + name},
                    {QStringLiteral("lastBackupTime"), context.timestamp(lastBackupSecondsAgo)},
                    {QStringLiteral("lastBackupSize"), size}},
        QStringLiteral("backup-operator"));
}
} // namespace

void seedDemoCustomResources(SeedContext& context) {
    if (createCrd(context, certificateCrd)) {
        certificate(context, QStringLiteral("shop"), QStringLiteral("shop-tls"),
                    QStringLiteral("shop.example.com"), true);
        certificate(context, QStringLiteral("monitoring"), QStringLiteral("grafana-tls"),
                    QStringLiteral("grafana.example.com"), true);
        certificate(context, QStringLiteral("shop"), QStringLiteral("api-tls"),
                    QStringLiteral("api.shop.example.com"), false);
    }
    if (createCrd(context, backupCrd)) {
        backup(context, QStringLiteral("postgres-nightly"), QStringLiteral("catalog"),
               QStringLiteral("0 2 * * *"), 1, QStringLiteral("14d"), QStringLiteral("Completed"), 6 * 3600,
               QStringLiteral("1.2Gi"));
        backup(context, QStringLiteral("orders-hourly"), QStringLiteral("orders"),
               QStringLiteral("0 * * * *"), 2, QStringLiteral("48h"), QStringLiteral("Running"), 1800,
               QStringLiteral("310Mi"));
        backup(context, QStringLiteral("orders-weekly"), QStringLiteral("orders"),
               QStringLiteral("0 4 * * 0"), 1, QStringLiteral("90d"), QStringLiteral("Failed"), 3 * 86400,
               QStringLiteral("0"));
    }
}

} // namespace binnacle::sim::seedsteps
