#!/usr/bin/env python3
"""Synthetic HTTP traffic of the demo's "checkout" service, as Prometheus counters.

  traffic.py backfill --peak-at EPOCH --days N --end EPOCH --out FILE.om
      writes N days of per-minute samples ending at --end (exclusive) in OpenMetrics,
      for `promtool tsdb create-blocks-from openmetrics` (scripts/prometheus.sh backfill)
  traffic.py serve --peak-at EPOCH --days N --end EPOCH --port P
      serves the same counters live on 127.0.0.1:P/metrics, continuing from --end, so the
      backfilled history and the scraped samples form one series

Two counters, http_requests_total{code="200"} and {code="500"}, labelled like a scrape of
namespace "demo" (job "checkout"); Prometheus keeps the labels with honor_labels. Every minute
of traffic is drawn from a generator seeded by that minute alone, so backfill and serve agree.

The shape, realistic in kind rather than copied from a real service:
  - requests follow a day/night cycle, a bit lower at weekends;
  - errors have a base rate and a daily peak: every day at the time of day of --peak-at
    (a nightly batch job that slows the database, say) the error rate climbs for ~2 hours;
  - error counts are overdispersed (gamma-Poisson, i.e. negative binomial), as real ones are.
"""
import argparse
import http.server
import math
import random
import sys
import threading
import time

DAY = 86400
NAMESPACE, JOB, INSTANCE = "demo", "checkout", "checkout-demo"
REQUESTS_PER_MINUTE = 1200.0
ERRORS_BASE_PER_MINUTE = 0.6     # ~3 per 5 minutes off-peak
ERRORS_PEAK_FACTOR = 15.0        # ~45 per 5 minutes at the top of the daily peak
PEAK_SIGMA_SECONDS = 75 * 60     # width of the daily peak
ERROR_DISPERSION = 4.0           # gamma shape: variance = mu + mu^2/4 per minute


def day_distance(t, peak_at):
    """Seconds between t's time of day and the peak's, on the 24 h circle."""
    d = (t - peak_at) % DAY
    return min(d, DAY - d)


def poisson(rng, lam):
    if lam <= 0:
        return 0
    if lam > 50:  # normal approximation; exact enough for request volume
        return max(0, int(round(rng.gauss(lam, math.sqrt(lam)))))
    limit, k, p = math.exp(-lam), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


def minute_counts(minute, peak_at):
    """(requests without error, errors) in the minute starting at minute*60, deterministic."""
    t = minute * 60
    rng = random.Random(minute)
    weekday = time.gmtime(t).tm_wday
    weekend = 0.75 if weekday >= 5 else 1.0
    # Traffic peaks in the afternoon (UTC) regardless of the error peak.
    phase = 2 * math.pi * ((t % DAY) / DAY - 15 / 24)
    requests = poisson(rng, REQUESTS_PER_MINUTE * weekend * (1 + 0.5 * math.cos(phase)))
    d = day_distance(t, peak_at)
    bump = math.exp(-0.5 * (d / PEAK_SIGMA_SECONDS) ** 2)
    mu = ERRORS_BASE_PER_MINUTE * weekend * math.exp(math.log(ERRORS_PEAK_FACTOR) * bump)
    errors = min(requests, poisson(rng, rng.gammavariate(ERROR_DISPERSION, mu / ERROR_DISPERSION)))
    return requests - errors, errors


class Counters:
    """Cumulative counters from the first backfilled minute up to a given minute."""

    def __init__(self, first_minute, peak_at):
        self.peak_at = peak_at
        self.next_minute = first_minute
        self.ok = 0
        self.errors = 0
        self.lock = threading.Lock()

    def advance_to(self, minute):
        """Adds every whole minute before `minute`."""
        with self.lock:
            while self.next_minute < minute:
                ok, err = minute_counts(self.next_minute, self.peak_at)
                self.ok += ok
                self.errors += err
                self.next_minute += 1
            return self.ok, self.errors


def labels(code):
    return f'code="{code}",instance="{INSTANCE}",job="{JOB}",namespace="{NAMESPACE}"'


def backfill(args):
    first, end = args.end // 60 - args.days * 1440, args.end // 60
    counters = Counters(first, args.peak_at)
    ok_lines, err_lines = [], []
    for minute in range(first + 1, end + 1):
        ok, err = counters.advance_to(minute)
        t = minute * 60
        ok_lines.append(f"http_requests_total{{{labels(200)}}} {ok} {t}\n")
        err_lines.append(f"http_requests_total{{{labels(500)}}} {err} {t}\n")
    with open(args.out, "w") as out:
        out.write("# HELP http_requests Requests served by checkout, by status code.\n")
        out.write("# TYPE http_requests counter\n")
        out.writelines(ok_lines)
        out.writelines(err_lines)
        out.write("# EOF\n")


def serve(args):
    counters = Counters(args.end // 60 - args.days * 1440, args.peak_at)

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path != "/metrics":
                self.send_error(404)
                return
            # Minutes that have ended, as the backfilled sample at time t counts them.
            ok, err = counters.advance_to(int(time.time()) // 60)
            body = ("# HELP http_requests_total Requests served by checkout, by status code.\n"
                    "# TYPE http_requests_total counter\n"
                    f"http_requests_total{{{labels(200)}}} {ok}\n"
                    f"http_requests_total{{{labels(500)}}} {err}\n").encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; version=0.0.4")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, fmt, *a):  # scrapes every 15 s would flood the demo's log
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    print(f"traffic: serving /metrics on 127.0.0.1:{args.port}", flush=True)
    server.serve_forever()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("backfill", "serve"):
        p = sub.add_parser(name)
        p.add_argument("--peak-at", type=int, required=True, help="epoch second of a daily peak")
        p.add_argument("--days", type=int, required=True, help="days of backfilled history")
        p.add_argument("--end", type=int, required=True, help="epoch second the backfill ends")
        if name == "backfill":
            p.add_argument("--out", required=True)
        else:
            p.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    if args.end % 60:
        sys.exit("traffic.py: --end must be a whole minute")
    backfill(args) if args.command == "backfill" else serve(args)


if __name__ == "__main__":
    main()
