#pragma once

#include <QByteArray>
#include <QString>
#include <optional>

namespace binnacle::streaming {

// The channel.k8s.io stream protocols (apimachinery pkg/util/remotecommand, wire spec §9.2): every
// WebSocket message is one channel byte and a payload.
namespace channel {
inline constexpr quint8 stdinChannel = 0;
inline constexpr quint8 stdoutChannel = 1;
inline constexpr quint8 stderrChannel = 2;
inline constexpr quint8 errorChannel = 3;  // one metav1.Status when the command ends
inline constexpr quint8 resizeChannel = 4; // {"Width":W,"Height":H}
inline constexpr quint8 closeSignal = 255; // v5 only: [255, channel] half-closes that channel

inline constexpr char v5Protocol[] = "v5.channel.k8s.io";
inline constexpr char v4Protocol[] = "v4.channel.k8s.io";
} // namespace channel

QByteArray channelMessage(quint8 channelId, const QByteArray& payload);
// A resize message, channel byte included; the keys are capitalised as client-go's TerminalSize.
QByteArray resizeMessage(quint16 width, quint16 height);
// v5's half-close of one channel: [255, channelId].
QByteArray closeChannelMessage(quint8 channelId);

// How a remote command ended, from the error channel's Status.
struct RemoteStatus {
    bool success = false;
    // 0 on success, N for reason NonZeroExitCode with an ExitCode cause; -1 when the command did not
    // run to an exit code (the Status is then a failure to report: see reason and message).
    int exitCode = -1;
    QString reason;
    QString message;
};

// Parses the error channel's payload. v4/v5 write a Status JSON (without kind/apiVersion); older
// protocols plain text, which becomes a failure with that text as the message. nullopt for an empty
// payload (the "streams are up" message).
std::optional<RemoteStatus> parseRemoteStatus(const QByteArray& payload);

// The 2-byte little-endian port the server puts at the start of the first message on each of a
// port-forward's channels (kubelet portforward/websocket.go).
QByteArray portPrefix(quint16 port);
// Strips the prefix from `payload`; nullopt when fewer than two bytes came.
std::optional<quint16> takePortPrefix(QByteArray* payload);

} // namespace binnacle::streaming
