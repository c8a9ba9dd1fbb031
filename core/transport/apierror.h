#pragma once

#include <QJsonObject>
#include <QList>
#include <QNetworkReply>
#include <QSslError>
#include <QString>
#include <optional>

namespace binnacle::transport {

// One entry of Status.details.causes: `reason` is the cause type (FieldValueInvalid, ...).
struct StatusCause {
    QString reason;
    QString message;
    QString field;
};

// A Kubernetes `Status` failure (wire spec §4), or one synthesised from the HTTP code when the
// body was not a Status (the plain-text 429 of API Priority and Fairness, a proxy's HTML page).
struct ApiStatus {
    int code = 0;
    QString reason; // NotFound, Conflict, Invalid, TooManyRequests ...; never empty once parsed
    QString message;
    QString name; // details.name
    QString group;
    QString kind; // details.kind: usually the resource plural, the Kind for Invalid
    QString uid;
    QList<StatusCause> causes;
    int retryAfterSeconds = -1;       // the Retry-After header, else details.retryAfterSeconds; -1: none
    bool hasRetryAfterHeader = false; // only the header makes a failure retryable (client-go)

    // Parses a Status body; nullopt when the body is not a JSON object of kind Status.
    static std::optional<ApiStatus> fromJson(const QByteArray& body);
    // The Status an HTTP failure stands for: the parsed body, else one made from the code.
    static ApiStatus fromHttpResponse(int httpCode, const QByteArray& body, const QByteArray& retryAfter);
    // The reason the API server gives an HTTP code (404 → NotFound, 429 → TooManyRequests ...).
    static QString reasonForHttpCode(int httpCode);
};

// Why a request failed, typed so that the UI can word it and the caller can branch on it.
class ApiError {
public:
    enum class Kind {
        Status,            // the server answered with a failure: see status()
        Credential,        // no credentials could be had (exec plugin failed ...)
        Tls,               // TLS handshake failed: certificate problem in detail()
        ConnectionRefused, // nothing listens at the server address
        HostNotFound,      // DNS failure
        ConnectionLost,    // reset, or closed by the remote end before a full answer
        Timeout,           // the socket timed out
        Proxy,             // the proxy refused, failed or wants authentication
        DeadlineExceeded,  // the request's overall deadline passed
        Network,           // any other network failure
    };

    ApiError() = default;
    ApiError(Kind kind, QString message, QString detail = {});

    static ApiError fromStatus(const ApiStatus& status);
    static ApiError fromNetworkError(QNetworkReply::NetworkError error, const QString& qtMessage,
                                     const QList<QSslError>& sslErrors);

    Kind kind() const { return m_kind; }
    // One line for a banner.
    const QString& message() const { return m_message; }
    // More for the curious: TLS errors, a plugin's stderr, Qt's own wording.
    const QString& detail() const { return m_detail; }
    // Filled for Kind::Status.
    const ApiStatus& status() const { return m_status; }
    int httpStatus() const { return m_status.code; }
    const QString& reason() const { return m_status.reason; }
    QNetworkReply::NetworkError networkError() const { return m_networkError; }
    // Whether the failure says nothing about the request itself (the server was unreachable).
    bool isConnectionFailure() const;

    static QString kindName(Kind kind);

private:
    Kind m_kind = Kind::Network;
    QString m_message;
    QString m_detail;
    ApiStatus m_status;
    QNetworkReply::NetworkError m_networkError = QNetworkReply::NoError;
};

} // namespace binnacle::transport
