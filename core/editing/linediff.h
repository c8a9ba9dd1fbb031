#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace binnacle::editing {

// One line of a hunk: kept (' '), removed ('-') or added ('+'), with its 1-based numbers on each side
// (0 on the side it is not on).
struct DiffLine {
    enum class Kind { Context, Removed, Added };
    Kind kind = Kind::Context;
    QString text;
    int oldLine = 0;
    int newLine = 0;

    friend bool operator==(const DiffLine&, const DiffLine&) = default;
};

// A unified-diff hunk: "@@ -oldStart,oldCount +newStart,newCount @@" and its lines.
struct DiffHunk {
    int oldStart = 0;
    int oldCount = 0;
    int newStart = 0;
    int newCount = 0;
    QList<DiffLine> lines;

    QString header() const;
};

// Line diff by Myers' O(ND) algorithm (the shortest edit script), grouped into unified hunks with
// `context` unchanged lines around each change; changes closer than 2 * context share a hunk.
class LineDiff {
public:
    static QList<DiffHunk> compute(const QStringList& oldLines, const QStringList& newLines, int context = 3);
    static QList<DiffHunk> compute(const QString& oldText, const QString& newText, int context = 3);
    // The hunks as `diff -u` prints them (without the file header lines).
    static QString unifiedText(const QList<DiffHunk>& hunks);
    // The text split into lines, without the empty line after a final newline.
    static QStringList splitLines(const QString& text);
};

} // namespace binnacle::editing
