// The executables run on mimalloc: malloc, operator new and Qt's containers all allocate from it, memory
// freed on another thread than the one that allocated it comes back, and the shipped binaries link it.
#include "allocator.h"

#include <QByteArray>
#include <QFile>
#include <QProcess>
#include <QThread>
#include <QtTest>
#include <memory>
#include <mimalloc.h>
#include <string>
#include <vector>

using namespace binnacle;

class AllocatorTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { decommitDelay = mi_option_get(mi_option_decommit_delay); }
    void everyAllocationComesFromMimalloc();
    void blocksFreedOnAnotherThreadAreReleased();
    void executablesRunOnMimalloc_data();
    void executablesRunOnMimalloc();

private:
    long decommitDelay = -1;
};

void AllocatorTest::everyAllocationComesFromMimalloc() {
    QVERIFY(memory::mimallocServesMalloc());
    QVERIFY2(memory::allocatorName().startsWith(QLatin1String("mimalloc 2.")),
             qPrintable(memory::allocatorName()));

    // Qt's containers allocate inside Qt's own libraries: their malloc must be the same one.
    const QByteArray bytes(100000, 'x');
    QVERIFY(mi_is_in_heap_region(bytes.constData()));
    const QString text(50, QLatin1Char('y'));
    QVERIFY(mi_is_in_heap_region(text.constData()));
    const auto object = std::make_unique<std::string>(4096, 'z');
    QVERIFY(mi_is_in_heap_region(object.get()));
    QVERIFY(mi_is_in_heap_region(object->data()));
    void* block = std::malloc(24);
    QVERIFY(mi_is_in_heap_region(block));
    std::free(block);
}

namespace {
qint64 residentBytes() {
    QFile statm(QStringLiteral("/proc/self/statm"));
    if (!statm.open(QIODevice::ReadOnly)) {
        return -1;
    }
    const QList<QByteArray> fields = statm.readAll().split(' ');
    return fields.size() > 1 ? fields.at(1).toLongLong() * 4096 : -1;
}
} // namespace

void AllocatorTest::blocksFreedOnAnotherThreadAreReleased() {
    // What watch ingest does: the reflector's thread allocates each object's JSON, the informer's thread
    // frees it once compressed, and the allocating thread, still running, is asked to release.
    constexpr int blocks = 20000;
    constexpr qsizetype blockBytes = 4000; // 80 MB in all
    QThread allocating;
    allocating.start();
    QObject inAllocatingThread;
    inAllocatingThread.moveToThread(&allocating);
    const auto onAllocatingThread = [&](auto&& work) {
        QVERIFY(QMetaObject::invokeMethod(&inAllocatingThread, work, Qt::BlockingQueuedConnection));
    };

    std::vector<QByteArray> made;
    made.reserve(blocks);
    onAllocatingThread([&] {
        for (int i = 0; i < blocks; ++i) {
            made.emplace_back(blockBytes, char('a' + i % 26));
        }
    });
    const qint64 filled = residentBytes();
    QVERIFY(filled > 0);
    for (int i = 0; i < blocks; ++i) {
        QCOMPARE(made[std::size_t(i)].at(blockBytes - 1), char('a' + i % 26)); // intact
    }
    made.clear();
    made.shrink_to_fit();
    memory::releaseFreedMemory();
    onAllocatingThread([] { memory::releaseFreedMemory(); });
    const qint64 released = residentBytes();
    // Nine tenths of the 80 MB go back at once (without the release, or with mimalloc's usual delay before
    // freed pages go back, about half stays resident until the allocating thread allocates again).
    QVERIFY2(released < filled - 72 * 1000 * 1000,
             qPrintable(QStringLiteral("resident %1 -> %2 bytes").arg(filled).arg(released)));

    // The delay before freed pages go back is restored: the next release is again the exception.
    QCOMPARE(mi_option_get(mi_option_decommit_delay), decommitDelay);
    allocating.quit();
    QVERIFY(allocating.wait(10000));
}

void AllocatorTest::executablesRunOnMimalloc_data() {
    QTest::addColumn<QString>("program");
    QTest::addColumn<QStringList>("arguments"); // ones that make the program exit at once with status 0
    const QStringList version{QStringLiteral("--version")};
    QTest::newRow("binnacle") << QStringLiteral(BINNACLE_DASHBOARD) << version;
    QTest::newRow("binnacle-cli") << QStringLiteral(BINNACLE_CLI)
                                  << QStringList{QStringLiteral("--kubeconfig"), QStringLiteral("/dev/null"),
                                                 QStringLiteral("config"), QStringLiteral("get-contexts")};
    QTest::newRow("binnacle-sim") << QStringLiteral(BINNACLE_SIM) << version;
}

void AllocatorTest::executablesRunOnMimalloc() {
    QFETCH(QString, program);
    QFETCH(QStringList, arguments);
    // mimalloc prints its statistics at exit when asked: only a process it serves can print them.
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("MIMALLOC_SHOW_STATS"), QStringLiteral("1"));
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    QVERIFY(process.waitForFinished(30000));
    QCOMPARE(process.exitCode(), 0);
    const QByteArray errors = process.readAllStandardError();
    QVERIFY2(errors.contains("heap stats"), errors.constData());
}

QTEST_GUILESS_MAIN(AllocatorTest)
#include "tst_allocator.moc"
