#include "kubeconfig.h"

#include <algorithm>

namespace binnacle::config {

namespace {

template <typename Entry> const Entry* findByName(const QList<Entry>& entries, const QString& name) {
    const auto it =
        std::find_if(entries.cbegin(), entries.cend(), [&name](const Entry& e) { return e.name == name; });
    return it == entries.cend() ? nullptr : &*it;
}

} // namespace

QString KubeconfigError::toString() const {
    QString where = file;
    if (line > 0) {
        where += QLatin1Char(':') + QString::number(line);
        if (column > 0)
            where += QLatin1Char(':') + QString::number(column);
    }
    return where + QStringLiteral(": ") + message;
}

const ClusterInfo* Kubeconfig::cluster(const QString& name) const {
    return findByName(clusters, name);
}

const AuthInfo* Kubeconfig::user(const QString& name) const {
    return findByName(users, name);
}

const ContextInfo* Kubeconfig::context(const QString& name) const {
    return findByName(contexts, name);
}

QStringList Kubeconfig::contextNames() const {
    QStringList names;
    names.reserve(contexts.size());
    for (const ContextInfo& context : contexts)
        names.append(context.name);
    return names;
}

} // namespace binnacle::config
