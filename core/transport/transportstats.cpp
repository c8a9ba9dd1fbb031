#include "transportstats.h"

namespace binnacle::transport {

TransportStats::TransportStats(QObject* parent)
    : QObject(parent)
    , m_notifyTimer(this) { // a child, so that it moves with us to the transport's thread
    m_notifyTimer.setSingleShot(true);
    m_notifyTimer.setInterval(250);
    connect(&m_notifyTimer, &QTimer::timeout, this, &TransportStats::changed);
}

void TransportStats::touch() {
    if (!m_notifyTimer.isActive()) {
        m_notifyTimer.start();
    }
}

void TransportStats::setInFlight(int inFlight) {
    if (m_inFlight != inFlight) {
        m_inFlight = inFlight;
        touch();
    }
}

void TransportStats::setQueued(int queued) {
    if (m_queued != queued) {
        m_queued = queued;
        touch();
    }
}

void TransportStats::addDone() {
    ++m_done;
    touch();
}

void TransportStats::addRetried() {
    ++m_retried;
    touch();
}

void TransportStats::addFailed() {
    ++m_failed;
    touch();
}

void TransportStats::addBytesReceived(qint64 bytes) {
    m_bytesReceived += bytes;
    touch();
}

void TransportStats::addBytesSent(qint64 bytes) {
    m_bytesSent += bytes;
    touch();
}

void TransportStats::addLatency(std::chrono::milliseconds latency) {
    m_latencies.add(latency);
    touch();
}

} // namespace binnacle::transport
