// A running pod's tabs in the real window. Logs: the pod's lines arrive from the server and are listed; a
// search highlights its matches and counts them; pausing holds new lines back; the tail, since and size
// choices read exactly what they select. Shell: a shell starts in the container (exec over WebSocket with
// a TTY), keys typed in the terminal reach it and its output shows. Port-forward: the forwarder runs on a
// thread of its own, its traffic reaches the list, and stop closes the port.
#include "activeforwards.h"
#include "podlogs.h"
#include "terminalscreen.h"
#include "windowharness.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QThread>

using namespace binnacle;

class TestPodPanes : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QTest::failOnWarning(
            QRegularExpression(QStringLiteral("QQmlComponent|qrc:/|TypeError|ReferenceError")));
        QString error;
        QVERIFY2(m_window.start(QStringLiteral("pods"), &error), qPrintable(error));
        // A pod whose container has run for ten minutes: the simulator writes a line every five seconds.
        const QString started = QDateTime::currentDateTimeUtc().addSecs(-600).toString(Qt::ISODate);
        QVERIFY(m_window.create(
            QStringLiteral("pods"),
            QJsonObject{
                {"apiVersion", "v1"},
                {"kind", "Pod"},
                {"metadata", QJsonObject{{"name", "web"}, {"namespace", "default"}}},
                {"spec", QJsonObject{{"nodeName", "node-1"},
                                     {"containers",
                                      QJsonArray{QJsonObject{
                                          {"name", "app"},
                                          {"image", "nginx:1.27"},
                                          {"stdin", true},
                                          {"tty", true},
                                          {"ports", QJsonArray{QJsonObject{{"name", "http"},
                                                                           {"containerPort", 8080}}}}}}}}}}));
        // The status as a kubelet would write it (creating a pod resets its status, as the API server does).
        const QJsonObject status{
            {"status",
             QJsonObject{{"phase", "Running"},
                         {"startTime", started},
                         {"containerStatuses",
                          QJsonArray{QJsonObject{
                              {"name", "app"},
                              {"ready", true},
                              {"restartCount", 0},
                              {"image", "nginx:1.27"},
                              {"state", QJsonObject{{"running", QJsonObject{{"startedAt", started}}}}}}}}}}};
        sim::ResourceStorage* storage = m_window.simulator().storage();
        sim::WriteOptions statusWrite;
        statusWrite.subresource = QStringLiteral("status");
        QVERIFY(storage
                    ->patch(storage->type(QString(), QStringLiteral("pods")), QStringLiteral("default"),
                            QStringLiteral("web"), sim::PatchType::Merge, QJsonDocument(status).toJson(),
                            false, statusWrite)
                    .ok());
        QTRY_VERIFY_WITH_TIMEOUT(m_window.visibleNames().contains(QStringLiteral("web")), 15000);
    }
    void cleanupTestCase() { m_window.stop(); }

    void linesArriveAndSearchHighlights() {
        QVERIFY(QMetaObject::invokeMethod(
            m_window.window(), "openDetails", Q_ARG(QString, QStringLiteral("pods")),
            Q_ARG(QString, QStringLiteral("default")), Q_ARG(QString, QStringLiteral("web"))));
        m_window.find(QStringLiteral("detailsTabs"))->setProperty("currentIndex", 2);
        QQuickItem* list = m_window.find(QStringLiteral("logList"));
        QVERIFY(list);
        // Ten minutes at a line every five seconds, tail 1,000: about 120 lines.
        QTRY_VERIFY2_WITH_TIMEOUT(
            list->property("count").toInt() >= 100,
            qPrintable(m_window.find(QStringLiteral("logStatus"))->property("text").toString() +
                       QStringLiteral(" rows %1").arg(list->property("count").toInt())),
            15000);
        auto* session = m_window.find<QObject>(QStringLiteral("logSession"));
        auto* lines = session->property("lines").value<QAbstractItemModel*>();
        QVERIFY(lines);
        m_window.find(QStringLiteral("logSearch"))->setProperty("text", QStringLiteral("GET"));
        QTRY_VERIFY(session->property("lines").value<QObject*>()->property("matchCount").toInt() > 0);
        // Pausing holds new lines back (the simulator writes one every five seconds while following).
        QObject* model = session->property("lines").value<QObject*>();
        model->setProperty("paused", true);
        const int shown = list->property("count").toInt();
        QTRY_VERIFY_WITH_TIMEOUT(model->property("heldBackLines").toLongLong() > 0, 15000);
        QCOMPARE(list->property("count").toInt(), shown);
        model->setProperty("paused", false);
        QTRY_VERIFY(list->property("count").toInt() > shown);
    }

    void readOptionsChangeWhatArrives() {
        // Not following, each choice reads the log once: what arrives is exactly what the options select.
        openWebAt(2);
        auto* session = m_window.find<QObject>(QStringLiteral("logSession"));
        auto* lines = session->property("lines").value<QAbstractItemModel*>();
        QVERIFY(lines);
        m_window.find(QStringLiteral("logSearch"))->setProperty("text", QString());
        m_window.find(QStringLiteral("logFollowBox"))->setProperty("checked", false);
        const auto choose = [this](const char* box, int index) {
            m_window.find(QString::fromLatin1(box))->setProperty("currentIndex", index);
        };
        const auto readAgain = [&](const char* box, int index) -> QList<QPair<QDateTime, QString>> {
            choose(box, index);
            // The restart (queued, once for several changes) clears the lines and says "connecting" first.
            if (!QTest::qWaitFor(
                    [&] { return session->property("status").toString() != QLatin1String("complete"); }) ||
                !QTest::qWaitFor(
                    [&] {
                        return session->property("status").toString() == QLatin1String("complete") &&
                               lines->rowCount() > 0;
                    },
                    15000)) {
                return {};
            }
            QMetaObject::invokeMethod(lines, "flushNow"); // the last rows reach the view now, not next frame
            QList<QPair<QDateTime, QString>> rows;
            const QHash<int, QByteArray> roles = lines->roleNames();
            for (int row = 0; row < lines->rowCount(); ++row) {
                const QString stamp = lines->index(row, 0).data(roles.key("timestamp")).toString();
                rows.append({QDateTime::fromString(stamp.left(19) + u'Z', Qt::ISODate),
                             lines->index(row, 0).data(roles.key("text")).toString()});
            }
            return rows;
        };
        // Every row is the line the simulator's container wrote at its time, one every five seconds.
        const auto consecutive = [](const QList<QPair<QDateTime, QString>>& rows) {
            for (qsizetype i = 0; i < rows.size(); ++i) {
                const QString expected =
                    sim::PodLogHandler::lineAt(QStringLiteral("web"), QStringLiteral("app"),
                                               QStringLiteral("nginx:1.27"), rows[i].first);
                if (rows[i].second != expected || (i > 0 && rows[i - 1].first.secsTo(rows[i].first) != 5)) {
                    return false;
                }
            }
            return true;
        };

        const auto everything = readAgain("logTailBox", 3); // all lines: ten minutes' worth
        QVERIFY2(everything.size() >= 119, qPrintable(QString::number(everything.size())));
        QVERIFY(consecutive(everything));
        const auto tail = readAgain("logTailBox", 0); // the last 100
        QCOMPARE(tail.size(), 100);
        QVERIFY(consecutive(tail));
        QVERIFY(tail.first().first > everything.first().first);

        choose("logTailBox", 3);
        const auto recent = readAgain("logSinceBox", 1); // the last five minutes: 60 or 61 lines
        QVERIFY2(recent.size() >= 60 && recent.size() <= 61, qPrintable(QString::number(recent.size())));
        QVERIFY(consecutive(recent));
        QVERIFY(recent.first().first.secsTo(recent.last().first) <= 300);

        choose("logSinceBox", 0);
        const auto limited = readAgain("logLimitBox", 1); // 4 KB of text, the last line cut where it falls
        qint64 bytes = 0;
        for (const auto& row : limited) {
            bytes += row.second.toUtf8().size() + 1;
        }
        QVERIFY2(bytes == 4096 || bytes - 1 == 4096, qPrintable(QString::number(bytes)));
        QVERIFY(limited.size() < everything.size());

        choose("logLimitBox", 0);
        choose("logTailBox", 1);
        m_window.find(QStringLiteral("logFollowBox"))->setProperty("checked", true);
        QTRY_COMPARE_WITH_TIMEOUT(session->property("status").toString(), QStringLiteral("streaming"), 15000);
    }

    void shellRunsCommands() {
        QVERIFY(QMetaObject::invokeMethod(
            m_window.window(), "openDetails", Q_ARG(QString, QStringLiteral("pods")),
            Q_ARG(QString, QStringLiteral("default")), Q_ARG(QString, QStringLiteral("web"))));
        m_window.find(QStringLiteral("detailsTabs"))->setProperty("currentIndex", 3);
        QObject* shell = m_window.find<QObject>(QStringLiteral("podShell"));
        QVERIFY(shell);
        QTRY_VERIFY_WITH_TIMEOUT(shell->property("running").toBool(), 15000);
        const QString shellName = shell->property("status").toString();
        QVERIFY2(shellName == QLatin1String("bash") || shellName == QLatin1String("sh"),
                 qPrintable(shellName));
        QQuickItem* terminal = m_window.find(QStringLiteral("terminal"));
        QVERIFY(terminal);
        terminal->forceActiveFocus();
        QTRY_VERIFY(terminal->hasActiveFocus());
        for (const char letter : QByteArrayLiteral("echo typed-ok")) {
            if (letter != 0) {
                QTest::keyClick(m_window.window(), letter);
            }
        }
        QTest::keyClick(m_window.window(), Qt::Key_Return);
        auto* screen =
            qobject_cast<terminal::TerminalScreen*>(terminal->property("screen").value<QObject*>());
        QVERIFY(screen);
        // The command's output is a line of its own (the typed command echoes on the prompt's line).
        const auto outputLines = [screen] {
            QStringList lines;
            for (int row = 0; row < screen->rows(); ++row) {
                lines.append(screen->rowText(row).trimmed());
            }
            return lines;
        };
        QTRY_VERIFY2_WITH_TIMEOUT(outputLines().contains(QStringLiteral("typed-ok")),
                                  qPrintable(outputLines().join(u'|')), 15000);
    }

    void attachReachesTheMainProcess() {
        QVERIFY(QMetaObject::invokeMethod(
            m_window.window(), "openDetails", Q_ARG(QString, QStringLiteral("pods")),
            Q_ARG(QString, QStringLiteral("default")), Q_ARG(QString, QStringLiteral("web"))));
        m_window.find(QStringLiteral("detailsTabs"))->setProperty("currentIndex", 3);
        m_window.find(QStringLiteral("shellMode"))->setProperty("currentIndex", 1);
        QObject* shell = m_window.find<QObject>(QStringLiteral("podShell"));
        QTRY_VERIFY(shell->property("attach").toBool());
        QTRY_COMPARE_WITH_TIMEOUT(shell->property("status").toString(), QStringLiteral("attached"), 15000);
        QQuickItem* terminal = m_window.find(QStringLiteral("terminal"));
        terminal->forceActiveFocus();
        QTRY_VERIFY(terminal->hasActiveFocus());
        // The simulator's main process answers "size" with the terminal's rows and columns.
        for (const char letter : QByteArrayLiteral("size")) {
            if (letter != 0) {
                QTest::keyClick(m_window.window(), letter);
            }
        }
        QTest::keyClick(m_window.window(), Qt::Key_Return);
        auto* screen =
            qobject_cast<terminal::TerminalScreen*>(terminal->property("screen").value<QObject*>());
        const QString expected = QStringLiteral("%1 %2").arg(screen->rows()).arg(screen->columns());
        const auto lines = [screen] {
            QStringList result;
            for (int row = 0; row < screen->rows(); ++row) {
                result.append(screen->rowText(row).trimmed());
            }
            return result;
        };
        QTRY_VERIFY2_WITH_TIMEOUT(lines().contains(expected),
                                  qPrintable(expected + u'|' + lines().join(u'|')), 15000);
        m_window.find(QStringLiteral("shellMode"))->setProperty("currentIndex", 0);
    }

    void portForwardReachesThePod() {
        QObject* forwards = m_window.find<QObject>(QStringLiteral("portForwards"));
        QVERIFY(forwards);
        // Local port 0: any free one; the listening address is in the forwards list.
        QString error;
        QVERIFY(QMetaObject::invokeMethod(
            forwards, "start", Q_RETURN_ARG(QString, error), Q_ARG(QString, QStringLiteral("Pod")),
            Q_ARG(QString, QStringLiteral("default")), Q_ARG(QString, QStringLiteral("web")),
            Q_ARG(int, 8080), Q_ARG(int, 0), Q_ARG(QString, QStringLiteral("127.0.0.1"))));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        auto* list = forwards->property("forwards").value<QAbstractItemModel*>();
        QVERIFY(list);
        QTRY_COMPARE(list->rowCount(), 1);
        QCOMPARE(m_window.window()->property("forwardCount").toInt(), 1);
        const QString local = list->index(0, 0).data(list->roleNames().key("localAddress")).toString();
        const quint16 port = local.section(u':', -1).toUShort();
        QVERIFY2(local.startsWith(QStringLiteral("127.0.0.1:")) && port > 0, qPrintable(local));
        // The forwarder, its listener and the connection's sockets live on a thread that is not the GUI's.
        auto* forwarder = qobject_cast<streaming::ActiveForwards*>(list)->forwarderAt(0);
        QVERIFY(forwarder);
        QThread* worker = forwarder->thread();
        QVERIFY(worker != QThread::currentThread() && worker != m_window.window()->thread());
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(socket.waitForConnected(5000));
        const auto socketsOnTheWorker = [&] {
            int sockets = 0;
            QMetaObject::invokeMethod(
                forwarder,
                [&] {
                    for (const QObject* object : forwarder->findChildren<QObject*>()) {
                        sockets +=
                            object->inherits("QAbstractSocket") || object->inherits("QTcpServer") ? 1 : 0;
                        if (object->thread() != QThread::currentThread()) {
                            sockets = -1000;
                        }
                    }
                },
                Qt::BlockingQueuedConnection);
            return sockets;
        };
        QTRY_VERIFY2(socketsOnTheWorker() >= 2, qPrintable(QString::number(socketsOnTheWorker())));
        socket.write("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        QByteArray reply;
        QTRY_VERIFY_WITH_TIMEOUT((reply += socket.readAll()).contains("</html>") ||
                                     socket.state() == QAbstractSocket::UnconnectedState,
                                 10000);
        reply += socket.readAll();
        QVERIFY2(reply.startsWith("HTTP/1.1 200"),
                 qPrintable(QString::fromUtf8(reply.left(200)) + u' ' +
                            list->index(0, 0).data(list->roleNames().key("error")).toString() + u' ' +
                            list->index(0, 0).data(list->roleNames().key("state")).toString()));
        QVERIFY(reply.contains("web"));
        // The traffic reaches the GUI's list; bytes out are the request's.
        QTRY_VERIFY(list->index(0, 0).data(list->roleNames().key("bytesIn")).toLongLong() >= reply.size());
        QTRY_COMPARE(list->index(0, 0).data(list->roleNames().key("bytesOut")).toLongLong(),
                     qint64(qstrlen("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")));
        QVERIFY(QMetaObject::invokeMethod(forwards, "stop", Q_ARG(int, 0)));
        QTRY_COMPARE(list->rowCount(), 0);
        // Stopped on its thread: the port no longer listens.
        const auto listening = [port] {
            QTcpSocket probe;
            probe.connectToHost(QHostAddress::LocalHost, port);
            return probe.waitForConnected(1000);
        };
        QTRY_VERIFY(!listening());
    }

    void newSessionWhileStreaming() {
        // Logs, then a shell, streaming while the connection gets a new session (a context switch): the
        // window closes the details (they belonged to the old session), the old streams end before their
        // transport goes, and reopening streams from the new session.
        for (const int tab : {2, 3}) {
            openWebAt(tab);
            if (tab == 2) {
                QTRY_VERIFY_WITH_TIMEOUT(
                    m_window.find(QStringLiteral("logList"))->property("count").toInt() > 0, 15000);
            } else {
                QTRY_VERIFY_WITH_TIMEOUT(
                    m_window.find<QObject>(QStringLiteral("podShell"))->property("running").toBool(), 15000);
            }
            m_window.reconnect();
            QCOMPARE(m_window.window()->property("detailsName").toString(), QString());
            QTRY_VERIFY_WITH_TIMEOUT(m_window.connection().connected(), 15000);
        }
        openWebAt(2);
        QTRY_VERIFY_WITH_TIMEOUT(m_window.find(QStringLiteral("logList"))->property("count").toInt() > 0,
                                 15000);
        openWebAt(3);
        QTRY_VERIFY_WITH_TIMEOUT(
            m_window.find<QObject>(QStringLiteral("podShell"))->property("running").toBool(), 15000);
    }

private:
    void openWebAt(int tab) {
        QVERIFY(QMetaObject::invokeMethod(
            m_window.window(), "openDetails", Q_ARG(QString, QStringLiteral("pods")),
            Q_ARG(QString, QStringLiteral("default")), Q_ARG(QString, QStringLiteral("web"))));
        m_window.find(QStringLiteral("detailsTabs"))->setProperty("currentIndex", tab);
    }

    testing::WindowHarness m_window;
};

QTEST_MAIN(TestPodPanes)
#include "tst_podpanes.moc"
