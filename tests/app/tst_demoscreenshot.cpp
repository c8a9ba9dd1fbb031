// The dashboard executable end to end: `binnacle --demo --screenshot` starts the embedded demo cluster,
// loads its data, renders the window offscreen and writes a PNG.
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

class TestDemoScreenshot : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void rendersTheDemoCluster() {
        QTemporaryDir directory;
        const QString file = directory.filePath(QStringLiteral("demo.png"));
        QProcess app;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        app.setProcessEnvironment(environment);
        app.start(QStringLiteral(BINNACLE_APP), {QStringLiteral("--demo"), QStringLiteral("--screenshot"),
                                                 file, QStringLiteral("--size"), QStringLiteral("900x600")});
        QVERIFY(app.waitForFinished(60000));
        QCOMPARE(app.exitStatus(), QProcess::NormalExit);
        QVERIFY2(app.exitCode() == 0, app.readAllStandardError().constData());
        const QImage image(file);
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), QSize(900, 600));
    }

    void refusesToRunWithoutACluster() {
        QProcess app;
        app.start(QStringLiteral(BINNACLE_APP), {});
        QVERIFY(app.waitForFinished(30000));
        QCOMPARE(app.exitCode(), 2);
        QVERIFY(app.readAllStandardError().contains("--demo"));
    }
};

QTEST_MAIN(TestDemoScreenshot)
#include "tst_demoscreenshot.moc"
