#pragma once

#include "actionresult.h"
#include "dynamicclient.h"

#include <QObject>
#include <QPointer>

namespace binnacle::actions {

// One user action against the cluster (delete, scale, drain ...), run over a DynamicClient. Create it on
// the client's thread, connect to finished() and call start(): finished() follows exactly once, never from
// inside start(), and the action deletes itself afterwards.
class Action : public QObject {
    Q_OBJECT
public:
    explicit Action(dynamic::DynamicClient* client, QObject* parent = nullptr);

    void start();

signals:
    void finished(const binnacle::actions::ActionResult& result);

protected:
    virtual void run() = 0;
    void finish(const ActionResult& result);
    dynamic::DynamicClient* client() const { return m_client; }

    // A DynamicClient callback that does nothing once this action is gone.
    template <typename Callback> dynamic::DynamicClient::ObjectCallback guarded(Callback callback) {
        return [self = QPointer<Action>(this),
                callback = std::move(callback)](const dynamic::ObjectResult& result) {
            if (self) {
                callback(result);
            }
        };
    }

private:
    QPointer<dynamic::DynamicClient> m_client;
    bool m_finished = false;
};

// An action that sends one request per object, all at once (the transport paces them), and reports each.
class BatchAction : public Action {
    Q_OBJECT
public:
    BatchAction(dynamic::DynamicClient* client, client::ApiResource resource, QList<ObjectRef> objects,
                QObject* parent = nullptr);

protected:
    // Sends the request for one object.
    virtual void send(const dynamic::ObjectTarget& target, dynamic::DynamicClient::ObjectCallback done) = 0;
    // "deleted", "restarted": for the summary line.
    virtual QString pastTense() const = 0;
    // Refuses the whole batch before any request (a kind the action does not apply to); empty: fine.
    virtual QString precondition() const { return QString(); }

    const client::ApiResource& resource() const { return m_resource; }

private:
    void run() override;
    void itemFinished(int index, const dynamic::ObjectResult& result);

    client::ApiResource m_resource;
    QList<ObjectRef> m_objects;
    QList<ItemResult> m_items;
    int m_pending = 0;
};

// The one-line summary of per-object results: "deleted pod web-1", "deleted 3 pods",
// "deleted 2 of 3 pods; web-2: <server's message>".
QString summarize(const QList<ItemResult>& items, const QString& pastTense, const QString& kindSingular);

} // namespace binnacle::actions
