#!/usr/bin/env python3
"""Replays peer-bench remote_write datasets against a running Strata and breaks the server's CPU
down per thread group (from /proc/<pid>/task/*/stat before and after each replay). Never part of CI.

usage: bench/ingest-replay.py --pid PID --url http://127.0.0.1:PORT DATASET [DATASET ...]

Each dataset (peerbench.py gen --out DIR) is replayed the way peerbench.py's ingest phase does it
(4 keep-alive connections, a barrier per time window), and measured on its own: replay a dataset
with an earlier --end first to measure the second one with the JIT warm.
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "tools", "peer-bench"))
import peerbench  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")
GROUPS = [
    ("jit", re.compile(r"^C[12] CompilerThre")),
    ("gc", re.compile(r"^(VM Thread|GC Thread|G1 |VM Periodic|Concurrent)")),
    ("netty-io", re.compile(r"^strata-http")),
    ("workers", re.compile(r"^strata-worker")),
    ("wal", re.compile(r"(?i)wal")),
    ("sql-warmup", re.compile(r"(?i)warm")),
]


def threads(pid):
    out = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                s = f.read()
        except OSError:
            continue
        name = s[s.index("(") + 1:s.rindex(")")]
        fields = s[s.rindex(")") + 2:].split()
        out[tid] = (name, (int(fields[11]) + int(fields[12])) / TICKS)
    return out


def group(name):
    for g, rx in GROUPS:
        if rx.search(name):
            return g
    return "other"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--pid", type=int, required=True)
    p.add_argument("--url", required=True)
    p.add_argument("--concurrency", type=int, default=4)
    p.add_argument("--by-name", action="store_true", help="print every thread name, not only groups")
    p.add_argument("--flush", action="store_true", help="POST /flush after each dataset (outside the window)")
    p.add_argument("--jfr", help="record the last dataset's replay with JFR (settings=profile) into this file")
    p.add_argument("--uptime", action="store_true", help="print the JVM's uptime around each replay (jcmd VM.uptime), "
                   "to place -XX:+PrintCompilation lines")
    p.add_argument("--jfr-settings", default="profile", help="JFR settings name or .jfc file")
    p.add_argument("datasets", nargs="+")
    a = p.parse_args()
    for k, ds in enumerate(a.datasets):
        windows = peerbench.load_requests(ds)
        jfr = a.jfr and k == len(a.datasets) - 1
        if jfr:
            subprocess.run(["jcmd", str(a.pid), "JFR.start", "name=replay", "settings=" + a.jfr_settings], check=True,
                           stdout=subprocess.DEVNULL)
        with open(os.path.join(ds, "meta.json")) as f:
            total = json.load(f)["total_samples"]
        if a.uptime:
            print("  uptime before: " + subprocess.run(["jcmd", str(a.pid), "VM.uptime"], capture_output=True, text=True).stdout.split()[-2])
        before = threads(a.pid)
        wall, errors = peerbench.ingest(a.url, "/api/v1/write", windows, a.concurrency)
        after = threads(a.pid)
        if a.uptime:
            print("  uptime after: " + subprocess.run(["jcmd", str(a.pid), "VM.uptime"], capture_output=True, text=True).stdout.split()[-2])
        if jfr:
            subprocess.run(["jcmd", str(a.pid), "JFR.stop", "name=replay", "filename=" + os.path.abspath(a.jfr)], check=True,
                           stdout=subprocess.DEVNULL)
        per_group = collections.Counter()
        per_name = collections.Counter()
        for tid, (name, cpu) in after.items():
            d = cpu - before.get(tid, (name, 0.0))[1]
            per_group[group(name)] += d
            per_name[name] += d
        all_cpu = sum(per_group.values())
        print(f"{ds}: {total} samples, wall {wall:.2f} s, errors {errors['count']}, "
              f"server CPU {all_cpu:.2f} s, {total / max(all_cpu, 1e-9) / 1e6:.2f} M samples/CPU-s")
        for g, c in per_group.most_common():
            print(f"  {g:<12} {c:7.2f}")
        if a.by_name:
            for n, c in per_name.most_common(25):
                if c > 0.005:
                    print(f"    {n:<24} {c:7.2f}")
        if a.flush:
            t0 = time.time()
            peerbench.http_req(a.url + "/flush", method="POST")
            print(f"  (flushed in {time.time() - t0:.2f} s)")


if __name__ == "__main__":
    main()
