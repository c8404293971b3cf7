"""Prints the `fuse` benchmark's table from the "SYSTEM KEY VALUE..." lines that Benchmarks/fuse/run records.
Exit status 0 when every target is met, 2 when one is not. See Benchmarks/README.md.

    report.py RESULTS OPS BATCHES PARALLEL_SECONDS COLD_MOUNTS MEMORY_ITEMS
"""

import statistics
import sys

SYSTEMS = ["tmpfs", "memfs", "gocryptfs", "secretfs"]


def main() -> None:
    path, ops, batches, seconds, cold_mounts, memory_items = sys.argv[1:]
    values: dict = {}
    for line in open(path):
        system, key, rest = line.rstrip("\n").split(" ", 2)
        values.setdefault(system, {}).setdefault(key, []).append(rest)

    def numbers(system, key):
        return [float(word) for entry in values.get(system, {}).get(key, []) for word in entry.split()]

    def med(system, key):
        found = numbers(system, key)
        return statistics.median(found) if found else None

    def us(value):
        if value is None:
            return "—"
        if value >= 10_000:
            return f"{value / 1000:.1f} ms"
        if value >= 100:
            return f"{value:.0f} µs"
        return f"{value:.2f} µs"

    rows = []  # (label, per-system texts, ratio texts, target, result)
    verdicts = []

    def judge(met):
        verdicts.append(met)
        return "met" if met else "NOT met"

    def ratio(a, b):
        return None if a is None or b is None or b == 0 else a / b

    def fmt_ratio(r):
        return "—" if r is None else f"{r:.2f}x"

    stat = {s: med(s, "stat_us") for s in SYSTEMS}
    orc = {s: med(s, "orc_us") for s in SYSTEMS}
    r_stat = ratio(stat["secretfs"], stat["memfs"])
    rows.append((f"warm stat (median of {batches} x {ops})", [us(stat[s]) for s in SYSTEMS],
                 fmt_ratio(r_stat), fmt_ratio(ratio(stat["secretfs"], stat["gocryptfs"])),
                 "<= 1.3x C floor", judge(r_stat is not None and r_stat <= 1.3)))
    r_orc = ratio(orc["secretfs"], orc["memfs"])
    r_orc_g = ratio(orc["secretfs"], orc["gocryptfs"])
    rows.append((f"warm open+read+close (median of {batches} x {ops})", [us(orc[s]) for s in SYSTEMS],
                 fmt_ratio(r_orc), fmt_ratio(r_orc_g), "<= 1.5x C floor",
                 judge(r_orc is not None and r_orc <= 1.5)))
    rows.append(("  the same against gocryptfs", [""] * 4, "", fmt_ratio(r_orc_g), "<= 1.0x gocryptfs",
                 judge(r_orc_g is not None and r_orc_g <= 1.0)))
    lsr_cold = {s: med(s, "lsr_cold_us") for s in SYSTEMS}
    lsr = {s: med(s, "lsr_us") for s in SYSTEMS}
    rows.append(("ls -R, first on a fresh mount", [us(lsr_cold[s]) for s in SYSTEMS],
                 fmt_ratio(ratio(lsr_cold["secretfs"], lsr_cold["memfs"])),
                 fmt_ratio(ratio(lsr_cold["secretfs"], lsr_cold["gocryptfs"])), "info", "—"))
    rows.append(("ls -R, warm (median of 5)", [us(lsr[s]) for s in SYSTEMS],
                 fmt_ratio(ratio(lsr["secretfs"], lsr["memfs"])),
                 fmt_ratio(ratio(lsr["secretfs"], lsr["gocryptfs"])), "info", "—"))
    cold = {s: med(s, "cold_us") for s in SYSTEMS}
    rows.append((f"cold first read (median of {cold_mounts} mounts)", [us(cold[s]) for s in SYSTEMS],
                 fmt_ratio(ratio(cold["secretfs"], cold["memfs"])),
                 fmt_ratio(ratio(cold["secretfs"], cold["gocryptfs"])), "info", "—"))
    p1 = {s: med(s, "par1_ops") for s in SYSTEMS}
    p8 = {s: med(s, "par8_ops") for s in SYSTEMS}
    rows.append((f"open+read+close/s, 1 reader ({seconds} s)", [f"{p1[s]:,.0f}" if p1[s] else "—" for s in SYSTEMS],
                 fmt_ratio(ratio(p1["secretfs"], p1["memfs"])), fmt_ratio(ratio(p1["secretfs"], p1["gocryptfs"])),
                 "info", "—"))
    rows.append((f"open+read+close/s, 8 readers ({seconds} s)", [f"{p8[s]:,.0f}" if p8[s] else "—" for s in SYSTEMS],
                 fmt_ratio(ratio(p8["secretfs"], p8["memfs"])), fmt_ratio(ratio(p8["secretfs"], p8["gocryptfs"])),
                 "info", "—"))
    speedup = {s: ratio(p8[s], p1[s]) for s in SYSTEMS}
    rows.append(("  speedup 8 readers / 1", [fmt_ratio(speedup[s]) for s in SYSTEMS], "", "",
                 ">= 1.6x (secretfs)", judge(speedup["secretfs"] is not None and speedup["secretfs"] >= 1.6)))
    rss = {s: med(s, "rss_kib") for s in SYSTEMS}
    rows.append(("daemon RSS after the ls -R above", [f"{rss[s] / 1024:.1f} MiB" if rss[s] else "—" for s in SYSTEMS],
                 fmt_ratio(ratio(rss["secretfs"], rss["memfs"])), fmt_ratio(ratio(rss["secretfs"], rss["gocryptfs"])),
                 "info", "—"))
    mem = med("secretfs", "mem_rss_kib")
    items = med("secretfs", "mem_items")
    if mem is not None:
        enough = items is not None and items >= 10_000
        result = judge(mem < 64 * 1024 and enough)
        if not enough:
            result += f" (only {items:.0f} items)"
        rows.append((f"secretfs RSS after ls -R of {items:,.0f} items", ["", "", "", f"{mem / 1024:.1f} MiB"], "", "",
                     "< 64 MiB", result))
    else:
        rows.append(("secretfs RSS after ls -R of 10,000 items", ["", "", "", "not run"], "", "", "< 64 MiB",
                     judge(False) + " (skipped)"))

    header = ("measure", "tmpfs", "C floor", "gocryptfs", "secretfs", "sfs/floor", "sfs/gocr", "target", "result")
    table = [header] + [(label, *texts, r1, r2, target, result) for label, texts, r1, r2, target, result in rows]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    for n, row in enumerate(table):
        cells = [row[0].ljust(widths[0])] + [row[i].rjust(widths[i]) for i in range(1, 8)] + [row[8]]
        print("  ".join(cells).rstrip())
        if n == 0:
            print("  ".join("-" * w for w in widths))

    print("\nbatch means (µs per op), in batch order:")
    for s in SYSTEMS:
        print(f"  {s:<9} stat: " + " ".join(f"{v:.2f}" for v in numbers(s, "stat_batches"))
              + "   open+read+close: " + " ".join(f"{v:.2f}" for v in numbers(s, "orc_batches")))
    print("cold first reads (µs): " + "; ".join(f"{s} " + " ".join(f"{v:.0f}" for v in numbers(s, "cold_us"))
                                               for s in SYSTEMS))
    if mem is not None:
        made = values["secretfs"].get("make_items", ["?"])[0]
        print(f"memory check: {items:,.0f} items listed, ls -R of the whole mount "
              f"{med('secretfs', 'mem_lsr_us') / 1e6:.1f} s; RSS {med('secretfs', 'mem_rss_before_kib') / 1024:.1f} MiB "
              f"before, {mem / 1024:.1f} MiB after, peak (VmHWM) {med('secretfs', 'mem_hwm_kib') / 1024:.1f} MiB; "
              f"extra items: {made}")
    sys.exit(0 if all(verdicts) else 2)


if __name__ == "__main__":
    main()
