#pragma once

#include "docvalue.h"
#include "dynamicresult.h"
#include "yamlreader.h"

#include <QList>
#include <QString>

namespace binnacle::editing {

// One problem to show at a line of the edited YAML (line 0: about the whole object).
struct EditError {
    int line = 0;
    int column = 0;
    QString field; // the server's field path, when the server named one
    QString message;
};

// A field another field manager owns, from a server-side apply 409 (cause FieldManagerConflict).
struct ManagerConflict {
    QString manager; // "kubectl-client-side-apply", "kube-controller-manager" ...
    QString field;   // ".spec.replicas"
    int line = 0;    // in the edited YAML; 0 when not found
};

// Turns the server's answers into what an editor shows: 422 causes at their lines, SSA conflicts by
// manager, anything else as one message.
namespace editerrors {

QList<EditError> fromYaml(const YamlError& error);
// Every cause of the failure, located in `edited` (the YAML the request was made from); a failure with no
// causes gives one error with the Status message.
QList<EditError> fromFailure(const dynamic::ObjectResult& result, const DocValue& edited);
// The FieldManagerConflict causes of an apply failure; empty when it has none.
QList<ManagerConflict> managerConflicts(const dynamic::ObjectResult& result, const DocValue& edited);
// The manager a cause message names: `conflict with "kubectl" using apps/v1` → kubectl.
QString managerOfCause(const QString& message);

} // namespace editerrors

} // namespace binnacle::editing
