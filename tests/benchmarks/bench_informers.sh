#!/usr/bin/env bash
# Binnacle's informers and table model against kubectl and @kubernetes/client-node's informer, same run, same
# binnacle-sim data (issue 4): cold start of N pods, watch ingest, memory with every pod cached, and the GUI
# thread's longest stall while 5,000 events/s reach a model shown in a view. Prints figures and ratios;
# asserts nothing. Needs the build (cmake --build --preset default), node 20 and npm (client-node is
# installed into BUILD_DIR/bench-clientnode from tests/benchmarks/clientnode/package.json).
# Usage: tests/benchmarks/bench_informers.sh [BUILD_DIR] [PODS] [CHURN_EVENTS]   (defaults: build 50000 10000)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:-build}" && pwd)
pods=${2:-50000}
churn=${3:-10000}
work=$(mktemp -d)
sim=
trap '[ -n "$sim" ] && kill $sim 2>/dev/null; rm -rf "$work"' EXIT

# client-node, pinned by package.json, installed outside the source tree.
node_dir="$build/bench-clientnode"
mkdir -p "$node_dir"
if ! cmp -s "$here/clientnode/package.json" "$node_dir/package.json" || [ ! -d "$node_dir/node_modules" ]; then
    cp "$here/clientnode/package.json" "$node_dir/"
    (cd "$node_dir" && npm install --no-audit --no-fund --loglevel=error > /dev/null)
fi
cp "$here/clientnode/informer.mjs" "$node_dir/"

"$build/app/sim/binnacle-sim" --listen 127.0.0.1:0 --kubeconfig-out "$work/kubeconfig" --pods "$pods" --seed 1 > "$work/sim.log" 2>&1 &
sim=$!
for _ in $(seq 600); do grep -q '^ready' "$work/sim.log" && break; sleep 0.2; done
grep -q '^ready' "$work/sim.log" || { echo "simulator did not start"; cat "$work/sim.log"; exit 1; }
server=$(sed -n 's/^serving //p' "$work/sim.log")
token=$(sed -n '/name: sim-admin/,/token:/s/.*token: //p' "$work/kubeconfig" | head -1)
sed -n '/certificate-authority-data:/s/.*: //p' "$work/kubeconfig" | base64 -d > "$work/ca.pem"
kubectl_bin=$(command -v kubectl.1.32 || command -v kubectl)

source "$here/simulatorsettle.sh"
settle_simulator
results="$work/results"
: > "$results"

warm_simulator

run() { # label, command...: keeps its RESULT lines, wall time and peak RSS (kB) as LABEL_wall_s / LABEL_time_kb
    local label=$1; shift
    echo "running $label ..." >&2
    /usr/bin/time -f "%e %M" -o "$work/$label.time" "$@" > "$work/$label.out" 2> "$work/$label.err" \
        || { echo "$label failed:" >&2; tail -5 "$work/$label.err" >&2; }
    sed -n 's/^RESULT //p' "$work/$label.out" >> "$results"
    read -r wall kb < "$work/$label.time" || true
    echo "${label}_wall_s=$wall" >> "$results"
    echo "${label}_time_kb=$kb" >> "$results"
}
get() { sed -n "s/^$1=//p" "$results" | tail -1; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b + 0 == 0) print "n/a"; else printf "%.1fx", a / b }'; }

bench="$build/tests/benchmarks"
# Cold start alone, three times (the simulator's own periodic work, node heartbeats and the like, lands in
# some runs and not others): the median is the figure.
for i in 1 2 3; do
    echo "running cold start $i ..." >&2
    "$bench/bench_informers" --kubeconfig "$work/kubeconfig" --form table --churn 0 > "$work/cold$i.out" 2>&1 || true
    sed -n 's/^RESULT table_cold_s=/cold_run_s=/p' "$work/cold$i.out" >> "$results"
done
cold_runs=$(sed -n 's/^cold_run_s=//p' "$results" | tr '\n' ' ')
cold_median=$(sed -n 's/^cold_run_s=//p' "$results" | sort -n | sed -n 2p)
run table "$bench/bench_informers" --kubeconfig "$work/kubeconfig" --form table --churn "$churn" --replay
run table_unpaged "$bench/bench_informers" --kubeconfig "$work/kubeconfig" --form table --page-size 0 --churn 0
run objects "$bench/bench_informers" --kubeconfig "$work/kubeconfig" --form objects --churn "$churn"
run gui env QT_QPA_PLATFORM=offscreen "$bench/bench_informers_gui" --kubeconfig "$work/kubeconfig" --rate 5000 --seconds 5
run gui_sorted env QT_QPA_PLATFORM=offscreen "$bench/bench_informers_gui" --kubeconfig "$work/kubeconfig" --rate 5000 --seconds 5 --sorted-by Age
run node node "$node_dir/informer.mjs" "$work/kubeconfig" "$churn"
run kubectl "$kubectl_bin" --kubeconfig "$work/kubeconfig" get pods -A -o name

# kubectl's watch printing events, on one namespace (its list first would take a minute or more for all pods).
watch_events=5000
echo "running kubectl watch ..." >&2
"$kubectl_bin" --kubeconfig "$work/kubeconfig" get pods -n bulk-0 --watch-only --output-watch-events -o name > "$work/watch.out" 2>&1 &
watcher=$!
sleep 3
start=$(date +%s.%N)
curl -s --cacert "$work/ca.pem" -H "Authorization: Bearer $token" -X POST \
    -d "{\"count\":$watch_events,\"namespace\":\"bulk-0\"}" "$server/binnacle-sim/churn" > "$work/watch.churn"
for _ in $(seq 1200); do [ "$(wc -l < "$work/watch.out")" -ge "$watch_events" ] && break; sleep 0.1; done
end=$(date +%s.%N)
kill $watcher 2>/dev/null || true
printed=$(wc -l < "$work/watch.out")
echo "kubectl_watch_eps=$(awk -v n="$printed" -v s="$start" -v e="$end" 'BEGIN { printf "%.0f", n / (e - s) }')" >> "$results"
echo "kubectl_watch_server_ms=$(sed -n 's/.*"durationMs":\([0-9]*\).*/\1/p' "$work/watch.churn")" >> "$results"

pods_seen=$(get table_pods)
node_mb=$(awk -v kb="$(get node_time_kb)" 'BEGIN { printf "%.1f", kb / 1024 }')
kubectl_mb=$(awk -v kb="$(get kubectl_time_kb)" 'BEGIN { printf "%.1f", kb / 1024 }')
cat <<REPORT

Informers vs kubectl ($(basename "$kubectl_bin")) and @kubernetes/client-node, $pods_seen pods, one binnacle-sim run
a. Cold start: list every pod until cached (binnacle: and in the table model)             goal <= 2 s
   binnacle, Table form (the dashboard's), pages of 500  $cold_median s, median of 3 runs ($cold_runs s); with churn to follow $(get table_cold_s) s   (client CPU $(get table_cold_cpu_us_per_object) us/pod)
   binnacle, Table form, one request                     $(get table_unpaged_cold_s) s
   binnacle, Objects form, pages of 500                  $(get objects_cold_s) s
   client-node informer (paged 500, see informer.mjs)    $(get node_cold_s) s   binnacle Table is $(ratio "$(get node_cold_s)" "$cold_median") faster
   kubectl get pods -A -o name                           $(get kubectl_wall_s) s   binnacle Table is $(ratio "$(get kubectl_wall_s)" "$cold_median") faster
b. Watch ingest: pod modifications until the last one shows (binnacle: in the model)     goal >= 50,000/s
   (events/s are bounded by the simulator's write rate, shown as its own time; the client's CPU per event
    says how fast it could go: 1e6 / (us/event) events/s per core)
   binnacle Table, live churn of $churn       $(get table_ingest_eps)/s   $(get table_ingest_cpu_us_per_event) us CPU/event   (server's write time $(get table_ingest_server_ms) ms, model done $(get table_ingest_lag_ms) ms after it)
     per thread: Qt's HTTP $(get table_ingest_cpu_us_per_event_QNetworkAccessM), transport (parsing) $(get table_ingest_cpu_us_per_event_transport), informers (cache) $(get table_ingest_cpu_us_per_event_informers), GUI $(get table_ingest_cpu_us_per_event_bench_informers) us/event
   binnacle Table, burst replayed from history  $(get table_replay_eps)/s   $(get table_replay_cpu_us_per_event) us CPU/event   (the server had the events ready; median of runs at $(sed -n 's/^table_replay_run_eps=//p' "$results" | tr '\n' ' ')/s)
     per thread: Qt's HTTP $(get table_replay_cpu_us_per_event_QNetworkAccessM), transport (parsing) $(get table_replay_cpu_us_per_event_transport), informers (cache) $(get table_replay_cpu_us_per_event_informers), GUI $(get table_replay_cpu_us_per_event_bench_informers) us/event
     then, once the events paused, the cache compressing the burst's objects: $(get table_replay_compaction_s) s, $(get table_replay_compaction_cpu_us_per_event) us CPU/event
   binnacle Objects, live churn of $churn     $(get objects_ingest_eps)/s   $(get objects_ingest_cpu_us_per_event) us CPU/event   (server's write time $(get objects_ingest_server_ms) ms)
   client-node informer, live churn of $churn $(get node_ingest_eps)/s   $(get node_ingest_cpu_us_per_event) us CPU/event   (server's write time $(get node_ingest_server_ms) ms)
   client-node / binnacle Table, CPU per event: $(ratio "$(get node_ingest_cpu_us_per_event)" "$(get table_ingest_cpu_us_per_event)")
   kubectl get -w --output-watch-events, $watch_events in one namespace   $(get kubectl_watch_eps) lines/s (server's own write time $(get kubectl_watch_server_ms) ms)
c. Memory with every pod cached                                                           goal <= 1/10 of client-node, <= 2 KB/pod
   binnacle Table form     RSS $(get table_rss_mb) MB (peak $(get table_peak_rss_mb) MB)   cache $(get table_cache_bytes_per_pod) B/pod, RSS growth $(get table_rss_delta_bytes_per_pod) B/pod
   binnacle Objects form   RSS $(get objects_rss_mb) MB (peak $(get objects_peak_rss_mb) MB)   cache $(get objects_cache_bytes_per_pod) B/pod, RSS growth $(get objects_rss_delta_bytes_per_pod) B/pod
   client-node informer    RSS $(get node_rss_mb) MB (peak $node_mb MB)   RSS growth $(get node_rss_delta_bytes_per_pod) B/pod
   kubectl get -o name     peak $kubectl_mb MB
   client-node / binnacle Table: RSS $(ratio "$(get node_rss_mb)" "$(get table_rss_mb)"), peak $(ratio "$node_mb" "$(get table_peak_rss_mb)")
d. GUI thread, the dashboard's ListView table over the model (offscreen, software renderer), $(get gui_pods) pods   goal < 8 ms
   (stall: wall time between 1 ms ticks; busy: the GUI thread's own CPU in that interval, apart from waiting for a core)
   idle                     longest stall $(get gui_idle_max_stall_ms) ms, p99 $(get gui_idle_p99_stall_ms) ms; longest busy $(get gui_idle_max_busy_ms) ms, p99 $(get gui_idle_p99_busy_ms) ms
   5,000 events/s churn     longest stall $(get gui_churn_max_stall_ms) ms, p99 $(get gui_churn_p99_stall_ms) ms; longest busy $(get gui_churn_max_busy_ms) ms, p99 $(get gui_churn_p99_busy_ms) ms; ingested $(get gui_churn_rate_eps)/s (rows on screen churned)
   through the filter proxy, sorted by Age (the column that ticks every second):
   idle                     longest stall $(get gui_sorted_idle_max_stall_ms) ms, p99 $(get gui_sorted_idle_p99_stall_ms) ms; longest busy $(get gui_sorted_idle_max_busy_ms) ms, p99 $(get gui_sorted_idle_p99_busy_ms) ms
   5,000 events/s churn     longest stall $(get gui_sorted_churn_max_stall_ms) ms, p99 $(get gui_sorted_churn_p99_stall_ms) ms; longest busy $(get gui_sorted_churn_max_busy_ms) ms, p99 $(get gui_sorted_churn_p99_busy_ms) ms; ingested $(get gui_sorted_churn_rate_eps)/s
REPORT
