#pragma once

#include <QByteArray>
#include <QString>

// The simulator's parsers of untrusted bytes, as fuzzing entry points. Each one runs the input through the
// code under test and checks properties that must hold for every input; it returns what was violated (empty
// when nothing was). The libFuzzer targets abort on a violation, the replay test reports it.
namespace binnacle::sim::fuzz {

// The HTTP/1.1 request parser: the input fed in one piece and again in pieces whose sizes come from the input
// itself must give the same requests and the same error; no body may exceed the limit; nothing comes out
// after an error.
QString checkHttpRequestParser(const QByteArray& input);

// The request body decoders (JSON, YAML-or-JSON, Kubernetes protobuf): a decoded object re-encodes and
// decodes to itself, a JSON object decodes the same way through the YAML path, and a decoded document is
// never vastly larger than its input (no alias expansion bombs).
QString checkBodyDecoders(const QByteArray& input);

} // namespace binnacle::sim::fuzz
