#include "objecteditor.h"

#include "dynamicclient.h"
#include "editsession.h"
#include "manifestcreator.h"

#include <QMetaEnum>

namespace binnacle {

namespace {

using editing::EditSession;

transport::ClusterTransport* transportOf(const ClusterConnection* connection) {
    return connection ? connection->transport() : nullptr;
}

QVariantList hunksToVariant(const QList<editing::DiffHunk>& hunks) {
    QVariantList list;
    for (const editing::DiffHunk& hunk : hunks) {
        QVariantList lines;
        for (const editing::DiffLine& line : hunk.lines) {
            const QString kind = line.kind == editing::DiffLine::Kind::Context ? QStringLiteral(" ")
                                 : line.kind == editing::DiffLine::Kind::Added ? QStringLiteral("+")
                                                                               : QStringLiteral("-");
            lines.append(QVariantMap{{QStringLiteral("kind"), kind},
                                     {QStringLiteral("text"), line.text},
                                     {QStringLiteral("oldLine"), line.oldLine},
                                     {QStringLiteral("newLine"), line.newLine}});
        }
        list.append(QVariantMap{{QStringLiteral("header"), hunk.header()}, {QStringLiteral("lines"), lines}});
    }
    return list;
}

QVariantList errorsToVariant(const QList<editing::EditError>& errors) {
    QVariantList list;
    for (const editing::EditError& error : errors) {
        list.append(QVariantMap{{QStringLiteral("line"), error.line},
                                {QStringLiteral("column"), error.column},
                                {QStringLiteral("field"), error.field},
                                {QStringLiteral("message"), error.message}});
    }
    return list;
}

} // namespace

ObjectEditor::ObjectEditor(QObject* parent)
    : QObject(parent) {}

ObjectEditor::~ObjectEditor() {
    dropClient();
}

void ObjectEditor::setConnection(ClusterConnection* connection) {
    if (connection == m_connection) {
        return;
    }
    if (m_connection) {
        disconnect(m_connection, nullptr, this, nullptr);
    }
    m_connection = connection;
    if (m_connection) {
        connect(m_connection, &ClusterConnection::sessionChanged, this,
                [this] { setTransport(transportOf(m_connection.data())); });
        setTransport(transportOf(m_connection.data()));
    }
    emit connectionChanged();
}

void ObjectEditor::setTransport(transport::ClusterTransport* transport) {
    if (transport == m_transport && m_session) {
        return;
    }
    dropClient();
    m_transport = transport;
    rebuild();
}

void ObjectEditor::dropClient() {
    delete m_session; // their answers die with them (ClientCalls)
    delete m_creator;
    m_session = nullptr;
    m_creator = nullptr;
    if (m_client) {
        m_client->deleteLater(); // on its own thread, after the calls already posted to it
        m_client = nullptr;
    }
}

void ObjectEditor::rebuild() {
    if (m_transport) {
        m_client = new dynamic::DynamicClient(m_transport);
        m_client->moveToThread(m_transport->thread());
    }
    m_session = new EditSession(m_client, this);
    m_session->setMode(m_serverSideApply ? EditSession::Mode::ServerSideApply : EditSession::Mode::Replace);
    // `conflict` depends on the state as well as on the results: both changes re-evaluate it.
    connect(m_session, &EditSession::stateChanged, this, [this] {
        emit stateChanged();
        emit resultsChanged();
    });
    connect(m_session, &EditSession::textChanged, this, &ObjectEditor::textChanged);
    connect(m_session, &EditSession::resultsChanged, this, &ObjectEditor::resultsChanged);
    m_creator = new editing::ManifestCreator(
        m_client,
        [this](const QString& apiVersion, const QString& kind) { return resolve(apiVersion, kind); }, this);
    connect(m_creator, &editing::ManifestCreator::reportsChanged, this, &ObjectEditor::createReportsChanged);
    connect(m_creator, &editing::ManifestCreator::finished, this, [this](bool all) {
        emit createReportsChanged();
        emit createFinished(all);
    });
    emit textChanged();
    emit stateChanged();
    emit resultsChanged();
    emit createReportsChanged();
}

std::optional<client::ApiResource> ObjectEditor::resolve(const QString& apiVersion,
                                                         const QString& kind) const {
    if (m_resolver) {
        return m_resolver(apiVersion, kind);
    }
    if (!m_connection) {
        return std::nullopt;
    }
    const QString group =
        apiVersion.contains(QLatin1Char('/')) ? apiVersion.section(QLatin1Char('/'), 0, 0) : QString();
    const QString version = apiVersion.section(QLatin1Char('/'), -1);
    std::optional<client::ApiResource> resource = m_connection->findResource(kind);
    if (!resource || resource->group != group || resource->kind != kind) {
        return std::nullopt;
    }
    resource->version = version; // the same resource in the version the object names
    return resource;
}

void ObjectEditor::setLocalError(const QString& message) {
    m_localError = message;
    emit resultsChanged();
    emit stateChanged();
}

QString ObjectEditor::text() const {
    return m_session ? m_session->text() : QString();
}

void ObjectEditor::setText(const QString& text) {
    if (m_session) {
        m_session->setText(text);
    }
}

QString ObjectEditor::liveText() const {
    return m_session ? m_session->liveText() : QString();
}

QString ObjectEditor::state() const {
    if (!m_localError.isEmpty()) {
        return QStringLiteral("error");
    }
    if (!m_session) {
        return QStringLiteral("idle");
    }
    const char* key = QMetaEnum::fromType<EditSession::State>().valueToKey(int(m_session->state()));
    QString name = QString::fromLatin1(key);
    name[0] = name[0].toLower();
    return name;
}

bool ObjectEditor::busy() const {
    return m_session && m_session->busy();
}

void ObjectEditor::setServerSideApply(bool on) {
    if (on == m_serverSideApply) {
        return;
    }
    m_serverSideApply = on;
    if (m_session) {
        m_session->setMode(on ? EditSession::Mode::ServerSideApply : EditSession::Mode::Replace);
    }
    emit serverSideApplyChanged();
}

QVariantList ObjectEditor::diff() const {
    return m_session ? hunksToVariant(m_session->diff()) : QVariantList();
}

QVariantList ObjectEditor::errors() const {
    if (!m_localError.isEmpty()) {
        return errorsToVariant({editing::EditError{0, 0, QString(), m_localError}});
    }
    return m_session ? errorsToVariant(m_session->errors()) : QVariantList();
}

QVariantList ObjectEditor::errorLines() const {
    QVariantList lines;
    if (m_session && m_localError.isEmpty()) {
        for (const editing::EditError& error : m_session->errors()) {
            if (error.line > 0 && !lines.contains(error.line)) {
                lines.append(error.line);
            }
        }
    }
    return lines;
}

QVariantMap ObjectEditor::conflict() const {
    if (!m_session || m_session->state() != EditSession::State::Conflict) {
        return {};
    }
    QVariantList fields;
    for (const editing::MergeConflict& c : m_session->mergeConflicts()) {
        fields.append(QVariantMap{{QStringLiteral("path"), c.path},
                                  {QStringLiteral("base"), editing::ThreeWayMerge::shortText(c.base)},
                                  {QStringLiteral("mine"), editing::ThreeWayMerge::shortText(c.mine)},
                                  {QStringLiteral("theirs"), editing::ThreeWayMerge::shortText(c.theirs)},
                                  {QStringLiteral("line"), c.line}});
    }
    QVariantList managers;
    for (const editing::ManagerConflict& c : m_session->managerConflicts()) {
        managers.append(QVariantMap{{QStringLiteral("manager"), c.manager},
                                    {QStringLiteral("field"), c.field},
                                    {QStringLiteral("line"), c.line}});
    }
    return {{QStringLiteral("stale"), m_session->managerConflicts().isEmpty()},
            {QStringLiteral("serverChanges"), hunksToVariant(m_session->serverChanges())},
            {QStringLiteral("fields"), fields},
            {QStringLiteral("managers"), managers}};
}

QStringList ObjectEditor::warnings() const {
    return m_session ? m_session->warnings() : QStringList();
}

QVariantList ObjectEditor::createReports() const {
    QVariantList list;
    if (!m_creator) {
        return list;
    }
    for (const editing::ManifestCreator::Report& report : m_creator->reports()) {
        list.append(
            QVariantMap{{QStringLiteral("line"), report.firstLine},
                        {QStringLiteral("kind"), report.kind},
                        {QStringLiteral("name"), report.name},
                        {QStringLiteral("namespace"), report.namespaceName},
                        {QStringLiteral("outcome"), editing::ManifestCreator::outcomeName(report.outcome)},
                        {QStringLiteral("errors"), errorsToVariant(report.errors)}});
    }
    return list;
}

bool ObjectEditor::creating() const {
    return m_creator && m_creator->busy();
}

void ObjectEditor::load(const QString& kind, const QString& apiVersion, const QString& namespaceName,
                        const QString& name) {
    m_localError.clear();
    if (!m_session || !m_client) {
        setLocalError(tr("Not connected to a cluster."));
        return;
    }
    const std::optional<client::ApiResource> resource = resolve(apiVersion, kind);
    if (!resource) {
        setLocalError(tr("The cluster serves no kind \"%1\" in \"%2\".").arg(kind, apiVersion));
        return;
    }
    m_session->load(dynamic::ObjectTarget{*resource, namespaceName, name, QString()});
}

void ObjectEditor::preview() {
    if (m_session && m_localError.isEmpty()) {
        m_session->preview();
    }
}

void ObjectEditor::apply() {
    if (m_session && m_localError.isEmpty()) {
        m_session->apply();
    }
}

void ObjectEditor::rebase() {
    if (m_session) {
        m_session->rebase(EditSession::RebaseChoice::StopOnConflict);
    }
}

void ObjectEditor::rebaseKeepingMine() {
    if (m_session) {
        m_session->rebase(EditSession::RebaseChoice::KeepMine);
    }
}

void ObjectEditor::rebaseKeepingTheirs() {
    if (m_session) {
        m_session->rebase(EditSession::RebaseChoice::KeepTheirs);
    }
}

void ObjectEditor::forceApply() {
    if (m_session && m_localError.isEmpty()) {
        m_session->forceApply();
    }
}

void ObjectEditor::createFromYaml(const QString& text, const QString& defaultNamespace) {
    if (!m_creator || !m_client) {
        setLocalError(tr("Not connected to a cluster."));
        return;
    }
    m_creator->create(text, defaultNamespace);
}

} // namespace binnacle
