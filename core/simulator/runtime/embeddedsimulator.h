#pragma once

#include "simulator.h"

#include <QObject>
#include <QThread>
#include <functional>

namespace binnacle::sim {

// Runs a Simulator on a thread of its own, so that an application (the demo mode, tests) can host a
// cluster without the simulator's work ever touching the caller's thread.
class EmbeddedSimulator : public QObject {
    Q_OBJECT
public:
    explicit EmbeddedSimulator(SimulatorOptions options, QObject* parent = nullptr);
    ~EmbeddedSimulator() override;

    // Starts asynchronously: `ready` or `failed` follows.
    void start();
    const SimulatorCredentials& credentials() const { return m_credentials; }
    QByteArray kubeconfig() const { return m_kubeconfig; }
    // Runs `work` on the simulator's thread and blocks until it is done (benchmarks, test set-up;
    // never from a GUI thread that must stay responsive).
    void runBlocking(const std::function<void(Simulator&)>& work);

Q_SIGNALS:
    void ready();
    void failed(const QString& error);

private:
    SimulatorOptions m_options;
    QThread m_thread;
    Simulator* m_simulator = nullptr;
    SimulatorCredentials m_credentials;
    QByteArray m_kubeconfig;
};

} // namespace binnacle::sim
