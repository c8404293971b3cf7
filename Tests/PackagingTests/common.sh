# Shared by the packaging tests (sourced): a server on SQLite with the demo vault, started from the binaries
# in $server_bin (the installed ones or an image's, through $run_prefix), and cleanup that always runs.
# shellcheck shell=bash

work=$(mktemp -d /tmp/secretfs-package-test.XXXXXX)
cleanups=()
cleanup() {
    local index
    for ((index = ${#cleanups[@]} - 1; index >= 0; index--)); do eval "${cleanups[$index]}" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT
at_exit() { cleanups+=("$1"); }

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

# Waits up to 60 s for a non-empty file.
wait_for_file() {
    local _
    for _ in $(seq 1 600); do [ -s "$1" ] && return 0; sleep 0.1; done
    fail "$1 did not appear"
}

json_field() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"; }

# The credentials file `secretfs login` would write, for the server at $1, from init's output in $2, to $3.
write_credentials() {
    python3 - "$2" "$3" "$1" <<'PY'
import json, os, sys
source, target, host = sys.argv[1:]
data = json.load(open(source))
data["host"] = host
fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
with os.fdopen(fd, "w") as out:
    json.dump({k: data[k] for k in ("host", "accessToken", "refreshToken", "masterKey")}, out)
PY
}
