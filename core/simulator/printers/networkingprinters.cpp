// Printers of networking.k8s.io Ingress, IngressClass, NetworkPolicy and discovery.k8s.io EndpointSlice.

#include "printerutil.h"

namespace binnacle::sim::printers {

namespace {

// "a,b,c + 2 more..." as kube's list formatters write it.
QString listWithMore(const QStringList& list, qint64 total, int maxShown, const QString& whenEmpty) {
    const QString joined = list.join(u',');
    if (total > maxShown)
        return QStringLiteral("%1 + %2 more...").arg(joined).arg(total - maxShown);
    return joined.isEmpty() ? whenEmpty : joined;
}

QString ingressHosts(const QJsonArray& rules) {
    // Mirrors formatHosts: hosts of the first rules until three are listed, "*" when none has a host.
    constexpr int maxShown = 3;
    QStringList list;
    bool more = false;
    for (const auto& rule : rules) {
        if (list.size() == maxShown)
            more = true;
        const QString host = rule.toObject().value(u"host").toString();
        if (!more && !host.isEmpty())
            list << host;
    }
    if (list.isEmpty())
        return QStringLiteral("*");
    const QString joined = list.join(u',');
    return more ? QStringLiteral("%1 + %2 more...").arg(joined).arg(rules.size() - maxShown) : joined;
}

QJsonArray ingressCells(const QJsonObject& ingress, const QDateTime& now) {
    const QJsonValue className = valueAt(ingress, u"spec.ingressClassName");
    QStringList addresses;
    for (const auto& entry : arrayAt(ingress, u"status.loadBalancer.ingress")) {
        const QString ip = entry.toObject().value(u"ip").toString();
        const QString hostname = entry.toObject().value(u"hostname").toString();
        if (!ip.isEmpty())
            addresses << ip;
        else if (!hostname.isEmpty())
            addresses << hostname;
    }
    return {objectName(ingress),
            className.isString() ? className.toString() : QStringLiteral("<none>"),
            ingressHosts(arrayAt(ingress, u"spec.rules")),
            joinSorted(addresses, QStringLiteral(",")),
            arrayAt(ingress, u"spec.tls").isEmpty() ? QStringLiteral("80") : QStringLiteral("80, 443"),
            age(ingress, now)};
}

QJsonArray ingressClassCells(const QJsonObject& ingressClass, const QDateTime& now) {
    QString parameters = QStringLiteral("<none>");
    const QJsonObject reference = objectAt(ingressClass, u"spec.parameters");
    if (valueAt(ingressClass, u"spec.parameters").isObject()) {
        parameters = reference.value(u"kind").toString();
        if (reference.value(u"apiGroup").isString())
            parameters += u'.' + reference.value(u"apiGroup").toString();
        parameters += u'/' + reference.value(u"name").toString();
    }
    return {objectName(ingressClass), stringAt(ingressClass, u"spec.controller"), parameters,
            age(ingressClass, now)};
}

QJsonArray networkPolicyCells(const QJsonObject& policy, const QDateTime& now) {
    return {objectName(policy), formatLabelSelector(valueAt(policy, u"spec.podSelector")), age(policy, now)};
}

QJsonArray endpointSliceCells(const QJsonObject& slice, const QDateTime& now) {
    constexpr int maxShown = 3;
    QStringList ports;
    const QJsonArray portList = slice.value(u"ports").toArray();
    for (const auto& entry : portList) {
        if (ports.size() == maxShown)
            break;
        const QJsonObject port = entry.toObject();
        if (port.value(u"port").isDouble())
            ports << QString::number(port.value(u"port").toInteger());
        else if (port.value(u"name").isString())
            ports << port.value(u"name").toString();
        else
            ports << QStringLiteral("*");
    }
    QStringList addresses;
    qint64 addressCount = 0;
    for (const auto& endpoint : slice.value(u"endpoints").toArray()) {
        for (const auto& address : endpoint.toObject().value(u"addresses").toArray()) {
            if (addresses.size() < maxShown)
                addresses << address.toString();
            ++addressCount;
        }
    }
    return {objectName(slice), slice.value(u"addressType").toString(),
            listWithMore(ports, portList.size(), maxShown, QStringLiteral("<unset>")),
            listWithMore(addresses, addressCount, maxShown, QStringLiteral("<unset>")), age(slice, now)};
}

} // namespace

QList<KindPrinter> networkingPrinters() {
    const QString networking = QStringLiteral("networking.k8s.io");
    return {
        KindPrinter{
            networking,
            "Ingress",
            {nameColumn(),
             column("Class", "string",
                    "The name of the IngressClass resource that should be used for additional configuration"),
             column("Hosts", "string",
                    "Hosts that incoming requests are matched against before the ingress rule"),
             column("Address", "string", "Address is a list containing ingress points for the load-balancer"),
             column("Ports", "string", "Ports of TLS configurations that open"), ageColumn()},
            &ingressCells},
        KindPrinter{networking,
                    "IngressClass",
                    {nameColumn(),
                     column("Controller", "string", "Controller that is responsible for handling this class"),
                     column("Parameters", "string", "A reference to a resource with additional parameters"),
                     ageColumn()},
                    &ingressClassCells},
        KindPrinter{
            networking,
            "NetworkPolicy",
            {nameColumn(),
             column("Pod-Selector", "string", "Selects the pods to which this NetworkPolicy object applies."),
             ageColumn()},
            &networkPolicyCells},
        KindPrinter{
            "discovery.k8s.io",
            "EndpointSlice",
            {nameColumn(),
             column("AddressType", "string",
                    "addressType specifies the type of address carried by this EndpointSlice."),
             column("Ports", "string",
                    "ports specifies the list of network ports exposed by each endpoint in this slice."),
             column("Endpoints", "string", "endpoints is a list of unique endpoints in this slice."),
             ageColumn()},
            &endpointSliceCells},
    };
}

} // namespace binnacle::sim::printers
