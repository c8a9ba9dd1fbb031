#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace binnacle::sim {

// One parsed HTTP/1.1 request. Header names keep their case; lookups ignore it.
struct HttpRequest {
    QByteArray method;
    QByteArray target;                    // the raw request target, path plus query
    QString path;                         // percent-decoded path
    QList<QPair<QString, QString>> query; // decoded query items, in order, repeats kept
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    QByteArray header(const QByteArray& name) const;
    bool hasQuery(const QString& key) const;
    QString queryValue(const QString& key) const;      // first value, empty when absent
    QStringList queryValues(const QString& key) const; // every value, in order
    // Kubernetes decodes bools as: absent or "false"/"0" (any case) is false, anything else true.
    bool queryBool(const QString& key) const;
};

} // namespace binnacle::sim
