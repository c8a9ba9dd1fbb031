#!/usr/bin/env bash
# Builds the .deb with CPack into a scratch folder and checks what it holds and depends on.
set -euo pipefail
config=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cpack --config "$config" -G DEB -B "$work" > "$work/cpack.log" 2>&1 || { cat "$work/cpack.log"; exit 1; }
deb=$(ls "$work"/*.deb)
contents=$(dpkg-deb -c "$deb")
depends=$(dpkg-deb -f "$deb" Depends)
status=0
for binary in ./usr/bin/binnacle ./usr/bin/binnacle-sim; do
    grep -q " $binary\$" <<<"$contents" || { echo "missing $binary in $deb"; status=1; }
done
# Every QML module the UI imports, and the libraries the binaries link, must be dependencies.
# The QML ones are read from the imports themselves (QtQml.Models -> qml6-module-qtqml-models), so a new
# import without its package fails here rather than on a user's machine.
qml_dir="$(cd "$(dirname "$0")/../../qml" && pwd)"
imported=$(sed -n 's/^import \(Qt[A-Za-z.]*\).*/\1/p' "$qml_dir"/*.qml | sort -u |
    tr '[:upper:].' '[:lower:]-' | sed 's/^/qml6-module-/')
for package in $imported qml6-module-qtquick-window qml6-module-qtquick-templates qml6-module-qtqml-workerscript \
    libqt6core6 libqt6network6 libqt6quick6 libssl3 libyaml-cpp0.7; do
    grep -q "$package" <<<"$depends" || { echo "Depends lacks $package: $depends"; status=1; }
done
echo "Depends: $depends"
exit $status
