#pragma once

#include "clustersession.h"
#include "listpageparser.h"

#include <QObject>
#include <QTextStream>
#include <QUrlQuery>
#include <functional>

namespace binnacle::cli {

struct GetOptions {
    QString resource;
    QString name;
    bool allNamespaces = false;
    QString labelSelector;
    QString fieldSelector;
    QString output;      // "", wide, name, json, yaml
    bool watch = false;  // -w: after the list, print changes as they come
    int chunkSize = 500; // kubectl's default page size; 0: one request
    bool noHeaders = false;
};

// `get`: resolves the resource through discovery, lists it page by page (or gets one object) and
// prints it as kubectl does — the server's Table by default, names with -o name (asking the server
// for metadata only), full objects with -o json.
class GetCommand : public QObject {
    Q_OBJECT
public:
    GetCommand(ClusterSession* session, GetOptions options, QTextStream& out, QTextStream& err,
               QObject* parent = nullptr);
    void run(std::function<void(int exitCode)> done);

private:
    void fetchPage(const QString& continueToken);
    QString collectionPath() const;
    QUrlQuery selectors() const;
    void startWatch(const QList<qsizetype>& widths);
    void printObject(const QByteArray& body);
    void finish();
    void fail(const QString& message);

    ClusterSession* m_session;
    GetOptions m_options;
    QTextStream& m_out;
    QTextStream& m_err;
    std::function<void(int)> m_done;
    client::ApiResource m_resource;
    client::ListPageParser m_parser;
    QList<client::TableColumn> m_columns;
    QList<client::ObjectSummary> m_items;
    QString m_apiVersion;
    QString m_listResourceVersion;
    QObject* m_watch = nullptr;
};

} // namespace binnacle::cli
