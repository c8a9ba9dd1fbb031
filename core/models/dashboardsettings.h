#pragma once

#include <QObject>
#include <QRect>
#include <QSettings>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

namespace binnacle {

// What the dashboard remembers between runs, in the platform's settings store (QSettings with the
// application's organisation and name): the window geometry, the last context, per context the namespace
// and the kind last shown, and per kind the table's column widths and order. Values are read when asked
// and written at once, so that a crash loses nothing. Context and kind names are stored as given; QSettings
// escapes them in keys.
class DashboardSettings : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(QString lastContext READ lastContext WRITE setLastContext NOTIFY lastContextChanged)
    Q_PROPERTY(QRect windowGeometry READ windowGeometry WRITE setWindowGeometry NOTIFY windowGeometryChanged)
public:
    explicit DashboardSettings(QObject* parent = nullptr);

    QString lastContext() const;
    void setLastContext(const QString& context);
    // An empty rect when none was saved.
    QRect windowGeometry() const;
    void setWindowGeometry(const QRect& geometry);

    // The namespace choice last made in `context`: "" for all namespaces, or names joined by ','.
    // `fallback` when nothing was saved (the context's own namespace, say).
    Q_INVOKABLE QString namespaceFor(const QString& context, const QString& fallback = {}) const;
    Q_INVOKABLE void setNamespaceFor(const QString& context, const QString& namespaces);
    Q_INVOKABLE QString viewFor(const QString& context, const QString& fallback = {}) const;
    Q_INVOKABLE void setViewFor(const QString& context, const QString& view);

    // Column widths in pixels keyed by column name, for a kind ("pods", "deployments.apps").
    Q_INVOKABLE QVariantMap columnWidths(const QString& kind) const;
    Q_INVOKABLE void setColumnWidth(const QString& kind, const QString& column, int width);
    // Column names in the order the user put them; empty for the server's order.
    Q_INVOKABLE QStringList columnOrder(const QString& kind) const;
    Q_INVOKABLE void setColumnOrder(const QString& kind, const QStringList& columns);

signals:
    void lastContextChanged();
    void windowGeometryChanged();

private:
    static QString contextKey(const QString& context, const char* field);
    static QString kindKey(const QString& kind, const char* field);

    mutable QSettings m_settings;
};

} // namespace binnacle
