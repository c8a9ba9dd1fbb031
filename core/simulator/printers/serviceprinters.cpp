// Printers of core Service and Endpoints.

#include "printerutil.h"

namespace binnacle::sim::printers {

namespace {

QString serviceExternalIP(const QJsonObject& service) {
    const QString type = stringAt(service, u"spec.type");
    const QStringList externalIPs = stringList(arrayAt(service, u"spec.externalIPs"));
    if (type == u"ClusterIP" || type == u"NodePort")
        return externalIPs.isEmpty() ? QStringLiteral("<none>") : externalIPs.join(u',');
    if (type == u"LoadBalancer") {
        // A sorted set of ingress IPs (or hostnames); never clipped, since the server prints wide.
        QStringList ingress;
        for (const auto& entry : arrayAt(service, u"status.loadBalancer.ingress")) {
            const QJsonObject e = entry.toObject();
            const QString ip = e.value(u"ip").toString();
            const QString hostname = e.value(u"hostname").toString();
            if (!ip.isEmpty())
                ingress << ip;
            else if (!hostname.isEmpty())
                ingress << hostname;
        }
        const QString loadBalancer = joinSorted(ingress, QStringLiteral(","));
        if (!externalIPs.isEmpty()) {
            QStringList results = loadBalancer.isEmpty() ? QStringList() : loadBalancer.split(u',');
            return (results + externalIPs).join(u',');
        }
        return loadBalancer.isEmpty() ? QStringLiteral("<pending>") : loadBalancer;
    }
    if (type == u"ExternalName")
        return stringAt(service, u"spec.externalName");
    return QStringLiteral("<unknown>");
}

QString servicePorts(const QJsonArray& ports) {
    QStringList pieces;
    for (const auto& entry : ports) {
        const QJsonObject port = entry.toObject();
        // The server defaults protocol to TCP; read an object missing it the same way.
        const QString protocol = port.value(u"protocol").toString(QStringLiteral("TCP"));
        const qint64 nodePort = port.value(u"nodePort").toInteger();
        if (nodePort > 0)
            pieces << QStringLiteral("%1:%2/%3")
                          .arg(port.value(u"port").toInteger())
                          .arg(nodePort)
                          .arg(protocol);
        else
            pieces << QStringLiteral("%1/%2").arg(port.value(u"port").toInteger()).arg(protocol);
    }
    return pieces.isEmpty() ? QStringLiteral("<none>") : pieces.join(u',');
}

QJsonArray serviceCells(const QJsonObject& service, const QDateTime& now) {
    // clusterIPs[0] is what kube prints; clusterIP carries the same value on any server-written service.
    const QJsonArray clusterIPs = arrayAt(service, u"spec.clusterIPs");
    QString clusterIP =
        clusterIPs.isEmpty() ? stringAt(service, u"spec.clusterIP") : clusterIPs.first().toString();
    if (clusterIP.isEmpty())
        clusterIP = QStringLiteral("<none>");
    return {objectName(service),
            stringAt(service, u"spec.type"),
            clusterIP,
            serviceExternalIP(service),
            servicePorts(arrayAt(service, u"spec.ports")),
            age(service, now),
            formatLabels(objectAt(service, u"spec.selector"))};
}

QString joinHostPort(const QString& host, qint64 port) {
    // net.JoinHostPort brackets hosts that contain a colon (IPv6).
    return (host.contains(u':') ? u'[' + host + u']' : host) + u':' + QString::number(port);
}

QString formatEndpoints(const QJsonObject& endpoints) {
    const QJsonArray subsets = endpoints.value(u"subsets").toArray();
    if (subsets.isEmpty())
        return QStringLiteral("<none>");
    constexpr int maxShown = 3;
    QStringList list;
    bool more = false;
    qint64 count = 0;
    for (const auto& subsetValue : subsets) {
        const QJsonObject subset = subsetValue.toObject();
        const QJsonArray addresses = subset.value(u"addresses").toArray();
        const QJsonArray ports = subset.value(u"ports").toArray();
        if (ports.isEmpty()) {
            // Headless services may have no ports: list the bare addresses.
            count += addresses.size();
            for (const auto& address : addresses) {
                if (list.size() == maxShown) {
                    more = true;
                    break;
                }
                list << address.toObject().value(u"ip").toString();
            }
            continue;
        }
        for (const auto& port : ports) {
            count += addresses.size();
            for (const auto& address : addresses) {
                if (list.size() == maxShown) {
                    more = true;
                    break;
                }
                list << joinHostPort(address.toObject().value(u"ip").toString(),
                                     port.toObject().value(u"port").toInteger());
            }
        }
    }
    const QString joined = list.join(u',');
    return more ? QStringLiteral("%1 + %2 more...").arg(joined).arg(count - maxShown) : joined;
}

QJsonArray endpointsCells(const QJsonObject& object, const QDateTime& now) {
    return {objectName(object), formatEndpoints(object), age(object, now)};
}

} // namespace

QList<KindPrinter> servicePrinters() {
    const QString core;
    return {
        KindPrinter{
            core,
            "Service",
            {nameColumn(), column("Type", "string", "type determines how the Service is exposed."),
             column("Cluster-IP", "string", "clusterIP is the IP address of the service."),
             column("External-IP", "string",
                    "externalIPs is a list of IP addresses for which nodes in the cluster will also "
                    "accept traffic for this service."),
             column("Port(s)", "string", "The list of ports that are exposed by this service."), ageColumn(),
             column("Selector", "string",
                    "Route service traffic to pods with label keys and values matching this selector.", 1)},
            &serviceCells},
        KindPrinter{core,
                    "Endpoints",
                    {nameColumn(),
                     column("Endpoints", "string", "The set of all endpoints is the union of all subsets."),
                     ageColumn()},
                    &endpointsCells},
    };
}

} // namespace binnacle::sim::printers
