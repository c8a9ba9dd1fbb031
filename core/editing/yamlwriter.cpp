#include "yamlwriter.h"

#include "kubeyamlscalar.h"

#include <QStringList>

namespace binnacle::editing {

namespace {

using namespace cli::yamlscalar;

class Writer {
public:
    QString text;

    void value(const DocValue& v, int indent);
    void mapping(const DocValue& object, int indent, bool continuesLine);
    void sequence(const DocValue& array, int indent);

private:
    void startLine(int indent) {
        if (!text.isEmpty()) {
            text += QLatin1Char('\n');
        }
        text += QString(indent, QLatin1Char(' '));
    }
    void scalar(const QString& s, int indent, bool key);
    void doubleQuoted(const QString& s);
    void literal(const QString& s, int indent);
};

void Writer::doubleQuoted(const QString& s) {
    text += QLatin1Char('"');
    for (const QChar c : s) {
        const ushort u = c.unicode();
        switch (u) {
        case '"':
            text += QLatin1String("\\\"");
            break;
        case '\\':
            text += QLatin1String("\\\\");
            break;
        case '\n':
            text += QLatin1String("\\n");
            break;
        case '\t':
            text += QLatin1String("\\t");
            break;
        case '\r':
            text += QLatin1String("\\r");
            break;
        default:
            if (!c.isSurrogate() && !isPrintable(c)) {
                text += QStringLiteral("\\u%1").arg(u, 4, 16, QLatin1Char('0'));
            } else {
                text += c;
            }
        }
    }
    text += QLatin1Char('"');
}

void Writer::literal(const QString& s, int indent) {
    text += QLatin1Char('|');
    if (s.front() == QLatin1Char(' ') || s.front() == QLatin1Char('\n')) {
        text += QLatin1Char('2'); // indentation indicator: the content starts with a space
    }
    if (!s.endsWith(QLatin1Char('\n'))) {
        text += QLatin1Char('-');
    } else if (s.size() == 1 || s.at(s.size() - 2) == QLatin1Char('\n')) {
        text += QLatin1Char('+');
    }
    QString body = s;
    if (body.endsWith(QLatin1Char('\n'))) {
        body.chop(1);
    }
    const QStringList lines = body.split(QLatin1Char('\n'));
    for (const QString& line : lines) {
        text += QLatin1Char('\n');
        if (!line.isEmpty()) {
            text += QString(indent, QLatin1Char(' ')) + line;
        }
    }
}

void Writer::scalar(const QString& s, int indent, bool key) {
    const ScalarAnalysis a = analyze(s);
    if (a.multiline) {
        if (a.blockAllowed && !key) {
            literal(s, indent);
        } else {
            doubleQuoted(s);
        }
    } else if (resolvesToNonString(s)) {
        doubleQuoted(s);
    } else if (a.plainAllowed) {
        text += s;
    } else if (a.singleQuotedAllowed) {
        text += QLatin1Char('\'') + QString(s).replace(QLatin1Char('\''), QLatin1String("''")) +
                QLatin1Char('\'');
    } else {
        doubleQuoted(s);
    }
}

void Writer::mapping(const DocValue& object, int indent, bool continuesLine) {
    bool first = true;
    for (const auto& [key, v] : object.members) {
        if (!(first && continuesLine)) {
            startLine(indent);
        }
        first = false;
        scalar(key, indent, true);
        text += QLatin1Char(':');
        if (v.isObject() && !v.members.empty()) {
            mapping(v, indent + 2, false);
        } else if (v.isArray() && !v.items.empty()) {
            sequence(v, indent);
        } else {
            text += QLatin1Char(' ');
            value(v, indent + 2);
        }
    }
}

void Writer::sequence(const DocValue& array, int indent) {
    for (const DocValue& item : array.items) {
        startLine(indent);
        text += QLatin1String("- ");
        if (item.isObject() && !item.members.empty()) {
            mapping(item, indent + 2, true);
        } else if (item.isArray() && !item.items.empty()) {
            // A nested sequence starts on the dash's line.
            Writer nested;
            nested.sequence(item, 0);
            text += nested.text.replace(QLatin1Char('\n'),
                                        QLatin1Char('\n') + QString(indent + 2, QLatin1Char(' ')));
        } else {
            value(item, indent + 2);
        }
    }
}

void Writer::value(const DocValue& v, int indent) {
    switch (v.type) {
    case DocValue::Type::Object:
        if (v.members.empty()) {
            text += QLatin1String("{}");
        } else {
            mapping(v, indent, false);
        }
        break;
    case DocValue::Type::Array:
        if (v.items.empty()) {
            text += QLatin1String("[]");
        } else {
            sequence(v, indent);
        }
        break;
    case DocValue::Type::String:
        scalar(v.text, indent, false);
        break;
    case DocValue::Type::Number:
    case DocValue::Type::Bool:
        text += v.text;
        break;
    case DocValue::Type::Null:
        text += QLatin1String("null");
        break;
    }
}

} // namespace

QString YamlWriter::write(const DocValue& value) {
    Writer writer;
    writer.value(value, 0);
    return writer.text + QLatin1Char('\n');
}

} // namespace binnacle::editing
