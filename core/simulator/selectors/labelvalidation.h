#pragma once

#include <QString>
#include <QStringList>

// Helpers shared by the label-selector parser and the LabelSelector JSON conversion: the label
// key/value validation rules and the error text apimachinery prints for them. Not part of the
// module's public API.
namespace binnacle::sim::detail {

// Go's %q for a string: double-quoted with backslash escapes.
QString goQuote(const QString& text);

// validation.IsQualifiedName: the label-key rules ([prefix/]name). Empty list when valid.
QStringList qualifiedNameErrors(const QString& value);

// validation.IsValidLabelValue. Empty list when valid.
QStringList labelValueErrors(const QString& value);

// field.Invalid(path, value, detail).Error(): "<path>: Invalid value: <value>: <detail>".
// `renderedValue` is already formatted (a quoted string, or JSON for lists).
QString invalidValueError(const QString& path, const QString& renderedValue, const QString& detail);

// utilerrors.NewAggregate(errs).Error(): one message as is, several de-duplicated in "[a, b]".
QString aggregateErrors(const QStringList& errors);

} // namespace binnacle::sim::detail
