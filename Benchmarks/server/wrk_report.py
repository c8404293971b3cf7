"""Helpers of Benchmarks/server/run: checks one item answer, and reads wrk's output into the report.

    wrk_report.py check-item BODY_FILE ITEM_ID
    wrk_report.py report WORK_DIR TARGET ENGINE...

`report` reads WORK_DIR/ENGINE/wrk-ROUTE-ROUND.txt (ROUTE is trivial or item), prints one table per engine
and a summary, and exits 0 when every engine meets the target, 2 when one does not, 1 when a wrk run is
unusable (no figures, or any non-2xx answer).
"""

import base64
import json
import pathlib
import re
import sys

ROUTES = {
    "trivial": "GET /healthz (no auth, no database)",
    "item": "GET /api/v1/items/{id} (Bearer token)",
}
ENGINES = {"sqlite": "SQLite (temporary file)", "postgres": "PostgreSQL (local, schema of its own)"}
UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def check_item(body_file: str, item_id: str) -> None:
    """The item answer must be the base64 envelope of the item, carrying the caller's wrapped vault key."""
    raw = pathlib.Path(body_file).read_bytes()
    envelope = json.loads(raw)
    if envelope.get("format") != "base64" or "content" not in envelope:
        sys.exit(f"run: the item answer is not the base64 envelope: {raw[:200]!r}")
    item = json.loads(base64.b64decode(envelope["content"]))
    if item.get("id") != item_id or not item.get("vaultMasterKeyEncrypted") or not item.get("passwordEncrypted"):
        sys.exit(f"run: the item answer is not item {item_id} with its keys: {sorted(item)}")
    print(f"check: GET /api/v1/items/{item_id} answers 200, a base64 envelope of {len(raw)} bytes "
          f"({len(item.get('customs', []))} custom fields, {len(item.get('attachments', []))} attachment, "
          f"vaultMasterKeyEncrypted set)")


def milliseconds(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s)", text)
    if not match:
        raise ValueError(f"not a wrk latency: {text}")
    return float(match.group(1)) * UNITS_MS[match.group(2)]


def parse(path: pathlib.Path) -> dict:
    """Requests/s, p50 and p99 (ms), and the error lines of one `wrk --latency` run."""
    text = path.read_text()
    rate = re.search(r"^Requests/sec:\s+([\d.]+)", text, re.M)
    p50 = re.search(r"^\s+50%\s+(\S+)", text, re.M)
    p99 = re.search(r"^\s+99%\s+(\S+)", text, re.M)
    count = re.search(r"^\s+(\d+) requests in", text, re.M)
    if not (rate and p50 and p99 and count):
        sys.exit(f"run: no figures in {path.name}:\n{text}")
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    if non_2xx:
        sys.exit(f"run: {non_2xx.group(1)} answers were not 2xx in {path.name}:\n{text}")
    errors = re.search(r"^\s+Socket errors:.*$", text, re.M)
    return {
        "rate": float(rate.group(1)),
        "p50": milliseconds(p50.group(1)),
        "p99": milliseconds(p99.group(1)),
        "requests": int(count.group(1)),
        "errors": errors.group(0).strip() if errors else None,
    }


def ms(value: float) -> str:
    return f"{value:.2f} ms" if value < 10 else f"{value:.1f} ms"


def report(work: str, target: float, engines: list[str]) -> int:
    summary = []
    for engine in engines:
        directory = pathlib.Path(work) / engine
        runs = {route: sorted(directory.glob(f"wrk-{route}-*.txt")) for route in ROUTES}
        if not all(runs.values()):
            sys.exit(f"run: no wrk output for {engine} in {directory}")
        results = {route: [parse(path) for path in paths] for route, paths in runs.items()}
        best = {route: max(values, key=lambda run: run["rate"]) for route, values in results.items()}
        rounds = max(len(values) for values in results.values())
        print(f"\n{ENGINES.get(engine, engine)}\n")
        header = f"{'route':<40}" + "".join(f" {'round ' + str(i + 1):>10}" for i in range(rounds))
        print(header + f" {'best':>10} {'p50':>9} {'p99':>9}")
        for route, label in ROUTES.items():
            cells = "".join(f" {run['rate']:>8,.0f}/s" for run in results[route])
            chosen = best[route]
            print(f"{label:<40}{cells} {chosen['rate']:>8,.0f}/s {ms(chosen['p50']):>9} {ms(chosen['p99']):>9}")
        for route in ROUTES:
            for index, run in enumerate(results[route]):
                if run["errors"]:
                    print(f"  note: {route} round {index + 1}: {run['errors']}")
        ratio = best["item"]["rate"] / best["trivial"]["rate"]
        met = ratio >= target
        print(f"ratio item/trivial: {ratio:.3f} ({ratio * 100:.1f}%); target >= {target:.2f}: "
              f"{'met' if met else 'NOT met'}")
        summary.append((engine, best["trivial"]["rate"], best["item"]["rate"], ratio, met))
    print(f"\n{'engine':<10} {'trivial req/s':>14} {'item req/s':>11} {'ratio':>7} {'target':>8}  result")
    for engine, trivial, item, ratio, met in summary:
        print(f"{engine:<10} {trivial:>14,.0f} {item:>11,.0f} {ratio:>7.3f} {'>= ' + format(target, '.2f'):>8}  "
              f"{'met' if met else 'NOT met'}")
    return 0 if all(row[4] for row in summary) else 2


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "check-item":
        check_item(sys.argv[2], sys.argv[3])
    elif len(sys.argv) >= 5 and sys.argv[1] == "report":
        sys.exit(report(sys.argv[2], float(sys.argv[3]), sys.argv[4:]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
