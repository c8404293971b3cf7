"""`secretfs exec` against `passwork-cli exec` (0.2.0): same server, same items, the same environment.

Items are made by the connector itself, with awkward names: spaces, dashes, leading digits, Unicode,
duplicates, names that collide once sanitized. The child dumps its environment as JSON; the two dumps must
be identical except for what passwork-cli's shell adds (it runs the command through /bin/sh).
"""

import json
import os
import pathlib
import subprocess
import sys

from conftest import REPO
from helpers import client_for

CLI = str(pathlib.Path(sys.executable).with_name("passwork-cli"))
DUMP = [sys.executable, "-c", "import os, json, sys; json.dump(dict(os.environ), sys.stdout)"]
# Set by /bin/sh -c, which passwork-cli always uses; not secrets.
SHELL_VARIABLES = {"PWD", "OLDPWD", "SHLVL", "_"}

NAMES = ["DB Prod", "db-prod", "DB_Prod", "1st key", "ключ доступа", "Ünïcödé ✓", "dup", "dup", "a b-c.d/e",
         "_under", "9", "Z"]


def secretfs_binary() -> str:
    path = os.environ.get("SECRETFS_BIN") or str(REPO / ".build" / "debug" / "secretfs")
    assert os.access(path, os.X_OK), f"secretfs not found at {path}: run `swift build --product secretfs`"
    return path


def make_items(client, vault_id: str) -> list[str]:
    ids = []
    for index, name in enumerate(NAMES):
        ids.append(client.create_item({
            "vaultId": vault_id,
            "name": name,
            "password": f"pw-{index}-{name}-$HOME 'quoted' \"double\" `tick`",
            "tags": ["all", "even" if index % 2 == 0 else "odd"],
            "customs": [
                {"name": "API-KEY", "value": f"key {index}", "type": "password"},
                {"name": f"Host {name}", "value": f"host-{index}.example", "type": "text"},
                {"name": "1 leading digit", "value": f"digit-{index}", "type": "text"},
                {"name": "OTP", "value": "JBSWY3DPEHPK3PXP", "type": "totp"},
            ],
        }))
    return ids


def environment(command: list[str], server, credentials) -> dict:
    env = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/root"), "LANG": "C.UTF-8",
           "PASSWORK_HOST": server.host, "PASSWORK_TOKEN": credentials["accessToken"],
           "PASSWORK_REFRESH_TOKEN": credentials["refreshToken"], "PASSWORK_MASTER_KEY": credentials["masterKey"],
           "XDG_CONFIG_HOME": "/nonexistent"}
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    dumped = json.loads(result.stdout)
    return {key: value for key, value in dumped.items() if key not in SHELL_VARIABLES}


def test_exec_environment_matches_passwork_cli(deployment):
    server = deployment.start()
    credentials = deployment.credentials
    client = client_for(server.host, credentials)
    vault_id = client.create_vault("Differential")
    ids = make_items(client, vault_id)

    selections = [
        ["--vault-id", vault_id],
        ["--password-id", ids[0]],
        ["--password-id", f" {ids[3]} , {ids[1]},{ids[6]} "],
        ["--tags", "even"],
        ["--tags", "all,odd", "--vault-id", vault_id],
    ]
    for selection in selections:
        theirs = environment([CLI, "exec", *selection, *DUMP], server, credentials)
        ours = environment([secretfs_binary(), "exec", *selection, "--", *DUMP], server, credentials)
        assert ours == theirs, f"{selection}: differs in {set(ours.items()) ^ set(theirs.items())}"
        # The selection really exported secrets (not two empty environments).
        assert len(theirs) > 8, selection


def test_exec_passes_the_exit_code_and_refuses_no_selector(deployment):
    server = deployment.start()
    credentials = deployment.credentials
    client = client_for(server.host, credentials)
    vault_id = client.create_vault("Exit codes")
    make_items(client, vault_id)
    env = dict(os.environ, PASSWORK_HOST=server.host, PASSWORK_TOKEN=credentials["accessToken"],
               PASSWORK_REFRESH_TOKEN=credentials["refreshToken"], PASSWORK_MASTER_KEY=credentials["masterKey"],
               XDG_CONFIG_HOME="/nonexistent")
    code = subprocess.run([secretfs_binary(), "exec", "--vault-id", vault_id, "--", "sh", "-c", "exit 42"],
                          env=env, timeout=60).returncode
    assert code == 42
    result = subprocess.run([secretfs_binary(), "exec", "--", "true"], env=env, capture_output=True, text=True)
    assert result.returncode == 64 and "No password ID or search criteria provided" in result.stderr
    result = subprocess.run([secretfs_binary(), "exec", "--vault-id", vault_id, "--", "no-such-command-xyz"],
                            env=env, capture_output=True, text=True)
    assert result.returncode == 127 and "command not found" in result.stderr
    # A wrong master key: one clear line, the documented code, no secret in it.
    bad = dict(env, PASSWORK_MASTER_KEY="d3JvbmcgbWFzdGVyIGtleQ==")
    result = subprocess.run([secretfs_binary(), "exec", "--vault-id", vault_id, "--", "true"], env=bad,
                            capture_output=True, text=True)
    assert result.returncode == 65 and result.stderr.count("\n") == 1, result.stderr
    assert "master" in result.stderr and credentials["masterKey"] not in result.stderr


def test_exec_references_name_files_as_the_mount_does(deployment, tmp_path):
    server = deployment.start()
    credentials = deployment.credentials
    client = client_for(server.host, credentials)
    vault_id = client.create_vault("Refs / vault")
    folder_id = client.call("POST", "/api/v1/folders", {"name": "db", "vaultId": vault_id})["id"]
    client.create_item({"vaultId": vault_id, "folderId": folder_id, "name": "Prod ✓", "password": "p-1",
                        "customs": [{"name": "API/KEY", "value": "k-2", "type": "password"}]})
    client.create_item({"vaultId": vault_id, "name": "dup", "password": "first"})
    env = {"PATH": os.environ["PATH"], "PASSWORK_HOST": server.host, "PASSWORK_TOKEN": credentials["accessToken"],
           "PASSWORK_REFRESH_TOKEN": credentials["refreshToken"], "PASSWORK_MASTER_KEY": credentials["masterKey"],
           "XDG_CONFIG_HOME": "/nonexistent"}
    env_file = tmp_path / "refs.env"
    env_file.write_text("# references\nexport KEY=pw://Refs %2F vault/db/Prod ✓/API%2FKEY\n\n")
    result = subprocess.run([secretfs_binary(), "exec", "--env", "DB=pw://Refs %2F vault/db/Prod ✓/password",
                             "--env-file", str(env_file), "--no-inherit-env", "--", *DUMP],
                            env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    dumped = json.loads(result.stdout)
    assert dumped["DB"] == "p-1" and dumped["KEY"] == "k-2"
    assert "PASSWORK_TOKEN" not in dumped and "PATH" in dumped
    missing = subprocess.run([secretfs_binary(), "exec", "--env", "X=pw://Refs %2F vault/none/password", "--", "true"],
                             env=env, capture_output=True, text=True, timeout=60)
    assert missing.returncode == 66 and missing.stderr.count("\n") == 1


def test_shortcuts_match_passwork_cli(deployment):
    server = deployment.start()
    credentials = deployment.credentials
    client = client_for(server.host, credentials)
    source = client.create_vault("Source")
    target = client.create_vault("Team")
    ids = make_items(client, source)[:3]
    shortcuts = [client.create_shortcut(item_id, target) for item_id in ids]
    shortcuts = [s["id"] if isinstance(s, dict) else s for s in shortcuts]
    for selection in (["--shortcut-id", shortcuts[0]], ["--shortcut-id", ",".join(shortcuts)]):
        theirs = environment([CLI, "exec", *selection, *DUMP], server, credentials)
        ours = environment([secretfs_binary(), "exec", *selection, "--", *DUMP], server, credentials)
        assert ours == theirs and len(theirs) > 8, selection
    env = {"PATH": os.environ["PATH"], "PASSWORK_HOST": server.host, "PASSWORK_TOKEN": credentials["accessToken"],
           "PASSWORK_REFRESH_TOKEN": credentials["refreshToken"], "PASSWORK_MASTER_KEY": credentials["masterKey"],
           "XDG_CONFIG_HOME": "/nonexistent"}
    ours = subprocess.run([secretfs_binary(), "get", "--shortcut-id", shortcuts[1], "--field", "API-KEY"], env=env,
                          capture_output=True, text=True, timeout=60)
    theirs = subprocess.run([CLI, "get", "--shortcut-id", shortcuts[1], "--field", "API-KEY"], env=env,
                            capture_output=True, text=True, timeout=60)
    assert ours.returncode == 0 and ours.stdout == theirs.stdout == "key 1\n", ours.stderr + theirs.stderr
