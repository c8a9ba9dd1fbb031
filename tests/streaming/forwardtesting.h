#pragma once

// Shared by the port-forward tests: pods with an echo (9000) and an HTTP (8080) responder labelled
// app=web, a Service and a Deployment in front of them, and a TCP exchange through a local port.
#include "streamingtesting.h"

#include <QTcpSocket>

namespace streamingtesting {

inline const QByteArray httpGet = "GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";

// Sends `request` to a local port and reads until the other side closes (or `expected` bytes came).
inline QByteArray exchange(quint16 port, const QByteArray& request, qsizetype expected = -1) {
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(5000)) {
        return "not connected";
    }
    socket.write(request);
    QByteArray answer;
    const bool settled = QTest::qWaitFor(
        [&] {
            answer += socket.readAll();
            return socket.state() == QAbstractSocket::UnconnectedState ||
                   (expected >= 0 && answer.size() >= expected);
        },
        10000);
    Q_UNUSED(settled); // a timeout shows in what the caller compares
    answer += socket.readAll();
    return answer;
}

inline PodSpec webPod(const QString& name, bool ready = true) {
    PodSpec pod = podNamed(name, QStringLiteral("nginx:1.27"), QJsonObject{{"app", "web"}});
    pod.ports = QJsonArray{QJsonObject{{"name", "echo"}, {"containerPort", 9000}},
                           QJsonObject{{"name", "http"}, {"containerPort", 8080}}};
    pod.ready = ready;
    return pod;
}

inline QJsonObject service(const QString& name, const QString& app, int port) {
    QJsonObject spec;
    spec.insert("selector", QJsonObject{{"app", app}});
    spec.insert("ports", QJsonArray{QJsonObject{{"port", port}}});
    return QJsonObject{
        {"apiVersion", "v1"}, {"kind", "Service"}, {"metadata", QJsonObject{{"name", name}}}, {"spec", spec}};
}

// Service web: port 80 to the pods' port named http (8080), port 7 to 9000.
inline QJsonObject webService() {
    QJsonObject object = service("web", "web", 80);
    QJsonObject spec = object.value("spec").toObject();
    QJsonArray ports;
    ports.append(QJsonObject{{"name", "http"}, {"port", 80}, {"targetPort", "http"}});
    ports.append(QJsonObject{{"name", "echo"}, {"port", 7}, {"targetPort", 9000}});
    spec.insert("ports", ports);
    object.insert("spec", spec);
    return object;
}

inline QJsonObject webDeployment() {
    const QJsonObject labels{{"app", "web"}};
    QJsonObject container{{"name", "main"}, {"image", "nginx:1.27"}};
    QJsonObject podTemplate;
    podTemplate.insert("metadata", QJsonObject{{"labels", labels}});
    podTemplate.insert("spec", QJsonObject{{"containers", QJsonArray{container}}});
    QJsonObject spec;
    spec.insert("replicas", 2);
    spec.insert("selector", QJsonObject{{"matchLabels", labels}});
    spec.insert("template", podTemplate);
    return QJsonObject{{"apiVersion", "apps/v1"},
                       {"kind", "Deployment"},
                       {"metadata", QJsonObject{{"name", "web"}}},
                       {"spec", spec}};
}

// The objects every port-forward test class starts with: web-a and web-b Ready, one unready pod, the
// Service "web", a Service "nobody" with no pods and the Deployment "web".
inline bool createWebFixture(Cluster& cluster) {
    return cluster.createPod(webPod("web-a")) && cluster.createPod(webPod("web-b")) &&
           cluster.createPod(webPod("web-0-unready", false)) &&
           cluster.createObject({}, "services", webService()) &&
           cluster.createObject({}, "services", service("nobody", "nobody", 80)) &&
           cluster.createObject("apps", "deployments", webDeployment());
}

} // namespace streamingtesting
