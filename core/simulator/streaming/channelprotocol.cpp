#include "channelprotocol.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace binnacle::sim::channel {

QList<QByteArray> supportedProtocols() {
    return {QByteArray(v5Protocol), QByteArray(v4Protocol)};
}

QByteArray message(quint8 channel, const QByteArray& payload) {
    return char(channel) + payload;
}

QByteArray successStatus() {
    return QJsonDocument(QJsonObject{{QStringLiteral("metadata"), QJsonObject()},
                                     {QStringLiteral("status"), QStringLiteral("Success")}})
        .toJson(QJsonDocument::Compact);
}

QByteArray exitCodeStatus(const QStringList& command, int exitCode) {
    const QString code = QString::number(exitCode);
    // The kubelet's wording: the runtime's error, which names the command Go-style ("[sh -c exit 3]").
    const QString message =
        QStringLiteral(
            "command terminated with non-zero exit code: error executing command [%1], exit code %2")
            .arg(command.join(QLatin1Char(' ')), code);
    const QJsonObject cause{{QStringLiteral("reason"), QStringLiteral("ExitCode")},
                            {QStringLiteral("message"), code}};
    return QJsonDocument(QJsonObject{{QStringLiteral("metadata"), QJsonObject()},
                                     {QStringLiteral("status"), QStringLiteral("Failure")},
                                     {QStringLiteral("message"), message},
                                     {QStringLiteral("reason"), QStringLiteral("NonZeroExitCode")},
                                     {QStringLiteral("details"),
                                      QJsonObject{{QStringLiteral("causes"), QJsonArray{cause}}}}})
        .toJson(QJsonDocument::Compact);
}

std::optional<QSize> parseResize(const QByteArray& payload) {
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(payload, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        return std::nullopt;
    }
    const QJsonObject object = document.object();
    const QJsonValue width = object.value(QLatin1String("Width"));
    const QJsonValue height = object.value(QLatin1String("Height"));
    if (!width.isDouble() || !height.isDouble()) {
        return std::nullopt;
    }
    return QSize(width.toInt(), height.toInt());
}

} // namespace binnacle::sim::channel
