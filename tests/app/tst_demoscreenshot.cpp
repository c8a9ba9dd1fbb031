// The dashboard executable end to end: `binnacle --demo --screenshot FILE --view KIND` starts the embedded
// demo cluster, waits until the view is synced and shows rows, renders the window offscreen and writes a PNG.
#include "simulator.h"

#include <QFile>
#include <QImage>
#include <QProcess>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {
QProcessEnvironment offscreenEnvironment(const QString& home) {
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    // No kubeconfig of the machine's user, and the discovery cache in a scratch place.
    environment.insert(QStringLiteral("HOME"), home);
    environment.insert(QStringLiteral("XDG_CACHE_HOME"), home + QStringLiteral("/cache"));
    environment.remove(QStringLiteral("KUBECONFIG"));
    return environment;
}

// Pixels whose colour is close to `colour` (antialiased text keeps its core colour).
int pixelsNear(const QImage& image, QColor colour) {
    int count = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor pixel = image.pixelColor(x, y);
            if (std::abs(pixel.red() - colour.red()) + std::abs(pixel.green() - colour.green()) +
                    std::abs(pixel.blue() - colour.blue()) <
                30) {
                ++count;
            }
        }
    }
    return count;
}
} // namespace

class TestDemoScreenshot : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void rendersTheDemoCluster_data() {
        QTest::addColumn<QString>("view");
        QTest::addColumn<bool>("hasStatusColumn"); // pods: Running in green, ContainerCreating in amber
        QTest::newRow("pods") << QStringLiteral("pods") << true;
        QTest::newRow("deployments") << QStringLiteral("deployments") << false;
    }

    void rendersTheDemoCluster() {
        QFETCH(QString, view);
        QFETCH(bool, hasStatusColumn);
        QTemporaryDir directory;
        const QString file = directory.filePath(view + QStringLiteral(".png"));
        QProcess app;
        app.setProcessEnvironment(offscreenEnvironment(directory.path()));
        app.start(QStringLiteral(BINNACLE_APP),
                  {QStringLiteral("--demo"), QStringLiteral("--screenshot"), file, QStringLiteral("--view"),
                   view, QStringLiteral("--size"), QStringLiteral("900x600")});
        QVERIFY(app.waitForFinished(90000));
        QCOMPARE(app.exitStatus(), QProcess::NormalExit);
        QVERIFY2(app.exitCode() == 0, app.readAllStandardError().constData());
        const QImage image(file);
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), QSize(900, 600));

        // Not blank: a window with a sidebar, a header and rows of text has many colours.
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 3) {
            for (int x = 0; x < image.width(); x += 3) {
                colours.insert(image.pixel(x, y));
            }
        }
        QVERIFY2(colours.size() > 30, qPrintable(QStringLiteral("%1 colours").arg(colours.size())));
        // The table's area (right of the sidebar, below the top bar) holds text, not just background.
        const QImage tableArea = image.copy(QRect(300, 80, 560, 300));
        QSet<QRgb> tableColours;
        for (int y = 0; y < tableArea.height(); y += 2) {
            for (int x = 0; x < tableArea.width(); x += 2) {
                tableColours.insert(tableArea.pixel(x, y));
            }
        }
        QVERIFY2(tableColours.size() > 10, qPrintable(QStringLiteral("%1 colours").arg(tableColours.size())));
        if (hasStatusColumn) {
            const int statusPixels = pixelsNear(tableArea, QColor(0x2f, 0x9e, 0x44)) +
                                     pixelsNear(tableArea, QColor(0xd9, 0x8a, 0x00));
            QVERIFY2(statusPixels > 20,
                     qPrintable(QStringLiteral("%1 status-coloured pixels").arg(statusPixels)));
        }
    }

    // A kubeconfig context (here the simulator's client-certificate one) instead of the demo.
    void rendersAKubeconfigContext() {
        binnacle::sim::SimulatorOptions options;
        options.controllers = false;
        binnacle::sim::Simulator simulator(options);
        QString error;
        QVERIFY2(simulator.start(&error), qPrintable(error));
        QTemporaryDir directory;
        const QString kubeconfig = directory.filePath(QStringLiteral("kubeconfig"));
        QFile file(kubeconfig);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(simulator.kubeconfig());
        file.close();
        const QString shot = directory.filePath(QStringLiteral("namespaces.png"));
        QProcess app;
        app.setProcessEnvironment(offscreenEnvironment(directory.path()));
        app.start(QStringLiteral(BINNACLE_APP),
                  {QStringLiteral("--kubeconfig"), kubeconfig, QStringLiteral("--context"),
                   QStringLiteral("sim-cert"), QStringLiteral("--view"), QStringLiteral("namespaces"),
                   QStringLiteral("--screenshot"), shot});
        // The simulator answers from this thread: wait with the event loop running.
        QSignalSpy finished(&app, &QProcess::finished);
        QVERIFY(finished.wait(60000));
        QVERIFY2(app.exitCode() == 0, app.readAllStandardError().constData());
        QCOMPARE(QImage(shot).size(), QSize(1280, 800));
    }

    void unknownContextIsReported() {
        QTemporaryDir directory;
        const QString kubeconfig = directory.filePath(QStringLiteral("kubeconfig"));
        QFile file(kubeconfig);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n");
        file.close();
        QProcess app;
        app.setProcessEnvironment(offscreenEnvironment(directory.path()));
        app.start(QStringLiteral(BINNACLE_APP),
                  {QStringLiteral("--kubeconfig"), kubeconfig, QStringLiteral("--context"),
                   QStringLiteral("nope"), QStringLiteral("--screenshot"),
                   directory.filePath(QStringLiteral("x.png"))});
        QVERIFY(app.waitForFinished(30000));
        QCOMPARE(app.exitCode(), 1);
        QVERIFY(app.readAllStandardError().contains("context \"nope\" does not exist"));
    }

    void refusesToRunWithoutACluster() {
        QTemporaryDir home;
        QProcess app;
        app.setProcessEnvironment(offscreenEnvironment(home.path()));
        // Without --screenshot the window opens on its start screen (tst_startscreen); a screenshot of
        // data that cannot come is refused at once.
        app.start(QStringLiteral(BINNACLE_APP),
                  {QStringLiteral("--screenshot"), home.filePath(QStringLiteral("x.png"))});
        QVERIFY(app.waitForFinished(30000));
        QCOMPARE(app.exitCode(), 2);
        QVERIFY(app.readAllStandardError().contains("--demo"));
    }
};

QTEST_MAIN(TestDemoScreenshot)
#include "tst_demoscreenshot.moc"
