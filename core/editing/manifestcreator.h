#pragma once

#include "clientcalls.h"
#include "editerrors.h"

#include <QList>
#include <QObject>
#include <functional>
#include <optional>

namespace binnacle::editing {

// Creates the objects of a multi-document YAML text all or nothing as far as validation goes: every
// document is read (errors with lines), then sent as a server dry run; only when all of them pass are they
// created for real, one after another. reports() says per document what happened.
class ManifestCreator : public QObject {
    Q_OBJECT
public:
    // The resource serving apiVersion/kind, or nothing when the cluster does not serve it.
    using Resolver =
        std::function<std::optional<client::ApiResource>(const QString& apiVersion, const QString& kind)>;

    struct Report {
        enum class Outcome { Pending, Invalid, DryRunPassed, Created, Failed, Skipped };
        int firstLine = 1; // of the document in the whole text
        QString kind;
        QString name;
        QString namespaceName;
        Outcome outcome = Outcome::Pending;
        QList<EditError> errors;
    };

    // `client` may live on another thread; it must outlive this object.
    ManifestCreator(dynamic::DynamicClient* client, Resolver resolver, QObject* parent = nullptr);

    // Objects without a namespace go to `defaultNamespace` (when namespaced).
    void create(const QString& text, const QString& defaultNamespace);
    bool busy() const { return m_busy; }
    const QList<Report>& reports() const { return m_reports; }

    static QString outcomeName(Report::Outcome outcome);

signals:
    void reportsChanged();
    // Every document created (false: nothing was, or not all).
    void finished(bool allCreated);

private:
    struct Item {
        client::ApiResource resource;
        QString namespaceName;
        DocValue object;
    };
    void next(bool dryRun, int index);
    void finish(bool allCreated);

    ClientCalls m_calls;
    Resolver m_resolver;
    QList<Item> m_items;
    QList<Report> m_reports;
    bool m_busy = false;
};

} // namespace binnacle::editing
