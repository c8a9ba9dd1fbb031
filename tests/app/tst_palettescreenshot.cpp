// Light and dark: `binnacle --screenshot` with the default palette and with `--dark`, against a simulator.
// The table's background must follow the palette (light, or dark) and its text must stand out from it.
#include "simulator.h"

#include <QFile>
#include <QImage>
#include <QMap>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {

double luminance(QRgb pixel) {
    return (0.2126 * qRed(pixel) + 0.7152 * qGreen(pixel) + 0.0722 * qBlue(pixel)) / 255.0;
}

// The most frequent colour of an area: its background.
QRgb dominantColour(const QImage& area) {
    QMap<QRgb, int> counts;
    for (int y = 0; y < area.height(); ++y) {
        for (int x = 0; x < area.width(); ++x) {
            ++counts[area.pixel(x, y)];
        }
    }
    QRgb best = 0;
    int bestCount = -1;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        if (it.value() > bestCount) {
            best = it.key();
            bestCount = it.value();
        }
    }
    return best;
}

// Pixels whose luminance differs from the background's by more than `contrast`: the text's cores.
int contrastingPixels(const QImage& area, QRgb background, double contrast) {
    int count = 0;
    for (int y = 0; y < area.height(); ++y) {
        for (int x = 0; x < area.width(); ++x) {
            if (std::abs(luminance(area.pixel(x, y)) - luminance(background)) > contrast) {
                ++count;
            }
        }
    }
    return count;
}

} // namespace

class TestPaletteScreenshot : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        binnacle::sim::SimulatorOptions options;
        options.controllers = false;
        m_simulator = std::make_unique<binnacle::sim::Simulator>(options);
        QString error;
        QVERIFY2(m_simulator->start(&error), qPrintable(error));
        QFile file(m_directory.filePath(QStringLiteral("kubeconfig")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(m_simulator->kubeconfig());
    }

    void tableFollowsThePalette_data() {
        QTest::addColumn<bool>("dark");
        QTest::newRow("light") << false;
        QTest::newRow("dark") << true;
    }

    void tableFollowsThePalette() {
        QFETCH(bool, dark);
        const QString shot =
            m_directory.filePath(dark ? QStringLiteral("dark.png") : QStringLiteral("light.png"));
        QStringList arguments{
            QStringLiteral("--kubeconfig"), m_directory.filePath(QStringLiteral("kubeconfig")),
            QStringLiteral("--context"),    QStringLiteral("sim-admin"),
            QStringLiteral("--view"),       QStringLiteral("namespaces"),
            QStringLiteral("--size"),       QStringLiteral("1000x600"),
            QStringLiteral("--screenshot"), shot};
        if (dark) {
            arguments.append(QStringLiteral("--dark"));
        }
        QProcess app;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        environment.insert(QStringLiteral("HOME"), m_directory.path());
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_directory.filePath(QStringLiteral("config")));
        environment.insert(QStringLiteral("XDG_CACHE_HOME"), m_directory.filePath(QStringLiteral("cache")));
        environment.remove(QStringLiteral("KUBECONFIG"));
        environment.remove(QStringLiteral("QT_QUICK_CONTROLS_STYLE"));
        app.setProcessEnvironment(environment);
        app.start(QStringLiteral(BINNACLE_APP), arguments);
        // The simulator answers from this thread: wait with the event loop running.
        QSignalSpy finished(&app, &QProcess::finished);
        QVERIFY(finished.wait(60000));
        QVERIFY2(app.exitCode() == 0, app.readAllStandardError().constData());
        const QImage image = QImage(shot).convertToFormat(QImage::Format_RGB32);
        QCOMPARE(image.size(), QSize(1000, 600));

        // The table: right of the sidebar, below the top bar and the header: the four namespaces. rows.
        const QImage table = image.copy(QRect(250, 56, 450, 100));
        const QRgb background = dominantColour(table);
        if (dark) {
            QVERIFY2(luminance(background) < 0.3, qPrintable(QColor(background).name()));
        } else {
            QVERIFY2(luminance(background) > 0.7, qPrintable(QColor(background).name()));
        }
        const int text = contrastingPixels(table, background, 0.45);
        QVERIFY2(text > 100, qPrintable(QStringLiteral("%1 text pixels").arg(text)));
        // The window around it follows too (the sidebar's area).
        const QRgb sidebar = dominantColour(image.copy(QRect(0, 100, 200, 300)));
        QCOMPARE(luminance(sidebar) < 0.5, dark);
    }

private:
    QTemporaryDir m_directory;
    std::unique_ptr<binnacle::sim::Simulator> m_simulator;
};

QTEST_MAIN(TestPaletteScreenshot)
#include "tst_palettescreenshot.moc"
