// The built-in commands of ShellInterpreter, apart from the parsing and dispatch in shellinterpreter.cpp.
#include "shellinterpreter.h"

namespace binnacle::sim {

namespace {
ShellInterpreter::Result failure(const QString& message, int code) {
    ShellInterpreter::Result result;
    result.err = message.toUtf8() + '\n';
    result.exitCode = code;
    return result;
}
} // namespace

ShellInterpreter::Result ShellInterpreter::echo(const QStringList& args) const {
    Result result;
    const bool noNewline = !args.isEmpty() && args.first() == QLatin1String("-n");
    result.out = (noNewline ? args.mid(1) : args).join(QLatin1Char(' ')).toUtf8();
    if (!noNewline) {
        result.out += '\n';
    }
    return result;
}

ShellInterpreter::Result ShellInterpreter::list(const QStringList& args) const {
    Result result;
    QStringList paths;
    for (const QString& arg : args) {
        if (!arg.startsWith(QLatin1Char('-'))) {
            paths.append(arg);
        }
    }
    if (paths.isEmpty()) {
        paths.append(m_workingDirectory);
    }
    for (const QString& path : paths) {
        const QString absolute = absolutePath(path);
        if (const auto entries = m_container.directory(absolute)) {
            if (paths.size() > 1) {
                result.out += path.toUtf8() + ":\n";
            }
            for (const QString& entry : *entries) {
                result.out += entry.toUtf8() + '\n';
            }
        } else if (m_container.file(absolute)) {
            result.out += path.toUtf8() + '\n';
        } else {
            result.err += QStringLiteral("ls: %1: No such file or directory\n").arg(path).toUtf8();
            result.exitCode = 1;
        }
    }
    return result;
}

ShellInterpreter::Result ShellInterpreter::concatenate(const QStringList& args) const {
    Result result;
    if (args.isEmpty() || args == QStringList{QStringLiteral("-")}) {
        result.wantsStdin = true;
        return result;
    }
    for (const QString& path : args) {
        const QString absolute = absolutePath(path);
        if (const auto content = m_container.file(absolute)) {
            result.out += *content;
        } else if (m_container.directory(absolute)) {
            result.err += "cat: read error: Is a directory\n";
            result.exitCode = 1;
        } else {
            result.err +=
                QStringLiteral("cat: can't open '%1': No such file or directory\n").arg(path).toUtf8();
            result.exitCode = 1;
        }
    }
    return result;
}

ShellInterpreter::Result ShellInterpreter::environment(const QStringList& args) const {
    Result result;
    if (!args.isEmpty()) {
        // printenv NAME...: the values, exit 1 if one is missing.
        for (const QString& name : args) {
            bool found = false;
            for (const auto& [key, value] : m_container.env) {
                if (key == name) {
                    result.out += value.toUtf8() + '\n';
                    found = true;
                    break;
                }
            }
            if (!found) {
                result.exitCode = 1;
            }
        }
        return result;
    }
    for (const auto& [key, value] : m_container.env) {
        result.out += (key + QLatin1Char('=') + value).toUtf8() + '\n';
    }
    return result;
}

ShellInterpreter::Result ShellInterpreter::changeDirectory(const QStringList& args) {
    const QString target = absolutePath(args.isEmpty() ? variable(QStringLiteral("HOME")) : args.first());
    if (!m_container.directory(target)) {
        return failure(QStringLiteral("sh: cd: can't cd to %1: No such file or directory").arg(args.value(0)),
                       2);
    }
    m_workingDirectory = target;
    return {};
}

ShellInterpreter::Result ShellInterpreter::uname(const QStringList& args) const {
    Result result;
    if (args.contains(QLatin1String("-a"))) {
        result.out = QStringLiteral("Linux %1 6.1.0-binnacle #1 SMP x86_64 GNU/Linux\n")
                         .arg(m_container.podName)
                         .toUtf8();
    } else if (args.contains(QLatin1String("-n"))) {
        result.out = m_container.podName.toUtf8() + '\n';
    } else if (args.contains(QLatin1String("-r"))) {
        result.out = "6.1.0-binnacle\n";
    } else if (args.contains(QLatin1String("-m"))) {
        result.out = "x86_64\n";
    } else {
        result.out = "Linux\n";
    }
    return result;
}

void ShellInterpreter::setTerminalSize(int columns, int rows) {
    m_columns = columns;
    m_rows = rows;
}

ShellInterpreter::Result ShellInterpreter::terminalQuery(const QString& name, const QStringList& args) const {
    if (m_columns <= 0) {
        return failure(name == QLatin1String("stty") ? QStringLiteral("stty: standard input: Not a tty")
                                                     : QStringLiteral("tput: No value for $TERM"),
                       1);
    }
    Result result;
    if (name == QLatin1String("stty") && args == QStringList{QStringLiteral("size")}) {
        result.out = QByteArray::number(m_rows) + ' ' + QByteArray::number(m_columns) + '\n';
    } else if (name == QLatin1String("tput") && args == QStringList{QStringLiteral("cols")}) {
        result.out = QByteArray::number(m_columns) + '\n';
    } else if (name == QLatin1String("tput") && args == QStringList{QStringLiteral("lines")}) {
        result.out = QByteArray::number(m_rows) + '\n';
    } else {
        result = failure(
            QStringLiteral("%1: only `stty size`, `tput cols` and `tput lines` are simulated").arg(name), 1);
    }
    return result;
}

} // namespace binnacle::sim
