// ObjectEditor (Binnacle.Core) with its transport on a worker thread, as ClusterConnection runs it: load,
// preview with a diff, apply, and create from YAML, every answer arriving on the GUI thread.
#include "dynamictesting.h"
#include "objecteditor.h"

#include <QSignalSpy>
#include <QThread>

using namespace dynamictesting;

class TestObjectEditor : public Fixture {
    Q_OBJECT
private:
    QThread m_worker;
    std::unique_ptr<transport::ClusterTransport> m_workerTransport;

    void configure(ObjectEditor& editor) {
        editor.setResolver(
            [](const QString& apiVersion, const QString& kind) -> std::optional<client::ApiResource> {
                if (apiVersion == QLatin1String("v1") && kind == QLatin1String("ConfigMap")) {
                    return configMaps();
                }
                return std::nullopt;
            });
        editor.setTransport(m_workerTransport.get());
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_cluster.start());
        transport::ClusterEndpoint endpoint;
        endpoint.server = QUrl(m_cluster.simulator->serverUrl());
        endpoint.caPem = m_cluster.simulator->credentials().caPem;
        m_workerTransport = std::make_unique<transport::ClusterTransport>(endpoint, m_cluster.token.get());
        m_worker.start();
        m_workerTransport->moveToThread(&m_worker);
    }
    void cleanupTestCase() {
        QMetaObject::invokeMethod(
            m_workerTransport.get(), [this] { m_workerTransport->moveToThread(qApp->thread()); },
            Qt::BlockingQueuedConnection);
        m_worker.quit();
        m_worker.wait();
        m_workerTransport.reset();
    }

    void editPreviewApply() {
        QVERIFY(create(configMaps(), configMap(QStringLiteral("from-qml"), QStringLiteral("one"))).ok());
        binnacle::ObjectEditor editor;
        configure(editor);
        editor.load(QStringLiteral("ConfigMap"), QStringLiteral("v1"), QStringLiteral("default"),
                    QStringLiteral("from-qml"));
        QCOMPARE(editor.state(), QStringLiteral("loading"));
        QTRY_COMPARE_WITH_TIMEOUT(editor.state(), QStringLiteral("editing"), 20000);
        QVERIFY(!editor.text().contains(QLatin1String("managedFields")));

        editor.setText(editor.text().replace(QLatin1String("key: one"), QLatin1String("key: two")));
        editor.preview();
        QVERIFY(editor.busy());
        QTRY_COMPARE_WITH_TIMEOUT(editor.state(), QStringLiteral("previewed"), 20000);
        const QVariantList diff = editor.diff();
        QCOMPARE(diff.size(), 1);
        QStringList changed;
        for (const QVariant& line : diff.front().toMap().value(QStringLiteral("lines")).toList()) {
            if (line.toMap().value(QStringLiteral("kind")).toString() != QLatin1String(" ")) {
                changed.append(line.toMap().value(QStringLiteral("kind")).toString() +
                               line.toMap().value(QStringLiteral("text")).toString());
            }
        }
        QCOMPARE(changed, (QStringList{"-  key: one", "+  key: two"}));

        editor.apply();
        QTRY_COMPARE_WITH_TIMEOUT(editor.state(), QStringLiteral("applied"), 20000);
        QCOMPARE(data(get(target(configMaps(), QStringLiteral("from-qml"))))[QLatin1String("key")].toString(),
                 QStringLiteral("two"));
    }

    void errorsCarryLines() {
        binnacle::ObjectEditor editor;
        configure(editor);
        QVERIFY(create(configMaps(), configMap(QStringLiteral("qml-bad"), QStringLiteral("one"))).ok());
        editor.load(QStringLiteral("ConfigMap"), QStringLiteral("v1"), QStringLiteral("default"),
                    QStringLiteral("qml-bad"));
        QTRY_COMPARE_WITH_TIMEOUT(editor.state(), QStringLiteral("editing"), 20000);
        editor.setText(QStringLiteral("kind: ConfigMap\ndata: [\n"));
        editor.preview();
        QCOMPARE(editor.state(), QStringLiteral("error"));
        QCOMPARE(editor.errorLines().size(), 1);
    }

    void unknownKindIsAnErrorAtOnce() {
        binnacle::ObjectEditor editor;
        configure(editor);
        editor.load(QStringLiteral("Gadget"), QStringLiteral("example.com/v1"), QString(),
                    QStringLiteral("g"));
        QCOMPARE(editor.state(), QStringLiteral("error"));
        QCOMPARE(editor.errors().size(), 1);
    }

    void createFromYaml() {
        binnacle::ObjectEditor editor;
        configure(editor);
        QSignalSpy finished(&editor, &binnacle::ObjectEditor::createFinished);
        editor.createFromYaml(
            QStringLiteral("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: qml-a\n---\n"
                           "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: qml-b\n"),
            QStringLiteral("default"));
        QVERIFY(finished.wait(20000));
        QCOMPARE(finished.front().front().toBool(), true);
        const QVariantList reports = editor.createReports();
        QCOMPARE(reports.size(), 2);
        QCOMPARE(reports[1].toMap().value(QStringLiteral("outcome")).toString(), QStringLiteral("created"));
        QCOMPARE(reports[1].toMap().value(QStringLiteral("line")).toInt(), 6);
        QVERIFY(get(target(configMaps(), QStringLiteral("qml-b"))).ok());
    }
};

QTEST_MAIN(TestObjectEditor)
#include "tst_objecteditor.moc"
