#pragma once

#include "apirequest.h"
#include "servercontext.h"

#include <QObject>

namespace binnacle::sim {

// POST, PUT, PATCH and DELETE on objects and their status and scale subresources: decoding and
// checking bodies and write options, then handing over to ResourceStorage for the semantics.
class WriteHandler : public QObject {
    Q_OBJECT
public:
    WriteHandler(const ServerContext& context, QObject* parent = nullptr);

    void create(const ApiRequestPtr& request);
    void update(const ApiRequestPtr& request);
    void patch(const ApiRequestPtr& request);
    void remove(const ApiRequestPtr& request);
    void removeCollection(const ApiRequestPtr& request);

private:
    std::optional<WriteOptions> writeOptions(const ApiRequestPtr& request, bool isApply);
    std::optional<QJsonObject> decodeObjectBody(const ApiRequestPtr& request);
    std::optional<DeleteOptions> deleteOptions(const ApiRequestPtr& request);
    void respond(const ApiRequestPtr& request, const WriteResult& result);
    void patchScale(const ApiRequestPtr& request, PatchType patchType, const WriteOptions& options);

    const ServerContext& m_context;
};

} // namespace binnacle::sim
