#include "allocator.h"

#include <cstdlib>

#ifdef __GLIBC__
#include <malloc.h>
#endif

// TCMalloc's C interface (gperftools' malloc_extension_c.h and tcmalloc.h, stable since gperftools 1.x),
// declared here because its header comes only with the development package (see CMakeLists.txt).
extern "C" {
int MallocExtension_GetOwnership(const void* block); // 0 unknown, 1 owned, 2 not owned
void MallocExtension_ReleaseFreeMemory();
const char* tc_version(int* major, int* minor, const char** patch);
}

namespace binnacle::memory {

namespace {
constexpr int tcmallocOwned = 1;
} // namespace

bool ownedByTcmalloc(const void* block) {
    return MallocExtension_GetOwnership(block) == tcmallocOwned;
}

bool tcmallocServesMalloc() {
    static const bool serves = [] {
        void* probe = std::calloc(1, 16); // (calloc: GCC warns of reading malloc's bytes uninitialised)
        const bool owned = ownedByTcmalloc(probe);
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
