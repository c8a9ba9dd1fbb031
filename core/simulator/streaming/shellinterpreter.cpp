#include "shellinterpreter.h"

#include <QDateTime>
#include <QDir>
#include <QLocale>
#include <QSet>

namespace binnacle::sim {

namespace {
const QSet<QString>& shellNames() {
    static const QSet<QString> names{QStringLiteral("sh"),       QStringLiteral("ash"),
                                     QStringLiteral("bash"),     QStringLiteral("/bin/sh"),
                                     QStringLiteral("/bin/ash"), QStringLiteral("/bin/bash")};
    return names;
}

QString baseName(const QString& command) {
    return command.section(QLatin1Char('/'), -1);
}

bool isVariableChar(QChar c, bool first) {
    return c == QLatin1Char('_') || (c.isLetter() && c.unicode() < 128) || (!first && c.isDigit());
}

ShellInterpreter::Result failure(const QString& message, int code) {
    ShellInterpreter::Result result;
    result.err = message.toUtf8() + '\n';
    result.exitCode = code;
    return result;
}
} // namespace

ShellInterpreter::ShellInterpreter(FakeContainer container)
    : m_container(std::move(container)) {}

QString ShellInterpreter::variable(const QString& name) const {
    if (name == QLatin1String("?")) {
        return QString::number(m_lastExitCode);
    }
    if (name == QLatin1String("PWD")) {
        return m_workingDirectory;
    }
    for (const auto& [key, value] : m_container.env) {
        if (key == name) {
            return value;
        }
    }
    return {};
}

QString ShellInterpreter::absolutePath(const QString& path) const {
    const QString joined =
        path.startsWith(QLatin1Char('/')) ? path : m_workingDirectory + QLatin1Char('/') + path;
    return QDir::cleanPath(joined);
}

bool ShellInterpreter::hasCommand(const QString& name) const {
    static const QSet<QString> builtins{
        QStringLiteral("echo"),   QStringLiteral("ls"),       QStringLiteral("cat"),
        QStringLiteral("env"),    QStringLiteral("printenv"), QStringLiteral("hostname"),
        QStringLiteral("pwd"),    QStringLiteral("cd"),       QStringLiteral("id"),
        QStringLiteral("whoami"), QStringLiteral("uname"),    QStringLiteral("date"),
        QStringLiteral("true"),   QStringLiteral("false"),    QStringLiteral("exit"),
        QStringLiteral("sleep"),  QStringLiteral(":"),        QStringLiteral("sh"),
        QStringLiteral("ash"),    QStringLiteral("stty"),     QStringLiteral("tput")};
    const QString base = baseName(name);
    if (base == QLatin1String("bash")) {
        return !m_container.isAlpineLike();
    }
    return builtins.contains(base);
}

bool ShellInterpreter::isInteractiveShell(const QStringList& argv) const {
    if (argv.isEmpty() || !shellNames().contains(argv.first()) || !hasCommand(argv.first())) {
        return false;
    }
    for (const QString& arg : argv.mid(1)) {
        if (!arg.startsWith(QLatin1Char('-')) || arg.contains(QLatin1Char('c'))) {
            return false; // a script file or -c: not interactive
        }
    }
    return true;
}

bool ShellInterpreter::tokenize(const QString& line, QList<Token>* tokens) const {
    QString word;
    bool inWord = false;
    auto flush = [&] {
        if (inWord) {
            tokens->append({word, false});
        }
        word.clear();
        inWord = false;
    };
    auto expand = [&](qsizetype* i) {
        // `*i` is at '$'; appends the value and leaves `*i` on the last character consumed.
        const qsizetype start = *i + 1;
        if (start < line.size() && line[start] == QLatin1Char('?')) {
            word += variable(QStringLiteral("?"));
            *i = start;
            return;
        }
        if (start < line.size() && line[start] == QLatin1Char('{')) {
            const qsizetype end = line.indexOf(QLatin1Char('}'), start);
            if (end > start) {
                word += variable(line.mid(start + 1, end - start - 1));
                *i = end;
                return;
            }
        }
        qsizetype end = start;
        while (end < line.size() && isVariableChar(line[end], end == start)) {
            ++end;
        }
        if (end == start) {
            word += QLatin1Char('$');
            return;
        }
        word += variable(line.mid(start, end - start));
        *i = end - 1;
    };
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line[i];
        if (c == QLatin1Char(' ') || c == QLatin1Char('\t')) {
            flush();
        } else if (c == QLatin1Char('#') && !inWord) {
            break;
        } else if (c == QLatin1Char(';') || c == QLatin1Char('&') || c == QLatin1Char('|')) {
            flush();
            QString op(c);
            const qsizetype position = i;
            if (i + 1 < line.size() && line[i + 1] == c && c != QLatin1Char(';')) {
                op += c;
                ++i;
            }
            tokens->append({op, true, position});
        } else if (c == QLatin1Char('\'')) {
            const qsizetype end = line.indexOf(QLatin1Char('\''), i + 1);
            if (end < 0) {
                return false;
            }
            word += line.mid(i + 1, end - i - 1);
            inWord = true;
            i = end;
        } else if (c == QLatin1Char('"')) {
            inWord = true;
            qsizetype j = i + 1;
            for (; j < line.size() && line[j] != QLatin1Char('"'); ++j) {
                if (line[j] == QLatin1Char('\\') && j + 1 < line.size() &&
                    QStringLiteral("\"\\$`").contains(line[j + 1])) {
                    word += line[++j];
                } else if (line[j] == QLatin1Char('$')) {
                    expand(&j);
                } else {
                    word += line[j];
                }
            }
            if (j >= line.size()) {
                return false;
            }
            i = j;
        } else if (c == QLatin1Char('\\') && i + 1 < line.size()) {
            word += line[++i];
            inWord = true;
        } else if (c == QLatin1Char('$')) {
            expand(&i);
            inWord = true;
        } else {
            word += c;
            inWord = true;
        }
    }
    flush();
    return true;
}

ShellInterpreter::Result ShellInterpreter::runLine(const QString& line) {
    QList<Token> tokens;
    if (!tokenize(line, &tokens)) {
        m_lastExitCode = 2;
        return failure(QStringLiteral("sh: syntax error: unterminated quoted string"), 2);
    }
    // The first pass finds the operators; each command is split and expanded again just before it
    // runs, so that `false; echo $?` sees the status of `false`.
    struct Command {
        QString text;
        QString operatorBefore;
    };
    QList<Command> commands;
    qsizetype start = 0;
    QString operatorBefore;
    for (const Token& token : tokens) {
        if (!token.isOperator) {
            continue;
        }
        if (token.text == QLatin1String("|") || token.text == QLatin1String("&")) {
            m_lastExitCode = 2;
            return failure(QStringLiteral("sh: pipes and background jobs are not supported by the simulator"),
                           2);
        }
        commands.append({line.mid(start, token.position - start), operatorBefore});
        operatorBefore = token.text;
        start = token.position + token.text.size();
    }
    commands.append({line.mid(start), operatorBefore});

    Result total;
    total.exitCode = m_lastExitCode;
    for (const Command& command : commands) {
        if ((command.operatorBefore == QLatin1String("&&") && m_lastExitCode != 0) ||
            (command.operatorBefore == QLatin1String("||") && m_lastExitCode == 0)) {
            continue;
        }
        QList<Token> words;
        tokenize(command.text, &words);
        QStringList argv;
        for (const Token& word : words) {
            argv.append(word.text);
        }
        if (argv.isEmpty()) {
            continue;
        }
        const Result result = runArgv(argv);
        total.out += result.out;
        total.err += result.err;
        total.exitCode = result.exitCode;
        total.wantsStdin = result.wantsStdin;
        if (result.exitShell) {
            total.exitShell = true;
            break;
        }
    }
    return total;
}

ShellInterpreter::Result ShellInterpreter::runArgv(const QStringList& argv) {
    if (argv.isEmpty()) {
        return {};
    }
    const QString name = baseName(argv.first());
    const QStringList args = argv.mid(1);
    Result result;
    if (!hasCommand(argv.first())) {
        result = failure(QStringLiteral("sh: %1: not found").arg(argv.first()), 127);
    } else if (name == QLatin1String("echo")) {
        result = echo(args);
    } else if (name == QLatin1String("ls")) {
        result = list(args);
    } else if (name == QLatin1String("cat")) {
        result = concatenate(args);
    } else if (name == QLatin1String("env") || name == QLatin1String("printenv")) {
        result = environment(args);
    } else if (name == QLatin1String("hostname")) {
        result.out = m_container.podName.toUtf8() + '\n';
    } else if (name == QLatin1String("pwd")) {
        result.out = m_workingDirectory.toUtf8() + '\n';
    } else if (name == QLatin1String("cd")) {
        result = changeDirectory(args);
    } else if (name == QLatin1String("whoami")) {
        result.out = "root\n";
    } else if (name == QLatin1String("id")) {
        result.out = "uid=0(root) gid=0(root) groups=0(root)\n";
    } else if (name == QLatin1String("uname")) {
        result = uname(args);
    } else if (name == QLatin1String("date")) {
        result.out =
            QLocale::c()
                .toString(QDateTime::currentDateTimeUtc(), QStringLiteral("ddd MMM d hh:mm:ss 'UTC' yyyy"))
                .toUtf8() +
            '\n';
    } else if (name == QLatin1String("stty") || name == QLatin1String("tput")) {
        result = terminalQuery(name, args);
    } else if (name == QLatin1String("false")) {
        result.exitCode = 1;
    } else if (name == QLatin1String("exit")) {
        bool ok = true;
        result.exitCode = args.isEmpty() ? m_lastExitCode : args.first().toInt(&ok) & 0xFF;
        if (!ok) {
            result = failure(QStringLiteral("sh: exit: Illegal number: %1").arg(args.first()), 2);
        }
        result.exitShell = true;
    } else if (shellNames().contains(argv.first())) {
        result = shell(args);
    }
    // true, ':' and sleep (which returns at once: simulated time does not pass) succeed silently.
    m_lastExitCode = result.exitCode;
    return result;
}

ShellInterpreter::Result ShellInterpreter::shell(const QStringList& args) {
    const qsizetype script = args.indexOf(QStringLiteral("-c"));
    if (script < 0) {
        return {}; // an interactive shell inside a shell: the caller's loop already is one
    }
    if (script + 1 >= args.size()) {
        return failure(QStringLiteral("sh: -c requires an argument"), 2);
    }
    // A child shell: its `exit` ends the child only, and its `cd` does not leak out.
    const QString savedDirectory = m_workingDirectory;
    Result result = runLine(args.at(script + 1));
    m_workingDirectory = savedDirectory;
    result.exitShell = false;
    return result;
}

} // namespace binnacle::sim
