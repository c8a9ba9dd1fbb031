#pragma once

#include <QPointer>
#include <QQuickTextDocument>
#include <QSyntaxHighlighter>
#include <QtQml/qqmlregistration.h>

namespace binnacle {

// Colours YAML in a QML TextArea/TextEdit (its textDocument): keys, comments, quoted strings, numbers and
// booleans, document markers. Line by line, as YAML's plain structure allows; block scalars are left plain.
class YamlHighlighter : public QSyntaxHighlighter {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QQuickTextDocument* document READ quickDocument WRITE setQuickDocument NOTIFY documentChanged)
    // For dark palettes: lighter colours.
    Q_PROPERTY(bool dark READ dark WRITE setDark NOTIFY darkChanged)
public:
    explicit YamlHighlighter(QObject* parent = nullptr);

    QQuickTextDocument* quickDocument() const { return m_quickDocument; }
    void setQuickDocument(QQuickTextDocument* document);
    bool dark() const { return m_dark; }
    void setDark(bool dark);

signals:
    void documentChanged();
    void darkChanged();

protected:
    void highlightBlock(const QString& text) override;

private:
    QPointer<QQuickTextDocument> m_quickDocument;
    bool m_dark = false;
};

} // namespace binnacle
