// The table's column order: moves are column moves (never resets) that carry data, headers, sorting and
// persistent indexes along; an order set by name applies when the columns arrive; rows pass through; and a
// ResourceView remembers the order of its kind (DashboardSettings) and restores it for the next view.
#include "clusterconnection.h"
#include "columnorderproxy.h"
#include "dashboardsettings.h"
#include "resourcetablemodel.h"
#include "resourceview.h"
#include "simulator.h"
#include "staticcredentialprovider.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QTest>

using namespace binnacle;

namespace {

QStringList headers(const QAbstractItemModel& model) {
    QStringList titles;
    for (int column = 0; column < model.columnCount(); ++column) {
        titles.append(model.headerData(column, Qt::Horizontal).toString());
    }
    return titles;
}

QStringList rowText(const QAbstractItemModel& model, int row) {
    QStringList cells;
    for (int column = 0; column < model.columnCount(); ++column) {
        cells.append(model.index(row, column).data().toString());
    }
    return cells;
}

// Name, Status, Age: three rows, cells "<row><column letter>".
void fill(QStandardItemModel& model, int rows) {
    model.clear();
    model.setHorizontalHeaderLabels({"Name", "Status", "Age"});
    for (int row = 0; row < rows; ++row) {
        QList<QStandardItem*> items;
        for (const char* column : {"n", "s", "a"}) {
            items.append(new QStandardItem(QString::number(row) + QLatin1String(column)));
        }
        model.appendRow(items);
    }
}

} // namespace

class TestColumnOrderProxy : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(m_settingsDirectory.isValid());
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDirectory.path());
        QCoreApplication::setOrganizationName(QStringLiteral("BinnacleTest"));
        QCoreApplication::setApplicationName(QStringLiteral("column-order-test"));
    }

    void passesThroughByDefault() {
        QStandardItemModel source;
        fill(source, 3);
        ColumnOrderProxy proxy;
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.setSourceModel(&source);
        QCOMPARE(headers(proxy), (QStringList{"Name", "Status", "Age"}));
        QCOMPARE(rowText(proxy, 2), (QStringList{"2n", "2s", "2a"}));
        QCOMPARE(proxy.columnOrder(), (QStringList{"Name", "Status", "Age"}));
    }

    void moveColumn_data() {
        QTest::addColumn<int>("from");
        QTest::addColumn<int>("to");
        QTest::addColumn<int>("destination"); // as columnsMoved names it: before which column, pre-move
        QTest::addColumn<QStringList>("order");
        QTest::newRow("first to last") << 0 << 2 << 3 << QStringList{"Status", "Age", "Name"};
        QTest::newRow("last to first") << 2 << 0 << 0 << QStringList{"Age", "Name", "Status"};
        QTest::newRow("one right") << 0 << 1 << 2 << QStringList{"Status", "Name", "Age"};
        QTest::newRow("one left") << 2 << 1 << 1 << QStringList{"Name", "Age", "Status"};
    }

    void moveColumn() {
        QFETCH(int, from);
        QFETCH(int, to);
        QFETCH(int, destination);
        QFETCH(QStringList, order);
        QStandardItemModel source;
        fill(source, 3);
        ColumnOrderProxy proxy;
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.setSourceModel(&source);
        const QPersistentModelIndex moved = proxy.index(1, from);
        const QPersistentModelIndex nameCell = proxy.index(0, 0);
        QSignalSpy aboutToMove(&proxy, &QAbstractItemModel::columnsAboutToBeMoved);
        QSignalSpy movedSpy(&proxy, &QAbstractItemModel::columnsMoved);
        QSignalSpy resets(&proxy, &QAbstractItemModel::modelAboutToBeReset);
        QSignalSpy layouts(&proxy, &QAbstractItemModel::layoutChanged);
        QSignalSpy orderChanges(&proxy, &ColumnOrderProxy::columnOrderChanged);

        QVERIFY(proxy.moveColumn(from, to));
        QCOMPARE(aboutToMove.size(), 1);
        QCOMPARE(movedSpy.size(), 1);
        QCOMPARE(movedSpy.at(0).at(1).toInt(), from);
        QCOMPARE(movedSpy.at(0).at(2).toInt(), from);
        QCOMPARE(movedSpy.at(0).at(4).toInt(), destination);
        QCOMPARE(resets.size(), 0);
        QCOMPARE(layouts.size(), 0);
        QCOMPARE(orderChanges.size(), 1);
        QCOMPARE(headers(proxy), order);
        QCOMPARE(proxy.columnOrder(), order);
        // The cells follow their column, and so do indexes held across the move.
        for (int column = 0; column < 3; ++column) {
            const int sourceColumn = proxy.sourceColumn(column);
            QCOMPARE(proxy.displayColumn(sourceColumn), column);
            QCOMPARE(proxy.index(2, column).data(), source.index(2, sourceColumn).data());
        }
        QCOMPARE(moved.column(), to);
        QCOMPARE(moved.data(), source.index(1, from).data());
        QCOMPARE(nameCell.data().toString(), QStringLiteral("0n"));
    }

    // A ResourceTableModel's whole-row role comes in display order, and a move says that it changed (a list
    // view draws each row from it, not from the moved column's indexes), as one dataChanged of that role.
    void cellsRoleInDisplayOrder() {
        QStandardItemModel source;
        fill(source, 3);
        for (int row = 0; row < source.rowCount(); ++row) {
            const QStringList cells = rowText(source, row);
            for (int column = 0; column < source.columnCount(); ++column) {
                source.setData(source.index(row, column), cells, ResourceTableModel::CellsRole);
            }
        }
        ColumnOrderProxy proxy;
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.setSourceModel(&source);
        QCOMPARE(proxy.index(1, 2).data(ResourceTableModel::CellsRole).toStringList(),
                 (QStringList{"1n", "1s", "1a"}));
        QSignalSpy changes(&proxy, &QAbstractItemModel::dataChanged);
        QSignalSpy movedSpy(&proxy, &QAbstractItemModel::columnsMoved);
        QVERIFY(proxy.moveColumn(0, 2)); // Status, Age, Name
        QCOMPARE(movedSpy.size(), 1);
        QCOMPARE(changes.size(), 1);
        QCOMPARE(changes.at(0).at(0).toModelIndex(), proxy.index(0, 0));
        QCOMPARE(changes.at(0).at(1).toModelIndex(), proxy.index(2, 2));
        QCOMPARE(changes.at(0).at(2).value<QList<int>>(), QList<int>{ResourceTableModel::CellsRole});
        for (int row = 0; row < 3; ++row) {
            for (int column = 0; column < 3; ++column) {
                QCOMPARE(proxy.index(row, column).data(ResourceTableModel::CellsRole).toStringList(),
                         rowText(proxy, row));
            }
        }
        // Other roles pass through untouched.
        QCOMPARE(proxy.index(0, 2).data().toString(), QStringLiteral("0n"));
        // An empty table has nothing to re-read.
        QStandardItemModel emptySource;
        emptySource.setHorizontalHeaderLabels({"Name", "Status"});
        proxy.setSourceModel(&emptySource);
        changes.clear();
        QVERIFY(proxy.moveColumn(0, 1));
        QCOMPARE(changes.size(), 0);
    }

    void refusesOutOfRange() {
        QStandardItemModel source;
        fill(source, 2);
        ColumnOrderProxy proxy;
        proxy.setSourceModel(&source);
        QSignalSpy movedSpy(&proxy, &QAbstractItemModel::columnsMoved);
        QVERIFY(!proxy.moveColumn(-1, 1));
        QVERIFY(!proxy.moveColumn(0, 3));
        QVERIFY(proxy.moveColumn(1, 1)); // nothing to do
        QCOMPARE(movedSpy.size(), 0);
        QCOMPARE(headers(proxy), (QStringList{"Name", "Status", "Age"}));
    }

    // The order is kept by name: set before the columns exist, it applies when they arrive (a reset), names
    // the source lacks are skipped, and columns it does not name follow in the source's order.
    void orderByNameAppliesWhenColumnsArrive() {
        // As in ResourceView: a sorting proxy whose source changes (another kind) resets with the new
        // columns.
        QStandardItemModel empty;
        QStandardItemModel filled;
        fill(filled, 2);
        QSortFilterProxyModel sorter;
        sorter.setSourceModel(&empty);
        ColumnOrderProxy proxy;
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.setSourceModel(&sorter);
        proxy.setColumnOrder({"Age", "Restarts", "Name"});
        QCOMPARE(proxy.columnOrder(), (QStringList{"Age", "Restarts", "Name"}));
        sorter.setSourceModel(&filled);
        QCOMPARE(headers(proxy), (QStringList{"Age", "Name", "Status"}));
        QCOMPARE(rowText(proxy, 1), (QStringList{"1a", "1n", "1s"}));
        // Setting it on a shown table reorders it at once.
        QSignalSpy resets(&proxy, &QAbstractItemModel::modelReset);
        proxy.setColumnOrder({"Status"});
        QCOMPARE(resets.size(), 1);
        QCOMPARE(headers(proxy), (QStringList{"Status", "Name", "Age"}));
    }

    // Live rows pass through as inserts, removes and changes; a change reaches the column where it is shown.
    void rowsPassThrough() {
        QStandardItemModel source;
        fill(source, 2);
        ColumnOrderProxy proxy;
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.setSourceModel(&source);
        QVERIFY(proxy.moveColumn(2, 0)); // Age, Name, Status
        QSignalSpy inserted(&proxy, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&proxy, &QAbstractItemModel::rowsRemoved);
        QSignalSpy changed(&proxy, &QAbstractItemModel::dataChanged);
        QSignalSpy resets(&proxy, &QAbstractItemModel::modelReset);
        source.appendRow({new QStandardItem("2n"), new QStandardItem("2s"), new QStandardItem("2a")});
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(inserted.at(0).at(1).toInt(), 2);
        QCOMPARE(rowText(proxy, 2), (QStringList{"2a", "2n", "2s"}));
        source.setData(source.index(0, 1), QStringLiteral("Failed"));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.at(0).at(0).toModelIndex(), proxy.index(0, 2));
        QCOMPARE(changed.at(0).at(1).toModelIndex(), proxy.index(0, 2));
        QCOMPARE(proxy.index(0, 2).data().toString(), QStringLiteral("Failed"));
        source.removeRow(1);
        QCOMPARE(removed.size(), 1);
        QCOMPARE(proxy.rowCount(), 2);
        QCOMPARE(resets.size(), 0);
    }

    // Over a sorting proxy (as in ResourceView): sorting by a shown column sorts by its source column, and
    // an index held across the sort follows its row.
    void sortsThroughTheOrder() {
        QStandardItemModel source;
        fill(source, 3);
        source.setData(source.index(0, 2), QStringLiteral("9a"));
        QSortFilterProxyModel sorter;
        sorter.setSourceModel(&source);
        ColumnOrderProxy proxy;
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.setSourceModel(&sorter);
        QVERIFY(proxy.moveColumn(2, 0));                      // Age first
        const QPersistentModelIndex held = proxy.index(0, 1); // "0n"
        proxy.sort(0, Qt::DescendingOrder);
        QCOMPARE(sorter.sortColumn(), 2);
        QCOMPARE(rowText(proxy, 0), (QStringList{"9a", "0n", "0s"}));
        QCOMPARE(rowText(proxy, 2), (QStringList{"1a", "1n", "1s"}));
        QCOMPARE(held.data().toString(), QStringLiteral("0n"));
        QCOMPARE(held.row(), 0);
        QCOMPARE(held.column(), 1);
    }

    // A view of a kind remembers a move for the kind, and a new view of that kind opens in that order.
    void viewRestoresTheOrderOfItsKind() {
        sim::SimulatorOptions options;
        options.controllers = false;
        sim::Simulator simulator(options);
        QString error;
        QVERIFY2(simulator.start(&error), qPrintable(error));
        ClusterConnection connection;
        transport::ClusterEndpoint endpoint;
        endpoint.server = QUrl(simulator.serverUrl());
        endpoint.caPem = simulator.credentials().caPem;
        auth::StaticCredentialProvider::Settings credentials;
        credentials.token = simulator.credentials().adminToken;
        ClusterConnection::Options connectionOptions;
        connectionOptions.useDiscoveryCache = false;
        connection.connectTo(endpoint, std::make_unique<auth::StaticCredentialProvider>(credentials),
                             QStringLiteral("columns"), connectionOptions);
        QTRY_VERIFY_WITH_TIMEOUT(connection.hasResources(), 15000);

        QStringList moved;
        {
            ResourceView view;
            view.setConnection(&connection);
            view.setResourceKey(QStringLiteral("namespaces"));
            QTRY_VERIFY_WITH_TIMEOUT(view.ready(), 15000);
            const QStringList serverOrder = headers(*view.columns());
            QCOMPARE(serverOrder, headers(*view.model()));
            QVERIFY(serverOrder.size() >= 3);
            QCOMPARE(view.statusColumn(), int(serverOrder.indexOf(QStringLiteral("Status"))));
            view.sortBy(0);
            QSignalSpy resets(view.columns(), &QAbstractItemModel::modelReset);
            QSignalSpy columnsChanged(&view, &ResourceView::columnsChanged);
            view.moveColumn(0, serverOrder.size() - 1); // Name last
            QCOMPARE(resets.size(), 0);
            QCOMPARE(columnsChanged.size(), 1);
            moved = headers(*view.columns());
            QCOMPARE(moved.last(), QStringLiteral("Name"));
            QCOMPARE(view.sortColumn(), int(serverOrder.size() - 1)); // still sorted by Name, now shown last
            QCOMPARE(view.statusColumn(), int(moved.indexOf(QStringLiteral("Status"))));
            QCOMPARE(DashboardSettings().columnOrder(QStringLiteral("namespaces")), moved);
        }
        ResourceView reopened;
        reopened.setConnection(&connection);
        reopened.setResourceKey(QStringLiteral("namespaces"));
        QTRY_VERIFY_WITH_TIMEOUT(reopened.ready(), 15000);
        QCOMPARE(headers(*reopened.columns()), moved);
        QCOMPARE(reopened.columns()->index(0, int(moved.size()) - 1).data(ResourceTableModel::NameRole),
                 reopened.columns()->index(0, int(moved.size()) - 1).data());
        // Another kind keeps the server's order.
        reopened.setResourceKey(QStringLiteral("configmaps"));
        QTRY_VERIFY_WITH_TIMEOUT(reopened.columns()->columnCount() > 0 &&
                                     headers(*reopened.columns()).first() != moved.first(),
                                 15000);
        QCOMPARE(headers(*reopened.columns()), headers(*reopened.model()));
    }

private:
    QTemporaryDir m_settingsDirectory;
};

QTEST_MAIN(TestColumnOrderProxy)
#include "tst_columnorderproxy.moc"
