#include "editerrors.h"

#include "fieldlocator.h"

namespace binnacle::editing::editerrors {

QList<EditError> fromYaml(const YamlError& error) {
    return {EditError{error.line, error.column, QString(), error.message}};
}

QList<EditError> fromFailure(const dynamic::ObjectResult& result, const DocValue& edited) {
    QList<EditError> errors;
    if (!result.error) {
        return errors;
    }
    const transport::ApiError& failure = *result.error;
    for (const transport::StatusCause& cause : failure.status().causes) {
        EditError error;
        error.field = cause.field;
        error.message = cause.message.isEmpty() ? cause.reason : cause.message;
        if (!cause.field.isEmpty()) {
            const FieldLocator::Location location = FieldLocator::locate(edited, cause.field);
            error.line = location.line;
            error.column = location.column;
        }
        errors.append(error);
    }
    if (errors.isEmpty()) {
        QString message = failure.message();
        if (failure.kind() == transport::ApiError::Kind::Status && !failure.status().message.isEmpty()) {
            message = failure.status().message;
        }
        errors.append(EditError{0, 0, QString(), message});
    }
    return errors;
}

QString managerOfCause(const QString& message) {
    static const QString prefix = QStringLiteral("conflict with ");
    if (!message.startsWith(prefix)) {
        return message;
    }
    const QString rest = message.mid(prefix.size());
    if (rest.startsWith(QLatin1Char('"'))) {
        const qsizetype end = rest.indexOf(QLatin1Char('"'), 1);
        return end > 0 ? rest.mid(1, end - 1) : rest.mid(1);
    }
    return rest.section(QLatin1Char(' '), 0, 0);
}

QList<ManagerConflict> managerConflicts(const dynamic::ObjectResult& result, const DocValue& edited) {
    QList<ManagerConflict> conflicts;
    if (!result.error) {
        return conflicts;
    }
    for (const transport::StatusCause& cause : result.error->status().causes) {
        if (cause.reason != QLatin1String("FieldManagerConflict")) {
            continue;
        }
        conflicts.append(
            {managerOfCause(cause.message), cause.field, FieldLocator::locate(edited, cause.field).line});
    }
    return conflicts;
}

} // namespace binnacle::editing::editerrors
