#pragma once

#include "apierror.h"
#include "httpconnection.h"
#include "identity.h"
#include "requestinfo.h"
#include "resourcetype.h"

#include <QJsonObject>
#include <QPointer>
#include <memory>

namespace binnacle::sim {

// One API call in flight: what was asked, by whom, and the way back. Every response carries the
// headers a real server sends (Audit-Id, API Priority and Fairness UIDs, Cache-Control).
class ApiRequest {
public:
    ApiRequest(HttpConnection* connection, HttpRequest request, QByteArray auditId);

    const HttpRequest& http() const { return m_request; }
    HttpConnection* connection() const { return m_connection; }
    RequestInfo info;
    UserInfo user;
    std::shared_ptr<const ResourceType> type;
    QStringList warnings;

    HttpHeaders commonHeaders(const QByteArray& contentType) const;
    void sendJson(int status, const QByteArray& json, const QByteArray& contentType = "application/json");
    void sendObject(int status, const QJsonObject& object);
    void sendError(const ApiError& error);
    void sendText(int status, const QByteArray& text, const HttpHeaders& extraHeaders = {});
    bool responded() const { return m_responded; }
    void markResponded() { m_responded = true; }

private:
    QPointer<HttpConnection> m_connection;
    HttpRequest m_request;
    QByteArray m_auditId;
    bool m_responded = false;
};

using ApiRequestPtr = std::shared_ptr<ApiRequest>;

} // namespace binnacle::sim
