#pragma once

#include "objectstore.h"

#include <QByteArray>
#include <functional>

namespace binnacle::sim {

// Produces a list response's body in pieces of about a megabyte, as the socket drains: `head`, the
// items written by `appendItem` and separated by commas, then `tail`. Lists can be hundreds of
// megabytes; each piece is one preallocated buffer, and no piece is built before it is asked for.
class ListBody {
public:
    using ItemWriter = std::function<void(QByteArray& out, const StoredObject& object)>;

    ListBody(QByteArray head, QList<ObjectPtr> items, ItemWriter appendItem, QByteArray tail);

    // The next piece; empty once the whole body has been produced.
    QByteArray next();

private:
    QByteArray m_head;
    QList<ObjectPtr> m_items;
    ItemWriter m_appendItem;
    QByteArray m_tail;
    qsizetype m_index = -1; // -1: the head is still to come; m_items.size() + 1: done
};

} // namespace binnacle::sim
