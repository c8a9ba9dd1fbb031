#pragma once

#include "apirequest.h"
#include "listpageparser.h"
#include "tabletext.h"
#include "watchstreamparser.h"

#include <QObject>
#include <QTextStream>
#include <functional>

namespace binnacle::transport {
class ClusterTransport;
}

namespace binnacle::cli {

// What `get -w` needs to go on from the list it printed.
struct GetWatchSpec {
    QString path;            // the collection path
    QUrlQuery selectors;     // labelSelector / fieldSelector, as for the list
    QString resourceVersion; // the list's
    bool names = false;      // -o name: print kind/name lines; else table rows
    QString namePrefix;      // "pod/" for -o name
    QList<client::TableColumn> columns;
    TableTextOptions table;
    QList<qsizetype> widths; // the printed list's column widths: kubectl keeps widening them
};

// `get -w` after the list: watches from the list's resourceVersion and prints one line per event, as kubectl
// does (table rows padded to the widest cell seen so far, no header). Ends when the server closes the watch.
class GetWatch : public QObject {
    Q_OBJECT
public:
    GetWatch(transport::ClusterTransport* transport, GetWatchSpec spec, QTextStream& out, QTextStream& err,
             QObject* parent = nullptr);
    void run(std::function<void(int exitCode)> done);

private:
    void print(const client::WatchEvent& event);

    transport::ClusterTransport* m_transport;
    GetWatchSpec m_spec;
    QTextStream& m_out;
    QTextStream& m_err;
    client::WatchStreamParser m_parser;
    std::function<void(int)> m_done;
};

} // namespace binnacle::cli
