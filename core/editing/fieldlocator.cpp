#include "fieldlocator.h"

#include <QStringList>

namespace binnacle::editing {

namespace {

struct Step {
    bool bracket = false;
    QString text; // a key, or what stood between the brackets
};

QList<Step> parse(const QString& path) {
    QList<Step> steps;
    QString current;
    auto flush = [&] {
        if (!current.isEmpty()) {
            steps.append({false, current});
            current.clear();
        }
    };
    for (qsizetype i = 0; i < path.size(); ++i) {
        const QChar c = path.at(i);
        if (c == u'.') {
            flush();
        } else if (c == u'[') {
            flush();
            QString inside;
            bool quoted = false;
            for (++i; i < path.size() && (quoted || path.at(i) != u']'); ++i) {
                if (path.at(i) == u'"' && (i == 0 || path.at(i - 1) != u'\\')) {
                    quoted = !quoted;
                }
                inside += path.at(i);
            }
            steps.append({true, inside});
        } else {
            current += c;
        }
    }
    flush();
    return steps;
}

// "name=\"web\"" or "containerPort=80,protocol=\"TCP\"": the item whose fields have those JSON values.
bool matchesSelector(const DocValue& item, const QString& selector) {
    if (!item.isObject()) {
        return false;
    }
    for (const QString& pair : selector.split(QLatin1Char(','))) {
        const qsizetype equals = pair.indexOf(QLatin1Char('='));
        if (equals <= 0) {
            return false;
        }
        const DocValue* field = item.member(pair.left(equals));
        const DocValue expected = DocValue::fromJson(pair.mid(equals + 1).toUtf8());
        // An unquoted value in a hand-written path is a string.
        if (!field || !(*field == expected || field->text == pair.mid(equals + 1))) {
            return false;
        }
    }
    return true;
}

const DocValue* stepInto(const DocValue& value, const Step& step) {
    if (!step.bracket) {
        return value.isObject() ? value.member(step.text) : nullptr;
    }
    if (value.isObject()) { // metadata.labels[app]
        return value.member(step.text);
    }
    if (!value.isArray()) {
        return nullptr;
    }
    bool isIndex = false;
    const int index = step.text.toInt(&isIndex);
    if (isIndex) {
        return index >= 0 && size_t(index) < value.items.size() ? &value.items[size_t(index)] : nullptr;
    }
    if (step.text.startsWith(QLatin1Char('='))) { // a set's value: [="x"]
        const DocValue expected = DocValue::fromJson(step.text.mid(1).toUtf8());
        for (const DocValue& item : value.items) {
            if (item == expected) {
                return &item;
            }
        }
        return nullptr;
    }
    for (const DocValue& item : value.items) {
        if (matchesSelector(item, step.text)) {
            return &item;
        }
    }
    return nullptr;
}

} // namespace

FieldLocator::Location FieldLocator::locate(const DocValue& root, const QString& fieldPath) {
    const QList<Step> steps = parse(fieldPath);
    Location location;
    const DocValue* value = &root;
    qsizetype i = 0;
    while (i < steps.size()) {
        const DocValue* next = nullptr;
        qsizetype consumed = 1;
        if (!steps[i].bracket && value->isObject()) {
            // Keys may hold dots: try the longest run of plain steps that names a member first.
            qsizetype last = i;
            while (last + 1 < steps.size() && !steps[last + 1].bracket) {
                ++last;
            }
            for (qsizetype end = last; end >= i && !next; --end) {
                QStringList parts;
                for (qsizetype k = i; k <= end; ++k) {
                    parts.append(steps[k].text);
                }
                next = value->member(parts.join(QLatin1Char('.')));
                consumed = end - i + 1;
            }
        } else {
            next = stepInto(*value, steps[i]);
        }
        if (!next) {
            return location;
        }
        value = next;
        if (value->line > 0) {
            location.line = value->line;
            location.column = value->column;
        }
        i += consumed;
    }
    location.exact = !steps.isEmpty();
    return location;
}

} // namespace binnacle::editing
