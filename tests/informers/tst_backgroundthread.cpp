// BackgroundThread: the workers run at a lower priority than the thread that started them, and only they.
#include "backgroundthread.h"

#include <QtTest>
#include <functional>
#include <sys/resource.h>
#include <thread>
#include <unistd.h>

using binnacle::BackgroundThread;

namespace {

int niceOfCallingThread() {
    errno = 0;
    const int nice = getpriority(PRIO_PROCESS, id_t(gettid()));
    return errno == 0 ? nice : -100;
}

// A started BackgroundThread with an object on it to run calls; stopped and joined on destruction.
struct RunningWorker {
    BackgroundThread thread;
    QObject* anchor = new QObject;

    RunningWorker() {
        anchor->moveToThread(&thread);
        QObject::connect(&thread, &QThread::finished, anchor, &QObject::deleteLater);
        thread.start();
    }
    ~RunningWorker() {
        thread.quit();
        thread.wait();
    }
    bool run(const std::function<void()>& call) {
        return QMetaObject::invokeMethod(anchor, call, Qt::BlockingQueuedConnection);
    }
};

} // namespace

class BackgroundThreadTest : public QObject {
    Q_OBJECT
private slots:
    void runsBelowTheStartingThread() {
        const int starting = niceOfCallingThread();
        QVERIFY(starting != -100);
        RunningWorker worker;
        int seenInWorker = -100;
        QVERIFY(worker.run([&] { seenInWorker = niceOfCallingThread(); }));
        QCOMPARE(seenInWorker, std::min(starting + BackgroundThread::niceIncrement, 19));
        // A thread started from the worker (as Qt's HTTP thread is, for a network access manager living on
        // it) inherits its value.
        int seenInChild = -100;
        QVERIFY(worker.run([&] { std::thread([&] { seenInChild = niceOfCallingThread(); }).join(); }));
        QCOMPARE(seenInChild, seenInWorker);
        // The process's other threads keep theirs.
        QCOMPARE(niceOfCallingThread(), starting);
    }

    void itsEventLoopRuns() {
        // The override must still run the event loop: queued calls and quit() work as with QThread.
        RunningWorker worker;
        bool ran = false;
        QVERIFY(worker.run([&] { ran = true; }));
        QVERIFY(ran);
        worker.thread.quit();
        QVERIFY(worker.thread.wait(10000));
        QVERIFY(worker.thread.isFinished());
    }
};

QTEST_GUILESS_MAIN(BackgroundThreadTest)
#include "tst_backgroundthread.moc"
