#pragma once

#include <QDateTime>
#include <QString>

namespace binnacle::auth {

// A bearer token kept in a file that something else rotates (projected service-account tokens,
// cloud agents). The file is read when first needed and read again when its size or modification
// time changes, or after invalidate() (the server answered 401).
class TokenFile {
public:
    explicit TokenFile(QString path);

    const QString& path() const { return m_path; }
    // The trimmed token, or an empty string with *error set (unreadable or empty file).
    QString token(QString* error);
    void invalidate();

private:
    QString m_path;
    QString m_cachedToken;
    QDateTime m_cachedModified;
    qint64 m_cachedSize = -1;
    bool m_valid = false;
};

} // namespace binnacle::auth
