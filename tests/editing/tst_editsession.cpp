// EditSession against the simulator over TLS: dry-run diff then apply, a concurrent change rebased or
// reported, server-side apply conflicts naming the other manager and force, 422 causes at their lines,
// YAML errors before any request, managedFields hidden and kept.
#include "editingtesting.h"

using namespace dynamictesting;
using namespace editingtesting;
using editing::DiffHunk;
using editing::DiffLine;

namespace {

// The changed lines of a diff as "-text" / "+text".
QStringList changedLines(const QList<DiffHunk>& hunks) {
    QStringList lines;
    for (const DiffHunk& hunk : hunks) {
        for (const DiffLine& line : hunk.lines) {
            if (line.kind != DiffLine::Kind::Context) {
                lines.append((line.kind == DiffLine::Kind::Added ? QLatin1Char('+') : QLatin1Char('-')) +
                             line.text);
            }
        }
    }
    return lines;
}

// The 1-based line of the first line of `text` that starts with `prefix` after its indentation (and dash).
int lineOf(const QString& text, const QString& prefix) {
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QString line = lines[i].trimmed();
        if (line.startsWith(QLatin1String("- "))) {
            line = line.mid(2);
        }
        if (line.startsWith(prefix)) {
            return int(i + 1);
        }
    }
    return 0;
}

} // namespace

class TestEditSession : public Fixture {
    Q_OBJECT
private:
    QByteArray twoKeyConfigMap(const QString& name) {
        return QStringLiteral(R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"%1"},
                                  "data":{"key":"one","other":"x"}})")
            .arg(name)
            .toUtf8();
    }
    // Someone else's update of one data key, through a merge patch.
    void theirChange(const QString& name, const QString& key, const QString& value) {
        ObjectResult patched;
        QVERIFY(await(&patched, [&](auto done) {
            client()->patch(target(configMaps(), name), dynamic::PatchType::Merge,
                            QStringLiteral(R"({"data":{"%1":"%2"}})").arg(key, value).toUtf8(), {}, done);
        }));
        QVERIFY2(patched.ok(), qPrintable(describe(patched)));
    }
    void loadInto(EditSession& session, const ObjectTarget& t) {
        session.load(t);
        QVERIFY(settle(session));
        QVERIFY2(session.state() == EditSession::State::Editing, qPrintable(describeSession(session)));
    }
    void run(EditSession& session, void (EditSession::*step)(), EditSession::State expected) {
        (session.*step)();
        QVERIFY(settle(session));
        QVERIFY2(session.state() == expected, qPrintable(describeSession(session)));
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_cluster.start()); }

    void dryRunDiffThenApply() {
        QVERIFY(create(configMaps(), twoKeyConfigMap(QStringLiteral("edit-me"))).ok());
        EditSession session(client());
        loadInto(session, target(configMaps(), QStringLiteral("edit-me")));
        const QString before = session.text();
        QVERIFY(before.contains(QLatin1String("  key: one\n")));

        session.setText(QString(before).replace(QLatin1String("key: one"), QLatin1String("key: two")));
        run(session, &EditSession::preview, EditSession::State::Previewed);
        QCOMPARE(changedLines(session.diff()), (QStringList{"-  key: one", "+  key: two"}));
        QCOMPARE(data(get(target(configMaps(), QStringLiteral("edit-me"))))[QLatin1String("key")].toString(),
                 QStringLiteral("one")); // the dry run changed nothing

        run(session, &EditSession::apply, EditSession::State::Applied);
        QCOMPARE(data(get(target(configMaps(), QStringLiteral("edit-me"))))[QLatin1String("key")].toString(),
                 QStringLiteral("two"));
        QVERIFY(session.text().contains(QLatin1String("key: two")));
        QVERIFY(session.baseResourceVersion() != QString());
    }

    void applyNeedsAPreviewOfTheCurrentText() {
        QVERIFY(create(configMaps(), twoKeyConfigMap(QStringLiteral("unpreviewed"))).ok());
        EditSession session(client());
        loadInto(session, target(configMaps(), QStringLiteral("unpreviewed")));
        session.setText(session.text().replace(QLatin1String("key: one"), QLatin1String("key: two")));
        run(session, &EditSession::apply, EditSession::State::Error);
        QCOMPARE(
            data(get(target(configMaps(), QStringLiteral("unpreviewed"))))[QLatin1String("key")].toString(),
            QStringLiteral("one"));
    }

    void concurrentChangeElsewhereIsRebased() {
        QVERIFY(create(configMaps(), twoKeyConfigMap(QStringLiteral("rebase-me"))).ok());
        EditSession session(client());
        loadInto(session, target(configMaps(), QStringLiteral("rebase-me")));
        theirChange(QStringLiteral("rebase-me"), QStringLiteral("other"), QStringLiteral("theirs"));

        session.setText(session.text().replace(QLatin1String("key: one"), QLatin1String("key: mine")));
        run(session, &EditSession::preview, EditSession::State::Conflict);
        QCOMPARE(changedLines(session.serverChanges()).filter(QLatin1String("other")),
                 (QStringList{"-  other: x", "+  other: theirs"}));
        QVERIFY(session.mergeConflicts().isEmpty());

        session.rebase();
        QCOMPARE(session.state(), EditSession::State::Editing);
        QVERIFY(session.text().contains(QLatin1String("key: mine")));
        QVERIFY(session.text().contains(QLatin1String("other: theirs")));
        run(session, &EditSession::preview, EditSession::State::Previewed);
        QCOMPARE(changedLines(session.diff()), (QStringList{"-  key: one", "+  key: mine"}));
        run(session, &EditSession::apply, EditSession::State::Applied);
        const QJsonObject stored = data(get(target(configMaps(), QStringLiteral("rebase-me"))));
        QCOMPARE(stored[QLatin1String("key")].toString(), QStringLiteral("mine"));
        QCOMPARE(stored[QLatin1String("other")].toString(), QStringLiteral("theirs"));
    }

    void concurrentChangeOfTheSameFieldIsAConflict() {
        QVERIFY(create(configMaps(), twoKeyConfigMap(QStringLiteral("contested"))).ok());
        EditSession session(client());
        loadInto(session, target(configMaps(), QStringLiteral("contested")));
        theirChange(QStringLiteral("contested"), QStringLiteral("key"), QStringLiteral("theirs"));

        const QString mine = session.text().replace(QLatin1String("key: one"), QLatin1String("key: mine"));
        session.setText(mine);
        run(session, &EditSession::preview, EditSession::State::Conflict);
        QCOMPARE(session.mergeConflicts().size(), 1);
        session.rebase();
        QCOMPARE(session.state(), EditSession::State::Conflict);
        QCOMPARE(session.text(), mine); // nothing decided for the user
        const editing::MergeConflict conflict = session.mergeConflicts().front();
        QCOMPARE(conflict.path, QStringLiteral("data.key"));
        QCOMPARE(conflict.mine->text, QStringLiteral("mine"));
        QCOMPARE(conflict.theirs->text, QStringLiteral("theirs"));
        QCOMPARE(conflict.base->text, QStringLiteral("one"));
        QCOMPARE(conflict.line, lineOf(mine, QStringLiteral("key:")));
        QCOMPARE(
            data(get(target(configMaps(), QStringLiteral("contested"))))[QLatin1String("key")].toString(),
            QStringLiteral("theirs")); // nothing written
    }

    void serverSideApplyConflictNamesTheManagerAndForceWins() {
        dynamic::ApplyOptions theirs;
        theirs.write.fieldManager = QStringLiteral("other-tool");
        ObjectResult applied;
        QVERIFY(await(&applied, [&](auto done) {
            client()->apply(target(deployments(), QStringLiteral("ssa-web")),
                            deployment(QStringLiteral("ssa-web")), theirs, done);
        }));
        QVERIFY2(applied.ok(), qPrintable(describe(applied)));

        EditSession session(client());
        session.setMode(EditSession::Mode::ServerSideApply);
        loadInto(session, target(deployments(), QStringLiteral("ssa-web")));
        session.setText(session.text().replace(QLatin1String("replicas: 1"), QLatin1String("replicas: 3")));
        run(session, &EditSession::preview, EditSession::State::Conflict);
        QCOMPARE(session.managerConflicts().size(), 1);
        QCOMPARE(session.managerConflicts().front().manager, QStringLiteral("other-tool"));
        QCOMPARE(session.managerConflicts().front().field, QStringLiteral(".spec.replicas"));
        QCOMPARE(session.managerConflicts().front().line,
                 lineOf(session.text(), QStringLiteral("replicas:")));

        run(session, &EditSession::forceApply, EditSession::State::Previewed);
        // A spec change bumps the generation: the dry run shows that too.
        QCOMPARE(changedLines(session.diff()),
                 (QStringList{"-  generation: 1", "+  generation: 2", "-  replicas: 1", "+  replicas: 3"}));
        run(session, &EditSession::apply, EditSession::State::Applied);
        QCOMPARE(get(target(deployments(), QStringLiteral("ssa-web")))
                     .object()[QLatin1String("spec")]
                     .toObject()[QLatin1String("replicas")]
                     .toInt(),
                 3);
    }

    void invalidCausesPointAtTheirLines_data() {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("linePrefix");
        QTest::newRow("replicas") << "replicas: 1"
                                  << "replicas: -1"
                                  << "spec.replicas"
                                  << "replicas:";
        QTest::newRow("second image") << "image: busybox:1"
                                      << "image: \"\""
                                      << "spec.template.spec.containers[1].image"
                                      << "image: \"\"";
    }
    void invalidCausesPointAtTheirLines() {
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(QString, field);
        QFETCH(QString, linePrefix);
        const QString name = QStringLiteral("invalid-%1")
                                 .arg(QString::fromLatin1(QTest::currentDataTag()))
                                 .replace(QLatin1Char(' '), QLatin1Char('-'));
        QVERIFY(create(deployments(), deployment(name)).ok());
        EditSession session(client());
        loadInto(session, target(deployments(), name));
        session.setText(session.text().replace(from, to));
        run(session, &EditSession::preview, EditSession::State::Error);
        const auto errors = session.errors();
        const auto it =
            std::find_if(errors.begin(), errors.end(), [&](const auto& e) { return e.field == field; });
        QVERIFY2(it != errors.end(), qPrintable(describeSession(session)));
        QCOMPARE(it->line, lineOf(session.text(), linePrefix));
    }

    void yamlErrorsComeBeforeAnyRequest() {
        QVERIFY(create(configMaps(), twoKeyConfigMap(QStringLiteral("broken-yaml"))).ok());
        EditSession session(client());
        loadInto(session, target(configMaps(), QStringLiteral("broken-yaml")));
        session.setText(QStringLiteral("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [broken\n"));
        session.preview();
        QCOMPARE(session.state(), EditSession::State::Error); // at once: nothing was sent
        QCOMPARE(session.errors().size(), 1);
        QCOMPARE(session.errors().front().line, 5);
        QVERIFY(session.errors().front().column > 0);
    }

    void managedFieldsHiddenAndKept() {
        QVERIFY(create(configMaps(), twoKeyConfigMap(QStringLiteral("managed"))).ok());
        QVERIFY(get(target(configMaps(), QStringLiteral("managed"))).json.contains("managedFields"));
        EditSession session(client());
        loadInto(session, target(configMaps(), QStringLiteral("managed")));
        QVERIFY(!session.text().contains(QLatin1String("managedFields")));
        session.setText(session.text().replace(QLatin1String("other: x"), QLatin1String("other: y")));
        run(session, &EditSession::preview, EditSession::State::Previewed);
        run(session, &EditSession::apply, EditSession::State::Applied);
        const QJsonObject stored = get(target(configMaps(), QStringLiteral("managed"))).object();
        QVERIFY(!stored[QLatin1String("metadata")]
                     .toObject()[QLatin1String("managedFields")]
                     .toArray()
                     .isEmpty()); // omitted in the PUT, so kept
    }
};

QTEST_GUILESS_MAIN(TestEditSession)
#include "tst_editsession.moc"
