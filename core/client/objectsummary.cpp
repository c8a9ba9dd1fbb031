#include "objectsummary.h"

#include <QJsonDocument>

namespace binnacle::client {

void LabelList::insert(const QString& key, const QString& labelValue) {
    for (auto& [existingKey, existingValue] : *this) {
        if (existingKey == key) {
            existingValue = labelValue;
            return;
        }
    }
    append({key, labelValue});
}

QString LabelList::value(const QString& key) const {
    for (const auto& [existingKey, existingValue] : *this) {
        if (existingKey == key) {
            return existingValue;
        }
    }
    return QString();
}

bool ObjectSummary::managedFieldsCut(qsizetype* cutBegin, qsizetype* cutEnd) const {
    if (managedFieldsBegin < 0 || managedFieldsEnd > json.size() || managedFieldsBegin >= managedFieldsEnd) {
        return false;
    }
    // The member goes with one of its separating commas: the one after it, else the one before it.
    qsizetype begin = managedFieldsBegin;
    qsizetype end = managedFieldsEnd;
    qsizetype after = end;
    while (after < json.size() && QChar::isSpace(uchar(json.at(after)))) {
        ++after;
    }
    if (after < json.size() && json.at(after) == ',') {
        end = after + 1;
    } else {
        qsizetype before = begin - 1;
        while (before >= 0 && QChar::isSpace(uchar(json.at(before)))) {
            --before;
        }
        if (before >= 0 && json.at(before) == ',') {
            begin = before;
        }
    }
    *cutBegin = begin;
    *cutEnd = end;
    return true;
}

QByteArray ObjectSummary::jsonWithoutManagedFields() const {
    qsizetype begin = 0;
    qsizetype end = 0;
    if (!managedFieldsCut(&begin, &end)) {
        return json;
    }
    QByteArray stripped;
    stripped.reserve(json.size() - (end - begin));
    stripped.append(json.constData(), begin);
    stripped.append(json.constData() + end, json.size() - end);
    return stripped;
}

QJsonObject ObjectSummary::toJsonObject() const {
    QJsonObject object = QJsonDocument::fromJson(json).object();
    if (!object.contains(QLatin1String("kind")) && !kind.isEmpty()) {
        object.insert(QLatin1String("kind"), kind);
    }
    if (!object.contains(QLatin1String("apiVersion")) && !apiVersion.isEmpty()) {
        object.insert(QLatin1String("apiVersion"), apiVersion);
    }
    return object;
}

} // namespace binnacle::client
