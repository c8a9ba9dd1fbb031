#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

// Small builders for the JSON of Kubernetes manifests, so the seeding steps read like the YAML they stand
// for.
namespace binnacle::sim::manifest {

QString nameOf(const QJsonObject& object);
// Parses a JSON literal written in the source; a broken literal is a programming error.
QJsonObject parse(const char* json);
QJsonArray parseArray(const char* json);
// Copies every member of `extra` into `target` (a shallow merge of JSON written in the source).
void merge(QJsonObject& target, const QJsonObject& extra);
QJsonArray strings(const QStringList& values);

QJsonObject metadata(const QString& name, const QJsonObject& labels = QJsonObject(),
                     const QJsonObject& annotations = QJsonObject());
// {metadata, spec}; the spec is left out when empty.
QJsonObject object(const QJsonObject& metadata, const QJsonObject& spec = QJsonObject());

// The recommended app.kubernetes.io/* labels.
QJsonObject appLabels(const QString& name, const QString& component, const QString& partOf,
                      const QString& version);
// The labels a workload's selector uses: name and instance.
QJsonObject selectorLabels(const QString& name);

QJsonObject resources(const QString& cpuRequest, const QString& memoryRequest,
                      const QString& cpuLimit = QString(), const QString& memoryLimit = QString());
QJsonObject httpProbe(const QString& path, const QJsonValue& port, int initialDelaySeconds,
                      int periodSeconds);
QJsonObject tcpProbe(const QJsonValue& port, int initialDelaySeconds, int periodSeconds);
QJsonObject grpcProbe(int port, int initialDelaySeconds, int periodSeconds);

QJsonObject env(const QString& name, const QString& value);
QJsonObject envFromField(const QString& name, const QString& fieldPath);
QJsonObject envFromSecret(const QString& name, const QString& secret, const QString& key);
QJsonObject containerPort(const QString& name, int port, const QString& protocol = QStringLiteral("TCP"));
QJsonObject servicePort(const QString& name, int port, const QJsonValue& targetPort,
                        const QString& protocol = QStringLiteral("TCP"));

// A pod template whose labels are `labels`, plus a workload spec selecting them.
QJsonObject podTemplate(const QJsonObject& labels, const QJsonObject& podSpec,
                        const QJsonObject& annotations = QJsonObject());
QJsonObject labelSelector(const QJsonObject& matchLabels);

// Base64 of UTF-8 text, as Secret data holds it.
QString base64(const QString& text);

} // namespace binnacle::sim::manifest
