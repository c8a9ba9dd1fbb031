#pragma once

#include "apirequest.h"
#include "servercontext.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QTimer>

namespace binnacle::sim {

// POST /binnacle-sim/churn {"count":N, "namespace":"", "rate":0}: modifies N existing pods (round-robin over
// the namespace's pods, or all pods) by bumping an annotation and the first container's restartCount, for
// watch-ingest benchmarks. The writes go straight to the object store in batches from the event loop, so
// the server keeps serving watches meanwhile; `rate` > 0 paces them at that many per second, 0 runs flat out.
// The answer comes when the last write is done: {"count", "lastKey", "lastResourceVersion", "durationMs"},
// so a client knows which resourceVersion marks the end. One churn at a time (409 otherwise).
class ChurnEndpoint : public QObject {
    Q_OBJECT
public:
    explicit ChurnEndpoint(const ServerContext* context, QObject* parent = nullptr);

    void serve(const ApiRequestPtr& request);

private:
    void step();
    void modify(const ObjectPtr& pod);
    void finish();

    const ServerContext* m_context;
    QTimer m_timer;
    QElapsedTimer m_clock;
    ApiRequestPtr m_request;
    QList<ObjectPtr> m_pods;
    QString m_typeKey;
    qint64 m_count = 0;
    qint64 m_done = 0;
    double m_rate = 0;
    ObjectPtr m_last;
};

} // namespace binnacle::sim
