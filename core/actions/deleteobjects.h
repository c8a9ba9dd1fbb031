#pragma once

#include "action.h"

namespace binnacle::actions {

// Deletes several objects of one resource at once, with a propagation policy (Background, Foreground,
// Orphan; empty: the resource's default) and an optional grace period. Reports each object.
class DeleteObjects : public BatchAction {
    Q_OBJECT
public:
    DeleteObjects(dynamic::DynamicClient* client, client::ApiResource resource, QList<ObjectRef> objects,
                  dynamic::DeleteOptions options, QObject* parent = nullptr);

protected:
    void send(const dynamic::ObjectTarget& target, dynamic::DynamicClient::ObjectCallback done) override;
    QString pastTense() const override { return QStringLiteral("deleted"); }
    QString precondition() const override;

private:
    dynamic::DeleteOptions m_options;
};

} // namespace binnacle::actions
