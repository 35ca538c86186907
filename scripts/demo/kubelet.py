#!/usr/bin/env python3
"""Plays the kubelet's status writes for the demo's pods, in a control plane that has no kubelet.

  kubelet.py --namespace demo --selector app=checkout [--period 2]

Every --period seconds it lists the selected pods, marks new ones Running (container "app"
waiting in CrashLoopBackOff, restartCount 0), and now and then raises one pod's restartCount by
1-3: bursty restarts, like a crash-looping container. It writes only pod status, through kubectl
(KUBECTL, KUBECONFIG from the environment), and logs each restart burst with the running total.
It never marks a pod Ready: nothing runs, and the demo says so.
"""
import argparse
import json
import os
import random
import subprocess
import sys
import time

KUBECTL = os.environ.get("KUBECTL", "kubectl")


def kubectl(*args):
    return subprocess.run([KUBECTL, *args], check=True, capture_output=True, text=True).stdout


def restart_count(pod):
    statuses = pod.get("status", {}).get("containerStatuses") or []
    return statuses[0].get("restartCount", 0) if statuses else None


def write_status(namespace, name, restarts):
    status = {"status": {"phase": "Running", "containerStatuses": [{
        "name": "app", "image": "registry.k8s.io/pause:3.10", "imageID": "",
        "ready": False, "started": False, "restartCount": restarts,
        "state": {"waiting": {"reason": "CrashLoopBackOff"}}}]}}
    kubectl("patch", "pod", name, "-n", namespace, "--subresource=status", "--type=merge",
            "-p", json.dumps(status))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--namespace", required=True)
    parser.add_argument("--selector", required=True)
    parser.add_argument("--period", type=float, default=2.0)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    total = 0
    while True:
        try:
            pods = json.loads(kubectl("get", "pods", "-n", args.namespace, "-l", args.selector,
                                      "-o", "json"))["items"]
            live = [p for p in pods if not p["metadata"].get("deletionTimestamp")]
            for pod in live:
                if restart_count(pod) is None:
                    write_status(args.namespace, pod["metadata"]["name"], 0)
            # Bursty: most periods nothing, some periods a pod restarts 1-3 times at once.
            if live and rng.random() < 0.3:
                pod = rng.choice(live)
                burst = rng.randint(1, 3)
                write_status(args.namespace, pod["metadata"]["name"],
                             (restart_count(pod) or 0) + burst)
                total += burst
                print(f"kubelet: {pod['metadata']['name']} restarted {burst}x "
                      f"(total {total})", flush=True)
        except subprocess.CalledProcessError as e:
            # A pod deleted between list and patch, or the API server going away at the end.
            print(f"kubelet: {e.stderr.strip()}", file=sys.stderr, flush=True)
        time.sleep(args.period)


if __name__ == "__main__":
    main()
