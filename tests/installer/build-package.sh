#!/usr/bin/env bash
# build-package.sh CPACK_CONFIG OUT_DIR
# Builds the .deb with CPack from the build tree into OUT_DIR (emptied first). The CTest fixture the
# other installer tests share, so the package is built once per run.
set -euo pipefail
config=$1
out=$2
rm -rf "$out"
mkdir -p "$out"
start=$(date +%s)
if ! timeout 240 cpack --config "$config" -G DEB -B "$out" >"$out/cpack.log" 2>&1; then
    cat "$out/cpack.log"
    exit 1
fi
rm -rf "$out/_CPack_Packages" # the staging copy: as large again as the package's contents
deb=$(ls "$out"/*.deb)
echo "built $deb ($(du -h "$deb" | cut -f1)) in $(($(date +%s) - start)) s"
