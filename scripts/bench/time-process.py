#!/usr/bin/python3
"""Runs one command once and prints its wall and CPU time (user + system, all its threads and
child processes) as JSON; its stdout is discarded, a failure is reported and fails this script.

    /usr/bin/python3 scripts/bench/time-process.py TOOL -- COMMAND [ARGS...]
"""
import json
import resource
import subprocess
import sys
import time


def main():
    if len(sys.argv) < 4 or sys.argv[2] != "--":
        sys.exit("usage: time-process.py TOOL -- COMMAND [ARGS...]")
    tool, command = sys.argv[1], sys.argv[3:]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"{tool}: exit {done.returncode}: {done.stderr.strip()[-500:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    print(json.dumps({"tool": tool, "command": command, "wallSeconds": wall, "cpuSeconds": cpu}))


if __name__ == "__main__":
    main()
