#pragma once

#include <QThread>

namespace binnacle {

// A worker thread (network, parsing, the informers' caches) that yields to the GUI thread. On Linux it runs
// at a lower priority (a higher nice value): when the GUI thread and the workers all want one of too few
// cores, as while a burst of watch events arrives, the kernel runs the GUI thread first and a frame is not
// held up behind a batch of parsing. The workers lose nothing when a core is free. Threads started from it
// inherit its value: Qt's HTTP threads of a network access manager living on it run at the same level.
class BackgroundThread : public QThread {
    Q_OBJECT
public:
    using QThread::QThread;

    // Added to the nice value the thread inherits (19 is the lowest priority).
    static constexpr int niceIncrement = 5;

protected:
    void run() override;
};

} // namespace binnacle
