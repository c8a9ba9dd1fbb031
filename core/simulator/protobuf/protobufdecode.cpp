#include "protobufdecode.h"

#include "protomessagedecoder.h"

namespace binnacle::sim {

namespace {
constexpr char magic[] = {'k', '8', 's', '\0'};
} // namespace

bool isKubernetesProtobuf(const QByteArray& body) {
    return body.size() >= 4 && QByteArrayView(body).first(4) == QByteArrayView(magic, 4);
}

ProtobufDecodeResult decodeKubernetesProtobuf(const QByteArray& body) {
    ProtobufDecodeResult result;
    if (!isKubernetesProtobuf(body)) {
        result.error = QStringLiteral("not a Kubernetes protobuf body: the \"k8s\\0\" prefix is missing");
        return result;
    }
    ProtoMessageDecoder decoder;
    if (!decoder.decodeEnvelope(body, result.object)) {
        result.object = {};
        result.error = decoder.error();
    }
    return result;
}

} // namespace binnacle::sim
