#include "fakecontainer.h"

#include <QMap>

namespace binnacle::sim {

namespace {
constexpr char alpineRelease[] =
    "NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.20.3\n"
    "PRETTY_NAME=\"Alpine Linux v3.20\"\nHOME_URL=\"https://alpinelinux.org/\"\n";
constexpr char debianRelease[] = "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\n"
                                 "VERSION_ID=\"12\"\nVERSION=\"12 (bookworm)\"\nVERSION_CODENAME=bookworm\n"
                                 "ID=debian\nHOME_URL=\"https://www.debian.org/\"\n";
constexpr char serviceAccountDir[] = "/var/run/secrets/kubernetes.io/serviceaccount";
} // namespace

QList<QPair<QString, QString>>
FakeContainer::defaultEnvironment(const QString& podName, const QList<QPair<QString, QString>>& specEnv,
                                  bool tty) {
    QList<QPair<QString, QString>> env{
        {QStringLiteral("PATH"),
         QStringLiteral("/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")},
        {QStringLiteral("HOSTNAME"), podName}};
    if (tty) {
        env.append({QStringLiteral("TERM"), QStringLiteral("xterm")});
    }
    env.append(specEnv);
    env.append({QStringLiteral("KUBERNETES_SERVICE_HOST"), QStringLiteral("10.96.0.1")});
    env.append({QStringLiteral("KUBERNETES_SERVICE_PORT"), QStringLiteral("443")});
    env.append({QStringLiteral("KUBERNETES_SERVICE_PORT_HTTPS"), QStringLiteral("443")});
    env.append({QStringLiteral("KUBERNETES_PORT"), QStringLiteral("tcp://10.96.0.1:443")});
    env.append({QStringLiteral("HOME"), QStringLiteral("/root")});
    return env;
}

bool FakeContainer::isAlpineLike() const {
    return image.contains(QLatin1String("alpine")) || image.contains(QLatin1String("busybox"));
}

std::optional<QByteArray> FakeContainer::file(const QString& absolutePath) const {
    if (absolutePath == QLatin1String("/etc/hostname")) {
        return podName.toUtf8() + '\n';
    }
    if (absolutePath == QLatin1String("/etc/os-release")) {
        return QByteArray(isAlpineLike() ? alpineRelease : debianRelease);
    }
    if (absolutePath == QLatin1String("/etc/hosts")) {
        return "# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost "
               "ip6-loopback\n" +
               (podIp.isEmpty() ? QByteArray()
                                : (podIp + QLatin1Char('\t') + podName + QLatin1Char('\n')).toUtf8());
    }
    if (absolutePath == QLatin1String("/etc/resolv.conf")) {
        return QStringLiteral("search %1.svc.cluster.local svc.cluster.local cluster.local\n"
                              "nameserver 10.96.0.10\noptions ndots:5\n")
            .arg(namespaceName)
            .toUtf8();
    }
    if (absolutePath == QString::fromLatin1(serviceAccountDir) + QStringLiteral("/namespace")) {
        return namespaceName.toUtf8();
    }
    return std::nullopt;
}

std::optional<QStringList> FakeContainer::directory(const QString& absolutePath) const {
    static const QMap<QString, QStringList> tree{
        {QStringLiteral("/"),
         {QStringLiteral("bin"), QStringLiteral("dev"), QStringLiteral("etc"), QStringLiteral("home"),
          QStringLiteral("proc"), QStringLiteral("root"), QStringLiteral("tmp"), QStringLiteral("usr"),
          QStringLiteral("var")}},
        {QStringLiteral("/etc"),
         {QStringLiteral("hostname"), QStringLiteral("hosts"), QStringLiteral("os-release"),
          QStringLiteral("resolv.conf")}},
        {QStringLiteral("/bin"),
         {QStringLiteral("cat"), QStringLiteral("echo"), QStringLiteral("ls"), QStringLiteral("sh")}},
        {QStringLiteral("/dev"), {}},
        {QStringLiteral("/home"), {}},
        {QStringLiteral("/proc"), {}},
        {QStringLiteral("/root"), {}},
        {QStringLiteral("/tmp"), {}},
        {QStringLiteral("/usr"), {QStringLiteral("bin"), QStringLiteral("lib")}},
        {QStringLiteral("/usr/bin"), {}},
        {QStringLiteral("/usr/lib"), {}},
        {QStringLiteral("/var"), {QStringLiteral("run")}},
        {QStringLiteral("/var/run"), {QStringLiteral("secrets")}},
        {QStringLiteral("/var/run/secrets"), {QStringLiteral("kubernetes.io")}},
        {QStringLiteral("/var/run/secrets/kubernetes.io"), {QStringLiteral("serviceaccount")}},
        {QString::fromLatin1(serviceAccountDir), {QStringLiteral("namespace")}},
    };
    const auto found = tree.constFind(absolutePath);
    if (found == tree.constEnd()) {
        return std::nullopt;
    }
    return *found;
}

} // namespace binnacle::sim
