#!/usr/bin/env bash
# check-package.sh DEB_DIR IMAGE_CHECK VERSION
# Checks what the built .deb holds and depends on, and validates its desktop entry, AppStream
# metadata and icons as installed (extracted from the package, not read from the source tree).
set -euo pipefail
deb=$(ls "$1"/*.deb)
image_check=$2
version=$3
app_id=io.github.binnacle.Binnacle
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

status=0
fail() {
    echo "FAIL: $*"
    status=1
}

contents=$(dpkg-deb -c "$deb")
depends=$(dpkg-deb -f "$deb" Depends)
icon_sizes=(16 24 32 48 64 128 256 512)
expected=(./usr/bin/binnacle ./usr/bin/binnacle-cli ./usr/bin/binnacle-sim
    "./usr/share/applications/$app_id.desktop" "./usr/share/metainfo/$app_id.metainfo.xml"
    "./usr/share/icons/hicolor/scalable/apps/$app_id.svg")
for size in "${icon_sizes[@]}"; do
    expected+=("./usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png")
done
for file in "${expected[@]}"; do
    grep -q " $file\$" <<<"$contents" || fail "missing $file in $deb"
done

# Every QML module the UI imports, and the libraries the binaries link, must be dependencies.
# The QML ones are read from the imports themselves (QtQml.Models -> qml6-module-qtqml-models), so a new
# import without its package fails here rather than on a user's machine.
qml_dir="$(cd "$(dirname "$0")/../../qml" && pwd)"
imported=$(sed -n 's/^import \(Qt[A-Za-z.]*\).*/\1/p' "$qml_dir"/*.qml | sort -u |
    tr '[:upper:].' '[:lower:]-' | sed 's/^/qml6-module-/')
for package in $imported qml6-module-qtquick-window qml6-module-qtquick-templates qml6-module-qtqml-workerscript \
    qt6-qpa-plugins libqt6core6 libqt6network6 libqt6quick6 libssl3 libyaml-cpp0.7 libzstd1 libtcmalloc-minimal4; do
    grep -Eq "(^|[ ,|])$package( |,|\$)" <<<"$depends" || fail "Depends lacks $package"
done
echo "Depends: $depends"

# The desktop integration files, validated as they are installed.
dpkg-deb -x "$deb" "$work/root"
share="$work/root/usr/share"
desktop-file-validate "$share/applications/$app_id.desktop" || fail "desktop-file-validate"
appstreamcli validate --no-net "$share/metainfo/$app_id.metainfo.xml" || fail "appstreamcli validate"
metainfo="$share/metainfo/$app_id.metainfo.xml"
newest=$(sed -n 's/.*<release version="\([^"]*\)".*/\1/p' "$metainfo" | head -n 1)
[[ $newest == "$version" ]] || fail "the metainfo's newest release is '$newest', the project is $version"
grep -q "<launchable type=\"desktop-id\">$app_id.desktop</launchable>" "$metainfo" ||
    fail "the metainfo does not launch $app_id.desktop"
grep -q "^Icon=$app_id\$" "$share/applications/$app_id.desktop" || fail "the desktop entry's icon is not $app_id"
for size in "${icon_sizes[@]}"; do
    "$image_check" "$share/icons/hicolor/${size}x${size}/apps/$app_id.png" "$size" "$size" 8 ||
        fail "the ${size}x${size} icon"
done
exit $status
