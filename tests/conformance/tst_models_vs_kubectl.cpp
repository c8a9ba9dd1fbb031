// The dashboard's table model against kubectl, on the same simulator data: for every built-in kind (and a CRD
// with printer columns) the default columns and every cell must be what `kubectl get` prints. Both read the
// server's Table; this checks that the informer, the cache and the model carry it over exactly. AGE, LAST
// SEEN and LAST SCHEDULE are counted on live by the model, so they are compared with one second of slack.
#include "builtinkinds.h"
#include "clustersession.h"
#include "conformancecluster.h"
#include "informerregistry.h"
#include "informersubscription.h"
#include "kubeconfigloader.h"
#include "resourcetablemodel.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QRegularExpression>

using namespace binnacle;
using namespace binnacle::sim::conformance;

namespace {
const QString kNamespace = QStringLiteral("conf-models");
const QString kCrdName = QStringLiteral("widgets.example.com");

// kubectl's "5m12s" and the model's "5m13s" are the same age a second apart.
bool agesAgree(const QString& ours, const QString& kubectls, qint64 slackSeconds) {
    if (ours == kubectls) {
        return true;
    }
    const auto seconds = [](const QString& age) {
        static const QRegularExpression part(QStringLiteral("(\\d+)([smhdy])"));
        qint64 total = 0;
        for (auto it = part.globalMatch(age); it.hasNext();) {
            const auto match = it.next();
            const qint64 value = match.captured(1).toLongLong();
            switch (match.captured(2).at(0).unicode()) {
            case 's':
                total += value;
                break;
            case 'm':
                total += value * 60;
                break;
            case 'h':
                total += value * 3600;
                break;
            case 'd':
                total += value * 86400;
                break;
            case 'y':
                total += value * 365 * 86400;
                break;
            }
        }
        return total;
    };
    return qAbs(seconds(ours) - seconds(kubectls)) <= slackSeconds;
}
} // namespace

class TestModelsVsKubectl : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QString error;
        QVERIFY2(m_cluster.start(&error), qPrintable(error));
        QVERIFY2(m_cluster.createNamespace(kNamespace, &error), qPrintable(error));
        const config::Kubeconfig kubeconfig = config::KubeconfigLoader::load(
            config::KubeconfigLocation::fromEnvironment(m_cluster.simulator().kubeconfigPath()));
        m_session = cli::ClusterSession::open(kubeconfig, QStringLiteral("sim-admin"), kNamespace, &error);
        QVERIFY2(m_session, qPrintable(error));
        m_registry = std::make_unique<informers::InformerRegistry>(m_session->transport());
    }

    void cleanupTestCase() {
        m_registry.reset();
        m_session.reset();
    }

    void sameColumnsAndCells_data() {
        QTest::addColumn<QString>("resource");
        QTest::addColumn<QByteArray>("manifest");
        for (const BuiltinKindCase& kind : builtinKindCases(kNamespace, kCrdName)) {
            QTest::newRow(qPrintable(kind.resource)) << kind.resource << kind.manifest;
        }
    }

    void sameColumnsAndCells() {
        QFETCH(QString, resource);
        QFETCH(QByteArray, manifest);
        if (!manifest.isEmpty()) {
            const KubectlResult created = m_cluster.create(manifest, kNamespace);
            QVERIFY2(created.succeeded() || created.err.contains(QLatin1String("AlreadyExists")),
                     qPrintable(created.describe()));
        } else if (resource == QLatin1String("customresourcedefinitions") ||
                   resource == QLatin1String("widgets.example.com")) {
            QSKIP("the CRD's own case is covered by tst_kubectl_tables");
        }
        checkParity(resource);
    }

    void customResourceColumns() {
        const QByteArray crd = R"(apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: gadgets.models.binnacle.test}
spec:
  group: models.binnacle.test
  names: {plural: gadgets, singular: gadget, kind: Gadget}
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            properties:
              color: {type: string}
              size: {type: integer}
    additionalPrinterColumns:
    - {name: Color, type: string, jsonPath: .spec.color}
    - {name: Size, type: integer, jsonPath: .spec.size}
    - {name: Age, type: date, jsonPath: .metadata.creationTimestamp}
    - {name: Shade, type: string, jsonPath: .spec.color, priority: 1}
)";
        KubectlResult created = m_cluster.create(crd);
        QVERIFY2(created.succeeded(), qPrintable(created.describe()));
        const KubectlResult established = m_cluster.kubectl().run(
            {QStringLiteral("wait"), QStringLiteral("--for=condition=Established"),
             QStringLiteral("crd/gadgets.models.binnacle.test"), QStringLiteral("--timeout=30s")});
        QVERIFY2(established.succeeded(), qPrintable(established.describe()));
        created =
            m_cluster.create("apiVersion: models.binnacle.test/v1\nkind: Gadget\nmetadata: {name: red-one}\n"
                             "spec: {color: red, size: 3}\n---\n"
                             "apiVersion: models.binnacle.test/v1\nkind: Gadget\nmetadata: {name: blue-two}\n"
                             "spec: {color: blue, size: 12}\n",
                             kNamespace);
        QVERIFY2(created.succeeded(), qPrintable(created.describe()));
        checkParity(QStringLiteral("gadgets"));
    }

private:
    // Lists `resource` into a model through a shared informer and compares it with `kubectl get`.
    void checkParity(const QString& resource) {
        // Discovery again for every kind: CRDs created by earlier rows must resolve.
        bool discovered = false;
        QString discoveryError;
        m_session->loadDiscovery([&](const QString& error) {
            discovered = true;
            discoveryError = error;
        });
        QTRY_VERIFY_WITH_TIMEOUT(discovered, 20000);
        QVERIFY2(discoveryError.isEmpty(), qPrintable(discoveryError));
        QString error;
        const auto apiResource = m_session->mapper().resourceFor(resource, &error);
        QVERIFY2(apiResource, qPrintable(error));

        watch::WatchTarget target;
        target.resource = *apiResource;
        target.namespaceName = apiResource->namespaced ? kNamespace : QString();
        target.form = watch::WatchTarget::Form::Table;
        QObject owner;
        informers::InformerSubscription* subscription = m_registry->subscribe(target, &owner);
        ResourceTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSubscription(subscription);
        QTRY_VERIFY_WITH_TIMEOUT(subscription->synced(), 20000);

        // The simulator's controllers keep some objects moving (pods get scheduled, events count up), so
        // kubectl and the model are compared until they agree on one state, kubectl re-run each round.
        const QStringList arguments = apiResource->namespaced ? QStringList{QStringLiteral("get"), resource,
                                                                            QStringLiteral("-n"), kNamespace}
                                                              : QStringList{QStringLiteral("get"), resource};
        QString lastMismatch;
        for (int round = 0; round < 10; ++round) {
            const KubectlResult result = m_cluster.kubectl().run(arguments);
            QVERIFY2(result.succeeded() || result.err.contains(QLatin1String("No resources found")),
                     qPrintable(result.describe()));
            const KubectlTable table = KubectlTable::parse(result.out);
            QElapsedTimer waited;
            waited.start();
            do {
                lastMismatch =
                    mismatch(model, table, result.out.trimmed().isEmpty(), 2 + waited.elapsed() / 1000);
                if (lastMismatch.isEmpty()) {
                    return;
                }
                QTest::qWait(50);
            } while (waited.elapsed() < 2000);
        }
        QFAIL(qPrintable(lastMismatch));
    }

    // Empty when the model shows what kubectl printed; else the first difference.
    static QString mismatch(const ResourceTableModel& model, const KubectlTable& table, bool kubectlEmpty,
                            qint64 ageSlackSeconds) {
        if (kubectlEmpty) {
            return model.rowCount() == 0 ? QString()
                                         : QStringLiteral("kubectl shows nothing, the model rows");
        }
        QStringList ourHeader;
        QList<int> shownColumns;
        for (int column = 0; column < model.columnCount(); ++column) {
            if (model.headerData(column, Qt::Horizontal, ResourceTableModel::PriorityRole).toInt() == 0) {
                ourHeader.append(model.headerData(column, Qt::Horizontal).toString().toUpper());
                shownColumns.append(column);
            }
        }
        if (ourHeader != table.header()) {
            return QStringLiteral("header %1 vs kubectl's %2")
                .arg(ourHeader.join(u'|'), table.header().join(u'|'));
        }
        if (model.rowCount() != table.rows().size()) {
            QStringList ours;
            for (int row = 0; row < model.rowCount(); ++row) {
                ours.append(model.objectAt(row)->key);
            }
            return QStringLiteral("%1 rows (%2) vs kubectl's %3")
                .arg(model.rowCount())
                .arg(ours.join(u' '))
                .arg(table.rows().size());
        }
        // Rows by name; kinds without a NAME column (events) are in the same order on both sides (the
        // server's namespace/name order, which the model keeps).
        const int nameColumn = int(table.header().indexOf(QStringLiteral("NAME")));
        for (int kubectlIndex = 0; kubectlIndex < table.rows().size(); ++kubectlIndex) {
            const QStringList& kubectlRow = table.rows().at(kubectlIndex);
            const QString name =
                nameColumn >= 0 ? kubectlRow.value(nameColumn) : QString::number(kubectlIndex);
            int row = nameColumn >= 0 ? -1 : kubectlIndex;
            for (int candidate = 0; nameColumn >= 0 && candidate < model.rowCount(); ++candidate) {
                // The printed name ("standard (default)" for the default StorageClass), not metadata.name.
                if (model.index(candidate, shownColumns.at(nameColumn)).data().toString() == name) {
                    row = candidate;
                }
            }
            if (row < 0) {
                return QStringLiteral("no row for %1").arg(name);
            }
            for (int i = 0; i < shownColumns.size(); ++i) {
                const QString ours = model.index(row, shownColumns.at(i)).data().toString();
                const QString theirs = kubectlRow.value(i);
                static const QStringList relativeTimes{QStringLiteral("AGE"), QStringLiteral("LAST SEEN"),
                                                       QStringLiteral("LAST SCHEDULE")};
                const bool same = relativeTimes.contains(table.header().at(i))
                                      ? agesAgree(ours, theirs, ageSlackSeconds)
                                      // kubectl prints an empty cell as <none>; both mean nothing.
                                      : (ours.isEmpty() ? QStringLiteral("<none>") : ours) ==
                                            (theirs.isEmpty() ? QStringLiteral("<none>") : theirs);
                if (!same) {
                    return QStringLiteral("%1 %2: \"%3\" vs kubectl's \"%4\"")
                        .arg(name, table.header().at(i), ours, theirs);
                }
            }
        }
        return QString();
    }

    ConformanceCluster m_cluster;
    std::unique_ptr<cli::ClusterSession> m_session;
    std::unique_ptr<informers::InformerRegistry> m_registry;
};

BINNACLE_CONFORMANCE_MAIN(TestModelsVsKubectl)
#include "tst_models_vs_kubectl.moc"
