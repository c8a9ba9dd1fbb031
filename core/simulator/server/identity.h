#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonArray>
#include <QSslCertificate>
#include <QString>
#include <QStringList>
#include <optional>

namespace binnacle::sim {

struct HttpRequest;

struct UserInfo {
    QString name;
    QString uid;
    QStringList groups;
    bool anonymous = false;
};

// Who is calling: bearer tokens and client certificates (CN = user, O = groups) signed by the cluster CA.
class Authenticator {
public:
    void addToken(const QString& token, const UserInfo& user);
    void setClientCa(const QByteArray& caCertificatePem);
    // nullopt: credentials were presented but are not valid (401). No credentials: the anonymous user.
    std::optional<UserInfo> authenticate(const HttpRequest& request,
                                         const QSslCertificate& peerCertificate) const;

private:
    bool verifiedByCa(const QSslCertificate& certificate) const;

    QHash<QString, UserInfo> m_tokens;
    QByteArray m_caPem;
};

// What a user may do. Two roles exist: cluster admins (system:masters) may do everything; every other
// authenticated user may read (get, list, watch) and ask about itself, as a "view" binding plus
// system:basic-user would allow.
class Authorizer {
public:
    struct Attributes {
        QString verb;
        QString group;
        QString resource;
        QString subresource;
        QString namespaceName;
        QString name;
        QString nonResourcePath; // set for non-resource requests
    };
    bool allowed(const UserInfo& user, const Attributes& attributes) const;
    // The rules SelfSubjectRulesReview reports, as resourceRules and nonResourceRules.
    // `readableResources`: every resource the server serves, so that the rules name what readers may read.
    QJsonArray resourceRules(const UserInfo& user, const QStringList& readableResources) const;
    QJsonArray nonResourceRules(const UserInfo& user) const;
};

} // namespace binnacle::sim
