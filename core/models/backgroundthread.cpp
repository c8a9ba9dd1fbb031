#include "backgroundthread.h"

#ifdef Q_OS_LINUX
#include <algorithm>
#include <cerrno>
#include <sys/resource.h>
#include <unistd.h>
#endif

namespace binnacle {

void BackgroundThread::run() {
#ifdef Q_OS_LINUX
    // Linux keeps a nice value per thread: PRIO_PROCESS with the thread's own id changes only this one.
    // (QThread::setPriority cannot: under the normal scheduling policy its levels all map to the same one.)
    const id_t thread = id_t(gettid());
    errno = 0;
    const int inherited = getpriority(PRIO_PROCESS, thread);
    if (errno == 0) {
        setpriority(PRIO_PROCESS, thread, std::min(inherited + niceIncrement, 19)); // refused: as it was
    }
#endif
    QThread::run(); // the event loop
}

} // namespace binnacle
