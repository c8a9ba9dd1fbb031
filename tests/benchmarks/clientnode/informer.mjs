// The @kubernetes/client-node informer on the same simulator data as bench_informers: cold start (list
// into the cache, watch open), memory with every pod cached, and watch ingest while the simulator churns
// pods. Prints "RESULT key=value" lines for tests/benchmarks/bench_informers.sh.
// Usage: node informer.mjs KUBECONFIG CHURN_COUNT
import * as k8s from '@kubernetes/client-node';
import { readFileSync } from 'node:fs';
import https from 'node:https';

const [kubeconfigFile, churnArg] = process.argv.slice(2);
const churnCount = Number(churnArg ?? 0);

const kc = new k8s.KubeConfig();
kc.loadFromFile(kubeconfigFile);
kc.setCurrentContext('sim-admin');
const api = kc.makeApiClient(k8s.CoreV1Api);

function memoryKb() {
    const status = readFileSync('/proc/self/status', 'utf8');
    const field = (name) => Number(status.match(new RegExp(`^${name}:\\s+(\\d+)`, 'm'))[1]);
    return { rss: field('VmRSS'), hwm: field('VmHWM') };
}

// POST to the simulator's control endpoint with the admin context's token and CA.
function postControl(path, body) {
    const cluster = kc.getCurrentCluster();
    const user = kc.getCurrentUser();
    const url = new URL(cluster.server + path);
    const payload = JSON.stringify(body);
    return new Promise((resolve, reject) => {
        const request = https.request(url, {
            method: 'POST',
            ca: Buffer.from(cluster.caData, 'base64'),
            headers: { Authorization: `Bearer ${user.token}`, 'Content-Type': 'application/json' },
        }, (response) => {
            let text = '';
            response.on('data', (chunk) => { text += chunk; });
            response.on('end', () => response.statusCode === 200 ? resolve(JSON.parse(text))
                                                                 : reject(new Error(text)));
        });
        request.on('error', reject);
        request.end(payload);
    });
}

const memoryBefore = memoryKb();
// Paged by 500 as client-go's reflector pages: one unpaged PodList of 50,000 realistic pods (~13 KB each) is
// longer than the longest string V8 can hold, and listPodForAllNamespaces() then fails outright.
async function listAllPods() {
    const items = [];
    let list;
    let _continue;
    do {
        list = await api.listPodForAllNamespaces({ limit: 500, _continue });
        items.push(...list.items);
        _continue = list.metadata?._continue;
    } while (_continue);
    list.items = items;
    return list;
}
const informer = k8s.makeInformer(kc, '/api/v1/pods', listAllPods);
informer.on('error', (err) => console.error('informer error:', err?.message ?? err));
let started = performance.now();
await informer.start(); // resolves once the list is cached and the watch is open
const coldSeconds = (performance.now() - started) / 1000;
const pods = informer.list().length;
const memoryCached = memoryKb();
console.log(`RESULT node_cold_s=${coldSeconds.toFixed(3)}`);
console.log(`RESULT node_pods=${pods}`);
console.log(`RESULT node_rss_mb=${(memoryCached.rss / 1024).toFixed(1)}`);
console.log(`RESULT node_rss_delta_bytes_per_pod=${Math.round((memoryCached.rss - memoryBefore.rss) * 1024 / pods)}`);

if (churnCount > 0) {
    // The simulator answers when its last write is done, naming the pod and resourceVersion that mark the end.
    let target = null;
    let finished = null;
    const reached = new Promise((resolve) => { finished = resolve; });
    const check = (pod) => {
        if (target && pod.metadata.namespace === target.namespace && pod.metadata.name === target.name &&
            BigInt(pod.metadata.resourceVersion) >= target.resourceVersion) {
            finished();
        }
    };
    informer.on('update', check);
    const cpuBefore = process.cpuUsage();
    started = performance.now();
    const answer = await postControl('/binnacle-sim/churn', { count: churnCount });
    const [namespace, name] = answer.lastKey.split('/');
    target = { namespace, name, resourceVersion: BigInt(answer.lastResourceVersion) };
    const current = informer.get(name, namespace);
    if (current) {
        check(current);
    }
    await reached;
    const seconds = (performance.now() - started) / 1000;
    console.log(`RESULT node_ingest_eps=${Math.round(churnCount / seconds)}`);
    const cpu = process.cpuUsage(cpuBefore);
    console.log(`RESULT node_ingest_cpu_us_per_event=${((cpu.user + cpu.system) / churnCount).toFixed(1)}`);
    console.log(`RESULT node_ingest_server_ms=${answer.durationMs}`);
}
const memoryEnd = memoryKb();
console.log(`RESULT node_hwm_mb=${(memoryEnd.hwm / 1024).toFixed(1)}`);
await informer.stop();
process.exit(0);
