#pragma once

#include "patchobjects.h"

namespace binnacle::actions {

// `kubectl cordon` / `uncordon`: sets or clears a Node's spec.unschedulable. Uncordon removes the field
// (null in the patch), as kubectl's two-way merge of an omitempty false does.
class CordonNodes : public PatchObjects {
    Q_OBJECT
public:
    CordonNodes(dynamic::DynamicClient* client, client::ApiResource nodes, QList<ObjectRef> objects,
                bool unschedulable, QObject* parent = nullptr);

    static QByteArray patchFor(bool unschedulable);

protected:
    QString pastTense() const override;
    QString precondition() const override;

private:
    bool m_unschedulable;
};

} // namespace binnacle::actions
