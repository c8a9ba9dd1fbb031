#include "httprequest.h"

namespace binnacle::sim {

QByteArray HttpRequest::header(const QByteArray& name) const {
    for (const auto& [key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0) {
            return value;
        }
    }
    return {};
}

bool HttpRequest::hasQuery(const QString& key) const {
    for (const auto& item : query) {
        if (item.first == key) {
            return true;
        }
    }
    return false;
}

QString HttpRequest::queryValue(const QString& key) const {
    for (const auto& item : query) {
        if (item.first == key) {
            return item.second;
        }
    }
    return {};
}

QStringList HttpRequest::queryValues(const QString& key) const {
    QStringList values;
    for (const auto& item : query) {
        if (item.first == key) {
            values.append(item.second);
        }
    }
    return values;
}

bool HttpRequest::queryBool(const QString& key) const {
    if (!hasQuery(key)) {
        return false;
    }
    const QString value = queryValue(key).toLower();
    return value != QLatin1String("false") && value != QLatin1String("0");
}

} // namespace binnacle::sim
