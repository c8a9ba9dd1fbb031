#pragma once

#include "clientcalls.h"
#include "docvalue.h"
#include "editerrors.h"
#include "linediff.h"
#include "threewaymerge.h"

#include <QObject>
#include <optional>

namespace binnacle::editing {

// Editing one object as YAML without ever overwriting someone else's change silently.
//
//   load()        GET the object; its resourceVersion is the base of the edit; text() is its YAML without
//                 metadata.managedFields (which a PUT then omits, so that the server keeps them).
//   preview()     parses the text (errors with line and column) and sends it as a server dry run (PUT with
//                 the base resourceVersion and dryRun=All, or a server-side apply): diff() is then the
//                 change from the live object to the dry run's result. The object is not changed.
//   apply()       the same for real, once the current text has been previewed.
//
// A 409 Conflict on a PUT (the object changed since the base) fetches the current object: serverChanges()
// is what changed on the server, and rebase() carries the user's edit (base → text) over to it by a
// three-way merge; fields both sides changed are mergeConflicts(), each with both values, and nothing is
// rebased until the user chooses a side for them. After a rebase the user previews again.
// In server-side apply mode (field manager "binnacle") a 409 names the managers of the contested fields
// (managerConflicts()); forceApply() previews with force=true, and apply() then forces.
// 422 Invalid and other failures land in errors(), each cause at the line of its field.
class EditSession : public QObject {
    Q_OBJECT
public:
    enum class State { Idle, Loading, Editing, Previewing, Previewed, Applying, Applied, Conflict, Error };
    Q_ENUM(State)
    enum class Mode { Replace, ServerSideApply };
    enum class RebaseChoice { StopOnConflict, KeepMine, KeepTheirs };

    // `client` may live on another thread; it must outlive this session.
    explicit EditSession(dynamic::DynamicClient* client, QObject* parent = nullptr);

    void load(const dynamic::ObjectTarget& target);
    void setText(const QString& text);
    void setMode(Mode mode) { m_mode = mode; }
    Mode mode() const { return m_mode; }
    void preview();
    void apply();
    void rebase(RebaseChoice choice = RebaseChoice::StopOnConflict);
    void forceApply();

    State state() const { return m_state; }
    bool busy() const {
        return m_state == State::Loading || m_state == State::Previewing || m_state == State::Applying;
    }
    const dynamic::ObjectTarget& target() const { return m_target; }
    QString text() const { return m_text; }
    // The live object's YAML as loaded (the left side of diff()).
    QString liveText() const { return m_liveText; }
    QString baseResourceVersion() const { return m_base.stringAt({u"metadata", u"resourceVersion"}); }
    const QList<DiffHunk>& diff() const { return m_diff; }
    const QList<EditError>& errors() const { return m_errors; }
    // After a stale 409: the current object, and base → current.
    const QList<DiffHunk>& serverChanges() const { return m_serverChanges; }
    const QList<MergeConflict>& mergeConflicts() const { return m_mergeConflicts; }
    const QList<ManagerConflict>& managerConflicts() const { return m_managerConflicts; }
    // The server's last answer, as YAML (the applied object, or the dry run's result).
    QString resultText() const { return m_resultText; }
    QStringList warnings() const { return m_warnings; }

    // The YAML shown for an object: managedFields hidden.
    static QString editableYaml(const DocValue& object);

signals:
    void stateChanged();
    void textChanged();
    // diff, errors, conflicts, result
    void resultsChanged();

private:
    enum class Step { Preview, Apply };
    void send(Step step);
    void finishSend(Step step, const dynamic::ObjectResult& result, const DocValue& edited);
    void enterStaleConflict(const DocValue& edited);
    std::optional<DocValue> parseText();
    QByteArray requestBody(const DocValue& edited) const;
    void setState(State state);
    void clearResults();
    void fail(QList<EditError> errors);

    ClientCalls m_calls;
    dynamic::ObjectTarget m_target;
    Mode m_mode = Mode::Replace;
    bool m_force = false;
    State m_state = State::Idle;
    quint64 m_requestSerial = 0; // answers to superseded requests are dropped

    DocValue m_base;                   // the object the edit started from (with managedFields)
    std::optional<DocValue> m_current; // the server's newer version, after a stale 409
    QString m_text;
    QString m_liveText;
    QString m_previewedText; // the text the last successful preview was made from
    QList<DiffHunk> m_diff;
    QList<EditError> m_errors;
    QList<DiffHunk> m_serverChanges;
    QList<MergeConflict> m_mergeConflicts;
    QList<ManagerConflict> m_managerConflicts;
    QString m_resultText;
    QStringList m_warnings;
};

} // namespace binnacle::editing
