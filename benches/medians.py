#!/usr/bin/env python3
"""Prints criterion's medians per contract (median of the iteration / contracts per iteration) as a
Markdown table, with the ratios BENCHMARKS.md quotes. Usage: python3 benches/medians.py [target/criterion]"""
import json, os, sys

root = sys.argv[1] if len(sys.argv) > 1 else "target/criterion"
rows = {}
for dirpath, _, files in os.walk(root):
    if "estimates.json" in files and os.path.basename(dirpath) == "new":
        bench = os.path.join(dirpath, "benchmark.json")
        if not os.path.exists(bench):
            continue
        meta = json.load(open(bench))
        est = json.load(open(os.path.join(dirpath, "estimates.json")))
        per = 1
        tp = meta.get("throughput") or {}
        if "Elements" in tp:
            per = tp["Elements"]
        rows[meta["full_id"]] = (est["median"]["point_estimate"], per)

def fmt(ns):
    if ns >= 1e6:
        return f"{ns/1e6:.2f} ms"
    if ns >= 1e3:
        return f"{ns/1e3:.2f} µs"
    return f"{ns:.0f} ns"

def per(id):
    m, n = rows[id]
    return m / n

print("| benchmark | median per iteration | contracts per iteration | median per contract |")
print("|---|---:|---:|---:|")
for id in sorted(rows):
    m, n = rows[id]
    print(f"| `{id}` | {fmt(m)} | {n} | {fmt(m / n)} |")

print()
ratios = []
for n in (10, 30, 100, 300):
    e2e, base = f"end_to_end/{n}", f"yaml_baseline/{n}"
    if e2e in rows and base in rows:
        ratios.append((f"end to end / YAML-only baseline, {n} clauses", per(e2e) / per(base)))
s = "side_by_side/"
if s + "dixian" in rows and s + "handwritten" in rows:
    ratios.append(("dixian eval / hand-written (how many times slower than the limit)",
                   per(s + "dixian") / per(s + "handwritten")))
for other in ("regorus", "regorus_from_json", "cedar", "cedar_from_json"):
    if s + "dixian" in rows and s + other in rows:
        ratios.append((f"{other} / dixian eval (how many times faster dixian is)",
                       per(s + other) / per(s + "dixian")))
if s + "dixian_with_wording" in rows and s + "handwritten_with_wording" in rows:
    ratios.append(("hand-written / dixian eval, with wording rules",
                   per(s + "handwritten_with_wording") / per(s + "dixian_with_wording")))
for a, b in (("regions/all_regions", "regions/one_region"), ("regions/plus_1600_regions", "regions/one_region")):
    if a in rows and b in rows:
        ratios.append((f"{a} / {b}", per(a) / per(b)))
for a, b in (("eval/300", "eval/30"), ("parse/300", "parse/30"), ("end_to_end/300", "end_to_end/30")):
    if a in rows and b in rows:
        ratios.append((f"{a} / {b} (10× the clauses)", per(a) / per(b)))
if "batch/1_thread" in rows:
    ratios.append(("batch, contracts/s on 1 thread", 1e9 / per("batch/1_thread")))
if "batch/2_threads" in rows:
    ratios.append(("batch, contracts/s on 2 threads", 1e9 / per("batch/2_threads")))
print("| ratio | value |")
print("|---|---:|")
for name, v in ratios:
    print(f"| {name} | {v:,.2f} |")
