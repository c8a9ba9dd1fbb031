// What the dashboard remembers: written at once, read back by a new instance (as after a restart), per
// context and per kind, with names that would otherwise nest or escape QSettings groups.
#include "dashboardsettings.h"

#include <QCoreApplication>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace binnacle;

class TestDashboardSettings : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(m_directory.isValid());
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_directory.path());
        QCoreApplication::setOrganizationName(QStringLiteral("BinnacleTest"));
        QCoreApplication::setApplicationName(QStringLiteral("settings-test"));
    }

    void survivesARestart() {
        {
            DashboardSettings settings;
            QSignalSpy contextChanges(&settings, &DashboardSettings::lastContextChanged);
            settings.setLastContext(QStringLiteral("prod/eu-west"));
            settings.setLastContext(QStringLiteral("prod/eu-west"));
            QCOMPARE(contextChanges.size(), 1);
            settings.setWindowGeometry(QRect(10, 20, 1400, 900));
            settings.setNamespaceFor(QStringLiteral("prod/eu-west"), QStringLiteral("payments,shop"));
            settings.setNamespaceFor(QStringLiteral("arn:aws:eks:eu-west-1:1:cluster/x"),
                                     QStringLiteral("kube-system"));
            settings.setViewFor(QStringLiteral("prod/eu-west"), QStringLiteral("deployments.apps"));
            settings.setColumnWidth(QStringLiteral("pods"), QStringLiteral("Name"), 320);
            settings.setColumnWidth(QStringLiteral("pods"), QStringLiteral("Status"), 140);
            settings.setColumnOrder(QStringLiteral("pods"), {"Name", "Status", "Age"});
        }
        DashboardSettings restarted;
        QCOMPARE(restarted.lastContext(), QStringLiteral("prod/eu-west"));
        QCOMPARE(restarted.windowGeometry(), QRect(10, 20, 1400, 900));
        QCOMPARE(restarted.namespaceFor(QStringLiteral("prod/eu-west")), QStringLiteral("payments,shop"));
        QCOMPARE(restarted.namespaceFor(QStringLiteral("arn:aws:eks:eu-west-1:1:cluster/x")),
                 QStringLiteral("kube-system"));
        // The '/' in a context name does not make "prod" a group with an "eu-west" entry.
        QCOMPARE(restarted.namespaceFor(QStringLiteral("prod"), QStringLiteral("fallback")),
                 QStringLiteral("fallback"));
        QCOMPARE(restarted.viewFor(QStringLiteral("prod/eu-west")), QStringLiteral("deployments.apps"));
        QCOMPARE(restarted.viewFor(QStringLiteral("other"), QStringLiteral("pods")), QStringLiteral("pods"));
        const QVariantMap widths = restarted.columnWidths(QStringLiteral("pods"));
        QCOMPARE(widths.value("Name").toInt(), 320);
        QCOMPARE(widths.value("Status").toInt(), 140);
        QCOMPARE(restarted.columnOrder(QStringLiteral("pods")), (QStringList{"Name", "Status", "Age"}));
        QVERIFY(restarted.columnWidths(QStringLiteral("deployments.apps")).isEmpty());
    }

private:
    QTemporaryDir m_directory;
};

QTEST_GUILESS_MAIN(TestDashboardSettings)
#include "tst_dashboardsettings.moc"
