#!/usr/bin/env python3
"""The workload side of scripts/bench/scale.sh (see there): generates the objects and the
Prometheus history, makes a few pods restart, watches the CountForecasts and the operator, and
prints the measured table. Standard library only.

  scale.py openmetrics N FILE          Prometheus history of the N/2 Prometheus workloads
  scale.py manifests N FILE            namespaces, Deployments and CountForecasts (YAML)
  scale.py run N DIR                   restart noise + measurements until done; writes DIR/result.json
"""
import calendar
import json
import math
import os
import random
import re
import ssl
import subprocess
import sys
import threading
import time
import urllib.request

PER_NAMESPACE = 25          # workloads per namespace
NOISY_SHARE = 0.1           # share of workloads with restarts / errors; the rest are quiet
RESTART_WINDOW_S = 30
RESTART_MIN_SAMPLES = 4
PROM_WINDOW_S = 60
PROM_HISTORY_S = 2 * 3600
PROM_MIN_SAMPLES = 12
TRAIN_EVERY = "2m"
OPERATOR_USER = "countcast-bench-operator"


def workloads(n):
    """(namespace, name, kind, noisy) for each of the n workloads: even = restarts, odd = Prometheus."""
    rnd = random.Random(19)
    out = []
    for i in range(n):
        kind = "restarts" if i % 2 == 0 else "prometheus"
        out.append((f"bench-{i // PER_NAMESPACE}", f"w-{i}", kind, rnd.random() < NOISY_SHARE))
    return out


def openmetrics(n, path):
    now = int(time.time()) // 60 * 60
    start = now - 3 * 3600
    rnd = random.Random(7)
    with open(path, "w") as f:
        f.write("# HELP bench_errors Errors served.\n# TYPE bench_errors counter\n")
        for ns, name, kind, noisy in workloads(n):
            if kind != "prometheus":
                continue
            total = 0
            for t in range(start, now + 1, 15):
                if noisy:
                    total += sum(1 for _ in range(4) if rnd.random() < 0.3)
                f.write(f'bench_errors_total{{namespace="{ns}",app="{name}"}} {total} {t}\n')
        f.write("# EOF\n")


def manifests(n, path):
    docs = []
    namespaces = sorted({w[0] for w in workloads(n)})
    for ns in namespaces:
        docs.append({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": ns}})
    for ns, name, kind, noisy in workloads(n):
        labels = {"app": name}
        docs.append({"apiVersion": "apps/v1", "kind": "Deployment",
                     "metadata": {"name": name, "namespace": ns},
                     "spec": {"replicas": 1 if kind == "restarts" else 0,
                              "selector": {"matchLabels": labels},
                              "template": {"metadata": {"labels": labels},
                                           "spec": {"containers": [{"name": "app",
                                                                    "image": "registry.k8s.io/pause:3.10"}]}}}})
        spec = {"targetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": name},
                "trainEvery": TRAIN_EVERY, "model": {"seasonality": []},
                "surge": {"threshold": 20, "probability": 0.8}}
        if kind == "restarts":
            spec.update({"signal": {"podRestarts": {}}, "window": f"{RESTART_WINDOW_S}s",
                         "history": "1h", "horizon": "5m", "minSamples": RESTART_MIN_SAMPLES})
        else:
            spec.update({"signal": {"prometheus": {
                "query": f'sum(increase(bench_errors_total{{app="{name}"}}[$window]))'}},
                "window": f"{PROM_WINDOW_S}s", "history": f"{PROM_HISTORY_S // 3600}h",
                "horizon": "10m", "minSamples": PROM_MIN_SAMPLES})
        docs.append({"apiVersion": "countcast.io/v1alpha1", "kind": "CountForecast",
                     "metadata": {"name": name, "namespace": ns}, "spec": spec})
    with open(path, "w") as f:
        f.write(json.dumps({"apiVersion": "v1", "kind": "List", "items": docs}))


class Api:
    """The API server as the bench's admin (not the operator's identity)."""

    def __init__(self, server, pki):
        self.server = server
        ctx = ssl.create_default_context(cafile=f"{pki}/ca.crt")
        ctx.load_cert_chain(f"{pki}/admin.crt", f"{pki}/admin.key")
        self.ctx = ctx

    def call(self, method, path, body=None, content_type="application/json"):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.server + path, data=data, method=method,
                                     headers={"Content-Type": content_type})
        with urllib.request.urlopen(req, context=self.ctx, timeout=60) as r:
            return json.loads(r.read())


def restart_noise(api, n, stop):
    """Every 15 s, each noisy restart workload's pod restarts with probability 0.3."""
    rnd = random.Random(3)
    counts = {}
    noisy = [w for w in workloads(n) if w[2] == "restarts" and w[3]]
    while not stop.is_set():
        for ns, name, _, _ in noisy:
            if rnd.random() >= 0.3:
                continue
            try:
                pods = api.call("GET", f"/api/v1/namespaces/{ns}/pods?labelSelector=app%3D{name}")["items"]
                for pod in pods:
                    pname = pod["metadata"]["name"]
                    counts[pname] = counts.get(pname, 0) + 1
                    api.call("PATCH", f"/api/v1/namespaces/{ns}/pods/{pname}/status",
                             {"status": {"phase": "Running", "containerStatuses": [{
                                 "name": "app", "ready": True, "restartCount": counts[pname],
                                 "image": "registry.k8s.io/pause:3.10", "imageID": "",
                                 "state": {"running": {}}}]}},
                             "application/merge-patch+json")
            except Exception as e:  # a pod being replaced: next round
                print(f"noise: {ns}/{name}: {e}", file=sys.stderr)
        stop.wait(15)


def proc_stats(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    cpu = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    rss = hwm = 0
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1]) * 1024
            elif line.startswith("VmHWM:"):
                hwm = int(line.split()[1]) * 1024
    return cpu, rss, hwm


def heap_after_gc(pid):
    subprocess.run(["jcmd", str(pid), "GC.run"], capture_output=True, timeout=60)
    out = subprocess.run(["jstat", "-gc", str(pid)], capture_output=True, text=True,
                         timeout=60).stdout.split("\n")
    head, values = out[0].split(), out[1].split()
    row = dict(zip(head, values))
    return sum(float(row[k]) for k in ("S0U", "S1U", "EU", "OU")) * 1024


def load1():
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


def scrape(url):
    with urllib.request.urlopen(url, timeout=30) as r:
        return r.read().decode()


def fit_buckets(metrics):
    buckets = {}
    for m in re.finditer(r'^countcast_fit_seconds_bucket\{le="([^"]+)"[^}]*\} (\S+)$', metrics, re.M):
        le = math.inf if m.group(1) == "+Inf" else float(m.group(1))
        buckets[le] = float(m.group(2))
    return buckets


def quantile(q, before, after):
    """histogram_quantile over the bucket increase between two scrapes (linear in a bucket)."""
    les = sorted(after)
    inc = [after[le] - before.get(le, 0) for le in les]
    total = inc[-1] if inc else 0
    if total <= 0:
        return None
    rank = q * total
    prev_le, prev_c = 0.0, 0.0
    for le, c in zip(les, inc):
        if c >= rank:
            if le == math.inf:
                return prev_le
            return prev_le + (le - prev_le) * (rank - prev_c) / max(c - prev_c, 1e-12)
        prev_le, prev_c = le, c
    return les[-2]


def prom_requests(prom_url):
    text = scrape(prom_url + "/metrics")
    total = 0.0
    for m in re.finditer(r'^prometheus_http_requests_total\{[^}]*handler="/api/v1/query(_range)?"[^}]*\} (\S+)$',
                         text, re.M):
        total += float(m.group(2))
    return total


def audit_counts(path, since, until):
    counts = {}
    with open(path) as f:
        for line in f:
            e = json.loads(line)
            if e.get("stage") != "ResponseComplete" or e["user"]["username"] != OPERATOR_USER:
                continue
            t = e["stageTimestamp"]
            ts = time.mktime(time.strptime(t[:19], "%Y-%m-%dT%H:%M:%S")) - time.timezone
            if ts < since or ts > until:
                continue
            ref = e.get("objectRef", {})
            res = ref.get("resource", e["requestURI"].split("?")[0])
            if ref.get("subresource"):
                res += "/" + ref["subresource"]
            key = e["verb"] + " " + res
            counts[key] = counts.get(key, 0) + 1
    return counts


def history_bytes(api):
    by_kind = {"restarts": [], "prometheus": []}
    maps = api.call("GET", "/api/v1/configmaps?labelSelector=app.kubernetes.io%2Fmanaged-by%3Dcountcast")
    for cm in maps["items"]:
        i = int(cm["metadata"]["name"].split("-")[1])
        size = sum(len(k) + len(v.encode()) for k, v in (cm.get("data") or {}).items())
        by_kind["restarts" if i % 2 == 0 else "prometheus"].append(size)
    return {k: (sum(v) / len(v) if v else None, len(v)) for k, v in by_kind.items()}


def restart_lags(api, t_start, first_forecast):
    """Per restart CountForecast: its first forecast (s after operator start) minus the moment its
    history allowed one, the end of the RESTART_MIN_SAMPLES-th whole window after both the
    operator and its pod existed. The pods are created by the controller-manager at its own
    pace (tens a second, minutes for hundreds), and a CountForecast has no history before its pod:
    counting from the operator's start would blame the operator for the controller-manager."""
    created = {}
    for pod in api.call("GET", "/api/v1/pods")["items"]:
        stamp = calendar.timegm(time.strptime(pod["metadata"]["creationTimestamp"], "%Y-%m-%dT%H:%M:%SZ"))
        key = pod["metadata"]["namespace"] + "/" + (pod["metadata"].get("labels") or {}).get("app", "")
        created[key] = min(created.get(key, math.inf), stamp)
    lags, pods_at = [], []
    for key, t in first_forecast.items():
        if int(key.split("/w-")[1]) % 2 or key not in created:
            continue
        begins = max(created[key], t_start)
        allows = (math.ceil(begins / RESTART_WINDOW_S) + RESTART_MIN_SAMPLES) * RESTART_WINDOW_S
        lags.append(t - (allows - t_start))
        pods_at.append(created[key] - t_start)
    if not lags:
        return None
    lags.sort()
    return {"pods_created_s": [round(min(pods_at), 1), round(max(pods_at), 1)],
            "lag_p50_s": round(lags[len(lags) // 2], 1), "lag_max_s": round(lags[-1], 1),
            "counted": len(lags)}


def run(n, d):
    cfg = json.load(open(f"{d}/run.json"))
    api = Api(cfg["apiserver"], cfg["pki"])
    pid, metrics_url, prom_url = cfg["operator_pid"], cfg["metrics_url"], cfg["prometheus_url"]
    t_start = cfg["operator_started"]
    stop = threading.Event()
    threading.Thread(target=restart_noise, args=(api, n, stop), daemon=True).start()
    first_forecast = {}
    peak_rss = 0
    samples = []
    deadline = t_start + cfg["max_wait_s"]
    while len(first_forecast) < n and time.time() < deadline:
        now = time.time()
        for cf in api.call("GET", "/apis/countcast.io/v1alpha1/countforecasts")["items"]:
            key = cf["metadata"]["namespace"] + "/" + cf["metadata"]["name"]
            if key not in first_forecast and (cf.get("status") or {}).get("forecast"):
                first_forecast[key] = now - t_start
        cpu, rss, hwm = proc_stats(pid)
        peak_rss = max(peak_rss, hwm)
        samples.append((now - t_start, len(first_forecast), rss, load1()))
        print(f"t={now - t_start:6.0f}s forecasting {len(first_forecast)}/{n} rss={rss >> 20} MiB "
              f"load={load1():.2f}", flush=True)
        time.sleep(5)
    t_all = max(first_forecast.values()) if len(first_forecast) == n else None
    lags = restart_lags(api, t_start, first_forecast)
    by_kind = {"restarts": [], "prometheus": []}
    for key, t in first_forecast.items():
        i = int(key.split("/w-")[1])
        by_kind["restarts" if i % 2 == 0 else "prometheus"].append(t)
    # Steady state: everything forecasting; measure over the next steady_s seconds.
    steady_s = cfg["steady_s"]
    m0, cpu0, p0, a0, l0 = scrape(metrics_url), proc_stats(pid)[0], prom_requests(prom_url), time.time(), [load1()]
    while time.time() < a0 + steady_s:
        time.sleep(10)
        l0.append(load1())
        peak_rss = max(peak_rss, proc_stats(pid)[2])
    m1, cpu1, p1, a1 = scrape(metrics_url), proc_stats(pid)[0], prom_requests(prom_url), time.time()
    minutes = (a1 - a0) / 60
    b0, b1 = fit_buckets(m0), fit_buckets(m1)
    fits = (b1.get(math.inf, 0) - b0.get(math.inf, 0))
    heap = heap_after_gc(pid)
    rss_now, hwm = proc_stats(pid)[1:]
    stop.set()
    api_counts = audit_counts(cfg["audit_log"], a0, a1)
    result = {
        "n": n,
        "forecasting": len(first_forecast),
        "all_forecasting_s": t_all,
        # Counted from the operator's start only (ignores when the pods were created): the
        # minSamples-th whole window (aligned to the epoch) closes then; a partial first window
        # may count too, which makes it one window earlier.
        "restarts_history_allows_s": round(math.ceil(t_start / RESTART_WINDOW_S) * RESTART_WINDOW_S
                                           + RESTART_MIN_SAMPLES * RESTART_WINDOW_S - t_start, 1),
        # Per CountForecast, from when its pod existed (restart_lags): the 60 s goal.
        "restarts_after_history_allows_s": lags,
        "restarts_last_forecast_s": max(by_kind["restarts"]) if by_kind["restarts"] else None,
        "prometheus_last_forecast_s": max(by_kind["prometheus"]) if by_kind["prometheus"] else None,
        "load_during_rampup": [round(s[3], 2) for s in samples[:: max(1, len(samples) // 8)]],
        "steady_minutes": round(minutes, 2),
        "fits_per_min": round(fits / minutes, 1),
        "refit_p50_ms": None if quantile(0.5, b0, b1) is None else round(quantile(0.5, b0, b1) * 1000, 1),
        "refit_p99_ms": None if quantile(0.99, b0, b1) is None else round(quantile(0.99, b0, b1) * 1000, 1),
        "cpu_s_per_min": round((cpu1 - cpu0) / minutes, 2),
        "peak_rss_mib": round(max(peak_rss, hwm) / 2**20, 1),
        "rss_end_mib": round(rss_now / 2**20, 1),
        "heap_after_gc_mib": round(heap / 2**20, 1),
        "prometheus_requests_per_min": round((p1 - p0) / minutes, 1),
        "api_requests_per_min": {k: round(v / minutes, 1) for k, v in sorted(api_counts.items())},
        "history_bytes_per_cf": history_bytes(api),
        "load_during_steady": [min(l0), max(l0)],
    }
    with open(f"{d}/result.json", "w") as f:
        json.dump(result, f, indent=2)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    cmd, n = sys.argv[1], int(sys.argv[2])
    {"openmetrics": openmetrics, "manifests": manifests, "run": run}[cmd](n, sys.argv[3])
