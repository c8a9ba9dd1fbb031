#include "fixtures.h"
#include "tableprinters.h"

#include <QTest>

using namespace binnacle::sim;
using binnacle::sim::testing::json;

namespace {

const QDateTime kNow = QDateTime::fromString(QStringLiteral("2024-05-01T12:00:00Z"), Qt::ISODate);

} // namespace

class TestEventPrinter : public QObject {
    Q_OBJECT

private slots:
    void event_data() {
        QTest::addColumn<QString>("group");
        QTest::addColumn<QJsonObject>("event");
        QTest::addColumn<QJsonArray>("cells");
        QTest::newRow("core v1") << ""
                                 << json(
                                        R"({"metadata":{"name":"web.17c"},"type":"Warning","reason":"BackOff",
                                     "involvedObject":{"kind":"Pod","name":"web-1","fieldPath":"spec.containers{app}"},
                                     "source":{"component":"kubelet","host":"node-1"},"message":"Back-off restarting\n",
                                     "firstTimestamp":"2024-05-01T11:00:00Z","lastTimestamp":"2024-05-01T11:55:00Z","count":7})")
                                 << QJsonArray{"5m",
                                               "Warning",
                                               "BackOff",
                                               "pod/web-1",
                                               "spec.containers{app}",
                                               "kubelet, node-1",
                                               "Back-off restarting",
                                               "60m",
                                               7,
                                               "web.17c"};
        QTest::newRow("core v1 new-style singleton")
            << "" << json(R"({"metadata":{"name":"e"},"type":"Normal","reason":"Scheduled",
                      "involvedObject":{"kind":"Pod","name":"p"},"reportingComponent":"default-scheduler",
                      "message":"Assigned","eventTime":"2024-05-01T11:59:30.123456Z"})")
            << QJsonArray{"29s",      "Normal", "Scheduled", "pod/p", "", "default-scheduler",
                          "Assigned", "29s",    1,           "e"};
        QTest::newRow("events.k8s.io series")
            << "events.k8s.io" << json(R"({"metadata":{"name":"e2"},"type":"Normal","reason":"Pulled",
                      "regarding":{"kind":"Node"},"reportingController":"kubelet","reportingInstance":"node-2",
                      "note":"pulled","eventTime":"2024-05-01T10:00:00.000000Z",
                      "series":{"count":4,"lastObservedTime":"2024-05-01T11:58:00.000000Z"}})")
            << QJsonArray{"2m", "Normal", "Pulled", "node", "", "kubelet, node-2", "pulled", "120m", 4, "e2"};
    }

    void event() {
        QFETCH(QString, group);
        QFETCH(QJsonObject, event);
        QFETCH(QJsonArray, cells);
        QCOMPARE(TablePrinters::row(group, QStringLiteral("Event"), event, kNow).cells, cells);
    }
};

QTEST_GUILESS_MAIN(TestEventPrinter)
#include "tst_eventprinter.moc"
