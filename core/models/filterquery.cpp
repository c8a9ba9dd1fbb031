#include "filterquery.h"

#include <QRegularExpression>

namespace binnacle {

FilterQuery FilterQuery::parse(const QString& text) {
    FilterQuery query;
    // Set-based selectors first (they contain spaces), then the remaining whitespace-separated tokens.
    static const QRegularExpression setBased(
        QStringLiteral(R"(([A-Za-z0-9_./-]+)\s+(in|notin)\s*\(([^)]*)\))"));
    QString rest = text;
    auto match = setBased.match(rest);
    while (match.hasMatch()) {
        Term term;
        term.kind = match.captured(2) == QLatin1String("in") ? Term::Kind::LabelIn : Term::Kind::LabelNotIn;
        term.key = match.captured(1);
        for (const QString& value : match.captured(3).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            term.values.append(value.trimmed());
        }
        query.m_terms.append(term);
        rest.replace(match.capturedStart(), match.capturedLength(), QStringLiteral(" "));
        match = setBased.match(rest);
    }
    if (rest.contains(QLatin1Char('('))) {
        query.m_error = QStringLiteral("unclosed parenthesis in a set-based selector");
    }
    for (const QString& token : rest.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts)) {
        const bool selectorList = token.contains(QLatin1Char('=')) && token.contains(QLatin1Char(','));
        for (const QString& part :
             selectorList ? token.split(QLatin1Char(','), Qt::SkipEmptyParts) : QStringList{token}) {
            query.m_terms.append(classify(part));
        }
    }
    return query;
}

FilterQuery::Term FilterQuery::classify(const QString& token) {
    Term term;
    const auto keyValue = [&term, &token](Term::Kind kind, const QString& separator) {
        const qsizetype at = token.indexOf(separator);
        term.kind = kind;
        term.key = token.left(at);
        term.values = {token.mid(at + separator.size())};
    };
    if (token.startsWith(QLatin1String("status:"), Qt::CaseInsensitive)) {
        term.kind = Term::Kind::Status;
        term.values = {token.mid(7)};
    } else if (token.startsWith(QLatin1String("ns:"), Qt::CaseInsensitive)) {
        term.kind = Term::Kind::Namespace;
        term.values = {token.mid(3)};
    } else if (token.startsWith(QLatin1String("namespace:"), Qt::CaseInsensitive)) {
        term.kind = Term::Kind::Namespace;
        term.values = {token.mid(10)};
    } else if (token.startsWith(QLatin1String("has:"))) {
        term.kind = Term::Kind::LabelExists;
        term.key = token.mid(4);
    } else if (token.startsWith(QLatin1Char('!')) && token.size() > 1 && !token.contains(QLatin1Char('='))) {
        term.kind = Term::Kind::LabelMissing;
        term.key = token.mid(1);
    } else if (token.contains(QLatin1String("!="))) {
        keyValue(Term::Kind::LabelNotEquals, QStringLiteral("!="));
    } else if (token.contains(QLatin1String("=="))) {
        keyValue(Term::Kind::LabelEquals, QStringLiteral("=="));
    } else if (token.indexOf(QLatin1Char('=')) > 0) {
        keyValue(Term::Kind::LabelEquals, QStringLiteral("="));
    } else {
        term.kind = Term::Kind::Text;
        term.values = {token};
    }
    return term;
}

bool FilterQuery::matches(const Row& row) const {
    for (const Term& term : m_terms) {
        QString value;
        switch (term.kind) {
        case Term::Kind::Text: {
            const QString& word = term.values.constFirst();
            bool found = row.name.contains(word, Qt::CaseInsensitive) ||
                         row.namespaceName.contains(word, Qt::CaseInsensitive);
            for (qsizetype i = 0; !found && i < row.cells.size(); ++i) {
                found = row.cells.at(i).contains(word, Qt::CaseInsensitive);
            }
            if (!found) {
                return false;
            }
            break;
        }
        case Term::Kind::LabelEquals:
            if (!row.label(term.key, &value) || value != term.values.constFirst()) {
                return false;
            }
            break;
        case Term::Kind::LabelNotEquals: // as Kubernetes: a missing label is "not equal"
            if (row.label(term.key, &value) && value == term.values.constFirst()) {
                return false;
            }
            break;
        case Term::Kind::LabelIn:
            if (!row.label(term.key, &value) || !term.values.contains(value)) {
                return false;
            }
            break;
        case Term::Kind::LabelNotIn:
            if (row.label(term.key, &value) && term.values.contains(value)) {
                return false;
            }
            break;
        case Term::Kind::LabelExists:
            if (!row.label(term.key, &value)) {
                return false;
            }
            break;
        case Term::Kind::LabelMissing:
            if (row.label(term.key, &value)) {
                return false;
            }
            break;
        case Term::Kind::Status:
            if (row.status.compare(term.values.constFirst(), Qt::CaseInsensitive) != 0) {
                return false;
            }
            break;
        case Term::Kind::Namespace:
            if (row.namespaceName != term.values.constFirst()) {
                return false;
            }
            break;
        }
    }
    return true;
}

} // namespace binnacle
