#include "applycommand.h"

#include "lastapplied.h"
#include "manifestreader.h"

#include <QFile>
#include <QJsonDocument>

namespace binnacle::cli {

QString kindLabel(const client::ApiResource& resource) {
    return resource.kind.toLower() +
           (resource.group.isEmpty() ? QString() : QLatin1Char('.') + resource.group);
}

QString describeError(const transport::ApiError& error) {
    if (error.kind() == transport::ApiError::Kind::Status) {
        return QStringLiteral("Error from server (%1): %2").arg(error.reason(), error.status().message);
    }
    return QStringLiteral("error: %1").arg(error.message());
}

ApplyCommand::ApplyCommand(ClusterSession* session, ApplyOptions options, QTextStream& out, QTextStream& err,
                           QObject* parent)
    : QObject(parent)
    , m_session(session)
    , m_options(std::move(options))
    , m_out(out)
    , m_err(err) {}

void ApplyCommand::run(std::function<void(int exitCode)> done) {
    m_done = std::move(done);
    QFile input;
    const bool opened = m_options.file == QLatin1String("-")
                            ? input.open(stdin, QIODevice::ReadOnly)
                            : (input.setFileName(m_options.file), input.open(QIODevice::ReadOnly));
    if (!opened) {
        fail(QStringLiteral("error: the path \"%1\" does not exist").arg(m_options.file));
        return;
    }
    QString error;
    if (!readManifest(input.readAll(), &m_objects, &error)) {
        fail(QStringLiteral("error: error parsing %1: %2").arg(m_options.file, error));
        return;
    }
    if (m_objects.isEmpty()) {
        fail(QStringLiteral("error: no objects passed to apply"));
        return;
    }
    m_client = new dynamic::DynamicClient(m_session->transport(), this);
    m_session->loadDiscovery([this](const QString& discoveryError) {
        if (!discoveryError.isEmpty()) {
            fail(QStringLiteral("error: discovery failed: %1").arg(discoveryError));
            return;
        }
        next();
    });
}

void ApplyCommand::next() {
    if (m_nextIndex >= m_objects.size()) {
        m_out.flush();
        m_err.flush();
        m_done(m_failed ? 1 : 0);
        return;
    }
    QJsonObject manifest = m_objects.at(m_nextIndex++);
    const QString apiVersion = manifest.value(QLatin1String("apiVersion")).toString();
    const QString kind = manifest.value(QLatin1String("kind")).toString();
    QJsonObject metadata = manifest.value(QLatin1String("metadata")).toObject();
    const QString name = metadata.value(QLatin1String("name")).toString();
    const qsizetype slash = apiVersion.indexOf(QLatin1Char('/'));
    const QString group = slash < 0 ? QString() : apiVersion.left(slash);
    const QString version = apiVersion.mid(slash + 1);
    const auto resource = m_session->mapper().resourceForKind(group, kind, version);
    if (!resource) {
        m_err << "error: resource mapping not found for name: \"" << name << "\" namespace: \""
              << metadata.value(QLatin1String("namespace")).toString() << "\" from \"" << m_options.file
              << "\": no matches for kind \"" << kind << "\" in version \"" << apiVersion
              << "\"\nensure CRDs are installed first\n";
        m_failed = true;
        next();
        return;
    }
    dynamic::ObjectTarget target{*resource, {}, name, {}};
    if (resource->namespaced) {
        target.namespaceName =
            metadata.value(QLatin1String("namespace")).toString(m_session->namespaceName());
        metadata.insert(QStringLiteral("namespace"), target.namespaceName);
        manifest.insert(QStringLiteral("metadata"), metadata);
    }
    const QString label = kindLabel(*resource) + QLatin1Char('/') + name;
    if (m_options.serverSide) {
        applyServerSide(target, manifest, label);
    } else {
        applyClientSide(target, manifest, label);
    }
}

void ApplyCommand::applyServerSide(const dynamic::ObjectTarget& target, const QJsonObject& manifest,
                                   const QString& label) {
    dynamic::ApplyOptions options;
    options.force = m_options.forceConflicts;
    options.write.dryRun = m_options.dryRunServer;
    options.write.fieldManager = m_options.fieldManager;
    m_client->apply(target, QJsonDocument(manifest).toJson(QJsonDocument::Compact), options,
                    [this, label](const dynamic::ObjectResult& result) {
                        report(result, label, QStringLiteral("serverside-applied"));
                    });
}

void ApplyCommand::applyClientSide(const dynamic::ObjectTarget& target, const QJsonObject& manifest,
                                   const QString& label) {
    const QJsonObject modified = lastapplied::withAnnotation(manifest);
    dynamic::WriteOptions write;
    write.dryRun = m_options.dryRunServer;
    write.fieldManager = m_options.fieldManager;
    m_client->get(target, {}, [this, target, modified, write, label](const dynamic::ObjectResult& current) {
        if (current.reason() == QLatin1String("NotFound")) {
            m_client->create(target.resource, target.namespaceName,
                             QJsonDocument(modified).toJson(QJsonDocument::Compact), write,
                             [this, label](const dynamic::ObjectResult& result) {
                                 report(result, label, QStringLiteral("created"));
                             });
            return;
        }
        if (!current.ok()) {
            report(current, label, {});
            return;
        }
        const QJsonObject live = current.object();
        const QString recorded = live.value(QLatin1String("metadata"))
                                     .toObject()
                                     .value(QLatin1String("annotations"))
                                     .toObject()
                                     .value(QLatin1String(lastapplied::annotation))
                                     .toString();
        const QJsonObject original = QJsonDocument::fromJson(recorded.toUtf8()).object();
        const QJsonObject patch = lastapplied::threeWayMergePatch(original, modified, live);
        if (patch.isEmpty()) {
            dynamic::ObjectResult unchanged = current;
            report(unchanged, label, QStringLiteral("unchanged"));
            return;
        }
        m_client->patch(target, dynamic::PatchType::Merge,
                        QJsonDocument(patch).toJson(QJsonDocument::Compact), write,
                        [this, label](const dynamic::ObjectResult& result) {
                            report(result, label, QStringLiteral("configured"));
                        });
    });
}

void ApplyCommand::report(const dynamic::ObjectResult& result, const QString& label,
                          const QString& operation) {
    if (!result.ok()) {
        m_err << describeError(*result.error) << '\n';
        m_failed = true;
    } else {
        m_out << label << ' ' << operation << (m_options.dryRunServer ? " (server dry run)" : "") << '\n';
    }
    next();
}

void ApplyCommand::fail(const QString& message) {
    m_err << message << '\n';
    m_err.flush();
    m_done(1);
}

} // namespace binnacle::cli
