#include "apirequest.h"

#include <QJsonDocument>

namespace binnacle::sim {

namespace {
// Fixed UIDs, as a real cluster's flow schema and priority level objects have.
constexpr auto flowSchemaUid = "5ec7ee33-1f0a-4a7d-9b9c-2d4f0b1c6e11";
constexpr auto priorityLevelUid = "a8c1f0de-77d2-4c5a-8e5e-0f9b6c3d2a41";
} // namespace

ApiRequest::ApiRequest(HttpConnection* connection, HttpRequest request, QByteArray auditId)
    : m_connection(connection)
    , m_request(std::move(request))
    , m_auditId(std::move(auditId)) {}

HttpHeaders ApiRequest::commonHeaders(const QByteArray& contentType) const {
    HttpHeaders headers{{"Audit-Id", m_auditId},
                        {"Cache-Control", "no-cache, private"},
                        {"Content-Type", contentType},
                        {"X-Kubernetes-Pf-Flowschema-Uid", flowSchemaUid},
                        {"X-Kubernetes-Pf-Prioritylevel-Uid", priorityLevelUid}};
    for (const QString& warning : warnings) {
        QString escaped = warning;
        escaped.replace(QLatin1Char('"'), QStringLiteral("\\\""));
        headers.append({"Warning", "299 - \"" + escaped.toUtf8() + '"'});
    }
    return headers;
}

void ApiRequest::sendJson(int status, const QByteArray& json, const QByteArray& contentType) {
    m_responded = true;
    if (m_connection) {
        m_connection->sendResponse(status, commonHeaders(contentType), json);
    }
}

void ApiRequest::sendObject(int status, const QJsonObject& object) {
    sendJson(status, QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n');
}

void ApiRequest::sendError(const ApiError& error) {
    m_responded = true;
    if (!m_connection) {
        return;
    }
    HttpHeaders headers = commonHeaders("application/json");
    // As the apiserver's error writer does: a Status asking for a retry says so in the header too.
    const int retryAfter = error.details.value(QLatin1String("retryAfterSeconds")).toInt();
    if (retryAfter > 0) {
        headers.append(qMakePair(QByteArray("Retry-After"), QByteArray::number(retryAfter)));
    }
    m_connection->sendResponse(error.code, headers, error.toJson());
}

void ApiRequest::sendText(int status, const QByteArray& text, const HttpHeaders& extraHeaders) {
    m_responded = true;
    if (m_connection) {
        HttpHeaders headers = commonHeaders("text/plain; charset=utf-8");
        headers.append(extraHeaders);
        m_connection->sendResponse(status, headers, text);
    }
}

} // namespace binnacle::sim
