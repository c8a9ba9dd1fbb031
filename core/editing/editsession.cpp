#include "editsession.h"

#include "yamlreader.h"
#include "yamlwriter.h"

namespace binnacle::editing {

namespace {

const QString fieldManager = QString::fromLatin1(dynamic::DynamicClient::defaultFieldManager);

DocValue withoutManagedFields(DocValue object) {
    if (DocValue* metadata = object.member(u"metadata"); metadata && metadata->isObject()) {
        metadata->removeMember(u"managedFields");
    }
    return object;
}

} // namespace

EditSession::EditSession(dynamic::DynamicClient* client, QObject* parent)
    : QObject(parent)
    , m_calls(client, this) {}

QString EditSession::editableYaml(const DocValue& object) {
    return YamlWriter::write(withoutManagedFields(object));
}

void EditSession::setState(State state) {
    if (state != m_state) {
        m_state = state;
        emit stateChanged();
    }
}

void EditSession::clearResults() {
    m_diff.clear();
    m_errors.clear();
    m_serverChanges.clear();
    m_mergeConflicts.clear();
    m_managerConflicts.clear();
    m_resultText.clear();
    m_warnings.clear();
    emit resultsChanged();
}

void EditSession::fail(QList<EditError> errors) {
    m_errors = std::move(errors);
    emit resultsChanged();
    setState(State::Error);
}

void EditSession::load(const dynamic::ObjectTarget& target) {
    m_target = target;
    m_current.reset();
    m_force = false;
    const quint64 serial = ++m_requestSerial;
    clearResults();
    setState(State::Loading);
    m_calls.get(target, [this, serial](const dynamic::ObjectResult& result) {
        if (serial != m_requestSerial) {
            return;
        }
        if (!result.ok()) {
            m_base = DocValue();
            fail(editerrors::fromFailure(result, DocValue()));
            return;
        }
        m_base = DocValue::fromJson(result.json);
        m_liveText = editableYaml(m_base);
        m_text = m_liveText;
        m_previewedText.clear();
        emit textChanged();
        setState(State::Editing);
    });
}

void EditSession::setText(const QString& text) {
    if (text == m_text) {
        return;
    }
    m_text = text;
    emit textChanged();
    if (m_state == State::Previewed || m_state == State::Applied || m_state == State::Error) {
        setState(State::Editing);
    }
}

void EditSession::preview() {
    m_force = false;
    send(Step::Preview);
}

void EditSession::forceApply() {
    m_force = true;
    send(Step::Preview);
}

void EditSession::apply() {
    if (m_text != m_previewedText || m_state != State::Previewed) {
        fail({EditError{0, 0, QString(), tr("Preview the change before applying it.")}});
        return;
    }
    send(Step::Apply);
}

std::optional<DocValue> EditSession::parseText() {
    const YamlDocument document = YamlReader::read(m_text);
    if (!document.ok()) {
        fail(editerrors::fromYaml(*document.error));
        return std::nullopt;
    }
    if (!document.value.isObject()) {
        fail({EditError{1, 1, QString(), tr("The YAML must be one object (a mapping).")}});
        return std::nullopt;
    }
    return document.value;
}

QByteArray EditSession::requestBody(const DocValue& edited) const {
    DocValue body = withoutManagedFields(edited);
    DocValue* metadata = body.member(u"metadata");
    if (!metadata || !metadata->isObject()) {
        body.setMember(QStringLiteral("metadata"), DocValue::object());
        metadata = body.member(u"metadata");
    }
    if (m_mode == Mode::Replace) {
        // The precondition is the base the user edited, whatever the text says: a PUT without one would
        // overwrite a newer version.
        metadata->setMember(QStringLiteral("resourceVersion"), DocValue::string(baseResourceVersion()));
    } else {
        // Apply only what the user means to own: not the fields the server keeps.
        for (const auto key :
             {u"resourceVersion", u"uid", u"creationTimestamp", u"generation", u"selfLink"}) {
            metadata->removeMember(key);
        }
        body.removeMember(u"status");
    }
    return body.toJson();
}

void EditSession::send(Step step) {
    if (busy()) {
        return;
    }
    if (m_base.type != DocValue::Type::Object) {
        fail({EditError{0, 0, QString(), tr("No object is loaded.")}});
        return;
    }
    const std::optional<DocValue> edited = parseText();
    if (!edited) {
        return;
    }
    const quint64 serial = ++m_requestSerial;
    m_errors.clear();
    m_managerConflicts.clear();
    emit resultsChanged();
    setState(step == Step::Preview ? State::Previewing : State::Applying);
    auto done = [this, serial, step, edited = *edited](const dynamic::ObjectResult& result) {
        if (serial == m_requestSerial) {
            finishSend(step, result, edited);
        }
    };
    if (m_mode == Mode::Replace) {
        dynamic::WriteOptions options;
        options.dryRun = step == Step::Preview;
        options.fieldManager = fieldManager;
        m_calls.replace(m_target, requestBody(*edited), options, done);
    } else {
        dynamic::ApplyOptions options;
        options.write.dryRun = step == Step::Preview;
        options.write.fieldManager = fieldManager;
        options.force = m_force;
        m_calls.apply(m_target, requestBody(*edited), options, done);
    }
}

void EditSession::finishSend(Step step, const dynamic::ObjectResult& result, const DocValue& edited) {
    if (result.ok()) {
        const DocValue object = DocValue::fromJson(result.json);
        m_resultText = editableYaml(object);
        m_warnings = result.warnings;
        m_serverChanges.clear();
        m_mergeConflicts.clear();
        m_current.reset();
        m_diff = LineDiff::compute(m_liveText, m_resultText);
        if (step == Step::Preview) {
            m_previewedText = m_text;
            emit resultsChanged();
            setState(State::Previewed);
            return;
        }
        m_base = object;
        m_liveText = m_resultText;
        m_text = m_liveText;
        m_previewedText.clear();
        m_force = false;
        emit textChanged();
        emit resultsChanged();
        setState(State::Applied);
        return;
    }
    if (result.reason() == QLatin1String("Conflict")) {
        if (m_mode == Mode::ServerSideApply) {
            m_managerConflicts = editerrors::managerConflicts(result, edited);
            if (!m_managerConflicts.isEmpty()) {
                m_errors = editerrors::fromFailure(result, edited);
                emit resultsChanged();
                setState(State::Conflict);
                return;
            }
        } else {
            enterStaleConflict(edited);
            return;
        }
    }
    fail(editerrors::fromFailure(result, edited));
}

void EditSession::enterStaleConflict(const DocValue& edited) {
    // Someone changed the object since the base: fetch what is there now and show it before anything else.
    const quint64 serial = ++m_requestSerial;
    m_calls.get(m_target, [this, serial, edited](const dynamic::ObjectResult& result) {
        if (serial != m_requestSerial) {
            return;
        }
        if (!result.ok()) {
            fail(editerrors::fromFailure(result, edited));
            return;
        }
        m_current = DocValue::fromJson(result.json);
        m_serverChanges = LineDiff::compute(m_liveText, editableYaml(*m_current));
        m_mergeConflicts =
            ThreeWayMerge::merge(withoutManagedFields(m_base), edited, withoutManagedFields(*m_current))
                .conflicts;
        m_errors = {EditError{
            0, 0, QString(),
            tr("The object was changed on the server since you loaded it (resourceVersion %1 → %2).")
                .arg(baseResourceVersion(), m_current->stringAt({u"metadata", u"resourceVersion"}))}};
        emit resultsChanged();
        setState(State::Conflict);
    });
}

void EditSession::rebase(RebaseChoice choice) {
    if (busy() || !m_current) {
        return;
    }
    const std::optional<DocValue> mine = parseText();
    if (!mine) {
        return;
    }
    const ThreeWayMerge::Result merge =
        ThreeWayMerge::merge(withoutManagedFields(m_base), *mine, withoutManagedFields(*m_current),
                             choice == RebaseChoice::KeepMine ? ThreeWayMerge::Resolution::KeepMine
                                                              : ThreeWayMerge::Resolution::KeepTheirs);
    if (!merge.clean() && choice == RebaseChoice::StopOnConflict) {
        m_mergeConflicts = merge.conflicts;
        emit resultsChanged();
        setState(State::Conflict);
        return;
    }
    m_base = *m_current;
    m_current.reset();
    m_liveText = editableYaml(m_base);
    m_text = YamlWriter::write(merge.merged);
    m_previewedText.clear();
    clearResults();
    emit textChanged();
    setState(State::Editing);
}

} // namespace binnacle::editing
