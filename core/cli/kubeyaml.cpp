#include "kubeyaml.h"

#include "kubeyamlscalar.h"

#include <QJsonArray>
#include <QJsonObject>
#include <algorithm>
#include <cmath>

namespace binnacle::cli {

namespace {

constexpr int bestWidth = 80;

using namespace yamlscalar;

class Writer {
public:
    QString text;

    void value(const QJsonValue& v, int indent, bool inSequence);

private:
    int column() const { return int(text.size() - (text.lastIndexOf(QLatin1Char('\n')) + 1)); }
    void newlineIndent(int indent) {
        text += QLatin1Char('\n');
        text += QString(indent, QLatin1Char(' '));
    }
    void scalar(const QString& s, int indent, bool simpleKey);
    void folded(const QString& s, int indent, QChar quote, bool allowBreaks);
    void literal(const QString& s, int indent);
    void doubleQuoted(const QString& s, int indent, bool allowBreaks);
    void mapping(const QJsonObject& object, int indent, bool inSequence);
    void sequence(const QJsonArray& array, int indent);
};

void Writer::folded(const QString& s, int indent, QChar quote, bool allowBreaks) {
    // Plain (quote null) or single-quoted, breaking at a lone space once past the best width.
    if (!quote.isNull()) {
        text += quote;
    }
    bool spaces = false;
    for (qsizetype i = 0; i < s.size(); ++i) {
        const QChar c = s.at(i);
        if (c == QLatin1Char(' ')) {
            const bool inner = quote.isNull() || (i > 0 && i < s.size() - 1);
            if (allowBreaks && !spaces && column() > bestWidth && inner &&
                !(i + 1 < s.size() && s.at(i + 1) == QLatin1Char(' '))) {
                newlineIndent(indent);
            } else {
                text += c;
            }
            spaces = true;
        } else {
            if (c == QLatin1Char('\'') && !quote.isNull()) {
                text += QLatin1Char('\'');
            }
            text += c;
            spaces = false;
        }
    }
    if (!quote.isNull()) {
        text += quote;
    }
}

void Writer::doubleQuoted(const QString& s, int indent, bool allowBreaks) {
    text += QLatin1Char('"');
    bool spaces = false;
    for (qsizetype i = 0; i < s.size(); ++i) {
        const QChar c = s.at(i);
        const ushort u = c.unicode();
        if (c.isHighSurrogate() && i + 1 < s.size() && s.at(i + 1).isLowSurrogate()) {
            const char32_t codePoint = QChar::surrogateToUcs4(c, s.at(i + 1));
            text += QStringLiteral("\\U%1")
                        .arg(uint(codePoint), 8, 16, QLatin1Char('0'))
                        .toUpper()
                        .replace(1, 1, QLatin1Char('U'));
            ++i;
            spaces = false;
            continue;
        }
        if (!isPrintable(c) || u == 0xFEFF || c == QLatin1Char('"') || c == QLatin1Char('\\') ||
            c == QLatin1Char('\n')) {
            text += QLatin1Char('\\');
            switch (u) {
            case 0x00:
                text += QLatin1Char('0');
                break;
            case 0x07:
                text += QLatin1Char('a');
                break;
            case 0x08:
                text += QLatin1Char('b');
                break;
            case 0x09:
                text += QLatin1Char('t');
                break;
            case 0x0A:
                text += QLatin1Char('n');
                break;
            case 0x0B:
                text += QLatin1Char('v');
                break;
            case 0x0C:
                text += QLatin1Char('f');
                break;
            case 0x0D:
                text += QLatin1Char('r');
                break;
            case 0x1B:
                text += QLatin1Char('e');
                break;
            case 0x22:
                text += QLatin1Char('"');
                break;
            case 0x5C:
                text += QLatin1Char('\\');
                break;
            case 0x85:
                text += QLatin1Char('N');
                break;
            case 0xA0:
                text += QLatin1Char('_');
                break;
            default:
                if (u <= 0xFF) {
                    text += QStringLiteral("x%1")
                                .arg(u, 2, 16, QLatin1Char('0'))
                                .toUpper()
                                .replace(0, 1, QLatin1Char('x'));
                } else {
                    text += QStringLiteral("u%1")
                                .arg(u, 4, 16, QLatin1Char('0'))
                                .toUpper()
                                .replace(0, 1, QLatin1Char('u'));
                }
            }
            spaces = false;
        } else if (c == QLatin1Char(' ')) {
            if (allowBreaks && !spaces && column() > bestWidth && i != 0 && i != s.size() - 1) {
                newlineIndent(indent);
                if (i + 1 < s.size() && s.at(i + 1) == QLatin1Char(' ')) {
                    text += QLatin1Char('\\');
                }
            } else {
                text += c;
            }
            spaces = true;
        } else {
            text += c;
            spaces = false;
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

void Writer::scalar(const QString& s, int indent, bool simpleKey) {
    // go-yaml's stringv asks for a literal block (multi-line), plain (reads back as a string) or double
    // quotes; the emitter then falls back to single and double quotes when the style cannot hold the text.
    const ScalarAnalysis a = analyze(s);
    if (a.multiline) {
        if (a.blockAllowed && !simpleKey) {
            literal(s, indent);
        } else {
            doubleQuoted(s, indent, !simpleKey);
        }
    } else if (!resolvesToNonString(s)) {
        if (a.plainAllowed) {
            folded(s, indent, QChar(), !simpleKey);
        } else if (a.singleQuotedAllowed) {
            folded(s, indent, QLatin1Char('\''), !simpleKey);
        } else {
            doubleQuoted(s, indent, !simpleKey);
        }
    } else {
        doubleQuoted(s, indent, !simpleKey);
    }
}

QString number(double d) {
    if (std::isfinite(d) && std::floor(d) == d && std::fabs(d) < 9.007199254740992e15) {
        return QString::number(qint64(d));
    }
    if (std::isnan(d)) {
        return QStringLiteral(".nan");
    }
    if (std::isinf(d)) {
        return d > 0 ? QStringLiteral(".inf") : QStringLiteral("-.inf");
    }
    QString s = QString::number(d, 'g', 17);
    // Shortest form that reads back the same, as Go's FormatFloat(f, 'g', -1, 64).
    for (int precision = 1; precision <= 17; ++precision) {
        const QString candidate = QString::number(d, 'g', precision);
        if (candidate.toDouble() == d) {
            s = candidate;
            break;
        }
    }
    return s;
}

void Writer::mapping(const QJsonObject& object, int indent, bool inSequence) {
    QStringList keys = object.keys();
    std::sort(keys.begin(), keys.end(), yamlKeyLess);
    bool first = true;
    for (const QString& key : std::as_const(keys)) {
        if (!(first && inSequence)) {
            if (!text.isEmpty()) {
                text += QLatin1Char('\n');
            }
            text += QString(indent, QLatin1Char(' '));
        }
        first = false;
        scalar(key, indent, true);
        text += QLatin1Char(':');
        const QJsonValue v = object.value(key);
        if (v.isObject() && !v.toObject().isEmpty()) {
            mapping(v.toObject(), indent + 2, false);
        } else if (v.isArray() && !v.toArray().isEmpty()) {
            sequence(v.toArray(), indent);
        } else {
            text += QLatin1Char(' ');
            value(v, indent + 2, false);
        }
    }
}

void Writer::sequence(const QJsonArray& array, int indent) {
    for (const QJsonValue& item : array) {
        if (!text.isEmpty()) {
            text += QLatin1Char('\n');
        }
        text += QString(indent, QLatin1Char(' ')) + QStringLiteral("- ");
        if (item.isObject() && !item.toObject().isEmpty()) {
            mapping(item.toObject(), indent + 2, true);
        } else if (item.isArray() && !item.toArray().isEmpty()) {
            // A nested sequence starts on the dash's line.
            Writer nested;
            nested.sequence(item.toArray(), 0);
            text += nested.text.mid(0).replace(QLatin1Char('\n'),
                                               QLatin1Char('\n') + QString(indent + 2, QLatin1Char(' ')));
        } else {
            value(item, indent + 2, true);
        }
    }
}

void Writer::value(const QJsonValue& v, int indent, bool inSequence) {
    switch (v.type()) {
    case QJsonValue::Object:
        if (v.toObject().isEmpty()) {
            text += QStringLiteral("{}");
        } else {
            mapping(v.toObject(), indent, inSequence);
        }
        break;
    case QJsonValue::Array:
        if (v.toArray().isEmpty()) {
            text += QStringLiteral("[]");
        } else {
            sequence(v.toArray(), indent);
        }
        break;
    case QJsonValue::String:
        scalar(v.toString(), indent, false);
        break;
    case QJsonValue::Double:
        text += number(v.toDouble());
        break;
    case QJsonValue::Bool:
        text += v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        break;
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        text += QStringLiteral("null");
        break;
    }
}

} // namespace

bool yamlKeyLess(const QString& a, const QString& b) {
    const QList<uint> ar = a.toUcs4();
    const QList<uint> br = b.toUcs4();
    for (qsizetype i = 0; i < ar.size() && i < br.size(); ++i) {
        if (ar[i] == br[i]) {
            continue;
        }
        const bool al = QChar::isLetter(ar[i]);
        const bool bl = QChar::isLetter(br[i]);
        if (al && bl) {
            return ar[i] < br[i];
        }
        if (al || bl) {
            return bl;
        }
        qint64 an = 0;
        qint64 bn = 0;
        if (ar[i] == '0' || br[i] == '0') {
            for (qsizetype j = i - 1; j >= 0 && QChar::isDigit(ar[j]); --j) {
                if (ar[j] != '0') {
                    an = 1;
                    bn = 1;
                    break;
                }
            }
        }
        qsizetype ai = i;
        for (; ai < ar.size() && QChar::isDigit(ar[ai]); ++ai) {
            an = an * 10 + qint64(ar[ai] - '0');
        }
        qsizetype bi = i;
        for (; bi < br.size() && QChar::isDigit(br[bi]); ++bi) {
            bn = bn * 10 + qint64(br[bi] - '0');
        }
        if (an != bn) {
            return an < bn;
        }
        if (ai != bi) {
            return ai < bi;
        }
        return ar[i] < br[i];
    }
    return ar.size() < br.size();
}

QString toKubectlYaml(const QJsonValue& value) {
    Writer writer;
    writer.value(value, 0, false);
    return writer.text + QLatin1Char('\n');
}

} // namespace binnacle::cli
