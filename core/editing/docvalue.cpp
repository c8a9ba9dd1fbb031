#include "docvalue.h"

#include <algorithm>

namespace binnacle::editing {

namespace {

void writeString(QByteArray& out, const QString& text) {
    out += '"';
    for (const QChar c : text) {
        const ushort u = c.unicode();
        switch (u) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (u < 0x20) {
                out += "\\u00";
                out += QByteArray::number(u, 16).rightJustified(2, '0');
            } else {
                out += QString(c).toUtf8();
            }
        }
    }
    out += '"';
}

void write(QByteArray& out, const DocValue& value) {
    switch (value.type) {
    case DocValue::Type::Null:
        out += "null";
        break;
    case DocValue::Type::Bool:
    case DocValue::Type::Number:
        out += value.text.toUtf8();
        break;
    case DocValue::Type::String:
        writeString(out, value.text);
        break;
    case DocValue::Type::Array:
        out += '[';
        for (size_t i = 0; i < value.items.size(); ++i) {
            if (i > 0) {
                out += ',';
            }
            write(out, value.items[i]);
        }
        out += ']';
        break;
    case DocValue::Type::Object:
        out += '{';
        for (size_t i = 0; i < value.members.size(); ++i) {
            if (i > 0) {
                out += ',';
            }
            writeString(out, value.members[i].first);
            out += ':';
            write(out, value.members[i].second);
        }
        out += '}';
        break;
    }
}

// A strict RFC 8259 reader; QJsonDocument would lose the key order.
class JsonReader {
public:
    explicit JsonReader(const QByteArray& json)
        : m_text(QString::fromUtf8(json)) {}

    DocValue document(QString* error) {
        DocValue value = parseValue();
        skipSpace();
        if (m_error.isEmpty() && m_pos != m_text.size()) {
            fail(QStringLiteral("trailing characters"));
        }
        if (!m_error.isEmpty()) {
            if (error) {
                *error = m_error;
            }
            return {};
        }
        return value;
    }

private:
    void fail(const QString& why) {
        if (m_error.isEmpty()) {
            m_error = QStringLiteral("invalid JSON at offset %1: %2").arg(m_pos).arg(why);
        }
        m_pos = m_text.size();
    }
    void skipSpace() {
        while (m_pos < m_text.size() && (m_text[m_pos] == u' ' || m_text[m_pos] == u'\n' ||
                                         m_text[m_pos] == u'\r' || m_text[m_pos] == u'\t')) {
            ++m_pos;
        }
    }
    bool consume(QStringView word) {
        if (QStringView(m_text).mid(m_pos).startsWith(word)) {
            m_pos += word.size();
            return true;
        }
        return false;
    }
    QString parseString() {
        QString out;
        ++m_pos; // the opening quote
        while (m_pos < m_text.size()) {
            const QChar c = m_text[m_pos++];
            if (c == u'"') {
                return out;
            }
            if (c != u'\\') {
                out += c;
                continue;
            }
            if (m_pos >= m_text.size()) {
                break;
            }
            const QChar e = m_text[m_pos++];
            switch (e.unicode()) {
            case 'n':
                out += u'\n';
                break;
            case 't':
                out += u'\t';
                break;
            case 'r':
                out += u'\r';
                break;
            case 'b':
                out += u'\b';
                break;
            case 'f':
                out += u'\f';
                break;
            case 'u': {
                bool ok = false;
                const ushort code = m_text.mid(m_pos, 4).toUShort(&ok, 16);
                if (!ok) {
                    fail(QStringLiteral("bad \\u escape"));
                    return {};
                }
                out += QChar(code); // surrogate pairs come as two escapes and join up in the QString
                m_pos += 4;
                break;
            }
            default:
                out += e; // " \ /
            }
        }
        fail(QStringLiteral("unterminated string"));
        return {};
    }
    DocValue parseValue() {
        skipSpace();
        if (m_pos >= m_text.size()) {
            fail(QStringLiteral("unexpected end"));
            return {};
        }
        DocValue value;
        const QChar c = m_text[m_pos];
        if (c == u'{') {
            value.type = DocValue::Type::Object;
            ++m_pos;
            skipSpace();
            if (consume(u"}")) {
                return value;
            }
            do {
                skipSpace();
                if (m_pos >= m_text.size() || m_text[m_pos] != u'"') {
                    fail(QStringLiteral("expected a key"));
                    return {};
                }
                QString key = parseString();
                skipSpace();
                if (!consume(u":")) {
                    fail(QStringLiteral("expected ':'"));
                    return {};
                }
                value.members.emplace_back(std::move(key), parseValue());
                skipSpace();
            } while (consume(u","));
            if (!consume(u"}")) {
                fail(QStringLiteral("expected '}'"));
            }
        } else if (c == u'[') {
            value.type = DocValue::Type::Array;
            ++m_pos;
            skipSpace();
            if (consume(u"]")) {
                return value;
            }
            do {
                value.items.push_back(parseValue());
                skipSpace();
            } while (consume(u","));
            if (!consume(u"]")) {
                fail(QStringLiteral("expected ']'"));
            }
        } else if (c == u'"') {
            value.type = DocValue::Type::String;
            value.text = parseString();
        } else if (consume(u"true") || consume(u"false")) {
            value.type = DocValue::Type::Bool;
            value.text = c == u't' ? QStringLiteral("true") : QStringLiteral("false");
        } else if (consume(u"null")) {
            value.type = DocValue::Type::Null;
        } else {
            const qsizetype start = m_pos;
            while (m_pos < m_text.size() && QStringView(u"+-0123456789.eE").contains(m_text[m_pos])) {
                ++m_pos;
            }
            value.type = DocValue::Type::Number;
            value.text = m_text.mid(start, m_pos - start);
            bool ok = false;
            value.text.toDouble(&ok);
            if (!ok) {
                fail(QStringLiteral("unexpected character"));
            }
        }
        return value;
    }

    QString m_text;
    qsizetype m_pos = 0;
    QString m_error;
};

} // namespace

DocValue DocValue::string(const QString& text) {
    DocValue value;
    value.type = Type::String;
    value.text = text;
    return value;
}

const DocValue* DocValue::member(QStringView key) const {
    for (const Member& m : members) {
        if (m.first == key) {
            return &m.second;
        }
    }
    return nullptr;
}

DocValue* DocValue::member(QStringView key) {
    return const_cast<DocValue*>(std::as_const(*this).member(key));
}

void DocValue::setMember(const QString& key, DocValue value) {
    if (DocValue* existing = member(key)) {
        *existing = std::move(value);
    } else {
        members.emplace_back(key, std::move(value));
    }
}

bool DocValue::removeMember(QStringView key) {
    const auto it =
        std::find_if(members.begin(), members.end(), [&](const Member& m) { return m.first == key; });
    if (it == members.end()) {
        return false;
    }
    members.erase(it);
    return true;
}

QString DocValue::stringAt(std::initializer_list<QStringView> path) const {
    const DocValue* value = this;
    for (QStringView key : path) {
        value = value->isObject() ? value->member(key) : nullptr;
        if (!value) {
            return {};
        }
    }
    return value->type == Type::String ? value->text : QString();
}

QByteArray DocValue::toJson() const {
    QByteArray out;
    write(out, *this);
    return out;
}

DocValue DocValue::fromJson(const QByteArray& json, QString* error) {
    return JsonReader(json).document(error);
}

bool operator==(const DocValue& a, const DocValue& b) {
    if (a.type != b.type) {
        return false;
    }
    switch (a.type) {
    case DocValue::Type::Null:
        return true;
    case DocValue::Type::Number:
        return a.text == b.text || a.text.toDouble() == b.text.toDouble();
    case DocValue::Type::Bool:
    case DocValue::Type::String:
        return a.text == b.text;
    case DocValue::Type::Array:
        return a.items == b.items;
    case DocValue::Type::Object:
        if (a.members.size() != b.members.size()) {
            return false;
        }
        for (const DocValue::Member& m : a.members) {
            const DocValue* other = b.member(m.first);
            if (!other || !(*other == m.second)) {
                return false;
            }
        }
        return true;
    }
    return false;
}

} // namespace binnacle::editing
