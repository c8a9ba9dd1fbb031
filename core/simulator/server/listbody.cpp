#include "listbody.h"

namespace binnacle::sim {

namespace {
// Pieces well under the connection's high-water mark (see HttpConnection), so each one is written soon.
constexpr qsizetype pieceBytes = 128 << 10;
} // namespace

ListBody::ListBody(QByteArray head, QList<ObjectPtr> items, ItemWriter appendItem, QByteArray tail)
    : m_head(std::move(head))
    , m_items(std::move(items))
    , m_appendItem(std::move(appendItem))
    , m_tail(std::move(tail)) {}

QByteArray ListBody::next() {
    if (m_index > m_items.size()) {
        return {};
    }
    QByteArray piece;
    // Items are a few kilobytes: a little headroom keeps the last append from reallocating.
    piece.reserve(pieceBytes + (32 << 10));
    if (m_index < 0) {
        piece += m_head;
        m_index = 0;
    }
    while (m_index < m_items.size() && piece.size() < pieceBytes) {
        if (m_index > 0) {
            piece += ',';
        }
        m_appendItem(piece, *m_items.at(m_index));
        ++m_index;
    }
    if (m_index == m_items.size()) {
        piece += m_tail;
        ++m_index;
    }
    return piece;
}

} // namespace binnacle::sim
