"""passwork-cli 0.2.0 (exec, get, api, update) against secretfs-server."""

import hmac
import json
import os
import pathlib
import struct
import subprocess
import sys
import time
import base64
import hashlib

from helpers import SECRETS, client_for, make_vault_with_item

CLI = str(pathlib.Path(sys.executable).with_name("passwork-cli"))


def totp(secret: str, at: float) -> str:
    key = base64.b32decode(secret)
    digest = hmac.new(key, struct.pack(">Q", int(at) // 30), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    code = (struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1_000_000
    return f"{code:06d}"


def run_cli(server, credentials, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PASSWORK_HOST=server.host, PASSWORK_TOKEN=credentials["accessToken"],
               PASSWORK_REFRESH_TOKEN=credentials["refreshToken"], PASSWORK_MASTER_KEY=credentials["masterKey"])
    return subprocess.run([CLI, *args], env=env, capture_output=True, text=True, timeout=120)


def test_cli_exec_get_api_update(deployment, tmp_path):
    server = deployment.start()
    credentials = deployment.credentials
    client = client_for(server.host, credentials)
    ids = make_vault_with_item(client, tmp_path)

    # exec by id: the password as DB_Prod, text/password customs by name, totp not exported.
    result = run_cli(server, credentials, "exec", "--password-id", ids["item_id"], "--cmd",
                     'echo "$DB_Prod|$DB_HOST|$DB_ADMIN_PASSWORD|${OTP:-none}"')
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (f"{SECRETS['password']}|{SECRETS['custom_text']}|"
                                     f"{SECRETS['custom_password']}|none")

    # exec by search (tags and vault), which goes through items/search, shortcuts/search and batch.
    result = run_cli(server, credentials, "exec", "--tags", "prod", "--vault-id", ids["vault_id"],
                     "sh", "-c", 'printf %s "$DB_Prod"')
    assert result.returncode == 0, result.stderr
    assert result.stdout == SECRETS["password"]

    # get: the password, a custom field, a TOTP code.
    result = run_cli(server, credentials, "get", "--password-id", ids["item_id"])
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == SECRETS["password"]
    result = run_cli(server, credentials, "get", "--password-id", ids["item_id"], "--field", "DB_HOST")
    assert result.stdout.strip() == SECRETS["custom_text"]
    before = time.time()
    result = run_cli(server, credentials, "get", "--password-id", ids["item_id"], "--totp-code", "OTP")
    after = time.time()
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() in {totp(SECRETS["totp"], before), totp(SECRETS["totp"], after)}

    # api: raw calls with /api/ prefixed, --field extraction.
    result = run_cli(server, credentials, "api", "--method", "GET", "--endpoint", f"v1/items/{ids['item_id']}",
                     "--field", "name")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == "DB Prod"
    result = run_cli(server, credentials, "api", "--method", "GET", "--endpoint", "v1/items/search",
                     "--params", json.dumps({"tags": ["prod"]}))
    assert [item["id"] for item in json.loads(result.stdout)["items"]] == [ids["item_id"]]

    # update: password, login, and a password-type custom field.
    result = run_cli(server, credentials, "update", "--password-id", ids["item_id"],
                     "--password", SECRETS["new_password"], "--login", "app2", "--custom-DB_ADMIN_PASSWORD", "changed")
    assert result.returncode == 0, result.stderr
    item = client.get_item(ids["item_id"])
    assert item["password"] == SECRETS["new_password"]
    assert item["login"] == "app2"
    assert {c["name"]: c["value"] for c in item["customs"]}["DB_ADMIN_PASSWORD"] == "changed"


def test_cli_reports_expired_token(deployment, tmp_path):
    server = deployment.start(access_ttl="1s")
    pair = deployment.admin("token", "issue", "--login", "admin", "--access-ttl", "1s")
    pair["masterKey"] = deployment.credentials["masterKey"]
    time.sleep(max(0.0, pair["accessTokenExpiredAt"] - time.time()) + 1.1)
    result = run_cli(server, pair, "get", "--password-id", "000000000000000000000000")
    assert result.returncode == 1
    assert "Access token expired" in result.stderr + result.stdout
