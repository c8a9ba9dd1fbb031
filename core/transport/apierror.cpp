#include "apierror.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace binnacle::transport {

namespace {

int parseRetryAfter(const QByteArray& header) {
    // Integer seconds only, as client-go (strconv.Atoi); the HTTP-date form is ignored.
    bool ok = false;
    const int seconds = header.trimmed().toInt(&ok);
    return ok && seconds >= 0 ? seconds : -1;
}

} // namespace

std::optional<ApiStatus> ApiStatus::fromJson(const QByteArray& body) {
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        return std::nullopt;
    }
    const QJsonObject object = document.object();
    if (object.value(QLatin1String("kind")).toString() != QLatin1String("Status")) {
        return std::nullopt;
    }
    ApiStatus status;
    status.code = object.value(QLatin1String("code")).toInt();
    status.reason = object.value(QLatin1String("reason")).toString();
    status.message = object.value(QLatin1String("message")).toString();
    const QJsonObject details = object.value(QLatin1String("details")).toObject();
    status.name = details.value(QLatin1String("name")).toString();
    status.group = details.value(QLatin1String("group")).toString();
    status.kind = details.value(QLatin1String("kind")).toString();
    status.uid = details.value(QLatin1String("uid")).toString();
    if (details.contains(QLatin1String("retryAfterSeconds"))) {
        status.retryAfterSeconds = details.value(QLatin1String("retryAfterSeconds")).toInt();
    }
    for (const QJsonValue& value : details.value(QLatin1String("causes")).toArray()) {
        const QJsonObject cause = value.toObject();
        status.causes.append(StatusCause{cause.value(QLatin1String("reason")).toString(),
                                         cause.value(QLatin1String("message")).toString(),
                                         cause.value(QLatin1String("field")).toString()});
    }
    return status;
}

ApiStatus ApiStatus::fromHttpResponse(int httpCode, const QByteArray& body, const QByteArray& retryAfter) {
    ApiStatus status = fromJson(body).value_or(ApiStatus{});
    const bool parsed = status.code != 0 || !status.reason.isEmpty() || !status.message.isEmpty();
    // The HTTP code is the truth; a Status whose code disagrees (or is missing) yields to it.
    status.code = httpCode;
    if (status.reason.isEmpty()) {
        // Unknown or empty reason: classify by code (spec §4.1).
        status.reason = reasonForHttpCode(httpCode);
    }
    if (!parsed) {
        // A plain-text body (APF's 429) is short human text; anything longer is a proxy page.
        const QString text = QString::fromUtf8(body).trimmed();
        status.message =
            text.isEmpty() || text.size() > 200 || text.startsWith(QLatin1Char('<'))
                ? QStringLiteral("the server answered HTTP %1 (%2)").arg(httpCode).arg(status.reason)
                : text;
    }
    const int headerSeconds = parseRetryAfter(retryAfter);
    if (headerSeconds >= 0) {
        status.retryAfterSeconds = headerSeconds;
        status.hasRetryAfterHeader = true;
    }
    return status;
}

QString ApiStatus::reasonForHttpCode(int httpCode) {
    switch (httpCode) {
    case 400:
        return QStringLiteral("BadRequest");
    case 401:
        return QStringLiteral("Unauthorized");
    case 403:
        return QStringLiteral("Forbidden");
    case 404:
        return QStringLiteral("NotFound");
    case 405:
        return QStringLiteral("MethodNotAllowed");
    case 406:
        return QStringLiteral("NotAcceptable");
    case 409:
        return QStringLiteral("Conflict");
    case 410:
        return QStringLiteral("Gone");
    case 413:
        return QStringLiteral("RequestEntityTooLarge");
    case 415:
        return QStringLiteral("UnsupportedMediaType");
    case 422:
        return QStringLiteral("Invalid");
    case 429:
        return QStringLiteral("TooManyRequests");
    case 500:
        return QStringLiteral("InternalError");
    case 503:
        return QStringLiteral("ServiceUnavailable");
    case 504:
        return QStringLiteral("Timeout");
    default:
        break;
    }
    return httpCode >= 500 ? QStringLiteral("InternalError") : QStringLiteral("Unknown");
}

ApiError::ApiError(Kind kind, QString message, QString detail)
    : m_kind(kind)
    , m_message(std::move(message))
    , m_detail(std::move(detail)) {}

ApiError ApiError::fromStatus(const ApiStatus& status) {
    ApiError error(Kind::Status, status.message);
    error.m_status = status;
    return error;
}

ApiError ApiError::fromNetworkError(QNetworkReply::NetworkError networkError, const QString& qtMessage,
                                    const QList<QSslError>& sslErrors) {
    ApiError error;
    error.m_networkError = networkError;
    error.m_detail = qtMessage;
    switch (networkError) {
    case QNetworkReply::SslHandshakeFailedError: {
        error.m_kind = Kind::Tls;
        QStringList problems;
        for (const QSslError& sslError : sslErrors) {
            problems.append(sslError.errorString());
        }
        error.m_message = problems.isEmpty() ? QStringLiteral("The TLS handshake with the server failed")
                                             : QStringLiteral("The server's certificate was rejected: %1")
                                                   .arg(problems.join(QLatin1String("; ")));
        break;
    }
    case QNetworkReply::ConnectionRefusedError:
        error.m_kind = Kind::ConnectionRefused;
        error.m_message = QStringLiteral("The server refused the connection (is the API server running?)");
        break;
    case QNetworkReply::HostNotFoundError:
        error.m_kind = Kind::HostNotFound;
        error.m_message = QStringLiteral("The server's host name could not be resolved");
        break;
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
        error.m_kind = Kind::ConnectionLost;
        error.m_message = QStringLiteral("The connection to the server was lost");
        break;
    case QNetworkReply::ContentReSendError: // Qt wanted to send a write again (see OneShotBody)
        error.m_kind = Kind::ConnectionLost;
        error.m_message =
            QStringLiteral("The connection to the server was lost before it answered; the request "
                           "was not sent again, since the server may have received it");
        break;
    case QNetworkReply::TimeoutError:
        error.m_kind = Kind::Timeout;
        error.m_message = QStringLiteral("The connection to the server timed out");
        break;
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::ProxyAuthenticationRequiredError:
    case QNetworkReply::UnknownProxyError:
        error.m_kind = Kind::Proxy;
        error.m_message = QStringLiteral("The proxy could not reach the server: %1").arg(qtMessage);
        break;
    default:
        error.m_kind = Kind::Network;
        error.m_message = QStringLiteral("Network error: %1").arg(qtMessage);
        break;
    }
    return error;
}

bool ApiError::isConnectionFailure() const {
    switch (m_kind) {
    case Kind::ConnectionRefused:
    case Kind::ConnectionLost:
    case Kind::Timeout:
        return true;
    default:
        return false;
    }
}

QString ApiError::kindName(Kind kind) {
    switch (kind) {
    case Kind::Status:
        return QStringLiteral("Status");
    case Kind::Credential:
        return QStringLiteral("Credential");
    case Kind::Tls:
        return QStringLiteral("Tls");
    case Kind::ConnectionRefused:
        return QStringLiteral("ConnectionRefused");
    case Kind::HostNotFound:
        return QStringLiteral("HostNotFound");
    case Kind::ConnectionLost:
        return QStringLiteral("ConnectionLost");
    case Kind::Timeout:
        return QStringLiteral("Timeout");
    case Kind::Proxy:
        return QStringLiteral("Proxy");
    case Kind::DeadlineExceeded:
        return QStringLiteral("DeadlineExceeded");
    case Kind::Network:
        return QStringLiteral("Network");
    }
    return QStringLiteral("Network");
}

} // namespace binnacle::transport
