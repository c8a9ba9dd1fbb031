// The executables run on TCMalloc: malloc, operator new and Qt's containers all allocate from it, memory
// freed on another thread than the one that allocated it goes back to the system, and the shipped
// binaries run on it.
#include "allocator.h"

#include <QByteArray>
#include <QFile>
#include <QProcess>
#include <QtTest>
#include <memory>
#include <string>
#include <thread>
#include <vector>

using namespace binnacle;

namespace {
bool owned(const void* block) {
    return memory::ownedByTcmalloc(block);
}

qint64 residentBytes() {
    QFile statm(QStringLiteral("/proc/self/statm"));
    if (!statm.open(QIODevice::ReadOnly)) {
        return -1;
    }
    const QList<QByteArray> fields = statm.readAll().split(' ');
    return fields.size() > 1 ? fields.at(1).toLongLong() * 4096 : -1;
}
} // namespace

class AllocatorTest : public QObject {
    Q_OBJECT
private slots:
    void everyAllocationComesFromTcmalloc();
    void blocksFreedOnAnotherThreadAreReleased();
    void executablesRunOnTcmalloc_data();
    void executablesRunOnTcmalloc();
};

void AllocatorTest::everyAllocationComesFromTcmalloc() {
    QVERIFY(memory::tcmallocServesMalloc());
    QVERIFY2(memory::allocatorName().startsWith(QLatin1String("TCMalloc 2.")),
             qPrintable(memory::allocatorName()));

    // Qt's containers allocate inside Qt's own libraries: their malloc must be the same one.
    const QByteArray bytes(100000, 'x');
    QVERIFY(owned(bytes.constData()));
    const QString text(50, QLatin1Char('y'));
    QVERIFY(owned(text.constData()));
    const auto object = std::make_unique<std::string>(4096, 'z');
    QVERIFY(owned(object.get()));
    QVERIFY(owned(object->data()));
    void* block = std::malloc(24);
    QVERIFY(owned(block));
    std::free(block);
}

void AllocatorTest::blocksFreedOnAnotherThreadAreReleased() {
    // What watch ingest does: the reflector's thread allocates each object's JSON, the informer's thread
    // frees it once compressed and asks for the memory to go back.
    constexpr int blocks = 20000;
    constexpr qsizetype blockBytes = 4000; // 80 MB in all
    std::vector<QByteArray> made;
    made.reserve(blocks);
    std::thread allocating([&] {
        for (int i = 0; i < blocks; ++i) {
            made.emplace_back(blockBytes, char('a' + i % 26));
        }
    });
    allocating.join();
    const qint64 filled = residentBytes();
    QVERIFY(filled > 0);
    for (int i = 0; i < blocks; ++i) {
        QCOMPARE(made[std::size_t(i)].at(blockBytes - 1), char('a' + i % 26)); // intact
    }
    made.clear();
    made.shrink_to_fit();
    memory::releaseFreedMemory();
    const qint64 released = residentBytes();
    // Nine tenths of the 80 MB go back at once (without the release, all of it stays).
    QVERIFY2(released < filled - 72 * 1000 * 1000,
             qPrintable(QStringLiteral("resident %1 -> %2 bytes").arg(filled).arg(released)));
}

void AllocatorTest::executablesRunOnTcmalloc_data() {
    QTest::addColumn<QString>("program");
    QTest::addColumn<QStringList>("arguments"); // ones that make the program exit at once with status 0
    const QStringList version{QStringLiteral("--version")};
    QTest::newRow("binnacle") << QStringLiteral(BINNACLE_DASHBOARD) << version;
    QTest::newRow("binnacle-cli") << QStringLiteral(BINNACLE_CLI)
                                  << QStringList{QStringLiteral("--kubeconfig"), QStringLiteral("/dev/null"),
                                                 QStringLiteral("config"), QStringLiteral("get-contexts")};
    QTest::newRow("binnacle-sim") << QStringLiteral(BINNACLE_SIM) << version;
}

void AllocatorTest::executablesRunOnTcmalloc() {
    QFETCH(QString, program);
    QFETCH(QStringList, arguments);
    // TCMalloc prints its statistics at exit when asked: only a process it serves can print them.
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("MALLOCSTATS"), QStringLiteral("1"));
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    QVERIFY(process.waitForFinished(30000));
    QCOMPARE(process.exitCode(), 0);
    const QByteArray errors = process.readAllStandardError();
    QVERIFY2(errors.contains("Bytes in use by application"), errors.constData());
}

QTEST_GUILESS_MAIN(AllocatorTest)
#include "tst_allocator.moc"
