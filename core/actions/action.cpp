#include "action.h"

namespace binnacle::actions {

Action::Action(dynamic::DynamicClient* client, QObject* parent)
    : QObject(parent)
    , m_client(client) {}

void Action::start() {
    // Never answer from inside start(): callers connect and call in either order.
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (!m_client) {
                finish(ActionResult::failure(QStringLiteral("not connected to a cluster")));
                return;
            }
            run();
        },
        Qt::QueuedConnection);
}

void Action::finish(const ActionResult& result) {
    if (m_finished) {
        return;
    }
    m_finished = true;
    emit finished(result);
    deleteLater();
}

BatchAction::BatchAction(dynamic::DynamicClient* client, client::ApiResource resource,
                         QList<ObjectRef> objects, QObject* parent)
    : Action(client, parent)
    , m_resource(std::move(resource))
    , m_objects(std::move(objects)) {}

void BatchAction::run() {
    if (m_objects.isEmpty()) {
        finish(ActionResult::failure(QStringLiteral("nothing selected")));
        return;
    }
    if (const QString refusal = precondition(); !refusal.isEmpty()) {
        finish(ActionResult::failure(refusal));
        return;
    }
    m_items.resize(m_objects.size());
    m_pending = int(m_objects.size());
    for (int index = 0; index < m_objects.size(); ++index) {
        const ObjectRef& object = m_objects.at(index);
        m_items[index].object = object;
        dynamic::ObjectTarget target{m_resource, object.namespaceName, object.name, QString()};
        send(target,
             guarded([this, index](const dynamic::ObjectResult& result) { itemFinished(index, result); }));
    }
}

void BatchAction::itemFinished(int index, const dynamic::ObjectResult& result) {
    ItemResult& item = m_items[index];
    item.httpStatus = httpStatusOf(result);
    if (result.ok()) {
        item.outcome = ItemOutcome::Done;
    } else {
        item.outcome = isRefusal(result) ? ItemOutcome::Refused : ItemOutcome::Failed;
        item.message = failureMessage(result);
    }
    if (--m_pending > 0) {
        return;
    }
    ActionResult summary;
    summary.items = m_items;
    summary.ok = std::all_of(m_items.cbegin(), m_items.cend(),
                             [](const ItemResult& each) { return each.outcome == ItemOutcome::Done; });
    summary.message =
        summarize(m_items, pastTense(),
                  m_resource.singular.isEmpty() ? m_resource.kind.toLower() : m_resource.singular);
    if (m_items.size() == 1) {
        summary.object = result.object();
    }
    finish(summary);
}

QString summarize(const QList<ItemResult>& items, const QString& pastTense, const QString& kindSingular) {
    int done = 0;
    const ItemResult* firstProblem = nullptr;
    for (const ItemResult& item : items) {
        if (item.outcome == ItemOutcome::Done) {
            ++done;
        } else if (item.outcome != ItemOutcome::Skipped && !firstProblem) {
            firstProblem = &item;
        }
    }
    if (items.size() == 1) {
        const ItemResult& only = items.first();
        if (only.outcome == ItemOutcome::Done || only.outcome == ItemOutcome::Skipped) {
            return QStringLiteral("%1 %2 %3").arg(pastTense, kindSingular, only.object.name);
        }
        return QStringLiteral("%1 %2: %3").arg(kindSingular, only.object.name, only.message);
    }
    const QString plural = kindSingular + QLatin1Char('s');
    if (!firstProblem) {
        return QStringLiteral("%1 %2 %3").arg(pastTense).arg(done).arg(plural);
    }
    return QStringLiteral("%1 %2 of %3 %4; %5: %6")
        .arg(pastTense)
        .arg(done)
        .arg(items.size())
        .arg(plural, firstProblem->object.displayName(), firstProblem->message);
}

} // namespace binnacle::actions
