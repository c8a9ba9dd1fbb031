#include "channelprotocol.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace binnacle::streaming {

QByteArray channelMessage(quint8 channelId, const QByteArray& payload) {
    QByteArray message;
    message.reserve(payload.size() + 1);
    message.append(char(channelId));
    message.append(payload);
    return message;
}

QByteArray resizeMessage(quint16 width, quint16 height) {
    return channelMessage(channel::resizeChannel, QByteArray("{\"Width\":") + QByteArray::number(width) +
                                                      ",\"Height\":" + QByteArray::number(height) + '}');
}

QByteArray closeChannelMessage(quint8 channelId) {
    return channelMessage(channel::closeSignal, QByteArray(1, char(channelId)));
}

std::optional<RemoteStatus> parseRemoteStatus(const QByteArray& payload) {
    if (payload.isEmpty()) {
        return std::nullopt;
    }
    RemoteStatus status;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(payload, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        status.message = QString::fromUtf8(payload).trimmed();
        return status;
    }
    const QJsonObject object = document.object();
    status.reason = object.value(QLatin1String("reason")).toString();
    status.message = object.value(QLatin1String("message")).toString();
    if (object.value(QLatin1String("status")).toString() == QLatin1String("Success")) {
        status.success = true;
        status.exitCode = 0;
        return status;
    }
    if (status.reason == QLatin1String("NonZeroExitCode")) {
        const QJsonArray causes =
            object.value(QLatin1String("details")).toObject().value(QLatin1String("causes")).toArray();
        for (const QJsonValue& value : causes) {
            const QJsonObject cause = value.toObject();
            if (cause.value(QLatin1String("reason")).toString() != QLatin1String("ExitCode")) {
                continue;
            }
            bool ok = false;
            const int code = cause.value(QLatin1String("message")).toString().toInt(&ok);
            if (ok) {
                status.exitCode = code;
            }
        }
    }
    return status;
}

QByteArray portPrefix(quint16 port) {
    QByteArray prefix(2, '\0');
    prefix[0] = char(port & 0xFF);
    prefix[1] = char(port >> 8);
    return prefix;
}

std::optional<quint16> takePortPrefix(QByteArray* payload) {
    if (payload->size() < 2) {
        return std::nullopt;
    }
    const quint16 port = quint16(quint8(payload->at(0)) | (quint16(quint8(payload->at(1))) << 8));
    payload->remove(0, 2);
    return port;
}

} // namespace binnacle::streaming
