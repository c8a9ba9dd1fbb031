#pragma once

#include "apirequest.h"
#include "servercontext.h"

#include <QObject>

namespace binnacle::sim {

class WatchStream;

// GET on objects and collections: get, list (paginated, at a resourceVersion, filtered), watch,
// in JSON, Table or metadata-only form; and the scale subresource's reads.
class ReadHandler : public QObject {
    Q_OBJECT
public:
    ReadHandler(const ServerContext& context, QObject* parent = nullptr);

    void get(const ApiRequestPtr& request);
    void list(const ApiRequestPtr& request);
    void watch(const ApiRequestPtr& request);
    void dropWatches();
    int activeWatches() const { return int(m_watches.size()); }

private:
    const ServerContext& m_context;
    QList<WatchStream*> m_watches;
};

} // namespace binnacle::sim
