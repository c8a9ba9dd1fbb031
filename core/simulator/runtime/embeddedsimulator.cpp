#include "embeddedsimulator.h"

#include <QMetaObject>

namespace binnacle::sim {

EmbeddedSimulator::EmbeddedSimulator(SimulatorOptions options, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options)) {
    m_thread.setObjectName(QStringLiteral("binnacle-sim"));
}

EmbeddedSimulator::~EmbeddedSimulator() {
    if (m_simulator) {
        // The simulator lives on its thread: delete it there, then stop the thread.
        QMetaObject::invokeMethod(m_simulator, &QObject::deleteLater);
    }
    m_thread.quit();
    m_thread.wait();
}

void EmbeddedSimulator::start() {
    m_simulator = new Simulator(m_options);
    m_simulator->moveToThread(&m_thread);
    m_thread.start();
    QMetaObject::invokeMethod(m_simulator, [this] {
        QString error;
        if (!m_simulator->start(&error)) {
            QMetaObject::invokeMethod(
                this, [this, error] { Q_EMIT failed(error); }, Qt::QueuedConnection);
            return;
        }
        const SimulatorCredentials credentials = m_simulator->credentials();
        const QByteArray kubeconfig = m_simulator->kubeconfig();
        QMetaObject::invokeMethod(
            this,
            [this, credentials, kubeconfig] {
                m_credentials = credentials;
                m_kubeconfig = kubeconfig;
                Q_EMIT ready();
            },
            Qt::QueuedConnection);
    });
}

void EmbeddedSimulator::runBlocking(const std::function<void(Simulator&)>& work) {
    QMetaObject::invokeMethod(
        m_simulator, [this, &work] { work(*m_simulator); }, Qt::BlockingQueuedConnection);
}

} // namespace binnacle::sim
