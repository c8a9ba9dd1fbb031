#pragma once

// Shared by the edit-flow tests: the dynamic client's simulator fixture, and a wait for a session to
// settle.
#include "dynamictesting.h"
#include "editsession.h"

#include <QSignalSpy>

namespace editingtesting {

using namespace binnacle;
using editing::EditSession;

// Waits until the session is no longer loading, previewing or applying.
inline bool settle(EditSession& session) {
    return QTest::qWaitFor([&] { return !session.busy(); }, 20000);
}

inline QString describeSession(const EditSession& session) {
    QStringList lines{QStringLiteral("state %1").arg(int(session.state()))};
    for (const editing::EditError& error : session.errors()) {
        lines.append(QStringLiteral("line %1: %2 (%3)").arg(error.line).arg(error.message, error.field));
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace editingtesting
