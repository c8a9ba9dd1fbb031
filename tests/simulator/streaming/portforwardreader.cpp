#include "portforwardreader.h"

#include <QDeadlineTimer>

namespace binnacle::sim::streamtest {

bool readUntil(ExecWebSocketClient& client, Channels* channels,
               const std::function<bool(const Channels&)>& done, int timeoutMs) {
    QDeadlineTimer deadline(timeoutMs);
    while (!done(*channels)) {
        if (channels->closed) {
            return false;
        }
        const auto event = client.next(int(deadline.remainingTime()));
        if (!event) {
            return false;
        }
        if (event->opcode == ws::Opcode::Close) {
            channels->closed = true;
            channels->closeCode = event->closeCode;
            client.sendFrame(ws::Opcode::Close, {});
        } else if (event->opcode == ws::Opcode::Binary && !event->payload.isEmpty()) {
            channels->messages.append(event->payload);
            channels->data[quint8(event->payload.at(0))] += event->payload.mid(1);
        }
    }
    return true;
}

bool readUntilClosed(ExecWebSocketClient& client, Channels* channels) {
    return readUntil(client, channels, [](const Channels& c) { return c.closed; });
}

} // namespace binnacle::sim::streamtest
