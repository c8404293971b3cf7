#!/usr/bin/env python3
"""The official connector (passwork-python 0.2.0, unmodified) as the baseline of Benchmarks/crypto.

  connector_bench.py prepare OUT.json                   makes the inputs with the connector's own functions
  connector_bench.py time [--skip-pbkdf2] IN.json       times the connector on them; prints JSON (seconds/op)
  connector_bench.py pbkdf2-round IN.json N             one timed get_master_key and one hashlib.pbkdf2_hmac
  connector_bench.py report IN PY.json SW.json [ROUNDS] prints the table; exits 2 if a target is not met

Benchmarks/crypto/run drives them, and the Swift side (secretfs-crypto-bench) in between. PBKDF2 is timed in
rounds that alternate a Python process and a Swift process (ROUNDS: one JSON object a line, {"side": ...}),
so that both sides meet the same load on a shared machine; `time` alone times it in-process instead.
Every timing is a median: PBKDF2 over single runs, the item chain over batches long enough to time well.
Each side checks that what it derives and decrypts equals what `prepare` encrypted, and fails loudly
(exit status 1) otherwise.
"""
import base64
import hashlib
import json
import math
import os
import ssl
import statistics
import sys
import time

import cryptography
from cryptography.hazmat.backends.openssl.backend import backend as openssl_backend
from cryptography.hazmat.primitives import serialization
from passwork_client import crypto, utils

ITERATIONS = 300_000
# Both sides read these from the input file, so they repeat the same amount of work.
SETTINGS = {
    "pbkdf2Repetitions": int(os.environ.get("BENCH_PBKDF2_REPETITIONS", "7")),
    "chainBatches": int(os.environ.get("BENCH_CHAIN_BATCHES", "5")),
    # 5 batches of at least 0.4 s: each side spends at least 2 s on each item-chain figure.
    "chainBatchSeconds": float(os.environ.get("BENCH_CHAIN_BATCH_SECONDS", "0.4")),
}
# The targets of the issue.
CHAIN_TARGET = 10.0  # the item chain at least 10x faster than the connector
PBKDF2_TARGET = 1.10  # PBKDF2 no slower than 1.1x hashlib.pbkdf2_hmac


class BenchFailure(Exception):
    pass


# MARK: - prepare


def prepare(path):
    """Makes a user, a vault and an item the way the connector makes them."""
    master_password = "correct horse battery staple ✓"
    salt = crypto.generate_string(20)
    derived = crypto.get_master_key({"salt": salt, "iterations": ITERATIONS, "bytes": 64}, master_password)
    master_key = derived["hashedString"]
    keys = crypto.generate_rsa_keys()  # 2048 bits
    private_encrypted = crypto.encrypt_aes(keys["private"].encode(), master_key, True)
    vault_key = crypto.generate_key()
    item_key = crypto.generate_key()
    password = "Tr0ub4dor&3 — пароль 🔑"
    customs_plain = [
        {"name": "API_KEY", "value": crypto.generate_password(30), "type": "password"},
        {"name": "Юзер name", "value": "alice@example.com", "type": "text"},
        {"name": "otp", "value": "JBSWY3DPEHPK3PXP", "type": "totp"},
    ]
    inputs = {
        "settings": SETTINGS,
        "masterPassword": master_password,
        "masterKeyOptions": derived["masterKeyOptions"],
        "privateEncrypted": private_encrypted,
        # connector 0.2.0 wraps vault keys with OAEP-SHA256 (rsa_encrypt) and sends them as base64
        "vaultMasterKeyEncrypted": base64.b64encode(crypto.rsa_encrypt(vault_key, keys["public"])).decode(),
        "keyEncrypted": crypto.encrypt_aes(item_key, vault_key),
        "passwordEncrypted": crypto.encrypt_aes(password, item_key),
        "customs": utils.encrypt_item_customs([dict(c) for c in customs_plain], item_key),
        "expected": {
            "masterKey": master_key,
            "vaultKey": vault_key,
            "itemKey": item_key,
            "password": password,
            "customs": customs_plain,
        },
    }
    with open(path, "w", encoding="utf-8") as file:
        json.dump(inputs, file, ensure_ascii=False, indent=1)


# MARK: - time


def options_dict(text):
    """`pbkdf:sha256:ITER:BYTES:SALT` as the dict get_master_key takes (the connector's master_key module)."""
    scheme, digest, iterations, length, salt = text.split(":")
    if scheme != "pbkdf":
        raise BenchFailure(f"unexpected options {text!r}")
    return {"digest": digest, "iterations": int(iterations), "bytes": int(length), "salt": salt}


def check(what, got, expected):
    if got != expected:
        raise BenchFailure(f"the connector got the wrong {what}")


def alternating_runs(first, second, repetitions):
    """Wall-clock and CPU seconds of each of `repetitions` calls of `first` and of `second`, alternated so
    that both see the same machine, after one warm-up call of each."""
    first()
    second()
    times = ({"wall": [], "cpu": []}, {"wall": [], "cpu": []})
    for _ in range(repetitions):
        for function, results in zip((first, second), times):
            start, cpu_start = time.perf_counter(), time.process_time()
            function()
            results["cpu"].append(time.process_time() - cpu_start)
            results["wall"].append(time.perf_counter() - start)
    return times


def batches(function, count, batch_seconds):
    """Per-operation seconds of `count` batches, each of enough calls to last at least `batch_seconds`."""
    function()  # warm-up
    calls, elapsed = 1, 0.0
    while True:  # calibrate on at least 50 ms of work
        start = time.perf_counter()
        for _ in range(calls):
            function()
        elapsed = time.perf_counter() - start
        if elapsed >= 0.05:
            break
        calls *= 2
    per_batch = max(1, math.ceil(batch_seconds / (elapsed / calls)))
    results = []
    for _ in range(count):
        start = time.perf_counter()
        for _ in range(per_batch):
            function()
        results.append((time.perf_counter() - start) / per_batch)
    return per_batch, results


def load_inputs(path):
    with open(path, encoding="utf-8") as file:
        inputs = json.load(file)
    settings = inputs["settings"]
    if settings["pbkdf2Repetitions"] < 1 or settings["chainBatches"] < 1 or not 0 < settings["chainBatchSeconds"] <= 600:
        raise BenchFailure("settings must ask for at least one repetition, one batch and 0 to 600 s per batch")
    if not inputs["customs"] or len(inputs["customs"]) != len(inputs["expected"]["customs"]):
        raise BenchFailure("the item must have custom fields, as many as expected")
    mk_options = options_dict(inputs["masterKeyOptions"])
    if mk_options["iterations"] != ITERATIONS:
        raise BenchFailure(f"the inputs use {mk_options['iterations']} iterations, not {ITERATIONS}")
    return inputs, mk_options


def pbkdf2_functions(inputs, mk_options, iterations=ITERATIONS):
    """The connector's get_master_key, and hashlib.pbkdf2_hmac called directly; both return base64 text."""
    master_password = inputs["masterPassword"]
    options = dict(mk_options, iterations=iterations)
    password_bytes, salt_bytes = master_password.encode(), mk_options["salt"].encode()

    def connector():
        return crypto.get_master_key(options, master_password)["hashedString"]

    def direct():
        dk = hashlib.pbkdf2_hmac("sha256", password_bytes, salt_bytes, iterations, dklen=mk_options["bytes"])
        return base64.b64encode(dk).decode()

    return connector, direct


def pbkdf2_round(path, number):
    """One timed call of each, after 1-iteration warm-ups; the order alternates with the round number."""
    inputs, mk_options = load_inputs(path)
    for warm_up in pbkdf2_functions(inputs, mk_options, iterations=1):
        warm_up()
    connector, direct = pbkdf2_functions(inputs, mk_options)
    result = {}
    order = [("pbkdf2_300k", connector), ("pbkdf2_300k_hashlib", direct)]
    for key, function in order if number % 2 else reversed(order):
        start, cpu_start = time.perf_counter(), time.process_time()
        master_key = function()
        result[key + "_cpu"] = time.process_time() - cpu_start
        result[key] = time.perf_counter() - start
        check(f"master key ({key})", master_key, inputs["expected"]["masterKey"])
    return result


def time_connector(path, time_pbkdf2=True):
    inputs, mk_options = load_inputs(path)
    settings = inputs["settings"]
    expected = inputs["expected"]

    # -- PBKDF2 (timed last, unless the caller times it in rounds): get_master_key and hashlib.pbkdf2_hmac.
    connector_pbkdf2_function, hashlib_pbkdf2 = pbkdf2_functions(inputs, mk_options)
    check("master key", connector_pbkdf2_function(), expected["masterKey"])
    check("master key (hashlib)", hashlib_pbkdf2(), expected["masterKey"])

    # -- The item chain, as ItemModule.get_item does it. set_master_key decrypts the private key once.
    private_pem = crypto.decrypt_aes(inputs["privateEncrypted"], expected["masterKey"])
    vault_master_key_encrypted = inputs["vaultMasterKeyEncrypted"]
    key_encrypted = inputs["keyEncrypted"]
    password_encrypted = inputs["passwordEncrypted"]
    customs = inputs["customs"]

    def item_chain():
        item_key = utils.get_encryption_key(vault_master_key_encrypted, key_encrypted, private_pem)
        password = utils.decrypt_item(password_encrypted, item_key)
        decrypted = [dict(custom) for custom in customs]  # decrypt_item_customs works in place
        for custom in decrypted:
            utils.decrypt_item_customs(custom, item_key)
        return item_key, password, decrypted

    # The same steps with the vault key already known. The connector never caches it: this is for
    # comparison with the Swift "vault key cached" row only.
    vault_key = crypto.rsa_decrypt(vault_master_key_encrypted, private_pem).decode()

    def item_chain_cached():
        item_key = crypto.decrypt_aes(key_encrypted, vault_key)  # the second half of get_encryption_key
        password = utils.decrypt_item(password_encrypted, item_key)
        decrypted = [dict(custom) for custom in customs]
        for custom in decrypted:
            utils.decrypt_item_customs(custom, item_key)
        return item_key, password, decrypted

    check("vault key", vault_key, expected["vaultKey"])
    for name, chain in [("item chain", item_chain), ("cached item chain", item_chain_cached)]:
        item_key, password, decrypted = chain()
        check(f"item key ({name})", item_key, expected["itemKey"])
        check(f"password ({name})", password, expected["password"])
        check(f"custom fields ({name})", decrypted, expected["customs"])

    count, seconds = settings["chainBatches"], settings["chainBatchSeconds"]
    chain_calls, chain_batches = batches(item_chain, count, seconds)
    cached_calls, cached_batches = batches(item_chain_cached, count, seconds)

    # -- Where the connector's time goes (informative).
    pem_bytes = private_pem.encode()
    _, rsa_batches = batches(lambda: crypto.rsa_decrypt(vault_master_key_encrypted, private_pem), 3, 0.2)
    _, load_batches = batches(lambda: serialization.load_pem_private_key(pem_bytes, password=None), 3, 0.2)
    _, aes_batches = batches(lambda: crypto.decrypt_aes(password_encrypted, expected["itemKey"]), 3, 0.1)

    median = statistics.median
    result = {
        "item_chain": median(chain_batches),
        "item_chain_vault_key_cached": median(cached_batches),
        "detail": {
            "item_chain_calls_per_batch": chain_calls,
            "item_chain_batches": chain_batches,
            "item_chain_vault_key_cached_calls_per_batch": cached_calls,
            "item_chain_vault_key_cached_batches": cached_batches,
        },
        "breakdown": {
            "rsa_decrypt (PEM load + OAEP decrypt)": median(rsa_batches),
            "load_pem_private_key alone": median(load_batches),
            "decrypt_aes (one field)": median(aes_batches),
        },
        "versions": {
            "Python": sys.version.split()[0],
            "hashlib": ssl.OPENSSL_VERSION,
            "cryptography": f"{cryptography.__version__} ({openssl_backend.openssl_version_text()})",
        },
    }
    if time_pbkdf2:
        connector_pbkdf2, direct_pbkdf2 = alternating_runs(
            connector_pbkdf2_function, hashlib_pbkdf2, settings["pbkdf2Repetitions"]
        )
        result.update(
            {
                "pbkdf2_300k": median(connector_pbkdf2["wall"]),
                "pbkdf2_300k_runs": connector_pbkdf2["wall"],
                "pbkdf2_300k_cpu": median(connector_pbkdf2["cpu"]),
                "pbkdf2_300k_hashlib": median(direct_pbkdf2["wall"]),
                "pbkdf2_300k_hashlib_runs": direct_pbkdf2["wall"],
                "pbkdf2_300k_hashlib_cpu": median(direct_pbkdf2["cpu"]),
            }
        )
    return result


# MARK: - report


def duration(seconds):
    if seconds is None:
        return "—"
    for unit, scale in [("s", 1), ("ms", 1e-3), ("µs", 1e-6)]:
        if seconds >= scale:
            return f"{seconds / scale:.3g} {unit}" if seconds / scale < 100 else f"{seconds / scale:.0f} {unit}"
    return f"{seconds / 1e-9:.0f} ns"


def pbkdf2_figures(py, sw, rounds_path):
    """Per-side lists of wall-clock and CPU seconds, from the alternating rounds if there are any."""
    if rounds_path:
        figures = {key: [] for key in ("swift", "connector", "hashlib", "swift_cpu", "connector_cpu", "hashlib_cpu")}
        with open(rounds_path, encoding="utf-8") as file:
            for line in file:
                entry = json.loads(line)
                data = entry["data"]
                if entry["side"] == "swift":
                    figures["swift"].append(data["pbkdf2_300k"])
                    figures["swift_cpu"].append(data["pbkdf2_300k_cpu"])
                else:
                    for side, key in [("connector", "pbkdf2_300k"), ("hashlib", "pbkdf2_300k_hashlib")]:
                        figures[side].append(data[key])
                        figures[side + "_cpu"].append(data[key + "_cpu"])
        return figures, f"{len(figures['swift'])} rounds, each a Swift and a Python process in alternating order"
    median = statistics.median
    return {
        "swift": sw["pbkdf2_300k_runs"],
        "connector": py["pbkdf2_300k_runs"],
        "hashlib": py["pbkdf2_300k_hashlib_runs"],
        "swift_cpu": [sw["pbkdf2_300k_cpu"]],
        "connector_cpu": [py["pbkdf2_300k_cpu"]],
        "hashlib_cpu": [py["pbkdf2_300k_hashlib_cpu"]],
    }, f"{len(sw['pbkdf2_300k_runs'])} runs in each process, one process after the other"


def report(inputs_path, python_path, swift_path, rounds_path=None):
    with open(inputs_path, encoding="utf-8") as file:
        inputs = json.load(file)
    settings = inputs["settings"]
    cse_strings = 2 + 3 * len(inputs["customs"])  # item key, password, name/value/type of each custom field
    with open(python_path, encoding="utf-8") as file:
        py = json.load(file)
    with open(swift_path, encoding="utf-8") as file:
        sw = json.load(file)
    pbkdf2, pbkdf2_method = pbkdf2_figures(py, sw, rounds_path)
    median = statistics.median

    pbkdf2_ratio = median(pbkdf2["swift"]) / median(pbkdf2["hashlib"])
    chain_ratio = py["item_chain"] / sw["item_chain"]
    cached_ratio = py["item_chain_vault_key_cached"] / sw["item_chain_vault_key_cached"]
    pbkdf2_met = pbkdf2_ratio <= PBKDF2_TARGET
    chain_met = chain_ratio >= CHAIN_TARGET
    rows = [
        (
            "master key: PBKDF2-SHA256, 300,000 iter., 64 B",
            duration(median(pbkdf2["swift"])),
            duration(median(pbkdf2["connector"])),
            duration(median(pbkdf2["hashlib"])),
            f"Swift/hashlib {pbkdf2_ratio:.3f}x",
            f"<= {PBKDF2_TARGET:.2f}x",
            "met" if pbkdf2_met else "NOT MET",
        ),
        (
            "item chain: RSA vault key, item key, password, 3 customs",
            duration(sw["item_chain"]),
            duration(py["item_chain"]),
            "—",
            f"{chain_ratio:.1f}x faster",
            f">= {CHAIN_TARGET:.0f}x faster",
            "met" if chain_met else "NOT MET",
        ),
        (
            "item chain, vault key cached (FUSE driver; info only)",
            duration(sw["item_chain_vault_key_cached"]),
            duration(py["item_chain_vault_key_cached"]) + " *",
            "—",
            f"{cached_ratio:.1f}x faster",
            "not judged",
            "—",
        ),
    ]
    header = ("operation", "Swift", "connector", "hashlib", "ratio", "target", "result")
    widths = [max(len(row[i]) for row in rows + [header]) for i in range(len(header))]

    def line(row):
        cells = [row[0].ljust(widths[0])] + [cell.rjust(width) for cell, width in zip(row[1:-1], widths[1:-1])]
        return "  ".join(cells + [row[-1]])

    print(line(header))
    print("  ".join("-" * width for width in widths))
    for row in rows:
        print(line(row))
    print()
    print(f"Medians. PBKDF2: {pbkdf2_method}.")
    print(
        f"Item chains: {settings['chainBatches']} batches of >= {settings['chainBatchSeconds']} s per side "
        f"(Swift {sw['detail']['item_chain_calls_per_batch']} and connector "
        f"{py['detail']['item_chain_calls_per_batch']} chains per batch)."
    )
    print("connector = passwork-python 0.2.0 functions; hashlib = hashlib.pbkdf2_hmac called directly.")
    print("* the connector never caches vault keys; that figure times its same functions minus the RSA step.")
    print()
    print("Where the time goes (medians, one call each):")
    for side, data in [("Swift", sw), ("connector", py)]:
        for name, seconds in data["breakdown"].items():
            print(f"  {side:<10} {name:<48} {duration(seconds):>10}")
    print(
        f"  Swift: each of the chain's {cse_strings} CSE strings makes one SecureBytes for its plaintext (a slot of the "
        "locked arena; key and IV stay on the stack); item 6 is one such buffer alone."
    )
    print()
    for side in ("swift", "connector", "hashlib"):
        print(f"PBKDF2 {side + ' runs (s):':<19} {' '.join(f'{t:.4f}' for t in pbkdf2[side])}")
    sw_cpu, hashlib_cpu = median(pbkdf2["swift_cpu"]), median(pbkdf2["hashlib_cpu"])
    print(
        f"PBKDF2 CPU-time medians (less sensitive to other load; the target is judged on wall time): "
        f"Swift {duration(sw_cpu)}, connector {duration(median(pbkdf2['connector_cpu']))}, "
        f"hashlib {duration(hashlib_cpu)}; Swift/hashlib {sw_cpu / hashlib_cpu:.3f}x"
    )
    print("Versions: " + "; ".join(f"{k} {v}" for k, v in py["versions"].items()))
    if not (pbkdf2_met and chain_met):
        print("\nA target is NOT MET (see the table above).", file=sys.stderr)
        return 2
    return 0


def main():
    args = sys.argv[1:]
    try:
        if len(args) == 2 and args[0] == "prepare":
            prepare(args[1])
        elif len(args) in (2, 3) and args[0] == "time" and args[1:-1] in ([], ["--skip-pbkdf2"]):
            json.dump(time_connector(args[-1], time_pbkdf2=len(args) == 2), sys.stdout, ensure_ascii=False)
            print()
        elif len(args) == 3 and args[0] == "pbkdf2-round" and args[2].isdigit():
            json.dump(pbkdf2_round(args[1], int(args[2])), sys.stdout)
            print()
        elif len(args) in (4, 5) and args[0] == "report":
            sys.exit(report(*args[1:]))
        else:
            sys.exit(__doc__)
    except BenchFailure as failure:
        sys.exit(f"connector_bench.py: FAILED: {failure}")


if __name__ == "__main__":
    main()
