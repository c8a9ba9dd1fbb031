#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <optional>

namespace binnacle::sim {

// What a command run in a simulated container can see: who it is and a small read-only file system.
// Nothing here touches the host.
struct FakeContainer {
    QString podName;
    QString namespaceName;
    QString containerName;
    QString image;
    QString podIp;
    QList<QPair<QString, QString>> env; // the container's environment, in order, defaults included

    // Adds the variables every container gets (PATH, HOSTNAME, HOME, the kubernetes service) around
    // `specEnv`.
    static QList<QPair<QString, QString>>
    defaultEnvironment(const QString& podName, const QList<QPair<QString, QString>>& specEnv, bool tty);
    // busybox-style images (alpine, busybox) have no bash; the others are Debian-like.
    bool isAlpineLike() const;

    // The contents of a regular file, if `absolutePath` names one.
    std::optional<QByteArray> file(const QString& absolutePath) const;
    // The entries of a directory, sorted, if `absolutePath` names one.
    std::optional<QStringList> directory(const QString& absolutePath) const;
};

} // namespace binnacle::sim
