// Credentials written in the kubeconfig: token, token file, basic auth, impersonation, and the
// factory's choices and refusals.
#include "authtestsupport.h"
#include "credentialproviderfactory.h"
#include "execcredentialprovider.h"
#include "impersonation.h"
#include "staticcredentialprovider.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace binnacle;
using namespace binnacle::auth::test;

class TestStaticCredentials : public QObject {
    Q_OBJECT

private:
    transport::CredentialProvider* make(const config::AuthInfo& user) {
        const auth::ProviderOrError made = auth::makeCredentialProvider(user, {}, this);
        if (made.error) {
            qWarning() << made.error->message;
        }
        return made.provider;
    }

    QByteArray authorization(transport::CredentialProvider* provider) {
        const auto delivery = request(provider);
        // Nothing has to run for these: the answer comes at once.
        if (!delivery->delivered || delivery->error) {
            return "<not delivered>";
        }
        return headerValue(delivery->credentials, "Authorization");
    }

private slots:
    void staticToken() {
        config::AuthInfo user;
        user.token = QStringLiteral("abc.def");
        transport::CredentialProvider* provider = make(user);
        QVERIFY(provider);
        QCOMPARE(authorization(provider), QByteArray("Bearer abc.def"));
        QVERIFY2(!provider->invalidate(), "a static token cannot get better by asking again");
        QCOMPARE(authorization(provider), QByteArray("Bearer abc.def"));
    }

    void anonymousHasNoHeaders() {
        transport::CredentialProvider* provider = make(config::AuthInfo{});
        QVERIFY(provider);
        const auto delivery = request(provider);
        QVERIFY(delivery->delivered);
        QVERIFY(!delivery->error);
        QVERIFY(delivery->credentials.headers.isEmpty());
        QVERIFY(delivery->credentials.clientCertificate.isNull());
    }

    void tokenFileWinsAndIsReread() {
        QTemporaryDir directory;
        const QString path = directory.filePath(QStringLiteral("token"));
        QVERIFY(writeFile(path, "file-one\n"));
        config::AuthInfo user;
        user.token = QStringLiteral("inline");
        user.tokenFile = path;
        transport::CredentialProvider* provider = make(user);
        QVERIFY(provider);
        QCOMPARE(authorization(provider), QByteArray("Bearer file-one"));

        // Rotated (another size): read again on the next use.
        QVERIFY(writeFile(path, "file-two-rotated"));
        QCOMPARE(authorization(provider), QByteArray("Bearer file-two-rotated"));

        // Same size and modification time: the cached value stays until a 401.
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadWrite));
        const QDateTime modified = file.fileTime(QFileDevice::FileModificationTime);
        QVERIFY(file.write("file-two-ROTATED") == 16);
        QVERIFY(file.flush());
        QVERIFY(file.setFileTime(modified, QFileDevice::FileModificationTime));
        file.close();
        QCOMPARE(authorization(provider), QByteArray("Bearer file-two-rotated"));
        QVERIFY(provider->invalidate());
        QCOMPARE(authorization(provider), QByteArray("Bearer file-two-ROTATED"));
    }

    void unreadableTokenFile() {
        config::AuthInfo user;
        user.tokenFile = QStringLiteral("/nonexistent/binnacle/token");
        transport::CredentialProvider* provider = make(user);
        QVERIFY(provider);
        auto delivery = request(provider);
        QVERIFY(delivery->delivered);
        QVERIFY(delivery->error);
        QVERIFY2(delivery->error->message.contains(user.tokenFile), qPrintable(delivery->error->message));

        // With an inline token as well, that one stands in.
        user.token = QStringLiteral("inline");
        provider = make(user);
        QCOMPARE(authorization(provider), QByteArray("Bearer inline"));
    }

    void basicAuth() {
        config::AuthInfo user;
        user.username = QStringLiteral("admin");
        user.password = QStringLiteral("s3cr:et");
        transport::CredentialProvider* provider = make(user);
        QVERIFY(provider);
        QCOMPARE(authorization(provider), "Basic " + QByteArray("admin:s3cr:et").toBase64());
    }

    void impersonationHeaders() {
        config::AuthInfo user;
        user.token = QStringLiteral("t");
        user.impersonate = QStringLiteral("jane");
        user.impersonateUid = QStringLiteral("06f6ce97");
        user.impersonateGroups = {QStringLiteral("developers"), QStringLiteral("admins")};
        user.impersonateExtra.insert(QStringLiteral("acme.com/project"), {QStringLiteral("p1")});
        user.impersonateExtra.insert(QStringLiteral("scopes"),
                                     {QStringLiteral("openid"), QStringLiteral("profile")});
        transport::CredentialProvider* provider = make(user);
        QVERIFY(provider);
        const auto delivery = request(provider);
        QVERIFY(delivery->delivered && !delivery->error);
        const transport::Credentials& credentials = delivery->credentials;
        QCOMPARE(headerValue(credentials, "Authorization"), QByteArray("Bearer t"));
        QCOMPARE(headerValues(credentials, "Impersonate-User"), QList<QByteArray>{"jane"});
        QCOMPARE(headerValues(credentials, "Impersonate-Uid"), QList<QByteArray>{"06f6ce97"});
        QCOMPARE(headerValues(credentials, "Impersonate-Group"), (QList<QByteArray>{"developers", "admins"}));
        QCOMPARE(headerValues(credentials, "Impersonate-Extra-acme.com%2Fproject"), QList<QByteArray>{"p1"});
        QCOMPARE(headerValues(credentials, "Impersonate-Extra-scopes"),
                 (QList<QByteArray>{"openid", "profile"}));
        QCOMPARE(credentials.headers.size(), 8);
    }

    void escapeHeaderKey_data() {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QByteArray>("escaped");
        QTest::newRow("plain") << QStringLiteral("scopes") << QByteArray("scopes");
        QTest::newRow("slash") << QStringLiteral("acme.com/project") << QByteArray("acme.com%2Fproject");
        QTest::newRow("percent") << QStringLiteral("100%") << QByteArray("100%25");
        QTest::newRow("space") << QStringLiteral("a b") << QByteArray("a%20b");
        QTest::newRow("utf8") << QStringLiteral("é") << QByteArray("%C3%A9");
        QTest::newRow("token chars") << QStringLiteral("a-b_c.d~e") << QByteArray("a-b_c.d~e");
    }

    void escapeHeaderKey() {
        QFETCH(QString, key);
        QFETCH(QByteArray, escaped);
        QCOMPARE(auth::escapeHeaderKey(key), escaped);
    }

    void factoryRefuses_data() {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("expectedMessage");
        QTest::newRow("auth-provider")
            << QStringLiteral("authProvider")
            << QStringLiteral(
                   "auth-provider oidc is no longer supported; use an exec credential plugin such as "
                   "kubelogin / gke-gcloud-auth-plugin");
        QTest::newRow("token and basic")
            << QStringLiteral("tokenAndBasic") << QStringLiteral("sets both a token and basic auth");
        QTest::newRow("token file and basic")
            << QStringLiteral("tokenFileAndBasic") << QStringLiteral("sets both a token and basic auth");
        QTest::newRow("exec v1alpha1") << QStringLiteral("execAlpha") << QStringLiteral("is not supported");
        QTest::newRow("certificate without key")
            << QStringLiteral("certificateOnly") << QStringLiteral("client certificate without a key");
    }

    void factoryRefuses() {
        QFETCH(QString, field);
        QFETCH(QString, expectedMessage);
        config::AuthInfo user;
        user.name = QStringLiteral("someone");
        if (field == QLatin1String("authProvider")) {
            user.authProviderName = QStringLiteral("oidc");
        } else if (field == QLatin1String("tokenAndBasic")) {
            user.token = QStringLiteral("t");
            user.username = QStringLiteral("u");
        } else if (field == QLatin1String("tokenFileAndBasic")) {
            user.tokenFile = QStringLiteral("/tmp/x");
            user.username = QStringLiteral("u");
        } else if (field == QLatin1String("execAlpha")) {
            user.exec = config::ExecConfig{};
            user.exec->apiVersion = QStringLiteral("client.authentication.k8s.io/v1alpha1");
            user.exec->command = QStringLiteral("plugin");
        } else if (field == QLatin1String("certificateOnly")) {
            user.clientCertificateData = "-----BEGIN CERTIFICATE-----";
        }
        const auth::ProviderOrError made = auth::makeCredentialProvider(user, {}, this);
        QVERIFY(!made.provider);
        QVERIFY(made.error);
        QVERIFY2(made.error->message.contains(expectedMessage), qPrintable(made.error->message));
    }

    void factoryChoosesProvider() {
        config::AuthInfo user;
        user.exec = config::ExecConfig{};
        user.exec->apiVersion = QStringLiteral("client.authentication.k8s.io/v1");
        user.exec->command = QStringLiteral("plugin");
        QVERIFY(qobject_cast<auth::ExecCredentialProvider*>(make(user)));

        // As client-go: a token written in the kubeconfig wins over the plugin.
        user.token = QStringLiteral("t");
        QVERIFY(qobject_cast<auth::StaticCredentialProvider*>(make(user)));

        user.impersonate = QStringLiteral("jane");
        auto* impersonating = qobject_cast<auth::ImpersonatingCredentialProvider*>(make(user));
        QVERIFY(impersonating);
        QVERIFY(qobject_cast<auth::StaticCredentialProvider*>(impersonating->inner()));
    }
};

QTEST_GUILESS_MAIN(TestStaticCredentials)
#include "tst_staticcredentials.moc"
