// LogStream against the in-process simulator over TLS: every PodLogOptions field compared with what the
// server itself renders for the same options, container choice (init and ephemeral too), previous, typed
// errors, follow, and the resume after a dropped stream (no duplicates, nothing lost).
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
            QVERIFY(lines.last().truncated);
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
