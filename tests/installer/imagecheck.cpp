// installer_image_check FILE WIDTH HEIGHT [MIN_COLOURS]
// Exits 0 when FILE is a PNG of exactly WIDTH x HEIGHT pixels that shows something: at least
// MIN_COLOURS distinct colours (default 30) and no single colour covering nearly all of it. Otherwise
// prints why and exits 1. The installer tests use it on the installed app's screenshot and the icons.
#include <QCoreApplication>
#include <QHash>
#include <QImage>
#include <QImageReader>
#include <algorithm>
#include <cstdio>

namespace {

struct ColourStatistics {
    qsizetype distinctColours = 0;
    double commonestShare = 0; // of all pixels, 0..1
};

ColourStatistics colourStatistics(const QImage& image) {
    QHash<QRgb, qint64> counts;
    for (int y = 0; y < image.height(); ++y) {
        const auto* line = reinterpret_cast<const QRgb*>(image.constScanLine(y));
        for (int x = 0; x < image.width(); ++x) {
            ++counts[line[x]];
        }
    }
    qint64 commonest = 0;
    for (const qint64 count : std::as_const(counts)) {
        commonest = std::max(commonest, count);
    }
    const double pixels = double(image.width()) * image.height();
    return {counts.size(), pixels > 0 ? double(commonest) / pixels : 1.0};
}

} // namespace

int main(int argc, char* argv[]) {
    QCoreApplication app(argc, argv);
    const QStringList arguments = app.arguments();
    if (arguments.size() != 4 && arguments.size() != 5) {
        std::fprintf(stderr, "usage: installer_image_check FILE WIDTH HEIGHT [MIN_COLOURS]\n");
        return 2;
    }
    const QString file = arguments[1];
    const QSize expected(arguments[2].toInt(), arguments[3].toInt());
    const qsizetype minimumColours = arguments.size() == 5 ? arguments[4].toInt() : 30;

    QImageReader reader(file, "png");
    const QImage read = reader.read();
    if (read.isNull()) {
        std::fprintf(stderr, "%s: not a readable PNG: %s\n", qPrintable(file),
                     qPrintable(reader.errorString()));
        return 1;
    }
    if (read.size() != expected) {
        std::fprintf(stderr, "%s: %dx%d, expected %dx%d\n", qPrintable(file), read.width(), read.height(),
                     expected.width(), expected.height());
        return 1;
    }
    const ColourStatistics statistics = colourStatistics(read.convertToFormat(QImage::Format_ARGB32));
    std::printf("%s: %dx%d, %lld colours, the commonest covers %.1f%%\n", qPrintable(file), read.width(),
                read.height(), static_cast<long long>(statistics.distinctColours),
                100 * statistics.commonestShare);
    if (statistics.distinctColours < minimumColours || statistics.commonestShare > 0.97) {
        std::fprintf(stderr, "%s: looks blank (wanted at least %lld colours, none covering over 97%%)\n",
                     qPrintable(file), static_cast<long long>(minimumColours));
        return 1;
    }
    return 0;
}
