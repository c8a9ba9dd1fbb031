// libFuzzer target: the simulator's request body decoders (see fuzzentrypoints.h for the properties).
#include "fuzzentrypoints.h"

#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, size_t size) {
    const QByteArray input(reinterpret_cast<const char*>(data), qsizetype(size));
    const QString violation = binnacle::sim::fuzz::checkBodyDecoders(input);
    if (!violation.isEmpty()) {
        std::fprintf(stderr, "Body decoders: %s\n", qPrintable(violation));
        std::abort();
    }
    return 0;
}
