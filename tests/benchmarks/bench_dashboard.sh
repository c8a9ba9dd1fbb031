#!/usr/bin/env bash
# The dashboard's own figures (issue 5): idle RSS on the demo cluster, RSS with Pods open on an N-pod
# binnacle-sim (settled and warmed first, see simulatorsettle.sh), frame times while the pods on screen
# receive 5,000 events/s, and the time from launch to the first rows of the N-pod list. The window renders
# offscreen (QT_QPA_PLATFORM=offscreen, Qt Quick's software renderer, so every frame is drawn on the GUI
# thread); `binnacle --report-frames S` measures, see app/dashboard/framestats.h for what each figure is.
# The churn modifies bulk-0's 500 pods in turn (RESTARTS changes), and bulk-0 sorts first, so the rows on
# screen change RATE/500 times a second each.
# Electron dashboards are quoted from the issue, not measured. Prints figures and ratios to the goals;
# asserts nothing; not part of CTest. Needs the build (binnacle, binnacle-sim), curl.
# Usage: [IDLE_SECONDS=20] tests/benchmarks/bench_dashboard.sh [BUILD_DIR] [PODS] [RATE] [SECONDS]
#        (defaults: build 50000 5000 10)
set -euo pipefail
build=$(cd "${1:-build}" && pwd)
pods=${2:-50000}
rate=${3:-5000}
seconds=${4:-10}
idle_seconds=${IDLE_SECONDS:-20}
work=$(mktemp -d)
sim=
dashboard=
churn=
trap '[ -n "$dashboard" ] && kill $dashboard 2>/dev/null; [ -n "$sim" ] && kill $sim 2>/dev/null; rm -rf "$work"' EXIT
export QT_QPA_PLATFORM=offscreen
binnacle="$build/app/dashboard/binnacle"
results="$work/results"
: > "$results"
get() { sed -n "s/^$1=//p" "$results" | tail -1; }
keep() { # label, file: the file's RESULT lines as LABEL_key=value
    sed -n 's/^RESULT //p' "$2" | tr ' ' '\n' | sed -n "s/^\(.*=.*\)/$1_\1/p" >> "$results"
}
mb() { awk -v kb="$1" 'BEGIN { if (kb == "") print "n/a"; else printf "%.1f", kb / 1024 }'; }
s() { awk -v ms="$1" 'BEGIN { if (ms == "") print "n/a"; else printf "%.2f", ms / 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || a == "n/a" || b + 0 == 0) print "n/a"; else printf "%.2f", a / b }'; }

# 1. Idle: the demo cluster, nothing touched for idle_seconds after its data is on screen.
echo "running binnacle --demo, idle for ${idle_seconds} s ..." >&2
"$binnacle" --demo --report-frames "$idle_seconds" > "$work/idle.out" 2> "$work/idle.err" \
    || { echo "idle run failed:" >&2; tail -5 "$work/idle.err" >&2; }
keep idle "$work/idle.out"

# 2. N pods, Pods open on all namespaces (bulk-0's pods are the rows on screen), churned at RATE/s.
echo "starting binnacle-sim with $pods pods ..." >&2
"$build/app/sim/binnacle-sim" --listen 127.0.0.1:0 --kubeconfig-out "$work/kubeconfig" --pods "$pods" --seed 1 > "$work/sim.log" 2>&1 &
sim=$!
for _ in $(seq 600); do grep -q '^ready' "$work/sim.log" && break; sleep 0.2; done
grep -q '^ready' "$work/sim.log" || { echo "simulator did not start"; cat "$work/sim.log"; exit 1; }
server=$(sed -n 's/^serving //p' "$work/sim.log")
token=$(sed -n '/name: sim-admin/,/token:/s/.*token: //p' "$work/kubeconfig" | head -1)
sed -n '/certificate-authority-data:/s/.*: //p' "$work/kubeconfig" | base64 -d > "$work/ca.pem"
# As bench_informers.sh measures its clients: on a settled cluster whose server has listed the pods once.
source "$(cd "$(dirname "$0")" && pwd)/simulatorsettle.sh"
settle_simulator
warm_simulator

echo "running binnacle --view pods, then ${seconds} s of $rate events/s ..." >&2
/usr/bin/time -f "%M" -o "$work/pods.time" \
    "$binnacle" --kubeconfig "$work/kubeconfig" --context sim-admin --view pods --report-frames "$seconds" \
    > "$work/pods.out" 2> "$work/pods.err" &
dashboard=$!
# The churn starts as soon as the window says its rows are ready; binnacle records from a second later
# (the first rows' frames settle meanwhile); the churn lasts a second longer than that.
for _ in $(seq 2400); do grep -q '^RESULT ready_ms' "$work/pods.out" && break; kill -0 $dashboard 2>/dev/null || break; sleep 0.05; done
if grep -q '^RESULT ready_ms' "$work/pods.out"; then
    curl -s --cacert "$work/ca.pem" -H "Authorization: Bearer $token" -X POST \
        -d "{\"count\":$((rate * (seconds + 2))),\"namespace\":\"bulk-0\",\"rate\":$rate}" \
        "$server/binnacle-sim/churn" > "$work/churn.out" &
    churn=$!
fi
wait $dashboard || { echo "pods run failed:" >&2; tail -5 "$work/pods.err" >&2; }
dashboard=
keep pods "$work/pods.out"
echo "pods_time_kb=$(cat "$work/pods.time" 2>/dev/null || true)" >> "$results"
[ -n "$churn" ] && { wait "$churn" || true; } # the churn's answer
churned=$(sed -n 's/.*"count":\([0-9]*\).*"durationMs":\([0-9]*\).*/\1 events in \2 ms/p' "$work/churn.out" 2>/dev/null || true)

idle_mb=$(mb "$(get idle_rss_kb)")
pods_mb=$(mb "$(get pods_rss_kb)")
first_s=$(s "$(get pods_first_rows_ms)")
row() { printf '%-62s %11s %10s %7s\n' "$@"; }
echo
echo "binnacle dashboard, offscreen (Qt Quick's software renderer), one run; binnacle-sim with $pods pods"
row "" measured goal "x goal"
row "1. idle RSS, --demo, ${idle_seconds} s after its data is on screen" "$idle_mb MB" "< 150 MB" "$(ratio "$idle_mb" 150)"
row "2. RSS, Pods open (all namespaces), $pods pods, after the churn" "$pods_mb MB" "< 400 MB" "$(ratio "$pods_mb" 400)"
row "3. frame time p99, $rate events/s on the pods on screen, ${seconds} s" "$(get pods_frame_p99_ms) ms" "< 16 ms" "$(ratio "$(get pods_frame_p99_ms)" 16)"
row "4. launch to first rows of the $pods-pod list on screen" "$first_s s" "< 3 s" "$(ratio "$first_s" 3)"
cat <<REPORT
Details
1. idle: peak RSS $(mb "$(get idle_rss_peak_kb)") MB; $(get idle_frames) frames swapped in ${idle_seconds} s; GUI-thread stall p99 $(get idle_gui_stall_p99_ms) ms, longest $(get idle_gui_stall_max_ms) ms
2. pods: peak RSS $(mb "$(get pods_rss_peak_kb)") MB (/usr/bin/time: $(mb "$(get pods_time_kb)") MB)
3. frame time = the window's UpdateRequest (frame starts: polish, sync, render, flush) until frameSwapped:
   p50 $(get pods_frame_p50_ms) ms, p99 $(get pods_frame_p99_ms) ms, max $(get pods_frame_max_ms) ms over $(get pods_frames) frames
   GUI-thread stall (a 1 ms timer's lateness): p99 $(get pods_gui_stall_p99_ms) ms, longest $(get pods_gui_stall_max_ms) ms
   interval between frames (Qt Quick redraws only when rows on screen change): p50 $(get pods_frame_interval_p50_ms) ms, p99 $(get pods_frame_interval_p99_ms) ms, max $(get pods_frame_interval_max_ms) ms
   churn on bulk-0 (its 500 pods in turn, the rows on screen among them): ${churned:-no answer}
4. first rows = the first frame swapped once the table has a row (a list shows its first pages early);
   the whole list synced (screenshotReady) $(s "$(get pods_ready_ms)") s after launch; in the second after that
   (not recorded in 3): $(get pods_settle_frames) frames, the costliest $(get pods_settle_frame_max_ms) ms

For comparison, quoted from issue 5, not measured (no Electron here): Electron dashboards idle at 300-600 MB,
$(ratio 300 "$idle_mb") to $(ratio 600 "$idle_mb") times binnacle's idle RSS above.
REPORT
