#pragma once

#include "kubeconfigloader.h"
#include "kubeconfiglocation.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QString>
#include <QTemporaryDir>
#include <QTest>

// Writes `contents` to `dir`/`relativePath` (creating directories) and returns the absolute path.
inline QString writeTestFile(const QTemporaryDir& dir, const QString& relativePath,
                             const QByteArray& contents) {
    const QString path = dir.filePath(relativePath);
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write test file %s", qPrintable(path));
    file.write(contents);
    return path;
}

inline QByteArray readTestFile(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

// Writes each document to its own file (config-0, config-1, ...) and merges them in that order.
inline binnacle::config::Kubeconfig loadFiles(const QTemporaryDir& dir, const QByteArrayList& contents) {
    QStringList paths;
    for (int i = 0; i < contents.size(); ++i)
        paths << writeTestFile(dir, QStringLiteral("config-%1").arg(i), contents.at(i));
    return binnacle::config::KubeconfigLoader::load(binnacle::config::KubeconfigLocation::fromFiles(paths));
}
