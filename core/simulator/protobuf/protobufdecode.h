#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace binnacle::sim {

// The outcome of decoding a Kubernetes protobuf request body: the object in its JSON form, or why not.
struct ProtobufDecodeResult {
    QJsonObject object;
    QString error;
    bool ok() const { return error.isEmpty(); }
};

// True when `body` starts with the 4-byte magic "k8s\0" that prefixes every
// application/vnd.kubernetes.protobuf body.
bool isKubernetesProtobuf(const QByteArray& body);

// Decodes a body that kubectl (client-go) sent as application/vnd.kubernetes.protobuf into exactly the JSON
// the same object has in its JSON form, "apiVersion" and "kind" included, so that the server can carry on as
// with a JSON body. The body comes from the network: every length is checked, nothing is read past its end.
// An unknown kind, an unknown field number or a malformed body is an error that names the message, the
// field number and where in the object it was: data is never dropped silently.
ProtobufDecodeResult decodeKubernetesProtobuf(const QByteArray& body);

} // namespace binnacle::sim
