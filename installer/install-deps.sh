#!/usr/bin/env bash
# Installs every Debian 12 package that building, testing and running Binnacle need.
# Idempotent: packages already present are left alone, and apt is only asked when one is missing.
# Run as root on a fresh Debian 12 (bookworm).
set -euo pipefail

packages=(
    # toolchain
    build-essential cmake ninja-build ccache git pkg-config file
    # the icon's PNG sizes are rendered from its SVG at build time
    librsvg2-bin
    # libraries
    qt6-base-dev qt6-base-dev-tools qt6-declarative-dev qt6-declarative-dev-tools qt6-websockets-dev
    libgl-dev libssl-dev libyaml-cpp-dev libsimdjson-dev zlib1g-dev libzstd-dev openssl
    # the allocator the executables run on (core/memory): TCMalloc, the runtime library alone
    libtcmalloc-minimal4
    # the terminal's state machine (core/terminal)
    libvterm-dev
    # QML runtime: every module the QML files import
    qml6-module-qtqml qml6-module-qtqml-workerscript qml6-module-qtquick qml6-module-qtquick-controls
    qml6-module-qtquick-layouts qml6-module-qtquick-window qml6-module-qtquick-templates
    qml6-module-qtquick-dialogs qml6-module-qtqml-models qml6-module-qttest
    qt6-qpa-plugins fonts-dejavu-core
    # tests and packaging
    xvfb xauth python3 procps dpkg-dev appstream desktop-file-utils
    # benchmarks
    curl bc time
)

# One dpkg query for all of them (it names the unknown ones on stderr and exits 1: expected here).
declare -A state
while IFS=$'\t' read -r package status; do
    state[$package]=$status
done < <(dpkg-query -W -f='${Package}\t${db:Status-Abbrev}\n' "${packages[@]}" 2>/dev/null || true)
missing=()
for package in "${packages[@]}"; do
    [[ ${state[$package]:-} == ii* ]] || missing+=("$package")
done

if ((${#missing[@]} == 0)); then
    echo "install-deps: all ${#packages[@]} packages present"
    exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
    echo "install-deps: missing packages: ${missing[*]}" >&2
    echo "install-deps: run this script as root to install them" >&2
    exit 1
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
