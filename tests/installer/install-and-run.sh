#!/usr/bin/env bash
# install-and-run.sh DEB_DIR IMAGE_CHECK
# Installs the built .deb on this machine with dpkg, runs the INSTALLED binnacle --screenshot against
# the INSTALLED binnacle-sim, checks the picture, and purges the package again, so the machine is left
# as it was. Needs root (exit 77 = skipped otherwise) and no network: every dependency must already be
# installed (installer/install-deps.sh installs them); dpkg names any that is not.
#
# Every step has its own time limit, well inside the CTest timeout: CTest kills with SIGKILL, which
# would skip the clean-up below.
set -euo pipefail
deb=$(ls "$1"/*.deb)
image_check=$2
width=1280
height=800

if [[ $(id -u) -ne 0 ]]; then
    echo "skipped: installing a package needs root"
    exit 77
fi
# Never replace what is already there: an installed binnacle, or files the package would overwrite.
package_state() { dpkg-query -W -f='${db:Status-Abbrev}' binnacle 2>/dev/null || true; }
state=$(package_state)
if [[ -n $state && $state != un* ]]; then
    echo "skipped: a binnacle package is installed on this machine (dpkg --purge binnacle removes it)"
    exit 77
fi
while read -r path; do
    if [[ -e $path && ! -d $path ]]; then
        echo "skipped: $path exists already and the package would overwrite it"
        exit 77
    fi
done < <(dpkg-deb -c "$deb" | awk '{print substr($6, 2)}')

work=$(mktemp -d)
sim_pid=
attempted_install=no
cleanup() {
    local code=$?
    if [[ -n $sim_pid ]]; then
        kill "$sim_pid" 2>/dev/null || true
        wait "$sim_pid" 2>/dev/null || true
    fi
    state=$(package_state)
    if [[ $attempted_install == yes && -n $state && $state != un* ]]; then
        timeout 120 dpkg --purge binnacle >"$work/purge.log" 2>&1 || {
            cat "$work/purge.log"
            code=1
        }
        if [[ -e /usr/bin/binnacle ]]; then
            echo "FAIL: /usr/bin/binnacle is still there after dpkg --purge"
            code=1
        fi
    fi
    rm -rf "$work"
    exit $code
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

attempted_install=yes
if ! timeout 120 dpkg -i "$deb" >"$work/install.log" 2>&1; then
    cat "$work/install.log"
    echo "FAIL: dpkg -i (is a dependency missing? run installer/install-deps.sh)"
    exit 1
fi
echo "installed $(dpkg-query -W -f='${Package} ${Version}' binnacle)"
[[ $(package_state) == ii* ]] || {
    echo "FAIL: binnacle is not fully installed"
    exit 1
}

# A clean environment: no user settings, kubeconfig or Qt variables leak in, nothing is written to
# the real home (QSettings, the discovery cache), and Qt renders offscreen.
mkdir -p "$work/home" "$work/runtime"
chmod 700 "$work/runtime"
clean_env=(env -i PATH=/usr/bin:/bin HOME="$work/home" LANG=C.UTF-8 XDG_RUNTIME_DIR="$work/runtime"
    XDG_CONFIG_HOME="$work/home/.config" XDG_CACHE_HOME="$work/home/.cache"
    XDG_DATA_HOME="$work/home/.local/share" QT_QPA_PLATFORM=offscreen)

"${clean_env[@]}" timeout 30 /usr/bin/binnacle --version

# The installed simulator on a free port, with a demo cluster; it prints "ready" once it serves.
"${clean_env[@]}" timeout 200 /usr/bin/binnacle-sim --listen 127.0.0.1:0 --demo --seed 7 \
    --kubeconfig-out "$work/sim.kubeconfig" >"$work/sim.log" 2>&1 &
sim_pid=$!
for _ in $(seq 300); do
    grep -q '^ready$' "$work/sim.log" && break
    kill -0 "$sim_pid" 2>/dev/null || break
    sleep 0.1
done
if ! grep -q '^ready$' "$work/sim.log"; then
    cat "$work/sim.log"
    echo "FAIL: binnacle-sim did not start"
    exit 1
fi

shot="$work/pods.png"
if ! "${clean_env[@]}" timeout 120 /usr/bin/binnacle \
    --kubeconfig "$work/sim.kubeconfig" --context sim-admin --view pods \
    --screenshot "$shot" --size "${width}x${height}" >"$work/binnacle.log" 2>&1; then
    cat "$work/binnacle.log"
    echo "FAIL: the installed binnacle --screenshot failed"
    exit 1
fi
"$image_check" "$shot" "$width" "$height"
