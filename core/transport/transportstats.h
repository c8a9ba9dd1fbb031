#pragma once

#include "latencyreservoir.h"

#include <QObject>
#include <QTimer>
#include <chrono>

namespace binnacle::transport {

// One cluster's traffic, for a status bar or a diagnostics page. Counters are live for C++ readers;
// `changed` is throttled (at most every `notifyIntervalMs`) so that a burst of requests does not
// repaint QML bindings thousands of times a second.
class TransportStats : public QObject {
    Q_OBJECT
    Q_PROPERTY(int inFlight READ inFlight NOTIFY changed)
    Q_PROPERTY(int queued READ queued NOTIFY changed)
    Q_PROPERTY(qint64 done READ done NOTIFY changed)
    Q_PROPERTY(qint64 retried READ retried NOTIFY changed)
    Q_PROPERTY(qint64 failed READ failed NOTIFY changed)
    Q_PROPERTY(qint64 bytesReceived READ bytesReceived NOTIFY changed)
    Q_PROPERTY(qint64 bytesSent READ bytesSent NOTIFY changed)
    Q_PROPERTY(double latencyP50Ms READ latencyP50Ms NOTIFY changed)
    Q_PROPERTY(double latencyP95Ms READ latencyP95Ms NOTIFY changed)
    Q_PROPERTY(double latencyP99Ms READ latencyP99Ms NOTIFY changed)
public:
    explicit TransportStats(QObject* parent = nullptr);

    int inFlight() const { return m_inFlight; }
    int queued() const { return m_queued; }
    // Requests that finished with a success.
    qint64 done() const { return m_done; }
    // Attempts made again (after a retryable failure or a 401 with renewed credentials).
    qint64 retried() const { return m_retried; }
    // Requests that finished with an error (cancelled ones are neither done nor failed).
    qint64 failed() const { return m_failed; }
    // Body bytes, after Qt's transparent decompression.
    qint64 bytesReceived() const { return m_bytesReceived; }
    qint64 bytesSent() const { return m_bytesSent; }
    // Latency of answered attempts (send → last byte; streams: send → headers), recent samples.
    double latencyP50Ms() const { return m_latencies.percentile(50); }
    double latencyP95Ms() const { return m_latencies.percentile(95); }
    double latencyP99Ms() const { return m_latencies.percentile(99); }

    void setNotifyInterval(std::chrono::milliseconds interval) { m_notifyTimer.setInterval(interval); }

    // Written by the transport.
    void setInFlight(int inFlight);
    void setQueued(int queued);
    void addDone();
    void addRetried();
    void addFailed();
    void addBytesReceived(qint64 bytes);
    void addBytesSent(qint64 bytes);
    void addLatency(std::chrono::milliseconds latency);

Q_SIGNALS:
    void changed();

private:
    void touch();

    int m_inFlight = 0;
    int m_queued = 0;
    qint64 m_done = 0;
    qint64 m_retried = 0;
    qint64 m_failed = 0;
    qint64 m_bytesReceived = 0;
    qint64 m_bytesSent = 0;
    LatencyReservoir m_latencies;
    QTimer m_notifyTimer;
};

} // namespace binnacle::transport
