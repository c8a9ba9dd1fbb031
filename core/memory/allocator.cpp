#include "allocator.h"

#include <QMutex>
#include <cstdlib>
#include <mimalloc.h>

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace binnacle::memory {

bool mimallocServesMalloc() {
    static const bool serves = [] {
        void* probe = std::malloc(16);
        const bool inMimallocHeap = mi_is_in_heap_region(probe);
        std::free(probe);
        return inMimallocHeap;
    }();
    return serves;
}

QString allocatorName() {
    if (!mimallocServesMalloc()) {
        return QStringLiteral("glibc malloc");
    }
    const int version = mi_version(); // e.g. 209 for 2.0.9
    return QStringLiteral("mimalloc %1.%2.%3").arg(version / 100).arg(version / 10 % 10).arg(version % 10);
}

void releaseFreedMemory() {
    if (mimallocServesMalloc()) {
        // mimalloc returns freed pages to the system only after a delay (so that a page freed and needed
        // again soon is not faulted in twice), and only when the thread next allocates: a thread that goes
        // idle after a list keeps them. A collection with no delay returns them now. The delay is a global
        // option: the lock keeps two releases from restoring each other's zero.
        static QBasicMutex optionLock;
        const QMutexLocker locker(&optionLock);
        const long delay = mi_option_get(mi_option_decommit_delay);
        mi_option_set(mi_option_decommit_delay, 0);
        mi_collect(true);
        mi_option_set(mi_option_decommit_delay, delay);
        return;
    }
#ifdef __GLIBC__
    malloc_trim(0);
#endif
}

} // namespace binnacle::memory
