#include "dashboardsettings.h"

namespace binnacle {

namespace {
// Names go into keys as one path segment: '/' would nest groups and '\\' is QSettings' escape.
QString segment(const QString& name) {
    QString escaped = name;
    escaped.replace(u'%', QLatin1String("%25"))
        .replace(u'/', QLatin1String("%2F"))
        .replace(u'\\', QLatin1String("%5C"));
    return escaped;
}
} // namespace

DashboardSettings::DashboardSettings(QObject* parent)
    : QObject(parent) {}

QString DashboardSettings::contextKey(const QString& context, const char* field) {
    return QStringLiteral("contexts/%1/%2").arg(segment(context), QLatin1String(field));
}

QString DashboardSettings::kindKey(const QString& kind, const char* field) {
    return QStringLiteral("tables/%1/%2").arg(segment(kind), QLatin1String(field));
}

QString DashboardSettings::lastContext() const {
    return m_settings.value(QStringLiteral("lastContext")).toString();
}

void DashboardSettings::setLastContext(const QString& context) {
    if (context != lastContext()) {
        m_settings.setValue(QStringLiteral("lastContext"), context);
        emit lastContextChanged();
    }
}

QRect DashboardSettings::windowGeometry() const {
    return m_settings.value(QStringLiteral("window/geometry")).toRect();
}

void DashboardSettings::setWindowGeometry(const QRect& geometry) {
    if (geometry != windowGeometry()) {
        m_settings.setValue(QStringLiteral("window/geometry"), geometry);
        emit windowGeometryChanged();
    }
}

QString DashboardSettings::namespaceFor(const QString& context, const QString& fallback) const {
    return m_settings.value(contextKey(context, "namespace"), fallback).toString();
}

void DashboardSettings::setNamespaceFor(const QString& context, const QString& namespaces) {
    if (!context.isEmpty()) {
        m_settings.setValue(contextKey(context, "namespace"), namespaces);
    }
}

QString DashboardSettings::viewFor(const QString& context, const QString& fallback) const {
    return m_settings.value(contextKey(context, "view"), fallback).toString();
}

void DashboardSettings::setViewFor(const QString& context, const QString& view) {
    if (!context.isEmpty() && !view.isEmpty()) {
        m_settings.setValue(contextKey(context, "view"), view);
    }
}

QVariantMap DashboardSettings::columnWidths(const QString& kind) const {
    return m_settings.value(kindKey(kind, "widths")).toMap();
}

void DashboardSettings::setColumnWidth(const QString& kind, const QString& column, int width) {
    QVariantMap widths = columnWidths(kind);
    widths.insert(column, width);
    m_settings.setValue(kindKey(kind, "widths"), widths);
}

QStringList DashboardSettings::columnOrder(const QString& kind) const {
    return m_settings.value(kindKey(kind, "order")).toStringList();
}

void DashboardSettings::setColumnOrder(const QString& kind, const QStringList& columns) {
    m_settings.setValue(kindKey(kind, "order"), columns);
}

} // namespace binnacle
