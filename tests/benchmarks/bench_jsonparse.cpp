// Which JSON parser the client uses, decided by measurement: the same realistic NDJSON watch stream (pods of
// the real fixture's shape, managedFields included) parsed with QJsonDocument, simdjson DOM and simdjson
// on-demand, each extracting what the client's cache keeps (name, namespace, uid, resourceVersion, labels),
// then binnacle_client's WatchStreamParser and ListPageParser end to end.
// Usage: bench_jsonparse [events=20000]. Printed, never asserted: machines are noisy.
#include "listpageparser.h"
#include "watchstreamparser.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <cstdio>
#include <functional>
#include <simdjson.h>
#include <yaml-cpp/yaml.h>

namespace {

// YAML -> JSON. Plain scalars become numbers/booleans/null when they read as such; quoted ones stay strings.
QJsonValue toJson(const YAML::Node& node) {
    switch (node.Type()) {
    case YAML::NodeType::Map: {
        QJsonObject object;
        for (const auto& entry : node) {
            object.insert(QString::fromStdString(entry.first.as<std::string>()), toJson(entry.second));
        }
        return object;
    }
    case YAML::NodeType::Sequence: {
        QJsonArray array;
        for (const auto& element : node) {
            array.append(toJson(element));
        }
        return array;
    }
    case YAML::NodeType::Scalar: {
        const QString text = QString::fromStdString(node.Scalar());
        if (node.Tag() == "?") {
            bool isNumber = false;
            const qint64 integer = text.toLongLong(&isNumber);
            if (isNumber) {
                return integer;
            }
            if (text == QLatin1String("true") || text == QLatin1String("false")) {
                return text == QLatin1String("true");
            }
        }
        return text;
    }
    default:
        return QJsonValue::Null;
    }
}

struct Workload {
    QByteArray stream; // NDJSON watch events
    QList<QByteArrayView> lines;
    QByteArray list; // the same pods as one PodList
    int events = 0;
};

Workload makeWorkload(int count) {
    const YAML::Node pod = YAML::LoadFile(BINNACLE_FIXTURES_DIR "/pod-replicaset-owned-managedfields.yaml");
    QJsonObject object = toJson(pod).toObject();
    Workload workload;
    workload.events = count;
    QByteArray items;
    for (int i = 0; i < count; ++i) {
        QJsonObject metadata = object.value(QLatin1String("metadata")).toObject();
        metadata.insert(QStringLiteral("name"), QStringLiteral("payment-service-%1").arg(i));
        metadata.insert(QStringLiteral("uid"),
                        QStringLiteral("6f1c2a9e-0000-4000-8000-%1").arg(i, 12, 10, QLatin1Char('0')));
        metadata.insert(QStringLiteral("resourceVersion"), QString::number(100000 + i));
        object.insert(QStringLiteral("metadata"), metadata);
        const QByteArray json = QJsonDocument(object).toJson(QJsonDocument::Compact);
        workload.stream +=
            R"({"type":")" + QByteArray(i % 3 ? "MODIFIED" : "ADDED") + R"(","object":)" + json + "}\n";
        items += (i ? "," : "") + json;
    }
    workload.list = R"({"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"999"},"items":[)" +
                    items + "]}";
    qsizetype start = 0;
    while (start < workload.stream.size()) {
        const qsizetype end = workload.stream.indexOf('\n', start);
        workload.lines.append(QByteArrayView(workload.stream).sliced(start, end - start));
        start = end + 1;
    }
    return workload;
}

// What every contender must produce per event, so that none wins by doing less.
struct Extracted {
    QString name, namespaceName, uid, resourceVersion;
    QHash<QString, QString> labels;
};

qint64 checksum = 0;
void consume(const Extracted& e) {
    checksum +=
        e.name.size() + e.namespaceName.size() + e.uid.size() + e.resourceVersion.size() + e.labels.size();
}

QString fromView(std::string_view v) {
    return QString::fromUtf8(v.data(), qsizetype(v.size()));
}

void parseWithQJsonDocument(const Workload& w) {
    for (const QByteArrayView line : w.lines) {
        const QJsonObject event = QJsonDocument::fromJson(line.toByteArray()).object();
        const QJsonObject metadata =
            event.value(QLatin1String("object")).toObject().value(QLatin1String("metadata")).toObject();
        Extracted e{metadata.value(QLatin1String("name")).toString(),
                    metadata.value(QLatin1String("namespace")).toString(),
                    metadata.value(QLatin1String("uid")).toString(),
                    metadata.value(QLatin1String("resourceVersion")).toString(),
                    {}};
        const QJsonObject labels = metadata.value(QLatin1String("labels")).toObject();
        for (auto it = labels.begin(); it != labels.end(); ++it) {
            e.labels.insert(it.key(), it.value().toString());
        }
        consume(e);
    }
}

void parseWithSimdjsonDom(const Workload& w) {
    simdjson::dom::parser parser;
    std::string padded;
    for (const QByteArrayView line : w.lines) {
        padded.assign(line.data(), size_t(line.size()));
        padded.reserve(padded.size() + simdjson::SIMDJSON_PADDING);
        simdjson::dom::element event;
        if (parser.parse(padded).get(event)) {
            continue;
        }
        simdjson::dom::element metadata = event["object"]["metadata"].value_unsafe();
        Extracted e{fromView(metadata["name"].get_string().value_unsafe()),
                    fromView(metadata["namespace"].get_string().value_unsafe()),
                    fromView(metadata["uid"].get_string().value_unsafe()),
                    fromView(metadata["resourceVersion"].get_string().value_unsafe()),
                    {}};
        simdjson::dom::object labels;
        if (metadata["labels"].get(labels)) {
            continue;
        }
        for (auto field : labels) {
            e.labels.insert(fromView(field.key), fromView(field.value.get_string().value_unsafe()));
        }
        consume(e);
    }
}

// On-demand, plus the raw object bytes the client keeps for later full parsing.
void parseWithSimdjsonOnDemand(const Workload& w) {
    simdjson::ondemand::parser parser;
    std::vector<char> padded;
    for (const QByteArrayView line : w.lines) {
        padded.resize(size_t(line.size()) + simdjson::SIMDJSON_PADDING);
        std::memcpy(padded.data(), line.data(), size_t(line.size()));
        simdjson::ondemand::document event;
        if (parser.iterate(padded.data(), size_t(line.size()), padded.size()).get(event)) {
            continue;
        }
        simdjson::ondemand::object object = event["object"].get_object().value_unsafe();
        const std::string_view raw = object.raw_json().value_unsafe();
        QByteArray kept(raw.data(), qsizetype(raw.size()));
        checksum += kept.size();
        object.reset().value_unsafe();
        Extracted e;
        simdjson::ondemand::object metadata;
        if (object["metadata"].get_object().get(metadata)) {
            continue;
        }
        for (auto field : metadata) {
            const std::string_view key = field.unescaped_key().value_unsafe();
            if (key == "name") {
                e.name = fromView(field.value().get_string().value_unsafe());
            } else if (key == "namespace") {
                e.namespaceName = fromView(field.value().get_string().value_unsafe());
            } else if (key == "uid") {
                e.uid = fromView(field.value().get_string().value_unsafe());
            } else if (key == "resourceVersion") {
                e.resourceVersion = fromView(field.value().get_string().value_unsafe());
            } else if (key == "labels") {
                simdjson::ondemand::object labels;
                if (field.value().get_object().get(labels)) {
                    continue;
                }
                for (auto label : labels) {
                    e.labels.insert(fromView(label.unescaped_key().value_unsafe()),
                                    fromView(label.value().get_string().value_unsafe()));
                }
            }
        }
        consume(e);
    }
}

void parseWithWatchStreamParser(const Workload& w) {
    binnacle::client::WatchStreamParser parser;
    const QByteArrayView stream(w.stream);
    constexpr qsizetype chunk = 16 * 1024; // what a TLS socket typically hands over
    for (qsizetype at = 0; at < stream.size(); at += chunk) {
        const auto result = parser.feed(stream.sliced(at, qMin(chunk, stream.size() - at)));
        checksum += result.events.size();
    }
    checksum += parser.finish().events.size();
}

void parseListWithListPageParser(const Workload& w) {
    binnacle::client::ListPageParser parser;
    QString error;
    const auto page = parser.parse(w.list, &error);
    checksum += page ? page->items.size() : 0;
}

void parseListWithQJsonDocument(const Workload& w) {
    const QJsonDocument document = QJsonDocument::fromJson(w.list);
    checksum += document.object().value(QLatin1String("items")).toArray().size();
}

void measure(const char* name, qint64 bytes, int events, const std::function<void()>& run, int rounds = 3) {
    qint64 bestNs = std::numeric_limits<qint64>::max();
    for (int round = 0; round < rounds; ++round) {
        QElapsedTimer timer;
        timer.start();
        run();
        bestNs = qMin(bestNs, timer.nsecsElapsed());
    }
    const double seconds = double(bestNs) / 1e9;
    std::printf("%-48s %8.3f s  %8.1f MB/s  %9.0f events/s\n", name, seconds, double(bytes) / 1e6 / seconds,
                events / seconds);
}

} // namespace

int main(int argc, char** argv) {
    const int count = argc > 1 ? std::atoi(argv[1]) : 20000;
    std::printf("building %d watch events from the pod fixture...\n", count);
    const Workload w = makeWorkload(count);
    std::printf("stream: %.1f MB, %.1f KB per event; list: %.1f MB; simdjson %s kernel\n\n",
                w.stream.size() / 1e6, w.stream.size() / 1e3 / count, w.list.size() / 1e6,
                simdjson::get_active_implementation()->name().c_str());

    const qint64 bytes = w.stream.size();
    measure("QJsonDocument::fromJson per line + fields", bytes, count, [&] { parseWithQJsonDocument(w); });
    measure("simdjson DOM per line + fields", bytes, count, [&] { parseWithSimdjsonDom(w); });
    measure("simdjson on-demand per line + fields + raw bytes", bytes, count,
            [&] { parseWithSimdjsonOnDemand(w); });
    measure("WatchStreamParser (16 KB chunks, end to end)", bytes, count,
            [&] { parseWithWatchStreamParser(w); });
    measure(
        "PodList: QJsonDocument::fromJson (items only)", w.list.size(), count,
        [&] { parseListWithQJsonDocument(w); }, 1);
    measure("PodList: ListPageParser (summaries + raw bytes)", w.list.size(), count,
            [&] { parseListWithListPageParser(w); });
    std::printf("\n(checksum %lld)\n", static_cast<long long>(checksum));
    return 0;
}
