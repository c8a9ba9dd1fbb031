// Who may do what, over the wire: bearer tokens, the anonymous user, client certificates from the cluster CA
// and from another CA, Forbidden Status messages, and access reviews that tell the truth.
#include "apitestcluster.h"
#include "statusassert.h"

#include <QJsonArray>
#include <QTest>

using namespace binnacle::sim;
using namespace binnacle::sim::apitest;

Q_DECLARE_METATYPE(binnacle::sim::apitest::Credential)

class TestApiAuth : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void authentication_data();
    void authentication();
    void forbidden_data();
    void forbidden();
    void accessReviews_data();
    void accessReviews();
    void whoAmI_data();
    void whoAmI();

private:
    std::unique_ptr<ApiTestCluster> m_cluster;
};

void TestApiAuth::initTestCase() {
    SimulatorOptions options;
    options.controllers = false;
    m_cluster = std::make_unique<ApiTestCluster>(options);
    QString error;
    QVERIFY2(m_cluster->start(&error), qPrintable(error));
    QCOMPARE(m_cluster->post("/api/v1/namespaces", namespaceObject("misc")).status, 201);
}

void TestApiAuth::authentication_data() {
    QTest::addColumn<Credential>("credential");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QString>("message");

    const QString unauthorized = QStringLiteral("Unauthorized");
    QTest::newRow("bad token, resource")
        << Credential::BadToken << QByteArray("/api/v1/namespaces/default/configmaps") << 401 << unauthorized
        << unauthorized;
    QTest::newRow("bad token, /version")
        << Credential::BadToken << QByteArray("/version") << 401 << unauthorized << unauthorized;
    QTest::newRow("certificate from another CA")
        << Credential::ForeignClientCertificate << QByteArray("/api/v1/namespaces") << 401 << unauthorized
        << unauthorized;
    // No credentials at all is the anonymous user (kube-apiserver's default --anonymous-auth=true): it is
    // known but may not list, which is 403, not 401.
    QTest::newRow("anonymous, resource")
        << Credential::Anonymous << QByteArray("/api/v1/namespaces/default/configmaps") << 403
        << QStringLiteral("Forbidden")
        << QStringLiteral("configmaps is forbidden: User \"system:anonymous\" cannot list resource "
                          "\"configmaps\" in API "
                          "group \"\" in the namespace \"default\"");
    QTest::newRow("anonymous, /version")
        << Credential::Anonymous << QByteArray("/version") << 200 << QString() << QString();
    QTest::newRow("client certificate")
        << Credential::ClientCertificate << QByteArray("/api/v1/namespaces") << 200 << QString() << QString();
}

void TestApiAuth::authentication() {
    QFETCH(Credential, credential);
    QFETCH(QByteArray, target);
    QFETCH(int, code);
    QFETCH(QString, reason);
    QFETCH(QString, message);

    const WireResponse response = m_cluster->get(target, credential);
    if (code == 200) {
        QCOMPARE(response.status, 200);
        return;
    }
    VERIFY_STATUS(response, code, reason, message);
}

void TestApiAuth::forbidden_data() {
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QJsonObject>("details");

    QTest::newRow("create configmap")
        << QByteArray("POST") << QByteArray("/api/v1/namespaces/default/configmaps")
        << compact(configMap(QStringLiteral("ro")))
        << QStringLiteral(
               "configmaps is forbidden: User \"sim-readonly\" cannot create resource \"configmaps\" in API "
               "group \"\" in the namespace \"default\"")
        << QJsonObject{{"kind", "configmaps"}};
    QTest::newRow("delete configmap")
        << QByteArray("DELETE") << QByteArray("/api/v1/namespaces/default/configmaps/kube-root-ca.crt")
        << QByteArray()
        << QStringLiteral(
               "configmaps \"kube-root-ca.crt\" is forbidden: User \"sim-readonly\" cannot delete resource "
               "\"configmaps\" in API group \"\" in the namespace \"default\"")
        << QJsonObject{{"name", "kube-root-ca.crt"}, {"kind", "configmaps"}};
    QTest::newRow("patch deployment scale")
        << QByteArray("PATCH") << QByteArray("/apis/apps/v1/namespaces/kube-system/deployments/coredns/scale")
        << QByteArray(R"({"spec":{"replicas":5}})")
        << QStringLiteral(
               "deployments.apps \"coredns\" is forbidden: User \"sim-readonly\" cannot patch resource "
               "\"deployments/scale\" in API group \"apps\" in the namespace \"kube-system\"")
        << QJsonObject{{"name", "coredns"}, {"group", "apps"}, {"kind", "deployments"}};
    QTest::newRow("create namespace")
        << QByteArray("POST") << QByteArray("/api/v1/namespaces")
        << compact(namespaceObject(QStringLiteral("ro-ns")))
        << QStringLiteral(
               "namespaces is forbidden: User \"sim-readonly\" cannot create resource \"namespaces\" in API "
               "group \"\" at the cluster scope")
        << QJsonObject{{"kind", "namespaces"}};
}

void TestApiAuth::forbidden() {
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, body);
    QFETCH(QString, message);
    QFETCH(QJsonObject, details);

    WireRequest request{method, target, body, {}, Credential::ReadOnly};
    if (!body.isEmpty()) {
        request.headers.append(
            header("Content-Type", method == "PATCH" ? "application/merge-patch+json" : "application/json"));
    }
    const WireResponse response = m_cluster->send(request);
    VERIFY_STATUS(response, 403, QStringLiteral("Forbidden"), message);
    // Empty detail fields are omitted, as Go's omitempty does.
    QCOMPARE(response.json().value(QLatin1String("details")).toObject(), details);
}

void TestApiAuth::accessReviews_data() {
    QTest::addColumn<Credential>("credential");
    QTest::addColumn<QString>("verb");
    QTest::addColumn<QString>("resource");
    QTest::addColumn<bool>("allowed");

    QTest::newRow("admin creates configmaps")
        << Credential::Admin << QStringLiteral("create") << QStringLiteral("configmaps") << true;
    QTest::newRow("admin deletes nodes")
        << Credential::Admin << QStringLiteral("delete") << QStringLiteral("nodes") << true;
    QTest::newRow("reader lists pods")
        << Credential::ReadOnly << QStringLiteral("list") << QStringLiteral("pods") << true;
    QTest::newRow("reader creates configmaps")
        << Credential::ReadOnly << QStringLiteral("create") << QStringLiteral("configmaps") << false;
    QTest::newRow("reader deletes pods")
        << Credential::ReadOnly << QStringLiteral("delete") << QStringLiteral("pods") << false;
    QTest::newRow("certificate user creates")
        << Credential::ClientCertificate << QStringLiteral("create") << QStringLiteral("configmaps") << true;
}

void TestApiAuth::accessReviews() {
    QFETCH(Credential, credential);
    QFETCH(QString, verb);
    QFETCH(QString, resource);
    QFETCH(bool, allowed);

    const QJsonObject review{
        {"apiVersion", "authorization.k8s.io/v1"},
        {"kind", "SelfSubjectAccessReview"},
        {"spec", QJsonObject{{"resourceAttributes",
                              QJsonObject{{"namespace", "misc"}, {"verb", verb}, {"resource", resource}}}}}};
    const WireResponse response =
        m_cluster->post("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", review, credential);
    QCOMPARE(response.status, 201);
    QCOMPARE(response.json().value(QLatin1String("kind")).toString(),
             QStringLiteral("SelfSubjectAccessReview"));
    QCOMPARE(
        response.json().value(QLatin1String("status")).toObject().value(QLatin1String("allowed")).toBool(),
        allowed);

    // The review tells the truth: the real request gets the same answer.
    if (verb == QLatin1String("create")) {
        const WireResponse real = m_cluster->post(
            "/api/v1/namespaces/misc/configmaps",
            configMap(
                QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('-'))),
            credential);
        QCOMPARE(real.status == 201, allowed);
    }
}

void TestApiAuth::whoAmI_data() {
    QTest::addColumn<Credential>("credential");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("group");

    QTest::newRow("admin token") << Credential::Admin << QStringLiteral("sim-admin")
                                 << QStringLiteral("system:masters");
    QTest::newRow("read-only token") << Credential::ReadOnly << QStringLiteral("sim-readonly")
                                     << QStringLiteral("system:authenticated");
    QTest::newRow("client certificate") << Credential::ClientCertificate << QStringLiteral("sim-cert-admin")
                                        << QStringLiteral("system:masters");
}

void TestApiAuth::whoAmI() {
    QFETCH(Credential, credential);
    QFETCH(QString, user);
    QFETCH(QString, group);

    const QJsonObject review{{"apiVersion", "authentication.k8s.io/v1"}, {"kind", "SelfSubjectReview"}};
    const WireResponse response =
        m_cluster->post("/apis/authentication.k8s.io/v1/selfsubjectreviews", review, credential);
    QCOMPARE(response.status, 201);
    const QJsonObject info =
        response.json().value(QLatin1String("status")).toObject().value(QLatin1String("userInfo")).toObject();
    QCOMPARE(info.value(QLatin1String("username")).toString(), user);
    QVERIFY(info.value(QLatin1String("groups")).toArray().contains(group));
    QVERIFY(info.value(QLatin1String("groups")).toArray().contains(QStringLiteral("system:authenticated")));
}

QTEST_GUILESS_MAIN(TestApiAuth)
#include "tst_apiauth.moc"
