#pragma once

#include "execwebsocketclient.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <functional>

namespace binnacle::sim::streamtest {

// What one port-forward socket carried: each binary message in order (channel byte included), the payload
// gathered per channel (the port prefixes included), and the server's close.
struct Channels {
    QList<QByteArray> messages;
    QMap<int, QByteArray> data;
    bool closed = false;
    quint16 closeCode = 0;
};

// Reads until `done` holds; false if the server closed first or the time ran out. Answers the server's Close.
bool readUntil(ExecWebSocketClient& client, Channels* channels,
               const std::function<bool(const Channels&)>& done, int timeoutMs = 10000);
bool readUntilClosed(ExecWebSocketClient& client, Channels* channels);

} // namespace binnacle::sim::streamtest
