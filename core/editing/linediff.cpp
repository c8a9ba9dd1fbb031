#include "linediff.h"

#include <algorithm>
#include <vector>

namespace binnacle::editing {

namespace {

// Myers' greedy forward search over the middle part (common prefix and suffix are cut off first), with
// one saved frontier per edit distance so that the path can be walked back.
QList<DiffLine> editScript(const QStringList& a, const QStringList& b) {
    const int n = int(a.size());
    const int m = int(b.size());
    int prefix = 0;
    while (prefix < n && prefix < m && a[prefix] == b[prefix]) {
        ++prefix;
    }
    int suffix = 0;
    while (suffix < n - prefix && suffix < m - prefix && a[n - 1 - suffix] == b[m - 1 - suffix]) {
        ++suffix;
    }
    const int aEnd = n - suffix;
    const int bEnd = m - suffix;
    const int na = aEnd - prefix;
    const int nb = bEnd - prefix;
    const int max = na + nb;
    const int offset = max + 1;

    std::vector<std::vector<int>> trace;
    std::vector<int> v(size_t(2 * max + 3), 0);
    int found = -1;
    for (int d = 0; d <= max && found < 0; ++d) {
        for (int k = -d; k <= d; k += 2) {
            int x = (k == -d || (k != d && v[size_t(offset + k - 1)] < v[size_t(offset + k + 1)]))
                        ? v[size_t(offset + k + 1)]      // down: an insertion
                        : v[size_t(offset + k - 1)] + 1; // right: a deletion
            int y = x - k;
            while (x < na && y < nb && a[prefix + x] == b[prefix + y]) {
                ++x;
                ++y;
            }
            v[size_t(offset + k)] = x;
            if (x >= na && y >= nb) {
                found = d;
                break;
            }
        }
        // Only diagonals -d..d are reachable after d steps: keep that slice.
        trace.emplace_back(v.begin() + (offset - d - 1), v.begin() + (offset + d + 2));
    }

    // Walk back from (na, nb) through the saved frontiers.
    QList<DiffLine> middle;
    int x = na;
    int y = nb;
    for (int d = found; d > 0; --d) {
        const std::vector<int>& slice = trace[size_t(d - 1)]; // diagonals -d..d of step d - 1
        auto previous = [&](int diagonal) { return slice[size_t(diagonal + d)]; };
        const int k = x - y;
        const bool down = k == -d || (k != d && previous(k - 1) < previous(k + 1));
        const int previousK = down ? k + 1 : k - 1;
        const int previousX = previous(previousK);
        const int previousY = previousX - previousK;
        while (x > (down ? previousX : previousX + 1) && y > (down ? previousY + 1 : previousY)) {
            --x;
            --y;
            middle.append({DiffLine::Kind::Context, a[prefix + x], prefix + x + 1, prefix + y + 1});
        }
        if (down) {
            --y;
            middle.append({DiffLine::Kind::Added, b[prefix + y], 0, prefix + y + 1});
        } else {
            --x;
            middle.append({DiffLine::Kind::Removed, a[prefix + x], prefix + x + 1, 0});
        }
    }
    while (x > 0 && y > 0) {
        --x;
        --y;
        middle.append({DiffLine::Kind::Context, a[prefix + x], prefix + x + 1, prefix + y + 1});
    }
    std::reverse(middle.begin(), middle.end());

    QList<DiffLine> script;
    script.reserve(prefix + middle.size() + suffix);
    for (int i = 0; i < prefix; ++i) {
        script.append({DiffLine::Kind::Context, a[i], i + 1, i + 1});
    }
    script.append(middle);
    for (int i = 0; i < suffix; ++i) {
        script.append({DiffLine::Kind::Context, a[aEnd + i], aEnd + i + 1, bEnd + i + 1});
    }
    return script;
}

} // namespace

QString DiffHunk::header() const {
    auto range = [](int start, int count) {
        return count == 1 ? QString::number(start) : QStringLiteral("%1,%2").arg(start).arg(count);
    };
    return QStringLiteral("@@ -%1 +%2 @@").arg(range(oldStart, oldCount), range(newStart, newCount));
}

QStringList LineDiff::splitLines(const QString& text) {
    if (text.isEmpty()) {
        return {};
    }
    QStringList lines = text.split(QLatin1Char('\n'));
    if (text.endsWith(QLatin1Char('\n'))) {
        lines.removeLast();
    }
    return lines;
}

QList<DiffHunk> LineDiff::compute(const QString& oldText, const QString& newText, int context) {
    return compute(splitLines(oldText), splitLines(newText), context);
}

QList<DiffHunk> LineDiff::compute(const QStringList& oldLines, const QStringList& newLines, int context) {
    const QList<DiffLine> script = editScript(oldLines, newLines);
    QList<DiffHunk> hunks;
    const int size = int(script.size());
    int i = 0;
    while (i < size) {
        while (i < size && script[i].kind == DiffLine::Kind::Context) {
            ++i;
        }
        if (i == size) {
            break;
        }
        // A hunk from `context` lines before this change to `context` lines after the last change that
        // is no more than 2 * context unchanged lines away from the previous one.
        const int begin = std::max(0, i - context);
        int end = i;
        int lastChange = i;
        for (int j = i; j < size; ++j) {
            if (script[j].kind != DiffLine::Kind::Context) {
                lastChange = j;
            } else if (j - lastChange > 2 * context) {
                break;
            }
        }
        end = std::min(size, lastChange + context + 1);
        DiffHunk hunk;
        int oldBefore = 0; // lines of each side before the hunk
        int newBefore = 0;
        for (int j = 0; j < begin; ++j) {
            oldBefore += script[j].kind != DiffLine::Kind::Added ? 1 : 0;
            newBefore += script[j].kind != DiffLine::Kind::Removed ? 1 : 0;
        }
        for (int j = begin; j < end; ++j) {
            hunk.lines.append(script[j]);
            hunk.oldCount += script[j].kind != DiffLine::Kind::Added ? 1 : 0;
            hunk.newCount += script[j].kind != DiffLine::Kind::Removed ? 1 : 0;
        }
        // As diff -u: an empty side names the line before it.
        hunk.oldStart = hunk.oldCount > 0 ? oldBefore + 1 : oldBefore;
        hunk.newStart = hunk.newCount > 0 ? newBefore + 1 : newBefore;
        hunks.append(hunk);
        i = end;
    }
    return hunks;
}

QString LineDiff::unifiedText(const QList<DiffHunk>& hunks) {
    QString text;
    for (const DiffHunk& hunk : hunks) {
        text += hunk.header() + QLatin1Char('\n');
        for (const DiffLine& line : hunk.lines) {
            const QChar mark = line.kind == DiffLine::Kind::Context ? QLatin1Char(' ')
                               : line.kind == DiffLine::Kind::Added ? QLatin1Char('+')
                                                                    : QLatin1Char('-');
            text += mark + line.text + QLatin1Char('\n');
        }
    }
    return text;
}

} // namespace binnacle::editing
