#!/usr/bin/env python3
"""Reads the demo's state from the API server and the operator's /metrics, checks that the
scenario went as described, and tells what happened in plain language.

  report.py --namespace demo --metrics-url http://127.0.0.1:8080/metrics [--quiet]

Exit 0 when every expectation holds (then, unless --quiet, the summary is printed), 1 when some
does not yet (without --quiet, the unmet ones are listed). kubectl and KUBECONFIG come from the
environment (KUBECTL). Nothing here decides anything for the operator: it only reads.
"""
import argparse
import datetime
import json
import os
import subprocess
import sys
import urllib.request

KUBECTL = os.environ.get("KUBECTL", "kubectl")
ERRORS, RESTARTS, WORKLOAD = "checkout-errors", "checkout-restarts", "checkout"


def get(kind, namespace, name=None):
    args = [KUBECTL, "get", kind, "-n", namespace, "-o", "json"] + ([name] if name else [])
    done = subprocess.run(args, capture_output=True, text=True)
    return json.loads(done.stdout) if done.returncode == 0 else None


def when(ts):
    """RFC 3339 -> datetime (UTC)."""
    return datetime.datetime.fromisoformat(ts.replace("Z", "+00:00"))


def hhmm(ts):
    return when(ts).strftime("%H:%M:%S UTC")


def condition(cf, kind):
    for c in (cf or {}).get("status", {}).get("conditions", []):
        if c.get("type") == kind:
            return c
    return {}


def first_surge(cf):
    """The first forecast window whose exceedProbability reaches surge.probability."""
    level = cf["spec"]["surge"]["probability"]
    for w in cf.get("status", {}).get("forecast", []):
        if (w.get("exceedProbability") or 0) >= level:
            return w
    return None


def metrics_lines(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode().splitlines()
    except OSError:
        return []


def gauge(lines, metric, name):
    for line in lines:
        if line.startswith(metric + "{") and f'name="{name}"' in line:
            return float(line.rsplit(" ", 1)[1])
    return None


class Check:
    def __init__(self):
        self.results = []

    def expect(self, ok, text):
        self.results.append((bool(ok), text))
        return bool(ok)

    def unmet(self):
        return [text for ok, text in self.results if not ok]


def evaluate(ns, metrics_url):
    errors, restarts = get("countforecast", ns, ERRORS), get("countforecast", ns, RESTARTS)
    hpa, deploy = get("hpa", ns, WORKLOAD), get("deployment", ns, WORKLOAD)
    pods = (get("pods", ns) or {}).get("items", [])
    lines = metrics_lines(metrics_url)
    c = Check()
    facts = {}
    for cf, name in ((errors, ERRORS), (restarts, RESTARTS)):
        st = (cf or {}).get("status", {})
        c.expect(cf and st.get("observedGeneration") == cf["metadata"]["generation"],
                 f"{name}: status.observedGeneration matches the spec")
        c.expect(condition(cf, "Ready").get("status") == "True",
                 f"{name}: condition Ready is True (reason now: "
                 f"{condition(cf, 'Ready').get('reason', 'none yet')})")
        c.expect(st.get("forecast"), f"{name}: status.forecast has windows")
        c.expect(gauge(lines, "countcast_surge_probability", name) is not None,
                 f"{name}: countcast_surge_probability is served on {metrics_url}")
    surge = first_surge(errors) if errors else None
    action = (errors or {}).get("status", {}).get("action") or {}
    if c.expect(surge, f"{ERRORS}: a forecast window reaches the surge probability"):
        facts["surge"] = surge
    raised = action.get("state") == "Raised"
    c.expect(raised, f"{ERRORS}: status.action.state is Raised (now: {action.get('state')})")
    if raised and surge:
        c.expect(when(action["lastTransitionTime"]) < when(surge["start"]),
                 f"{ERRORS}: the floor went up before the first surge window starts")
    floor = action.get("appliedMinReplicas")
    c.expect(hpa and floor and hpa["spec"].get("minReplicas") == floor,
             f"HPA {WORKLOAD}: spec.minReplicas is the surge floor {floor}")
    c.expect(deploy and floor and deploy["spec"].get("replicas") == floor,
             f"Deployment {WORKLOAD}: the HPA scaled spec.replicas to {floor} "
             f"(now {deploy and deploy['spec'].get('replicas')})")
    restarted = sum(((p.get("status", {}).get("containerStatuses") or [{}])[0]
                     .get("restartCount", 0)) for p in pods)
    c.expect(restarted > 0, f"pods of {WORKLOAD}: some container restarts happened")
    lease = get("lease", "countcast-system", "countcast-operator") or {}
    holder = lease.get("spec", {}).get("holderIdentity")
    c.expect(holder, "the operator holds Lease countcast-system/countcast-operator")
    facts.update(errors=errors, restarts=restarts, hpa=hpa, deploy=deploy, action=action,
                 restarted=restarted, pods=len(pods), holder=holder)
    return c, facts


def describe_forecast(cf, unit):
    st, spec = cf["status"], cf["spec"]
    model = st.get("model", {})
    nxt = st["forecast"][0]
    reason = (model.get("selectionReason") or "").split(";")[0]   # the rest: skipped candidates
    out = [f"  {st.get('samples')} windows of {spec['window']} in its history; model fitted at "
           f"{hhmm(st['lastTrainedTime'])}" if st.get("lastTrainedTime") else "",
           f"  model: {model.get('family')} ({reason})" if reason else "",
           f"  current window (from {hhmm(nxt['start'])}): expected {nxt['expected']:.1f} {unit}, "
           f"90% interval {nxt['lower']}-{nxt['upper']}",
           f"  P(more than {spec['surge']['threshold']} {unit} in some window of the next "
           f"{spec['horizon']}) = {st.get('surgeProbability', 0):.2f}"]
    return [line for line in out if line]


def summary(f, metrics_url):
    e, s, a = f["errors"], f["surge"], f["action"]
    spec = e["spec"]
    raised_at = when(a["lastTransitionTime"])
    ahead = (when(s["start"]) - raised_at).total_seconds() / 60
    lines = ["", "What happened, and why", "",
             f"{ERRORS}: 5xx responses of checkout per {spec['window']}, from Prometheus"]
    lines += describe_forecast(e, "errors")
    lines += [
        f"  the first window at least {spec['surge']['probability']:.0%} likely to exceed "
        f"{spec['surge']['threshold']} starts at {hhmm(s['start'])}: expected "
        f"{s['expected']:.1f} errors, 90% interval {s['lower']}-{s['upper']}, "
        f"P = {s['exceedProbability']:.2f}",
        f"  that is within leadTime {spec['action']['leadTime']}, so at "
        f"{raised_at.strftime('%H:%M:%S UTC')} the operator raised HPA {WORKLOAD}'s minReplicas "
        f"from {a.get('originalMinReplicas')} to {a.get('appliedMinReplicas')}, "
        f"{ahead:.0f} minutes before that window",
        f"  the HPA controller then scaled Deployment {WORKLOAD} to "
        f"{f['deploy']['spec']['replicas']} replicas ({f['pods']} pods exist; "
        + ("they run on the real node and crash-loop)" if f["real"] else
           "they stay Pending: this control plane has no kubelet)"),
        f"  after the peak it will restore the floor, {spec['action']['cooldown']} after the last "
        f"surge window; if a person or GitOps edits minReplicas meanwhile, the operator steps back",
        "",
        f"{RESTARTS}: container restarts of checkout's pods per {f['restarts']['spec']['window']},"
        f" from the Kubernetes API"]
    lines += describe_forecast(f["restarts"], "restarts")
    lines += [f"  the {'real kubelet' if f['real'] else 'demo' + chr(39) + 's stand-in kubelet'} has "
              f"restarted containers {f['restarted']} times in the pods that exist now; "
              f"action None: forecast only",
              "",
              ("The operator ran in-cluster from manifests/ (2 replicas)" if f["real"] else
               "The operator ran") + " as ServiceAccount countcast-system/countcast-operator "
              "with only the RBAC of manifests/20-rbac.yaml,",
              f"and as leader of Lease countcast-system/countcast-operator (holder: {f['holder']}).",
              "",
              f"Both forecasts, their intervals and surge probabilities are on {metrics_url} "
              f"(countcast_*)."]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--namespace", default="demo")
    parser.add_argument("--metrics-url", required=True)
    parser.add_argument("--quiet", action="store_true")
    parser.add_argument("--restarts", choices=["real", "simulated"], default="simulated",
                        help="real: pods run on a node of scripts/node.sh (scripts/demo.sh --node)")
    args = parser.parse_args()
    check, facts = evaluate(args.namespace, args.metrics_url)
    facts["real"] = args.restarts == "real"
    unmet = check.unmet()
    if not args.quiet:
        if unmet:
            print("Not (yet) as described:")
            print("\n".join("  - " + text for text in unmet))
        else:
            print(summary(facts, args.metrics_url))
    sys.exit(1 if unmet else 0)


if __name__ == "__main__":
    main()
