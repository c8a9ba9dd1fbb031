// Replays the committed fuzzing corpus through the same entry points as the libFuzzer targets, with any
// compiler, so that every CI run exercises the tricky inputs (and whatever the fuzzers found) again.
#include "fuzzentrypoints.h"

#include <QDir>
#include <QFile>
#include <QTest>
#include <functional>

class TestFuzzReplay : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void replay_data();
    void replay();
};

void TestFuzzReplay::replay_data() {
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("path");

    int files = 0;
    for (const QString& target : {QStringLiteral("http"), QStringLiteral("body")}) {
        const QDir directory(QStringLiteral(BINNACLE_FUZZ_CORPUS_DIR "/") + target);
        for (const QString& name : directory.entryList(QDir::Files, QDir::Name)) {
            QTest::newRow(qPrintable(target + QLatin1Char('/') + name)) << target << directory.filePath(name);
            ++files;
        }
    }
    QVERIFY2(files > 0, "the corpus is empty");
}

void TestFuzzReplay::replay() {
    QFETCH(QString, target);
    QFETCH(QString, path);

    QFile file(path);
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
    const QByteArray input = file.readAll();
    const QString violation = target == QLatin1String("http")
                                  ? binnacle::sim::fuzz::checkHttpRequestParser(input)
                                  : binnacle::sim::fuzz::checkBodyDecoders(input);
    QVERIFY2(violation.isEmpty(), qPrintable(violation));
}

QTEST_GUILESS_MAIN(TestFuzzReplay)
#include "tst_fuzzreplay.moc"
