#pragma once

// Shared by the exec and shell tests: what a session delivered, and exec options for a command.
#include "execsession.h"
#include "streamingtesting.h"

#include <QObject>

namespace streamingtesting {

using binnacle::streaming::ExecOptions;
using binnacle::streaming::ExecResult;

// Collects what a session delivers.
struct Transcript : QObject {
    QByteArray out;
    QByteArray err;
    std::optional<ExecResult> result;
    QString startedShell;

    template <typename Session> void watch(Session* session) {
        QObject::connect(session, &Session::stdoutReceived, this, [this](const QByteArray& d) { out += d; });
        QObject::connect(session, &Session::stderrReceived, this, [this](const QByteArray& d) { err += d; });
        QObject::connect(session, &Session::finished, this, [this](const ExecResult& r) { result = r; });
    }
};

inline ExecOptions command(const QString& pod, const QStringList& argv, bool withStdin = false) {
    ExecOptions options;
    options.namespaceName = testNamespace;
    options.podName = pod;
    options.command = argv;
    options.stdinEnabled = withStdin;
    return options;
}

} // namespace streamingtesting
