#include "manifestcreator.h"

#include "yamlreader.h"

namespace binnacle::editing {

ManifestCreator::ManifestCreator(dynamic::DynamicClient* client, Resolver resolver, QObject* parent)
    : QObject(parent)
    , m_calls(client, this)
    , m_resolver(std::move(resolver)) {}

QString ManifestCreator::outcomeName(Report::Outcome outcome) {
    switch (outcome) {
    case Report::Outcome::Pending:
        return QStringLiteral("pending");
    case Report::Outcome::Invalid:
        return QStringLiteral("invalid");
    case Report::Outcome::DryRunPassed:
        return QStringLiteral("dry run passed");
    case Report::Outcome::Created:
        return QStringLiteral("created");
    case Report::Outcome::Failed:
        return QStringLiteral("failed");
    case Report::Outcome::Skipped:
        return QStringLiteral("not created");
    }
    return {};
}

void ManifestCreator::create(const QString& text, const QString& defaultNamespace) {
    if (m_busy) {
        return;
    }
    m_items.clear();
    m_reports.clear();
    bool readable = true;
    const QList<YamlDocument> documents = YamlReader::readAll(text);
    for (const YamlDocument& document : documents) {
        Report report;
        report.firstLine = document.firstLine;
        Item item;
        if (!document.ok()) {
            report.errors = editerrors::fromYaml(*document.error);
        } else if (!document.value.isObject()) {
            report.errors = {
                EditError{document.firstLine, 1, QString(), tr("A document must be an object.")}};
        } else {
            item.object = document.value;
            report.kind = item.object.stringAt({u"kind"});
            report.name = item.object.stringAt({u"metadata", u"name"});
            const QString apiVersion = item.object.stringAt({u"apiVersion"});
            const std::optional<client::ApiResource> resource = report.kind.isEmpty() || apiVersion.isEmpty()
                                                                    ? std::nullopt
                                                                    : m_resolver(apiVersion, report.kind);
            if (!resource) {
                report.errors = {EditError{
                    document.firstLine, 1, QString(),
                    tr("The cluster serves no kind \"%1\" in \"%2\".").arg(report.kind, apiVersion)}};
            } else {
                item.resource = *resource;
                const QString own = item.object.stringAt({u"metadata", u"namespace"});
                item.namespaceName =
                    resource->namespaced ? (own.isEmpty() ? defaultNamespace : own) : QString();
                report.namespaceName = item.namespaceName;
            }
        }
        if (!report.errors.isEmpty()) {
            report.outcome = Report::Outcome::Invalid;
            readable = false;
        }
        m_items.append(item);
        m_reports.append(report);
    }
    if (m_reports.isEmpty()) {
        m_reports.append(
            Report{1, {}, {}, {}, Report::Outcome::Invalid, {EditError{1, 1, {}, tr("No documents.")}}});
        readable = false;
    }
    emit reportsChanged();
    if (!readable) {
        finish(false);
        return;
    }
    m_busy = true;
    next(true, 0);
}

void ManifestCreator::next(bool dryRun, int index) {
    if (index == m_items.size()) {
        if (!dryRun) {
            bool all = true;
            for (const Report& report : std::as_const(m_reports)) {
                all = all && report.outcome == Report::Outcome::Created;
            }
            finish(all);
            return;
        }
        for (const Report& report : std::as_const(m_reports)) {
            if (report.outcome != Report::Outcome::DryRunPassed) {
                for (Report& other : m_reports) {
                    if (other.outcome == Report::Outcome::DryRunPassed) {
                        other.outcome = Report::Outcome::Skipped;
                    }
                }
                emit reportsChanged();
                finish(false);
                return;
            }
        }
        next(false, 0);
        return;
    }
    const Item& item = m_items[index];
    dynamic::WriteOptions options;
    options.dryRun = dryRun;
    options.fieldManager = QString::fromLatin1(dynamic::DynamicClient::defaultFieldManager);
    m_calls.create(item.resource, item.namespaceName, item.object.toJson(), options,
                   [this, dryRun, index](const dynamic::ObjectResult& result) {
                       Report& report = m_reports[index];
                       if (result.ok()) {
                           report.outcome = dryRun ? Report::Outcome::DryRunPassed : Report::Outcome::Created;
                       } else {
                           report.outcome = Report::Outcome::Failed;
                           report.errors = editerrors::fromFailure(result, m_items[index].object);
                       }
                       emit reportsChanged();
                       next(dryRun, index + 1);
                   });
}

void ManifestCreator::finish(bool allCreated) {
    m_busy = false;
    emit finished(allCreated);
}

} // namespace binnacle::editing
