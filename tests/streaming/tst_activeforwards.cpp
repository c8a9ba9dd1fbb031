// ActiveForwards, the list of running forwards, under QAbstractItemModelTester with forwarders against
// the simulator: rows per forwarded port, the pod a Service resolved to, bytes counted on the row that
// moved them only, and rows leaving when a forward is stopped or destroyed.
#include "activeforwards.h"
#include "forwardtesting.h"
#include "podresolver.h"
#include "portforwarder.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace binnacle;
using namespace binnacle::streaming;
using namespace streamingtesting;

class TestActiveForwards : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QVERIFY(m_cluster.start());
        m_resolver = std::make_unique<PodResolver>(m_cluster.transport.get());
        QVERIFY(createWebFixture(m_cluster));
    }

    void rowsFollowTheForwards() {
        ActiveForwards model;
        model.setUpdateInterval(0);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

        auto* pod = new PortForwarder(m_cluster.connector.get(), m_resolver.get());
        QString error;
        QVERIFY(pod->start(ForwardTarget::pod(testNamespace, "web-b"), {{0, 9000}, {0, 8080}}, &error));
        model.add(pod);
        auto* service = new PortForwarder(m_cluster.connector.get(), m_resolver.get());
        QVERIFY(service->start(ForwardTarget::service(testNamespace, "web"), {{0, 7}}, &error));
        model.add(service);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(inserted.count(), 2);

        QCOMPARE(model.data(model.index(0), ActiveForwards::LocalAddressRole).toString(),
                 QStringLiteral("127.0.0.1:%1").arg(pod->ports()[0].localPort));
        QCOMPARE(model.data(model.index(1), ActiveForwards::TargetRole).toString(),
                 QStringLiteral("pod/web-b:8080"));
        QCOMPARE(model.data(model.index(2), ActiveForwards::TargetRole).toString(),
                 QStringLiteral("service/web:7"));
        QTRY_COMPARE_WITH_TIMEOUT(model.data(model.index(2), ActiveForwards::PodRole).toString(),
                                  QStringLiteral("web-a"), 10000);
        QCOMPARE(model.data(model.index(2), ActiveForwards::StateRole).toString(),
                 QStringLiteral("Forwarding"));

        changed.clear();
        QCOMPARE(exchange(pod->ports()[0].localPort, "12345", 5), QByteArray("12345"));
        QTRY_COMPARE(model.data(model.index(0), ActiveForwards::BytesInRole).toLongLong(), 5);
        QCOMPARE(model.data(model.index(0), ActiveForwards::BytesOutRole).toLongLong(), 5);
        QVERIFY(!changed.isEmpty());
        for (const QList<QVariant>& change : std::as_const(changed)) {
            QCOMPARE(change.at(0).toModelIndex().row(), 0); // only the row that moved bytes
        }

        model.stop(1); // the pod forwarder's two rows go
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(removed.count(), 1);
        QCOMPARE(removed.first().at(1).toInt(), 0);
        QCOMPARE(removed.first().at(2).toInt(), 1);
        QCOMPARE(model.data(model.index(0), ActiveForwards::TargetRole).toString(),
                 QStringLiteral("service/web:7"));
        delete model.forwarderAt(0); // a forwarder destroyed elsewhere leaves too
        QCOMPARE(model.rowCount(), 0);
    }

    void emptyForwarderAddsNothing() {
        ActiveForwards model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.add(new PortForwarder(m_cluster.connector.get(), nullptr, &model)); // never started: no ports
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.roleNames().value(ActiveForwards::BytesInRole), QByteArray("bytesIn"));
        model.stop(0); // out of range: harmless
    }

private:
    Cluster m_cluster;
    std::unique_ptr<PodResolver> m_resolver;
};

QTEST_GUILESS_MAIN(TestActiveForwards)
#include "tst_activeforwards.moc"
