// LogStream against the in-process simulator over TLS: every PodLogOptions field compared with what the
// server itself renders for the same options, container choice (init and ephemeral too), previous, typed
// errors, follow, and the resume after a dropped stream (no duplicates, nothing lost).
#include "containerstatus.h"
#include "logtesting.h"

using namespace testing;
using binnacle::logs::LogError;

class TestLogStream : public QObject {
    Q_OBJECT

    LogCluster m_cluster;

    LogLines readAll(const QString& pod, const LogOptions& options, LogStream::EndReason expected,
                     QList<LogError>* errors = nullptr) {
        LogStream stream(m_cluster.transport(), logNamespace, pod, options);
        StreamRecorder recorder;
        recorder.attach(&stream);
        stream.start();
        if (!QTest::qWaitFor([&] { return recorder.end.has_value(); }, logTimeoutMs)) {
            qWarning("the stream did not end");
            return {};
        }
        if (errors) {
            *errors = recorder.errors;
        }
        if (*recorder.end != expected) {
            qWarning("ended with %d, expected %d", int(*recorder.end), int(expected));
        }
        return recorder.lines;
    }

private slots:
    void initTestCase() {
        QVERIFY(m_cluster.start());
        QVERIFY(m_cluster.createPod(
            PodSpec{QStringLiteral("solo"), {ContainerSpec{QStringLiteral("main")}}, {}, {}, {}}));
        ContainerSpec app{QStringLiteral("app")};
        app.restarted = true;
        app.image = QStringLiteral("nginx:1.27");
        ContainerSpec init{QStringLiteral("setup"), ContainerSpec::State::Terminated, 900};
        ContainerSpec debug{QStringLiteral("debugger"), ContainerSpec::State::Running, 120};
        ContainerSpec waiting{QStringLiteral("waiting"), ContainerSpec::State::Waiting};
        QVERIFY(m_cluster.createPod(PodSpec{QStringLiteral("multi"),
                                            {app, ContainerSpec{QStringLiteral("sidecar")}, waiting},
                                            {init},
                                            {debug},
                                            {}}));
    }

    void optionsMatchTheServer_data() {
        QTest::addColumn<QString>("pod");
        QTest::addColumn<QString>("container");
        QTest::addColumn<bool>("timestamps");
        QTest::addColumn<qint64>("tailLines");    // -1: unset
        QTest::addColumn<qint64>("sinceSeconds"); // -1: unset
        QTest::addColumn<int>("sinceTimeAgo");    // -1: unset
        QTest::addColumn<qint64>("limitBytes");   // -1: unset
        QTest::addColumn<bool>("previous");
        QTest::newRow("whole log") << "solo"
                                   << "" << false << -1LL << -1LL << -1 << -1LL << false;
        QTest::newRow("timestamps") << "solo"
                                    << "" << true << -1LL << -1LL << -1 << -1LL << false;
        QTest::newRow("tailLines") << "solo"
                                   << "" << false << 7LL << -1LL << -1 << -1LL << false;
        QTest::newRow("tailLines 0") << "solo"
                                     << "" << false << 0LL << -1LL << -1 << -1LL << false;
        QTest::newRow("sinceSeconds") << "solo"
                                      << "" << true << -1LL << 63LL << -1 << -1LL << false;
        QTest::newRow("sinceTime") << "solo"
                                   << "" << true << -1LL << -1LL << 121 << -1LL << false;
        QTest::newRow("limitBytes cuts a line") << "solo"
                                                << "" << false << -1LL << -1LL << -1 << 200LL << false;
        QTest::newRow("limitBytes with timestamps") << "solo"
                                                    << "" << true << -1LL << -1LL << -1 << 150LL << false;
        QTest::newRow("limitBytes after tail") << "solo"
                                               << "" << false << 3LL << -1LL << -1 << 5000LL << false;
        QTest::newRow("chosen container") << "multi"
                                          << "sidecar" << false << 4LL << -1LL << -1 << -1LL << false;
        QTest::newRow("init container") << "multi"
                                        << "setup" << true << -1LL << -1LL << -1 << -1LL << false;
        QTest::newRow("ephemeral container") << "multi"
                                             << "debugger" << true << -1LL << -1LL << -1 << -1LL << false;
        QTest::newRow("previous") << "multi"
                                  << "app" << true << -1LL << -1LL << -1 << -1LL << true;
        QTest::newRow("previous tail") << "multi"
                                       << "app" << false << 5LL << -1LL << -1 << -1LL << true;
    }
    void optionsMatchTheServer() {
        QFETCH(QString, pod);
        QFETCH(QString, container);
        QFETCH(bool, timestamps);
        QFETCH(qint64, tailLines);
        QFETCH(qint64, sinceSeconds);
        QFETCH(int, sinceTimeAgo);
        QFETCH(qint64, limitBytes);
        QFETCH(bool, previous);
        LogOptions options;
        QUrlQuery query;
        options.container = container;
        if (!container.isEmpty()) {
            query.addQueryItem("container", container);
        }
        options.timestamps = timestamps;
        if (timestamps) {
            query.addQueryItem("timestamps", "true");
        }
        options.previous = previous;
        if (previous) {
            query.addQueryItem("previous", "true");
        }
        if (tailLines >= 0) {
            options.tailLines = tailLines;
            query.addQueryItem("tailLines", QString::number(tailLines));
        }
        if (sinceSeconds >= 0) {
            options.sinceSeconds = sinceSeconds;
            query.addQueryItem("sinceSeconds", QString::number(sinceSeconds));
        }
        if (sinceTimeAgo >= 0) {
            options.sinceTime = m_cluster.now->addSecs(-sinceTimeAgo);
            query.addQueryItem("sinceTime", options.sinceTime->toString(Qt::ISODate));
        }
        if (limitBytes >= 0) {
            options.limitBytes = limitBytes;
            query.addQueryItem("limitBytes", QString::number(limitBytes));
        }
        int status = 0;
        const QByteArray expected = m_cluster.serverLog(pod, query, &status);
        QCOMPARE(status, 200);
        QCOMPARE(expected.isEmpty(), tailLines == 0);
        const LogLines lines = readAll(pod, options, LogStream::EndReason::Completed);
        QCOMPARE(render(lines, timestamps), expected);
        for (const LogLine& line : lines) {
            QCOMPARE(line.pod, pod);
            QCOMPARE(line.container, container);
            QVERIFY(line.timestampNs > 0);
        }
        if (limitBytes >= 0 && limitBytes < 1000 && !lines.isEmpty()) {
            // The log's lines depend on the wall clock's time (the container's start), so the cut may land
            // just after a line's end: then the last line is whole.
            QCOMPARE(lines.last().truncated, !expected.endsWith('\n'));
        }
    }

    void linesAreTheContainersOutput() {
        // The simulator writes a known line every 5 s since the container started (600 s ago: 120 lines).
        const LogLines lines = readAll(QStringLiteral("solo"), LogOptions{}, LogStream::EndReason::Completed);
        QCOMPARE(lines.size(), 120);
        for (const LogLine& line : lines) {
            QCOMPARE(line.timestampNs % 5000000000LL, 0LL);
            const QDateTime time = binnacle::logs::timestamp::toDateTime(line.timestampNs);
            QCOMPARE(line.text, binnacle::sim::PodLogHandler::lineAt("solo", "main", "busybox:1.36", time));
        }
    }

    void errorsAreTyped_data() {
        QTest::addColumn<QString>("pod");
        QTest::addColumn<QString>("container");
        QTest::addColumn<bool>("previous");
        QTest::addColumn<int>("kind");
        QTest::newRow("no such pod") << "ghost"
                                     << "" << false << int(LogError::Kind::PodNotFound);
        QTest::newRow("no such container") << "solo"
                                           << "nope" << false << int(LogError::Kind::ContainerNotFound);
        QTest::newRow("container not chosen") << "multi"
                                              << "" << false << int(LogError::Kind::ContainerNotSpecified);
        QTest::newRow("container waiting") << "multi"
                                           << "waiting" << false << int(LogError::Kind::ContainerWaiting);
        QTest::newRow("no previous") << "solo"
                                     << "" << true << int(LogError::Kind::NoPreviousContainer);
    }
    void errorsAreTyped() {
        QFETCH(QString, pod);
        QFETCH(QString, container);
        QFETCH(bool, previous);
        QFETCH(int, kind);
        LogOptions options;
        options.container = container;
        options.previous = previous;
        options.follow = true;
        QList<LogError> errors;
        const LogLines lines = readAll(pod, options, LogStream::EndReason::Failed, &errors);
        QVERIFY(lines.isEmpty());
        QCOMPARE(errors.size(), 1);
        QCOMPARE(LogError::kindName(errors.first().kind), LogError::kindName(LogError::Kind(kind)));
        QVERIFY(!errors.first().message.isEmpty());
    }

    void followDeliversNewLinesAndEndsWithThePod() {
        QVERIFY(m_cluster.createPod(
            PodSpec{QStringLiteral("follow-me"), {ContainerSpec{QStringLiteral("main")}}, {}, {}, {}}));
        LogOptions options;
        options.follow = true;
        options.tailLines = 2;
        LogStream stream(m_cluster.transport(), logNamespace, QStringLiteral("follow-me"), options);
        StreamRecorder recorder;
        recorder.attach(&stream);
        stream.start();
        QTRY_COMPARE_WITH_TIMEOUT(recorder.lines.size(), 2, logTimeoutMs);
        QCOMPARE(stream.state(), LogStream::State::Streaming);
        m_cluster.advance(20); // four more lines, written at the simulator's next tick
        QTRY_COMPARE_WITH_TIMEOUT(recorder.lines.size(), 6, logTimeoutMs);
        for (qsizetype i = 1; i < recorder.lines.size(); ++i) {
            QCOMPARE(recorder.lines.at(i).timestampNs - recorder.lines.at(i - 1).timestampNs, 5000000000LL);
        }
        QVERIFY(!recorder.end);
        QVERIFY(m_cluster.deletePod(QStringLiteral("follow-me")));
        QTRY_VERIFY_WITH_TIMEOUT(recorder.end.has_value(), logTimeoutMs);
        QCOMPARE(*recorder.end, LogStream::EndReason::PodDeleted);
        QVERIFY(recorder.errors.isEmpty());
    }

    void followOfAStoppedContainerEnds() {
        LogOptions options;
        options.follow = true;
        options.container = QStringLiteral("setup");
        const LogLines lines =
            readAll(QStringLiteral("multi"), options, LogStream::EndReason::ContainerTerminated);
        QCOMPARE(lines.size(), 12); // 900 s ago to 840 s ago
    }

    void followGoesOnIntoRestartedContainers() {
        QVERIFY(m_cluster.createPod(
            PodSpec{QStringLiteral("restarts"), {ContainerSpec{QStringLiteral("main")}}, {}, {}, {}}));
        LogOptions options;
        options.follow = true;
        options.tailLines = 2;
        options.restartPollInterval = std::chrono::milliseconds(50);
        options.reconnectInitialDelay = std::chrono::milliseconds(50);
        LogStream stream(m_cluster.transport(), logNamespace, QStringLiteral("restarts"), options);
        StreamRecorder recorder;
        recorder.attach(&stream);
        QSignalSpy restarted(&stream, &LogStream::containerRestarted);
        QSignalSpy states(&stream, &LogStream::stateChanged);
        const qint64 origin = binnacle::logs::timestamp::fromDateTime(*m_cluster.now);
        stream.start();
        QTRY_COMPARE_WITH_TIMEOUT(recorder.lines.size(), 2, logTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(!stream.containerInstance().isEmpty(), logTimeoutMs);

        // The container dies 4 s from now and its next instance starts 3 s later: the old instance's last
        // line, a marker, then the new instance's log from its first line.
        QVERIFY(m_cluster.restartContainer(QStringLiteral("restarts"), 1, 600, -4, -7));
        m_cluster.advance(20);
        QTRY_COMPARE_WITH_TIMEOUT(recorder.lines.size(), 7, logTimeoutMs);
        QCOMPARE(restarted.count(), 1);
        QCOMPARE(restarted.first().first().toInt(), 1);

        // It crashes again and waits in a back-off; then it starts once more.
        QVERIFY(m_cluster.restartContainer(QStringLiteral("restarts"), 2, 13, -4, std::nullopt));
        m_cluster.advance(5);
        QTRY_COMPARE_WITH_TIMEOUT(stream.state(), LogStream::State::WaitingForRestart, logTimeoutMs);
        QVERIFY(m_cluster.restartContainer(QStringLiteral("restarts"), 2, 18, 1, 0));
        m_cluster.advance(10);
        QTRY_COMPARE_WITH_TIMEOUT(recorder.lines.size(), 11, logTimeoutMs);
        QCOMPARE(restarted.count(), 2);
        QCOMPARE(stream.state(), LogStream::State::Streaming);

        // Seconds from the start, every line once, in order; markers at the new instances' starts.
        const QList<QPair<int, bool>> expected{{-7, false}, {-2, false}, {3, false},  {7, true},
                                               {8, false},  {13, false}, {18, false}, {23, false},
                                               {25, true},  {28, false}, {33, false}};
        for (qsizetype i = 0; i < expected.size(); ++i) {
            const LogLine& line = recorder.lines.at(i);
            QCOMPARE(line.timestampNs, origin + expected[i].first * 1000000000LL);
            QCOMPARE(line.marker, expected[i].second);
        }
        QCOMPARE(recorder.lines.at(3).text, QStringLiteral("container main restarted (restart 1)"));
        QCOMPARE(recorder.lines.at(8).text, QStringLiteral("container main restarted (restart 2)"));
        QVERIFY(states.contains(QVariantList{QVariant::fromValue(LogStream::State::WaitingForRestart)}));
        QVERIFY(recorder.errors.isEmpty());
        QVERIFY(m_cluster.deletePod(QStringLiteral("restarts")));
        QTRY_VERIFY_WITH_TIMEOUT(recorder.end.has_value(), logTimeoutMs);
        QCOMPARE(*recorder.end, LogStream::EndReason::PodDeleted);
    }

    void restartExpectations_data() {
        QTest::addColumn<QString>("restartPolicy"); // "": the default, Always
        QTest::addColumn<QString>("phase");
        QTest::addColumn<bool>("init");
        QTest::addColumn<QString>("state"); // waiting, exit 0, exit 1
        QTest::addColumn<bool>("willRestart");
        QTest::newRow("always, completed") << ""
                                           << "Running" << false << "exit 0" << true;
        QTest::newRow("always, back-off") << "Always"
                                          << "Running" << false << "waiting" << true;
        QTest::newRow("on failure, failed") << "OnFailure"
                                            << "Running" << false << "exit 1" << true;
        QTest::newRow("on failure, completed") << "OnFailure"
                                               << "Running" << false << "exit 0" << false;
        QTest::newRow("never") << "Never"
                               << "Running" << false << "exit 1" << false;
        QTest::newRow("pod finished") << "Always"
                                      << "Failed" << false << "exit 1" << false;
        QTest::newRow("init completed") << "Always"
                                        << "Pending" << true << "exit 0" << false;
        QTest::newRow("init failed") << "Always"
                                     << "Pending" << true << "exit 1" << true;
    }
    void restartExpectations() {
        QFETCH(QString, restartPolicy);
        QFETCH(QString, phase);
        QFETCH(bool, init);
        QFETCH(QString, state);
        QFETCH(bool, willRestart);
        const QJsonObject containerState =
            state == QLatin1String("waiting")
                ? QJsonObject{{"waiting", QJsonObject{{"reason", "CrashLoopBackOff"}}}}
                : QJsonObject{
                      {"terminated", QJsonObject{{"exitCode", state == QLatin1String("exit 1") ? 1 : 0}}}};
        const QJsonArray statuses{QJsonObject{{"name", "c"}, {"restartCount", 2}, {"state", containerState}}};
        QJsonObject spec{{"containers", QJsonArray{QJsonObject{{"name", init ? "main" : "c"}}}}};
        if (!restartPolicy.isEmpty()) {
            spec.insert("restartPolicy", restartPolicy);
        }
        const QJsonObject pod{
            {"spec", spec},
            {"status", QJsonObject{{"phase", phase},
                                   {init ? "initContainerStatuses" : "containerStatuses", statuses}}}};
        const auto status =
            binnacle::logs::ContainerStatus::find(pod, init ? QStringLiteral("c") : QString());
        QVERIFY(status.exists());
        QCOMPARE(status.restartCount(), 2);
        QVERIFY(status.runningInstance().isEmpty());
        QCOMPARE(status.willRestart(), willRestart);
    }

    void reconnectResumesWithoutDuplicates() {
        QVERIFY(m_cluster.createPod(
            PodSpec{QStringLiteral("dropped"), {ContainerSpec{QStringLiteral("main")}}, {}, {}, {}}));
        LogOptions options;
        options.follow = true;
        options.tailLines = 3;
        options.reconnectInitialDelay = std::chrono::milliseconds(50);
        options.reconnectMaxDelay = std::chrono::milliseconds(400);
        LogStream stream(m_cluster.transport(), logNamespace, QStringLiteral("dropped"), options);
        StreamRecorder recorder;
        recorder.attach(&stream);
        stream.start();
        QTRY_COMPARE_WITH_TIMEOUT(recorder.lines.size(), 3, logTimeoutMs);
        const qint64 first = recorder.lines.first().timestampNs;

        // The server goes away for a moment, taking the stream with it, while the container keeps writing.
        m_cluster.cluster.simulator->faults()->configure(
            QJsonObject{{"restart", QJsonObject{{"downMs", 300}}}});
        m_cluster.advance(15);
        QTRY_VERIFY_WITH_TIMEOUT(recorder.reconnects >= 1, logTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(stream.state(), LogStream::State::Streaming, logTimeoutMs);
        m_cluster.advance(10);
        QTRY_COMPARE_WITH_TIMEOUT(recorder.lines.size(), 8, logTimeoutMs);
        QVERIFY(stream.reconnects() >= 1);
        // The resumed request replayed the last line's second: it was dropped, not delivered twice.
        QVERIFY(stream.duplicatesDropped() >= 1);
        for (qsizetype i = 0; i < recorder.lines.size(); ++i) {
            QCOMPARE(recorder.lines.at(i).timestampNs, first + i * 5000000000LL);
        }
        QVERIFY(stream.nextRequest().query.hasQueryItem("sinceTime"));
        QVERIFY(!stream.nextRequest().query.hasQueryItem("tailLines"));
        stream.stop();
        QCOMPARE(*recorder.end, LogStream::EndReason::Stopped);
    }
};

QTEST_GUILESS_MAIN(TestLogStream)
#include "tst_logstream.moc"
