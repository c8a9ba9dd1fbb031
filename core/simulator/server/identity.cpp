#include "identity.h"

#include "httprequest.h"

#include <QDateTime>
#include <QJsonObject>
#include <memory>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace binnacle::sim {

namespace {
constexpr auto masters = "system:masters";

struct X509Deleter {
    void operator()(X509* certificate) const { X509_free(certificate); }
};
struct BioDeleter {
    void operator()(BIO* bio) const { BIO_free(bio); }
};
using X509Ptr = std::unique_ptr<X509, X509Deleter>;

X509Ptr readPem(const QByteArray& pem) {
    std::unique_ptr<BIO, BioDeleter> bio(BIO_new_mem_buf(pem.constData(), int(pem.size())));
    return X509Ptr(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
}
} // namespace

void Authenticator::addToken(const QString& token, const UserInfo& user) {
    m_tokens.insert(token, user);
}

void Authenticator::setClientCa(const QByteArray& caCertificatePem) {
    m_caPem = caCertificatePem;
}

bool Authenticator::verifiedByCa(const QSslCertificate& certificate) const {
    const X509Ptr ca = readPem(m_caPem);
    const X509Ptr leaf = readPem(certificate.toPem());
    if (!ca || !leaf) {
        return false;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (certificate.effectiveDate() > now || certificate.expiryDate() < now) {
        return false;
    }
    return X509_check_issued(ca.get(), leaf.get()) == X509_V_OK &&
           X509_verify(leaf.get(), X509_get0_pubkey(ca.get())) == 1;
}

std::optional<UserInfo> Authenticator::authenticate(const HttpRequest& request,
                                                    const QSslCertificate& peerCertificate) const {
    const QByteArray authorization = request.header("Authorization");
    if (authorization.startsWith("Bearer ")) {
        const QString token = QString::fromLatin1(authorization.mid(7).trimmed());
        const auto found = m_tokens.constFind(token);
        if (found == m_tokens.cend()) {
            return std::nullopt;
        }
        return *found;
    }
    if (!authorization.isEmpty()) {
        return std::nullopt; // basic auth is gone from kube-apiserver
    }
    if (!peerCertificate.isNull()) {
        if (!verifiedByCa(peerCertificate)) {
            return std::nullopt;
        }
        UserInfo user;
        user.name = peerCertificate.subjectInfo(QSslCertificate::CommonName).value(0);
        user.groups = peerCertificate.subjectInfo(QSslCertificate::Organization);
        user.groups.append(QStringLiteral("system:authenticated"));
        return user;
    }
    UserInfo anonymous;
    anonymous.name = QStringLiteral("system:anonymous");
    anonymous.groups = {QStringLiteral("system:unauthenticated")};
    anonymous.anonymous = true;
    return anonymous;
}

bool Authorizer::allowed(const UserInfo& user, const Attributes& attributes) const {
    if (user.groups.contains(QLatin1String(masters))) {
        return true;
    }
    if (!attributes.nonResourcePath.isEmpty()) {
        // system:public-info-viewer and system:discovery
        static const QStringList publicPaths{QStringLiteral("/version"), QStringLiteral("/healthz"),
                                             QStringLiteral("/livez"), QStringLiteral("/readyz")};
        if (publicPaths.contains(attributes.nonResourcePath)) {
            return true;
        }
        return !user.anonymous && attributes.verb == QLatin1String("get");
    }
    if (user.anonymous) {
        return false;
    }
    if (attributes.verb == QLatin1String("create") &&
        (attributes.group == QLatin1String("authorization.k8s.io") ||
         attributes.group == QLatin1String("authentication.k8s.io")) &&
        attributes.resource.startsWith(QLatin1String("selfsubject"))) {
        return true;
    }
    static const QStringList readVerbs{QStringLiteral("get"), QStringLiteral("list"),
                                       QStringLiteral("watch")};
    if (!readVerbs.contains(attributes.verb)) {
        return false;
    }
    // Readers see neither Secrets' contents nor what streams from inside pods.
    if (attributes.resource == QLatin1String("secrets") && attributes.group.isEmpty()) {
        return false;
    }
    return attributes.subresource.isEmpty() || attributes.subresource == QLatin1String("status") ||
           attributes.subresource == QLatin1String("scale") || attributes.subresource == QLatin1String("log");
}

QJsonArray Authorizer::resourceRules(const UserInfo& user, const QStringList& readableResources) const {
    auto rule = [](QJsonArray verbs, QJsonArray groups, QJsonArray resources) {
        return QJsonObject{{QStringLiteral("verbs"), verbs},
                           {QStringLiteral("apiGroups"), groups},
                           {QStringLiteral("resources"), resources}};
    };
    // system:basic-user: each self review in its own API group.
    QJsonArray rules{
        rule(QJsonArray{QStringLiteral("create")}, QJsonArray{QStringLiteral("authorization.k8s.io")},
             QJsonArray{QStringLiteral("selfsubjectaccessreviews"),
                        QStringLiteral("selfsubjectrulesreviews")}),
        rule(QJsonArray{QStringLiteral("create")}, QJsonArray{QStringLiteral("authentication.k8s.io")},
             QJsonArray{QStringLiteral("selfsubjectreviews")})};
    if (user.groups.contains(QLatin1String(masters))) {
        rules.append(rule(QJsonArray{QStringLiteral("*")}, QJsonArray{QStringLiteral("*")},
                          QJsonArray{QStringLiteral("*")}));
    } else if (!user.anonymous) {
        rules.append(rule(
            QJsonArray{QStringLiteral("get"), QStringLiteral("list"), QStringLiteral("watch")},
            QJsonArray{QStringLiteral("*")},
            QJsonArray{QStringLiteral("*/status"), QStringLiteral("*/scale"), QStringLiteral("pods/log")}));
        QStringList resources = readableResources;
        resources.removeAll(QStringLiteral("secrets"));
        rules.append(rule(QJsonArray{QStringLiteral("get"), QStringLiteral("list"), QStringLiteral("watch")},
                          QJsonArray{QStringLiteral("*")}, QJsonArray::fromStringList(resources)));
    }
    return rules;
}

QJsonArray Authorizer::nonResourceRules(const UserInfo& user) const {
    QJsonArray rules{QJsonObject{
        {QStringLiteral("verbs"), QJsonArray{QStringLiteral("get")}},
        {QStringLiteral("nonResourceURLs"),
         QJsonArray{QStringLiteral("/healthz"), QStringLiteral("/livez"), QStringLiteral("/readyz"),
                    QStringLiteral("/version"), QStringLiteral("/version/")}}}};
    if (user.groups.contains(QLatin1String(masters))) {
        rules.append(QJsonObject{{QStringLiteral("verbs"), QJsonArray{QStringLiteral("*")}},
                                 {QStringLiteral("nonResourceURLs"), QJsonArray{QStringLiteral("*")}}});
    } else if (!user.anonymous) {
        rules.append(QJsonObject{{QStringLiteral("verbs"), QJsonArray{QStringLiteral("get")}},
                                 {QStringLiteral("nonResourceURLs"),
                                  QJsonArray{QStringLiteral("/api"), QStringLiteral("/api/*"),
                                             QStringLiteral("/apis"), QStringLiteral("/apis/*"),
                                             QStringLiteral("/openapi"), QStringLiteral("/openapi/*")}}});
    }
    return rules;
}

} // namespace binnacle::sim
