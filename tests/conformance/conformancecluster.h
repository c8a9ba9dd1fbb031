#pragma once

#include "kubectl.h"
#include "kubectltable.h"
#include "simulatorprocess.h"

#include <QCoreApplication>
#include <QTest>
#include <QTextStream>
#include <functional>

namespace binnacle::sim::conformance {

// One simulator for a whole test class and the kubectl that talks to it, with the few steps every conformance
// test repeats: make a namespace, create objects from YAML, wait for the cluster to get somewhere.
class ConformanceCluster {
public:
    explicit ConformanceCluster(QStringList simulatorArguments = {});

    bool start(QString* error);
    SimulatorProcess& simulator() { return m_simulator; }
    Kubectl kubectl(const QString& context = QStringLiteral("sim-admin")) const;

    // kubectl create -f - (in `namespaceName` when given).
    KubectlResult create(const QByteArray& yaml, const QString& namespaceName = {}) const;
    // Creates a namespace from a manifest (kubectl create namespace would send protobuf; this sends JSON).
    bool createNamespace(const QString& name, QString* error) const;
    // Runs kubectl until `done` accepts the result or timeoutMs passes; returns the last result.
    KubectlResult poll(const QStringList& arguments, const std::function<bool(const KubectlResult&)>& done,
                       int timeoutMs) const;
    // Writes a file in the simulator's scratch directory and returns its path.
    QString writeFile(const QString& name, const QByteArray& content) const;
    // POST /binnacle-sim/faults with the admin token, through kubectl create --raw.
    KubectlResult setFaults(const QByteArray& json) const;

private:
    SimulatorProcess m_simulator;
};

// Splits kubectl's header line (the first line of stdout) into column names.
QStringList headerColumns(const QString& kubectlOutput);

} // namespace binnacle::sim::conformance

// main() for a conformance test: without kubectl on PATH the test says so and exits with 77 (ctest: skipped).
#define BINNACLE_CONFORMANCE_MAIN(TestObject)                                                                \
    int main(int argc, char* argv[]) {                                                                       \
        QCoreApplication app(argc, argv);                                                                    \
        if (binnacle::sim::conformance::Kubectl::executable().isEmpty()) {                                   \
            QTextStream(stdout) << "kubectl is not on PATH: skipping the kubectl conformance test\n";        \
            return 77;                                                                                       \
        }                                                                                                    \
        QTextStream(stdout) << "kubectl: " << binnacle::sim::conformance::Kubectl::executable() << '\n';     \
        TestObject test;                                                                                     \
        QTEST_SET_MAIN_SOURCE_PATH                                                                           \
        return QTest::qExec(&test, argc, argv);                                                              \
    }
