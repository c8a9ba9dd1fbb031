#pragma once

#include "apirequest.h"
#include "servercontext.h"

#include <QDateTime>
#include <QObject>

namespace binnacle::sim {

// GET pods/NAME/log: synthetic, deterministic container output as text/plain — a line every few
// seconds since the container started, worded after its image — with container, tailLines,
// timestamps, sinceSeconds, limitBytes, previous, and follow (new lines keep coming until the
// client goes, the pod does, or the container instance stops: a restart ends it, as with the kubelet).
class PodLogHandler : public QObject {
    Q_OBJECT
public:
    PodLogHandler(const ServerContext& context, QObject* parent = nullptr);
    void get(const ApiRequestPtr& request);

    // The line a container writes at `time` (without timestamp), the same every time it is asked.
    static QString lineAt(const QString& podName, const QString& container, const QString& image,
                          const QDateTime& time);

private:
    const ServerContext& m_context;
};

} // namespace binnacle::sim
