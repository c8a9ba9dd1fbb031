#pragma once

#include "wireclient.h"

#include <QJsonArray>
#include <QTest>

namespace binnacle::sim::apitest {

// Asserts that a response is a Failure Status with this code and reason (and, when given, this exact
// message); the HTTP code and the body's code must agree.
inline void verifyStatus(const WireResponse& response, int code, const QString& reason,
                         const QString& message = {}) {
    QVERIFY2(response.transportError.isEmpty(), qPrintable(response.transportError));
    QVERIFY2(response.status == code, qPrintable(QStringLiteral("HTTP %1, expected %2; body: %3")
                                                     .arg(response.status)
                                                     .arg(code)
                                                     .arg(QString::fromUtf8(response.body.left(600)))));
    QCOMPARE(response.header("Content-Type"), QByteArray("application/json"));
    const QJsonObject status = response.json();
    QCOMPARE(status.value(QLatin1String("kind")).toString(), QStringLiteral("Status"));
    QCOMPARE(status.value(QLatin1String("apiVersion")).toString(), QStringLiteral("v1"));
    QCOMPARE(status.value(QLatin1String("status")).toString(), QStringLiteral("Failure"));
    QCOMPARE(status.value(QLatin1String("code")).toInt(), code);
    QCOMPARE(status.value(QLatin1String("reason")).toString(), reason);
    if (!message.isEmpty()) {
        QCOMPARE(status.value(QLatin1String("message")).toString(), message);
    }
}

// Whether details.causes holds a cause with this field and reason.
inline bool hasCause(const QJsonObject& status, const QString& field, const QString& reason) {
    const QJsonArray causes =
        status.value(QLatin1String("details")).toObject().value(QLatin1String("causes")).toArray();
    for (const QJsonValue& value : causes) {
        const QJsonObject cause = value.toObject();
        if (cause.value(QLatin1String("field")).toString() == field &&
            cause.value(QLatin1String("reason")).toString() == reason) {
            return true;
        }
    }
    return false;
}

} // namespace binnacle::sim::apitest

// Stops the calling test function when a helper's assertion failed.
#define VERIFY_STATUS(response, ...)                                                                         \
    do {                                                                                                     \
        binnacle::sim::apitest::verifyStatus(response, __VA_ARGS__);                                         \
        if (QTest::currentTestFailed()) {                                                                    \
            return;                                                                                          \
        }                                                                                                    \
    } while (false)
