#include "compactjson.h"

#include <QCborValue>
#include <QLocale>
#include <cmath>

namespace binnacle::sim::compactjson {

namespace {

char hexDigit(unsigned value) {
    return char(value < 10 ? '0' + value : 'a' + value - 10);
}

// Qt writes what it cannot encode as UTF-8 (a lone surrogate) as a \u escape of the UTF-16 unit.
void appendUnicodeEscape(char*& cursor, char16_t unit) {
    *cursor++ = '\\';
    *cursor++ = 'u';
    *cursor++ = hexDigit(unit >> 12 & 0xf);
    *cursor++ = hexDigit(unit >> 8 & 0xf);
    *cursor++ = hexDigit(unit >> 4 & 0xf);
    *cursor++ = hexDigit(unit & 0xf);
}

void appendInteger(QByteArray& out, qint64 value) {
    char digits[24];
    char* end = digits + sizeof digits;
    char* cursor = end;
    // Through the unsigned magnitude, so that the most negative value needs no special case.
    quint64 magnitude = value < 0 ? 0 - quint64(value) : quint64(value);
    do {
        *--cursor = char('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude != 0);
    if (value < 0) {
        *--cursor = '-';
    }
    out.append(cursor, end - cursor);
}

void appendNumber(QByteArray& out, const QJsonValue& value) {
    // QJsonValue keeps integers and doubles apart (QCborValue underneath) and Qt writes them
    // differently (1000000 vs 1e+06); the variant's type tells which one this is.
    const QCborValue cbor = QCborValue::fromJsonValue(value);
    if (cbor.isInteger()) {
        appendInteger(out, cbor.toInteger());
        return;
    }
    const double number = value.toDouble();
    if (std::isfinite(number)) {
        out += QByteArray::number(number, 'g', QLocale::FloatingPointShortest);
    } else {
        out += "null"; // RFC 4627: no INF or NaN in JSON
    }
}

} // namespace

void appendString(QByteArray& out, QStringView text) {
    // Worst case per UTF-16 unit: six bytes (\u00XX or \uXXXX); a surrogate pair makes four.
    const qsizetype start = out.size();
    out.resize(start + 2 + text.size() * 6);
    char* const begin = out.data() + start;
    char* cursor = begin;
    *cursor++ = '"';
    const char16_t* source = text.utf16();
    const char16_t* const end = source + text.size();
    while (source != end) {
        const char16_t unit = *source++;
        if (unit < 0x80) {
            if (unit >= 0x20 && unit != '"' && unit != '\\') {
                *cursor++ = char(unit);
                continue;
            }
            *cursor++ = '\\';
            switch (unit) {
            case '"':
                *cursor++ = '"';
                break;
            case '\\':
                *cursor++ = '\\';
                break;
            case '\b':
                *cursor++ = 'b';
                break;
            case '\f':
                *cursor++ = 'f';
                break;
            case '\n':
                *cursor++ = 'n';
                break;
            case '\r':
                *cursor++ = 'r';
                break;
            case '\t':
                *cursor++ = 't';
                break;
            default:
                *cursor++ = 'u';
                *cursor++ = '0';
                *cursor++ = '0';
                *cursor++ = hexDigit(unit >> 4);
                *cursor++ = hexDigit(unit & 0xf);
            }
        } else if (unit < 0x800) {
            *cursor++ = char(0xc0 | (unit >> 6));
            *cursor++ = char(0x80 | (unit & 0x3f));
        } else if (unit < 0xd800 || unit > 0xdfff) {
            *cursor++ = char(0xe0 | (unit >> 12));
            *cursor++ = char(0x80 | ((unit >> 6) & 0x3f));
            *cursor++ = char(0x80 | (unit & 0x3f));
        } else if (unit <= 0xdbff && source != end && *source >= 0xdc00 && *source <= 0xdfff) {
            const char32_t code = 0x10000 + ((char32_t(unit) - 0xd800) << 10) + (*source++ - 0xdc00);
            *cursor++ = char(0xf0 | (code >> 18));
            *cursor++ = char(0x80 | ((code >> 12) & 0x3f));
            *cursor++ = char(0x80 | ((code >> 6) & 0x3f));
            *cursor++ = char(0x80 | (code & 0x3f));
        } else {
            appendUnicodeEscape(cursor, unit);
        }
    }
    *cursor++ = '"';
    out.resize(start + (cursor - begin));
}

void append(QByteArray& out, const QJsonValue& value) {
    switch (value.type()) {
    case QJsonValue::Bool:
        out += value.toBool() ? "true" : "false";
        break;
    case QJsonValue::Double:
        appendNumber(out, value);
        break;
    case QJsonValue::String:
        appendString(out, value.toString());
        break;
    case QJsonValue::Array:
        append(out, value.toArray());
        break;
    case QJsonValue::Object:
        append(out, value.toObject());
        break;
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        out += "null";
        break;
    }
}

void append(QByteArray& out, const QJsonObject& object) {
    out += '{';
    bool first = true;
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (!first) {
            out += ',';
        }
        first = false;
        appendString(out, it.key());
        out += ':';
        append(out, it.value());
    }
    out += '}';
}

void append(QByteArray& out, const QJsonArray& array) {
    out += '[';
    bool first = true;
    for (const QJsonValue& element : array) {
        if (!first) {
            out += ',';
        }
        first = false;
        append(out, element);
    }
    out += ']';
}

QByteArray toJson(const QJsonObject& object) {
    QByteArray out;
    out.reserve(1024);
    append(out, object);
    return out;
}

QByteArray toJson(const QJsonArray& array) {
    QByteArray out;
    out.reserve(256);
    append(out, array);
    return out;
}

} // namespace binnacle::sim::compactjson
