#include "yamlhighlighter.h"

#include <QRegularExpression>
#include <QTextDocument>

namespace binnacle {

YamlHighlighter::YamlHighlighter(QObject* parent)
    : QSyntaxHighlighter(parent) {}

void YamlHighlighter::setQuickDocument(QQuickTextDocument* document) {
    if (document == m_quickDocument) {
        return;
    }
    m_quickDocument = document;
    setDocument(document ? document->textDocument() : nullptr);
    emit documentChanged();
}

void YamlHighlighter::setDark(bool dark) {
    if (dark != m_dark) {
        m_dark = dark;
        rehighlight();
        emit darkChanged();
    }
}

void YamlHighlighter::highlightBlock(const QString& text) {
    const auto format = [](const QColor& colour, bool bold = false) {
        QTextCharFormat result;
        result.setForeground(colour);
        if (bold) {
            result.setFontWeight(QFont::DemiBold);
        }
        return result;
    };
    const QTextCharFormat key = format(m_dark ? QColor("#74c0fc") : QColor("#1864ab"), true);
    const QTextCharFormat string = format(m_dark ? QColor("#8ce99a") : QColor("#2b8a3e"));
    const QTextCharFormat literal = format(m_dark ? QColor("#ffa94d") : QColor("#c2255c"));
    const QTextCharFormat comment = format(QColor("#868e96"));
    const QTextCharFormat marker = format(QColor("#868e96"), true);

    if (text.startsWith(QLatin1String("---")) || text.startsWith(QLatin1String("..."))) {
        setFormat(0, int(text.size()), marker);
        return;
    }
    // "  - key: value", "key: value", "- value"
    static const QRegularExpression keyPattern(
        QStringLiteral(R"(^(\s*(?:-\s+)*)([^\s#'"][^:#]*|"[^"]*"|'[^']*'):(?=\s|$))"));
    qsizetype valueStart = 0;
    const QRegularExpressionMatch keyMatch = keyPattern.match(text);
    if (keyMatch.hasMatch()) {
        setFormat(int(keyMatch.capturedStart(2)), int(keyMatch.capturedLength(2)), key);
        valueStart = keyMatch.capturedEnd(0);
    } else {
        static const QRegularExpression dash(QStringLiteral(R"(^\s*(?:-\s+)*)"));
        valueStart = dash.match(text).capturedEnd(0);
    }
    const QString value = text.mid(valueStart);
    const qsizetype firstNonSpace = value.size() - QStringView(value).trimmed().size() == 0
                                        ? 0
                                        : value.indexOf(QStringView(value).trimmed());
    const qsizetype start = valueStart + std::max<qsizetype>(0, firstNonSpace);
    const QString trimmed = value.trimmed();
    qsizetype commentAt = -1;
    if (trimmed.startsWith(u'"') || trimmed.startsWith(u'\'')) {
        const QChar quote = trimmed.at(0);
        const qsizetype close = text.indexOf(quote, start + 1);
        const qsizetype end = close < 0 ? text.size() : close + 1;
        setFormat(int(start), int(end - start), string);
        commentAt = text.indexOf(QLatin1String(" #"), end);
    } else {
        commentAt = text.indexOf(QLatin1String(" #"), start);
        const QString plain =
            (commentAt < 0 ? text.mid(start) : text.mid(start, commentAt - start)).trimmed();
        static const QRegularExpression literalPattern(
            QStringLiteral(R"(^(-?\d+(\.\d+)?([eE][-+]?\d+)?|true|false|null|~|True|False|Null)$)"));
        if (!plain.isEmpty()) {
            setFormat(int(start), int(plain.size()),
                      literalPattern.match(plain).hasMatch() ? literal : string);
        }
    }
    if (text.trimmed().startsWith(u'#')) {
        setFormat(0, int(text.size()), comment);
    } else if (commentAt >= 0) {
        setFormat(int(commentAt + 1), int(text.size() - commentAt - 1), comment);
    }
}

} // namespace binnacle
