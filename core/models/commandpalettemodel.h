#pragma once

#include "clusterconnection.h"
#include "resourceview.h"

#include <QAbstractListModel>
#include <QPointer>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

namespace binnacle {

// The command palette's results (Ctrl+K): kinds and objects whose names match what the user typed, best
// first. Kinds come from the sidebar's KindsModel (kind, resource, short names); objects from a shared
// informer of the current kind, or of the kind named before a slash ("deploy/web" searches deployments for
// "web"). Matching: an exact or prefix match ranks above a match at a word start ('-', '.', '/'), above a
// substring, above the letters in order (fuzzy), and shorter names first within a rank.
class CommandPaletteModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(
        binnacle::ClusterConnection* connection READ connection WRITE setConnection NOTIFY connectionChanged)
    // The kind whose objects are searched when the query names none ("pods", "deployments.apps").
    Q_PROPERTY(QString currentKind READ currentKind WRITE setCurrentKind NOTIFY currentKindChanged)
    Q_PROPERTY(QString query READ query WRITE setQuery NOTIFY queryChanged)
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
public:
    enum Role {
        TypeRole = Qt::UserRole + 1, // "kind" or "object"
        TitleRole,
        SubtitleRole,
        ResourceKeyRole,
        NamespaceRole,
        NameRole,
    };
    Q_ENUM(Role)

    explicit CommandPaletteModel(QObject* parent = nullptr);

    ClusterConnection* connection() const { return m_connection; }
    void setConnection(ClusterConnection* connection);
    QString currentKind() const { return m_currentKind; }
    void setCurrentKind(const QString& kind);
    QString query() const { return m_query; }
    void setQuery(const QString& query);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // How well `text` matches `pattern` (both compared case-insensitively): 0 for no match, higher is better.
    static int matchScore(const QString& pattern, const QString& text);

    static constexpr int kMaxResults = 50;

signals:
    void connectionChanged();
    void currentKindChanged();
    void queryChanged();
    void countChanged();

private:
    struct Entry {
        int score = 0;
        QString type;
        QString title;
        QString subtitle;
        QString resourceKey;
        QString namespaceName;
        QString name;
    };
    void updateObjectSource();
    void recompute();

    QPointer<ClusterConnection> m_connection;
    QString m_currentKind;
    QString m_query;
    ResourceView* m_objects;
    QList<Entry> m_entries;
    QTimer m_recompute;
};

} // namespace binnacle
