#pragma once

#include "apirequest.h"
#include "reflector.h"

#include <chrono>

namespace binnacle::watch {

// The requests a reflector makes, built from its target: one list page, a watch from a resourceVersion,
// and the WatchList (a watch that starts with the current state).
namespace requests {

// The Accept header of the Table form: the server's Table, else plain JSON (servers without Table support).
inline constexpr char tableAccept[] = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json";

// GET of one page: limit=pageSize (0: none), continue=token, and resourceVersion when given. Without one, a
// consistent read of the newest state, which a continue token then pins for the later pages; with "0", as
// client-go's first list, whatever the server has at hand (a real API server answers from its watch cache
// instead of etcd, which matters when many clients start at once).
transport::ApiRequestSpec listPage(const WatchTarget& target, int pageSize, const QString& continueToken,
                                   const QString& resourceVersion = {});
// watch=true from `resourceVersion`, bookmarks allowed, the server closing it after `timeout`.
transport::ApiRequestSpec watchFrom(const WatchTarget& target, const QString& resourceVersion,
                                    std::chrono::seconds timeout);
// watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true, from the
// newest state (resourceVersion empty).
transport::ApiRequestSpec watchList(const WatchTarget& target, std::chrono::seconds timeout);

// The collection path of the target: namespaced when the resource is and a namespace is given.
QString collectionPath(const WatchTarget& target);
// client-go's rotation: a whole number of seconds in [minimum, 2 * minimum); `random01` in [0, 1).
std::chrono::seconds watchTimeout(std::chrono::seconds minimum, double random01);

} // namespace requests
} // namespace binnacle::watch
