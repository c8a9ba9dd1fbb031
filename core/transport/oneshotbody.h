#pragma once

#include <QByteArray>
#include <QIODevice>

namespace binnacle::transport {

// A request body that can be read only once. Qt 6.4's HTTP/1 channel silently sends a request again, whatever
// its method, when the server closes the connection before answering (fixed for non-idempotent methods in
// later Qt). For a write that may already have reached the server that is a blind re-send; with a body Qt
// cannot rewind (and DoNotBufferUploadDataAttribute, so that Qt keeps no copy), the second attempt fails
// with ContentReSendError instead, and the caller decides.
class OneShotBody final : public QIODevice {
    Q_OBJECT
public:
    explicit OneShotBody(QByteArray body, QObject* parent = nullptr);

    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override;
    bool reset() override { return false; }
    bool atEnd() const override { return m_position >= m_body.size(); }

protected:
    qint64 readData(char* data, qint64 maxSize) override;
    qint64 writeData(const char*, qint64) override { return -1; }

private:
    QByteArray m_body;
    qint64 m_position = 0;
};

} // namespace binnacle::transport
