#include "allocator.h"

#include <cstdlib>
#include <gperftools/malloc_extension_c.h>
#include <gperftools/tcmalloc.h>

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace binnacle::memory {

bool tcmallocServesMalloc() {
    static const bool serves = [] {
        void* probe = std::malloc(16);
        const bool owned = MallocExtension_GetOwnership(probe) == MallocExtension_kOwned;
        std::free(probe);
        return owned;
    }();
    return serves;
}

QString allocatorName() {
    if (!tcmallocServesMalloc()) {
        return QStringLiteral("glibc malloc");
    }
    int major = 0;
    int minor = 0;
    tc_version(&major, &minor, nullptr);
    return QStringLiteral("TCMalloc %1.%2").arg(major).arg(minor);
}

void releaseFreedMemory() {
    if (tcmallocServesMalloc()) {
        // Free spans go back to one page heap whichever thread freed them; this returns all of it.
        MallocExtension_ReleaseFreeMemory();
        return;
    }
#ifdef __GLIBC__
    malloc_trim(0);
#endif
}

} // namespace binnacle::memory
