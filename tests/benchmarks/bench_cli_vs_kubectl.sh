#!/usr/bin/env bash
# binnacle-cli against kubectl on the same simulator data, same run: `get pods -A -o name` over N pods,
# wall time and peak RSS, plus curl downloading the bytes binnacle-cli asks for (metadata only) and the
# full PodList kubectl reads. Prints figures and ratios; asserts nothing.
# Usage: tests/benchmarks/bench_cli_vs_kubectl.sh [BUILD_DIR] [PODS]
set -euo pipefail
build=${1:-build}
pods=${2:-50000}
work=$(mktemp -d)
trap 'kill $sim 2>/dev/null || true; rm -rf "$work"' EXIT

"$build/app/sim/binnacle-sim" --listen 127.0.0.1:0 --kubeconfig-out "$work/kubeconfig" --pods "$pods" > "$work/sim.log" 2>&1 &
sim=$!
for _ in $(seq 600); do grep -q '^ready' "$work/sim.log" && break; sleep 0.2; done
grep -q '^ready' "$work/sim.log" || { echo "simulator did not start"; cat "$work/sim.log"; exit 1; }
server=$(sed -n 's/^serving //p' "$work/sim.log")
token=$(sed -n '/name: sim-admin/,/token:/s/.*token: //p' "$work/kubeconfig" | head -1)
sed -n '/certificate-authority-data:/s/.*: //p' "$work/kubeconfig" | base64 -d > "$work/ca.pem"
kubectl_bin=$(command -v kubectl.1.32 || command -v kubectl)

measure() { # label, command...: prints "seconds maxrss_kb"
    local label=$1; shift
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" > "$work/$label.out" 2> "$work/$label.err" || { echo "$label failed:"; cat "$work/$label.err"; exit 1; }
    cat "$work/time"
}

read -r cli_s cli_kb < <(measure cli "$build/app/cli/binnacle-cli" --kubeconfig "$work/kubeconfig" get pods -A -o name)
read -r kubectl_s kubectl_kb < <(measure kubectl "$kubectl_bin" --kubeconfig "$work/kubeconfig" get pods -A -o name)
read -r meta_s _ < <(measure curl_meta curl -s --cacert "$work/ca.pem" -H "Authorization: Bearer $token" \
    -H 'Accept: application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io,application/json' \
    -o /dev/null "$server/api/v1/pods")
read -r full_s _ < <(measure curl_full curl -s --cacert "$work/ca.pem" -H "Authorization: Bearer $token" -o /dev/null "$server/api/v1/pods")

same=$(cmp -s "$work/cli.out" "$work/kubectl.out" && echo "identical" || echo "DIFFERENT")
lines=$(wc -l < "$work/cli.out")
echo "get pods -A -o name, $pods pods ($lines lines, outputs $same):"
printf '  binnacle-cli  %7.2f s  %8.1f MB RSS\n' "$cli_s" "$(echo "$cli_kb/1024" | bc -l)"
printf '  kubectl       %7.2f s  %8.1f MB RSS\n' "$kubectl_s" "$(echo "$kubectl_kb/1024" | bc -l)"
printf '  ratio         %7.1fx faster, %.1fx less memory\n' "$(echo "$kubectl_s/$cli_s" | bc -l)" "$(echo "$kubectl_kb/$cli_kb" | bc -l)"
printf '  curl, the whole metadata-only list (the bytes binnacle-cli pages through): %.2f s\n' "$meta_s"
printf '  curl, the full PodList kubectl reads: %.2f s (binnacle-cli / full download = %.2f)\n' "$full_s" "$(echo "$cli_s/$full_s" | bc -l)"
