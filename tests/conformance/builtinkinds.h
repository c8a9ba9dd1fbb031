#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace binnacle::sim::conformance {

// One built-in kind for the table tests: a minimal valid object of it and the header kubectl prints for it
// against a real v1.32 API server (pkg/printers/internalversion, as kubectl upper-cases the column names).
struct BuiltinKindCase {
    QString resource;
    QString name;
    QByteArray manifest; // empty: the object exists already (the test namespace, the test CRD)
    QStringList header;
};

// Every kind the simulator serves that `kubectl get` can list, with namespaced objects meant for
// `namespaceName`.
QList<BuiltinKindCase> builtinKindCases(const QString& namespaceName, const QString& crdName);

// "NAME|CREATED AT" -> {"NAME", "CREATED AT"}: '|' separates names that may have inner spaces.
QStringList columns(const char* separated);

} // namespace binnacle::sim::conformance
