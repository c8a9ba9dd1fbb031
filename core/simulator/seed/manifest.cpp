#include "manifest.h"

#include <QJsonDocument>
#include <QtGlobal>

namespace binnacle::sim::manifest {

QString nameOf(const QJsonObject& object) {
    return object.value(QLatin1String("metadata")).toObject().value(QLatin1String("name")).toString();
}

QJsonObject parse(const char* json) {
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray(json), &error);
    Q_ASSERT_X(error.error == QJsonParseError::NoError && document.isObject(), "manifest::parse",
               qPrintable(error.errorString()));
    return document.object();
}

QJsonArray parseArray(const char* json) {
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray(json), &error);
    Q_ASSERT_X(error.error == QJsonParseError::NoError && document.isArray(), "manifest::parseArray",
               qPrintable(error.errorString()));
    return document.array();
}

void merge(QJsonObject& target, const QJsonObject& extra) {
    for (auto it = extra.begin(); it != extra.end(); ++it) {
        target.insert(it.key(), it.value());
    }
}

QJsonArray strings(const QStringList& values) {
    return QJsonArray::fromStringList(values);
}

QJsonObject metadata(const QString& name, const QJsonObject& labels, const QJsonObject& annotations) {
    QJsonObject meta{{QStringLiteral("name"), name}};
    if (!labels.isEmpty()) {
        meta.insert(QStringLiteral("labels"), labels);
    }
    if (!annotations.isEmpty()) {
        meta.insert(QStringLiteral("annotations"), annotations);
    }
    return meta;
}

QJsonObject object(const QJsonObject& metadata, const QJsonObject& spec) {
    QJsonObject result{{QStringLiteral("metadata"), metadata}};
    if (!spec.isEmpty()) {
        result.insert(QStringLiteral("spec"), spec);
    }
    return result;
}

QJsonObject appLabels(const QString& name, const QString& component, const QString& partOf,
                      const QString& version) {
    return QJsonObject{{QStringLiteral("app.kubernetes.io/name"), name},
                       {QStringLiteral("app.kubernetes.io/instance"), name},
                       {QStringLiteral("app.kubernetes.io/component"), component},
                       {QStringLiteral("app.kubernetes.io/part-of"), partOf},
                       {QStringLiteral("app.kubernetes.io/version"), version},
                       {QStringLiteral("app.kubernetes.io/managed-by"), QStringLiteral("Helm")}};
}

QJsonObject selectorLabels(const QString& name) {
    return QJsonObject{{QStringLiteral("app.kubernetes.io/name"), name},
                       {QStringLiteral("app.kubernetes.io/instance"), name}};
}

QJsonObject resources(const QString& cpuRequest, const QString& memoryRequest, const QString& cpuLimit,
                      const QString& memoryLimit) {
    QJsonObject result{{QStringLiteral("requests"), QJsonObject{{QStringLiteral("cpu"), cpuRequest},
                                                                {QStringLiteral("memory"), memoryRequest}}}};
    QJsonObject limits;
    if (!cpuLimit.isEmpty()) {
        limits.insert(QStringLiteral("cpu"), cpuLimit);
    }
    if (!memoryLimit.isEmpty()) {
        limits.insert(QStringLiteral("memory"), memoryLimit);
    }
    if (!limits.isEmpty()) {
        result.insert(QStringLiteral("limits"), limits);
    }
    return result;
}

namespace {
QJsonObject probe(const char* handlerKey, const QJsonObject& handler, int initialDelaySeconds,
                  int periodSeconds) {
    return QJsonObject{{QLatin1String(handlerKey), handler},
                       {QStringLiteral("initialDelaySeconds"), initialDelaySeconds},
                       {QStringLiteral("periodSeconds"), periodSeconds},
                       {QStringLiteral("timeoutSeconds"), 1},
                       {QStringLiteral("successThreshold"), 1},
                       {QStringLiteral("failureThreshold"), 3}};
}
} // namespace

QJsonObject httpProbe(const QString& path, const QJsonValue& port, int initialDelaySeconds,
                      int periodSeconds) {
    return probe("httpGet",
                 QJsonObject{{QStringLiteral("path"), path},
                             {QStringLiteral("port"), port},
                             {QStringLiteral("scheme"), QStringLiteral("HTTP")}},
                 initialDelaySeconds, periodSeconds);
}

QJsonObject tcpProbe(const QJsonValue& port, int initialDelaySeconds, int periodSeconds) {
    return probe("tcpSocket", QJsonObject{{QStringLiteral("port"), port}}, initialDelaySeconds,
                 periodSeconds);
}

QJsonObject grpcProbe(int port, int initialDelaySeconds, int periodSeconds) {
    return probe("grpc", QJsonObject{{QStringLiteral("port"), port}, {QStringLiteral("service"), QString()}},
                 initialDelaySeconds, periodSeconds);
}

QJsonObject env(const QString& name, const QString& value) {
    return QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("value"), value}};
}

QJsonObject envFromField(const QString& name, const QString& fieldPath) {
    return QJsonObject{{QStringLiteral("name"), name},
                       {QStringLiteral("valueFrom"),
                        QJsonObject{{QStringLiteral("fieldRef"),
                                     QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("v1")},
                                                 {QStringLiteral("fieldPath"), fieldPath}}}}}};
}

QJsonObject envFromSecret(const QString& name, const QString& secret, const QString& key) {
    return QJsonObject{
        {QStringLiteral("name"), name},
        {QStringLiteral("valueFrom"),
         QJsonObject{{QStringLiteral("secretKeyRef"),
                      QJsonObject{{QStringLiteral("name"), secret}, {QStringLiteral("key"), key}}}}}};
}

QJsonObject containerPort(const QString& name, int port, const QString& protocol) {
    return QJsonObject{{QStringLiteral("name"), name},
                       {QStringLiteral("containerPort"), port},
                       {QStringLiteral("protocol"), protocol}};
}

QJsonObject servicePort(const QString& name, int port, const QJsonValue& targetPort,
                        const QString& protocol) {
    return QJsonObject{{QStringLiteral("name"), name},
                       {QStringLiteral("port"), port},
                       {QStringLiteral("targetPort"), targetPort},
                       {QStringLiteral("protocol"), protocol}};
}

QJsonObject podTemplate(const QJsonObject& labels, const QJsonObject& podSpec,
                        const QJsonObject& annotations) {
    QJsonObject meta{{QStringLiteral("labels"), labels}};
    if (!annotations.isEmpty()) {
        meta.insert(QStringLiteral("annotations"), annotations);
    }
    return QJsonObject{{QStringLiteral("metadata"), meta}, {QStringLiteral("spec"), podSpec}};
}

QJsonObject labelSelector(const QJsonObject& matchLabels) {
    return QJsonObject{{QStringLiteral("matchLabels"), matchLabels}};
}

QString base64(const QString& text) {
    return QString::fromLatin1(text.toUtf8().toBase64());
}

} // namespace binnacle::sim::manifest
