#pragma once

#include <QString>

// Which allocator serves this process, and handing freed memory back to the system.
//
// Executables link mimalloc (binnacle_use_mimalloc in CMake): watch ingest allocates a few buffers per
// event on one thread and frees them on another, which glibc's malloc serialises on its arena locks
// (malloc and free were a third of Qt's HTTP thread). A process that does not link it keeps glibc's.
namespace binnacle::memory {

// True when malloc is mimalloc's (the executable linked it), false when it is the C library's.
bool mimallocServesMalloc();

// "mimalloc 2.0.9" or "glibc malloc", for benchmark output.
QString allocatorName();

// Hands freed memory back to the system. With mimalloc it returns what the calling thread allocated
// (whoever freed it), so call it on each thread that allocated what was freed; with glibc, once on any
// thread does. Costs a walk over the heap: call it after a large release, not per event.
void releaseFreedMemory();

} // namespace binnacle::memory
