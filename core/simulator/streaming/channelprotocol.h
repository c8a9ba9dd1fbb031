#pragma once

#include <QByteArray>
#include <QList>
#include <QSize>
#include <QStringList>
#include <optional>

namespace binnacle::sim::channel {

// The channel.k8s.io stream protocols (k8s.io/apimachinery/pkg/util/remotecommand): every WebSocket
// message starts with the byte of the channel it belongs to.
constexpr quint8 stdinChannel = 0;
constexpr quint8 stdoutChannel = 1;
constexpr quint8 stderrChannel = 2;
constexpr quint8 errorChannel = 3;  // one metav1.Status at the end
constexpr quint8 resizeChannel = 4; // {"Width":W,"Height":H}
constexpr quint8 closeSignal = 255; // v5 only: [255, channel] half-closes that channel

constexpr char v5Protocol[] = "v5.channel.k8s.io";
constexpr char v4Protocol[] = "v4.channel.k8s.io";

// The protocols the simulator serves, best first.
QList<QByteArray> supportedProtocols();

QByteArray message(quint8 channel, const QByteArray& payload);

// Status bodies for the error channel: without kind/apiVersion, as the kubelet writes them.
QByteArray successStatus();
// Failure/NonZeroExitCode with the code as details.causes[{reason: ExitCode, message: "N"}].
QByteArray exitCodeStatus(const QStringList& command, int exitCode);

// A resize message's size; nullopt when it is not the expected JSON.
std::optional<QSize> parseResize(const QByteArray& payload);

} // namespace binnacle::sim::channel
