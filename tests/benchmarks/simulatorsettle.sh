# Sourced by the benchmark scripts, after they have started binnacle-sim and set $server, $token and
# $work (holding ca.pem). Defines:
#   settle_simulator  waits until the cluster is settled. A fresh simulator's kubelet first moves every pod
#                     to Running: tens of thousands of writes that would load the server during whichever
#                     client runs first. It returns once fewer than 50 writes a second happen (the cluster's
#                     resourceVersion counts every write), or after four minutes.
#   warm_simulator    one unmeasured Table list of every pod. The server keeps what it derives from each
#                     stored object version (its serialised JSON, its Table row's facts) for later requests,
#                     and the first request after the settling writes computes them: every client measured
#                     after the first would find them ready. This gives the first the same server as the rest.
cluster_version() {
    curl -s --cacert "$work/ca.pem" -H "Authorization: Bearer $token" "$server/api/v1/namespaces?limit=1" |
        grep -o '"resourceVersion":"[0-9]*"' | head -1 | tr -dc '0-9'
}

settle_simulator() {
    echo "waiting for the simulator to settle ..." >&2
    local previous current
    previous=$(cluster_version)
    for _ in $(seq 120); do
        sleep 2
        current=$(cluster_version)
        [ -n "$previous" ] && [ -n "$current" ] && [ $((current - previous)) -lt 100 ] && break
        previous=$current
    done
}

warm_simulator() {
    echo "warming the server's caches with one Table list ..." >&2
    curl -s --cacert "$work/ca.pem" -H "Authorization: Bearer $token" \
        -H 'Accept: application/json;as=Table;v=v1;g=meta.k8s.io' "$server/api/v1/pods" > /dev/null
}
