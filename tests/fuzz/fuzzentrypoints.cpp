#include "fuzzentrypoints.h"

#include "bodydecoder.h"
#include "httprequestparser.h"
#include "protobufdecode.h"

#include <QJsonDocument>
#include <QList>

namespace binnacle::sim::fuzz {

namespace {
// Small enough that fuzzed inputs reach the limit; the server's real limit is 3 MiB.
constexpr qsizetype maxBodyBytes = 4096;
// A decoded document may be this many times larger than its input (field names, quoting), plus a floor.
constexpr qsizetype expansionFactor = 64;
constexpr qsizetype expansionFloor = 64 * 1024;

struct ParseOutcome {
    QList<HttpRequest> requests;
    HttpRequestParser::Error error = HttpRequestParser::Error::None;
    QString violation;
};

bool sameRequest(const HttpRequest& a, const HttpRequest& b) {
    return a.method == b.method && a.target == b.target && a.path == b.path && a.query == b.query &&
           a.headers == b.headers && a.body == b.body;
}

// Feeds the input in pieces of the given sizes (cycled), draining complete requests after each piece.
ParseOutcome parse(const QByteArray& input, const QList<qsizetype>& pieceSizes) {
    ParseOutcome outcome;
    HttpRequestParser parser(maxBodyBytes);
    qsizetype position = 0;
    qsizetype piece = 0;
    while (position < input.size()) {
        const qsizetype size = qMax<qsizetype>(1, pieceSizes.at(piece++ % pieceSizes.size()));
        parser.feed(input.mid(position, size));
        position += size;
        while (auto request = parser.next()) {
            if (parser.error() != HttpRequestParser::Error::None) {
                outcome.violation = QStringLiteral("a request came out after an error");
                return outcome;
            }
            if (request->body.size() > maxBodyBytes) {
                outcome.violation = QStringLiteral("a body of %1 bytes passed the %2-byte limit")
                                        .arg(request->body.size())
                                        .arg(maxBodyBytes);
                return outcome;
            }
            outcome.requests.append(*request);
            if (outcome.requests.size() > input.size()) {
                outcome.violation = QStringLiteral("more requests than input bytes");
                return outcome;
            }
        }
    }
    outcome.error = parser.error();
    if (outcome.error != HttpRequestParser::Error::None && parser.next()) {
        outcome.violation = QStringLiteral("next() returned a request after an error");
    }
    return outcome;
}

QString checkSize(const QJsonObject& object, qsizetype inputSize, const char* decoder) {
    const qsizetype size = QJsonDocument(object).toJson(QJsonDocument::Compact).size();
    if (size > expansionFloor + expansionFactor * inputSize) {
        return QStringLiteral("%1: %2 input bytes decoded to %3 bytes of JSON")
            .arg(QLatin1String(decoder))
            .arg(inputSize)
            .arg(size);
    }
    return {};
}

QString checkRoundTrip(const QJsonObject& object, const char* decoder) {
    const DecodedBody again = decodeJsonObject(QJsonDocument(object).toJson(QJsonDocument::Compact));
    if (!again.error.isEmpty() || again.object != object) {
        return QStringLiteral("%1: the decoded object does not survive a JSON round trip")
            .arg(QLatin1String(decoder));
    }
    return {};
}
} // namespace

QString checkHttpRequestParser(const QByteArray& input) {
    const ParseOutcome whole = parse(input, {input.size()});
    if (!whole.violation.isEmpty()) {
        return whole.violation;
    }
    // Piece sizes taken from the input, so that the fuzzer explores how requests straddle reads.
    QList<qsizetype> sizes;
    for (qsizetype i = 0; i < qMin<qsizetype>(input.size(), 16); ++i) {
        sizes.append(1 + (static_cast<unsigned char>(input.at(i)) % 13));
    }
    if (sizes.isEmpty()) {
        sizes.append(1);
    }
    for (const QList<qsizetype>& pieces : {QList<qsizetype>{1}, sizes}) {
        const ParseOutcome split = parse(input, pieces);
        if (!split.violation.isEmpty()) {
            return split.violation;
        }
        if (split.error != whole.error) {
            return QStringLiteral("fed in pieces the parser ends with error %1, in one piece with %2")
                .arg(int(split.error))
                .arg(int(whole.error));
        }
        if (split.requests.size() != whole.requests.size()) {
            return QStringLiteral("fed in pieces the parser gives %1 requests, in one piece %2")
                .arg(split.requests.size())
                .arg(whole.requests.size());
        }
        for (qsizetype i = 0; i < split.requests.size(); ++i) {
            if (!sameRequest(split.requests.at(i), whole.requests.at(i))) {
                return QStringLiteral("request %1 differs when the input is fed in pieces").arg(i);
            }
        }
    }
    return {};
}

QString checkBodyDecoders(const QByteArray& input) {
    const DecodedBody json = decodeJsonObject(input);
    if (json.error.isEmpty()) {
        if (const QString problem = checkRoundTrip(json.object, "JSON"); !problem.isEmpty()) {
            return problem;
        }
    }
    const DecodedBody yaml = decodeYamlOrJsonObject(input);
    if (yaml.error.isEmpty()) {
        if (const QString problem = checkSize(yaml.object, input.size(), "YAML"); !problem.isEmpty()) {
            return problem;
        }
        if (const QString problem = checkRoundTrip(yaml.object, "YAML"); !problem.isEmpty()) {
            return problem;
        }
    }
    if (json.error.isEmpty() && (!yaml.error.isEmpty() || yaml.object != json.object)) {
        return QStringLiteral("a JSON object decodes differently through the YAML decoder");
    }
    const ProtobufDecodeResult protobuf = decodeKubernetesProtobuf(input);
    if (protobuf.ok()) {
        if (protobuf.object.value(QLatin1String("kind")).toString().isEmpty() ||
            !protobuf.object.contains(QLatin1String("apiVersion"))) {
            return QStringLiteral("protobuf: a decoded object without kind or apiVersion");
        }
        if (const QString problem = checkSize(protobuf.object, input.size(), "protobuf");
            !problem.isEmpty()) {
            return problem;
        }
        if (const QString problem = checkRoundTrip(protobuf.object, "protobuf"); !problem.isEmpty()) {
            return problem;
        }
    }
    return {};
}

} // namespace binnacle::sim::fuzz
