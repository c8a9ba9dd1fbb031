#include "apirequest.h"

#include "clustertransport.h"

namespace binnacle::transport {

QByteArray ApiResponse::header(const QByteArray& name) const {
    for (const RawHeader& header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0) {
            return header.second;
        }
    }
    return {};
}

QStringList ApiResponse::warnings() const {
    QStringList texts;
    for (const RawHeader& header : headers) {
        if (header.first.compare("Warning", Qt::CaseInsensitive) != 0) {
            continue;
        }
        // Qt joins repeated headers with ", "; each value is `299 - "text"` (RFC 7234 warn-value).
        QString rest = QString::fromUtf8(header.second);
        qsizetype start = rest.indexOf(QLatin1Char('"'));
        while (start >= 0) {
            qsizetype end = start + 1;
            while (end < rest.size() && rest.at(end) != QLatin1Char('"')) {
                end += rest.at(end) == QLatin1Char('\\') ? 2 : 1;
            }
            texts.append(
                rest.mid(start + 1, end - start - 1).replace(QLatin1String("\\\""), QLatin1String("\"")));
            start = rest.indexOf(QLatin1Char('"'), rest.indexOf(QLatin1Char(','), end + 1) + 1);
            if (rest.indexOf(QLatin1Char(','), end + 1) < 0) {
                break;
            }
        }
    }
    return texts;
}

RequestHandle::RequestHandle(ClusterTransport* transport, quint64 id)
    : m_transport(transport)
    , m_id(id) {}

bool RequestHandle::isActive() const {
    return m_transport && m_transport->isActive(m_id);
}

void RequestHandle::cancel() {
    if (m_transport) {
        m_transport->cancel(m_id);
    }
}

} // namespace binnacle::transport
