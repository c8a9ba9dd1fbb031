#include "oneshotbody.h"

#include <cstring>

namespace binnacle::transport {

OneShotBody::OneShotBody(QByteArray body, QObject* parent)
    : QIODevice(parent)
    , m_body(std::move(body)) {
    open(QIODevice::ReadOnly);
}

qint64 OneShotBody::bytesAvailable() const {
    return m_body.size() - m_position + QIODevice::bytesAvailable();
}

qint64 OneShotBody::readData(char* data, qint64 maxSize) {
    const qint64 count = qMin(maxSize, qint64(m_body.size()) - m_position);
    if (count <= 0) {
        return -1; // the end: nothing more will come
    }
    std::memcpy(data, m_body.constData() + m_position, size_t(count));
    m_position += count;
    return count;
}

} // namespace binnacle::transport
