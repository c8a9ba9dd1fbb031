#pragma once

#include <QString>

// Which allocator serves this process, and handing freed memory back to the system.
//
// Executables link TCMalloc (binnacle_use_tcmalloc in CMake): watch ingest allocates a few buffers per
// event on one thread and frees them on another, which glibc's malloc serialises on its arena locks
// (malloc and free were a third of Qt's HTTP thread's time). A process that does not link it keeps glibc's.
namespace binnacle::memory {

// True when malloc is TCMalloc's (the executable linked it), false when it is the C library's.
bool tcmallocServesMalloc();

// Whether TCMalloc allocated `block` (one that malloc or operator new returned).
bool ownedByTcmalloc(const void* block);

// "TCMalloc 2.10" or "glibc malloc", for benchmark output.
QString allocatorName();

// Hands memory that is free but still mapped back to the system, whichever thread freed it. Costs a walk
// over the free pages: call it after a large release, not per event.
void releaseFreedMemory();

} // namespace binnacle::memory
