// AccessReview against the simulator's SelfSubjectAccessReview over TLS: the admin is allowed, the
// read-only user may read but not write, answers are cached for the TTL, and the same question asked
// twice at once sends one review.
#include "accessreview.h"
#include "actionstesting.h"

using namespace actionstesting;
using namespace binnacle;
using actions::AccessDecision;
using actions::AccessQuery;

namespace {
AccessQuery deletePods() {
    return AccessQuery{"delete", {}, "pods", {}, "default", {}};
}

AccessDecision check(actions::AccessReview& review, const AccessQuery& query) {
    std::optional<AccessDecision> decision;
    review.check(query, [&decision](const AccessDecision& each) { decision = each; });
    if (!QTest::qWaitFor([&] { return decision.has_value(); }, 20000)) {
        qWarning("no answer within 20 s");
    }
    return decision.value_or(AccessDecision());
}
} // namespace

class TestAccessReview : public QObject {
    Q_OBJECT

    Cluster m_cluster;

private slots:
    void initTestCase() { QVERIFY(m_cluster.start()); }

    void decisions_data() {
        QTest::addColumn<bool>("admin");
        QTest::addColumn<QString>("verb");
        QTest::addColumn<QString>("subresource");
        QTest::addColumn<bool>("allowed");
        QTest::newRow("admin delete") << true << "delete"
                                      << "" << true;
        QTest::newRow("admin eviction") << true << "create"
                                        << "eviction" << true;
        QTest::newRow("read-only list") << false << "list"
                                        << "" << true;
        QTest::newRow("read-only delete") << false << "delete"
                                          << "" << false;
        QTest::newRow("read-only eviction") << false << "create"
                                            << "eviction" << false;
    }
    void decisions() {
        QFETCH(bool, admin);
        QFETCH(QString, verb);
        QFETCH(QString, subresource);
        QFETCH(bool, allowed);
        Session& session = admin ? m_cluster.admin : m_cluster.readOnly;
        actions::AccessReview review(session.client.get());
        const AccessQuery query{verb, {}, "pods", subresource, "default", {}};
        const AccessDecision decision = check(review, query);
        QVERIFY(!decision.error);
        QCOMPARE(decision.allowed, allowed);
        if (allowed) {
            QVERIFY2(decision.reason.startsWith(QLatin1String("RBAC: allowed by")),
                     qPrintable(decision.reason));
        } else {
            QCOMPARE(decision.explanation(query),
                     QStringLiteral("RBAC: not allowed to %1 pods%2 in namespace \"default\"")
                         .arg(verb, subresource.isEmpty() ? QString() : QLatin1Char('/') + subresource));
        }
    }

    void cachesForTheTtl() {
        actions::AccessReview review(m_cluster.readOnly.client.get());
        std::chrono::milliseconds now{0};
        review.setNow([&now] { return now; });
        review.setTtl(std::chrono::seconds(30));
        QVERIFY(!check(review, deletePods()).allowed);
        QCOMPARE(review.reviewsSent(), 1);
        now = std::chrono::seconds(29);
        QVERIFY(!check(review, deletePods()).allowed);
        QCOMPARE(review.reviewsSent(), 1); // from the cache
        AccessQuery other = deletePods();
        other.namespaceName = QStringLiteral("kube-system");
        check(review, other);
        QCOMPARE(review.reviewsSent(), 2); // another question
        now = std::chrono::seconds(31);
        QVERIFY(!check(review, deletePods()).allowed);
        QCOMPARE(review.reviewsSent(), 3); // expired
        review.clear();
        check(review, deletePods());
        QCOMPARE(review.reviewsSent(), 4);
    }

    void sameQuestionAtOnceSendsOneReview() {
        actions::AccessReview review(m_cluster.admin.client.get());
        int answers = 0;
        for (int i = 0; i < 5; ++i) {
            review.check(deletePods(),
                         [&answers](const AccessDecision& decision) { answers += decision.allowed ? 1 : 0; });
        }
        QTRY_COMPARE_WITH_TIMEOUT(answers, 5, 20000);
        QCOMPARE(review.reviewsSent(), 1);
    }

    void answersComeLater() {
        actions::AccessReview review(m_cluster.admin.client.get());
        check(review, deletePods());
        bool answered = false;
        review.check(deletePods(), [&answered](const AccessDecision&) { answered = true; });
        QVERIFY(!answered); // not from inside check(), even from the cache
        QTRY_VERIFY(answered);
    }

    void failedReviewsAreNotCached() {
        actions::AccessReview review(m_cluster.admin.client.get());
        m_cluster.simulator->faults()->failNext(1, 500, -1);
        const AccessDecision failed = check(review, deletePods());
        QVERIFY(failed.error.has_value());
        QVERIFY(failed.explanation(deletePods()).startsWith(QLatin1String("could not check permission")));
        QVERIFY(check(review, deletePods()).allowed);
        QCOMPARE(review.reviewsSent(), 2);
    }
};

QTEST_MAIN(TestAccessReview)
#include "tst_accessreview.moc"
