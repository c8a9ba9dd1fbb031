#include "tokenfile.h"

#include "authlogging.h"

#include <QFile>
#include <QFileInfo>

namespace binnacle::auth {

TokenFile::TokenFile(QString path)
    : m_path(std::move(path)) {}

QString TokenFile::token(QString* error) {
    const QFileInfo info(m_path);
    if (!info.exists()) {
        m_valid = false;
        *error = QStringLiteral("token file %1 does not exist").arg(m_path);
        return {};
    }
    const QDateTime modified = info.lastModified();
    if (m_valid && modified == m_cachedModified && info.size() == m_cachedSize) {
        return m_cachedToken;
    }
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_valid = false;
        *error = QStringLiteral("cannot read token file %1: %2").arg(m_path, file.errorString());
        return {};
    }
    const QString token = QString::fromUtf8(file.readAll()).trimmed();
    if (token.isEmpty()) {
        m_valid = false;
        *error = QStringLiteral("token file %1 is empty").arg(m_path);
        return {};
    }
    qCDebug(lcAuth) << "read token file" << m_path;
    m_cachedToken = token;
    m_cachedModified = modified;
    m_cachedSize = info.size();
    m_valid = true;
    return m_cachedToken;
}

void TokenFile::invalidate() {
    m_valid = false;
}

} // namespace binnacle::auth
