"""`secretfs` login, get, api and logout against a live server, compared with passwork-cli where it has the
same command. Items are made by the connector; `secretfs` must read them exactly."""

import json
import os
import stat
import subprocess
import time

from conftest import MASTER_PASSWORD
from helpers import SECRETS, client_for, make_vault_with_item
from test_cli import CLI, totp
from test_exec_differential import secretfs_binary


def env_for(server, credentials, **extra) -> dict:
    return dict(os.environ, PASSWORK_HOST=server.host, PASSWORK_TOKEN=credentials["accessToken"],
                PASSWORK_REFRESH_TOKEN=credentials["refreshToken"], PASSWORK_MASTER_KEY=credentials["masterKey"],
                XDG_CONFIG_HOME="/nonexistent", **extra)


def run(command: list[str], env: dict, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(command, env=env, input=stdin, capture_output=True, text=True, timeout=120)


def test_get_and_api_match_passwork_cli(deployment, tmp_path):
    server = deployment.start()
    credentials = deployment.credentials
    ids = make_vault_with_item(client_for(server.host, credentials), tmp_path)
    env = env_for(server, credentials)
    item = ids["item_id"]

    for args in (["--password-id", item], ["--password-id", item, "--field", "DB_HOST"],
                 ["--password-id", item, "--field", "DB_ADMIN_PASSWORD"], ["--password-id", item, "--field", "login"],
                 ["--password-id", item, "--field", "url"]):
        ours = run([secretfs_binary(), "get", *args], env)
        theirs = run([CLI, "get", *args], env)
        assert ours.returncode == 0 == theirs.returncode, ours.stderr + theirs.stderr
        assert ours.stdout == theirs.stdout, args
    assert run([secretfs_binary(), "get", "--password-id", item], env).stdout == SECRETS["password"] + "\n"

    before = time.time()
    code = run([secretfs_binary(), "get", "--password-id", item, "--totp-code", "OTP"], env).stdout.strip()
    assert code in {totp(SECRETS["totp"], before), totp(SECRETS["totp"], time.time())}

    missing = run([secretfs_binary(), "get", "--password-id", "no-such-item"], env)
    assert missing.returncode == 66 and missing.stderr.startswith("secretfs: not found")

    ours = json.loads(run([secretfs_binary(), "api", "--endpoint", "v1/vaults/" + ids["vault_id"]], env).stdout)
    theirs = json.loads(run([CLI, "api", "--method", "GET", "--endpoint", "v1/vaults/" + ids["vault_id"]], env).stdout)
    assert ours == theirs and ours["id"] == ids["vault_id"]
    names = run([secretfs_binary(), "api", "--endpoint", "v1/items/search", "--params",
                 json.dumps({"vaultIds": [ids["vault_id"]]}), "--field", "items"], env)
    assert [entry["name"] for entry in json.loads(names.stdout)] == ["DB Prod"]


def test_login_then_file_only_then_logout(deployment, tmp_path):
    server = deployment.start()
    credentials = deployment.credentials
    ids = make_vault_with_item(client_for(server.host, credentials), tmp_path)
    file = tmp_path / "config" / "credentials.json"
    bare = {k: v for k, v in os.environ.items() if not k.startswith("PASSWORK_")}

    wrong = run([secretfs_binary(), "login", "--host", server.host, "--token", credentials["accessToken"],
                 "--refresh-token", credentials["refreshToken"], "--credentials", str(file),
                 "--master-password-file", "-"], bare, stdin="not the password\n")
    assert wrong.returncode == 65 and "master" in wrong.stderr and not file.exists()

    login = run([secretfs_binary(), "login", "--host", server.host, "--token", credentials["accessToken"],
                 "--refresh-token", credentials["refreshToken"], "--credentials", str(file),
                 "--master-password-file", "-"], bare, stdin=MASTER_PASSWORD + "\n")
    assert login.returncode == 0, login.stderr
    assert stat.S_IMODE(file.stat().st_mode) == 0o600
    saved = json.loads(file.read_text())
    assert saved["masterKey"] == credentials["masterKey"] and MASTER_PASSWORD not in file.read_text()

    # Everything from the file alone.
    got = run([secretfs_binary(), "get", "--credentials", str(file), "--password-id", ids["item_id"]], bare)
    assert got.stdout == SECRETS["password"] + "\n", got.stderr

    logout = run([secretfs_binary(), "logout", "--credentials", str(file)], bare)
    assert logout.returncode == 0 and not file.exists()
    gone = run([secretfs_binary(), "get", "--credentials", str(file), "--password-id", ids["item_id"]], bare)
    assert gone.returncode == 78 and gone.stderr.count("\n") == 1


def test_vault_share_gives_a_service_account_exactly_one_vault(deployment, tmp_path):
    server = deployment.start()
    credentials = deployment.credentials
    admin = client_for(server.host, credentials)
    shared = make_vault_with_item(admin, tmp_path)
    private_vault = admin.create_vault("Not shared")
    admin.create_item({"vaultId": private_vault, "name": "Private", "password": "private-secret-991"})

    password_file = tmp_path / "svc-password"
    password_file.write_text("service account master password\n")
    service = deployment.admin("user", "add", "--login", "ci-runner", "--role", "serviceAccount",
                               "--master-password-file", str(password_file))
    service_env = dict(env_for(server, service), PASSWORK_MASTER_KEY=service["masterKey"])

    before = run([secretfs_binary(), "exec", "--vault-id", shared["vault_id"], "--", "true"], service_env)
    assert before.returncode in (66, 77), before.stderr

    share = run([secretfs_binary(), "vault", "share", "--vault-id", shared["vault_id"], "--user", service["id"],
                 "--role", "read"], env_for(server, credentials))
    assert share.returncode == 0, share.stderr

    dump = [secretfs_binary(), "exec", "--vault-id", shared["vault_id"], "--", "sh", "-c", 'printf %s "$DB_Prod"']
    after = run(dump, service_env)
    assert after.returncode == 0 and after.stdout == SECRETS["password"], after.stderr
    other = run([secretfs_binary(), "exec", "--vault-id", private_vault, "--", "true"], service_env)
    assert other.returncode in (66, 77), other.stdout


def test_update_encrypts_what_the_connector_reads(deployment, tmp_path):
    server = deployment.start()
    credentials = deployment.credentials
    client = client_for(server.host, credentials)
    ids = make_vault_with_item(client, tmp_path)
    env = env_for(server, credentials)

    result = run([secretfs_binary(), "update", "--password-id", ids["item_id"], "--password", "rotated ✓ 2",
                  "--login", "", "--tags", "prod, rotated", "--custom-DB_HOST", "db2.example",
                  "--custom-NEW_TOKEN=tok=en"], env)
    assert result.returncode == 0, result.stderr
    item = client_for(server.host, credentials).get_item(ids["item_id"])
    assert item["password"] == "rotated ✓ 2"
    assert item["login"] == "" and item["tags"] == ["prod", "rotated"] and item["name"] == "DB Prod"
    customs = {custom["name"]: (custom["type"], custom["value"]) for custom in item["customs"]}
    assert customs == {"DB_HOST": ("text", "db2.example"), "DB_ADMIN_PASSWORD": ("password", SECRETS["custom_password"]),
                       "OTP": ("totp", SECRETS["totp"]), "NEW_TOKEN": ("password", "tok=en")}
    assert run([secretfs_binary(), "update", "--password-id", ids["item_id"], "--name", ""], env).returncode == 64
