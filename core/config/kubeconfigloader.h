#pragma once

#include "kubeconfig.h"
#include "kubeconfiglocation.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace binnacle::config {

// One file of a location as found on disk.
struct KubeconfigSource {
    QString path;
    bool exists = false;
    QByteArray contents;
    QString readError; // set when the file exists but could not be read

    bool operator==(const KubeconfigSource&) const = default;
};

// Reads and merges kubeconfig files. Stateless; KubeconfigStore adds watching and writing.
class KubeconfigLoader {
public:
    // Reads and merges the files of `location`.
    static Kubeconfig load(const KubeconfigLocation& location);

    // The two halves of load(): reading the bytes (so a caller can tell whether anything changed)...
    static QList<KubeconfigSource> read(const KubeconfigLocation& location);
    // ...and parsing and merging them. A missing explicit file is an error; other missing files are
    // skipped. A broken file is reported in Kubeconfig::errors and the others still merge.
    static Kubeconfig merge(const KubeconfigLocation& location, const QList<KubeconfigSource>& sources);
};

} // namespace binnacle::config
