"""The administration commands: user add (service accounts), token issue/revoke, demo."""

import json
import os
import subprocess
import time

import pytest
from passwork_client import PassworkClient
from passwork_client.crypto import b64encode, rsa_decrypt, rsa_encrypt
from passwork_client.exceptions import PassworkResponseError

from conftest import MASTER_PASSWORD, server_binary
from helpers import SECRETS, client_for, make_vault_with_item
from test_cli import run_cli, totp
from test_exec_differential import secretfs_binary


def test_service_account_sees_only_what_is_shared(deployment, tmp_path):
    server = deployment.start()
    admin = client_for(server.host, deployment.credentials)
    shared = make_vault_with_item(admin, tmp_path)
    private_vault = admin.create_vault("Private")

    robot = deployment.admin("user", "add", "--login", "ci-robot", "--role", "serviceAccount",
                             "--master-password-file", "-", stdin="robot master password\n")
    assert robot["role"] == "serviceAccount"
    robot_client = PassworkClient(server.host)
    robot_client.set_tokens(robot["accessToken"], robot["refreshToken"])
    robot_client.set_master_key(robot["masterKey"])
    assert robot_client.call("GET", "/api/v1/vaults") == []

    # Share the vault read-only: the admin unwraps the vault key and wraps it for the robot, client-side.
    vault = admin.get_vault(shared["vault_id"])
    vault_key = rsa_decrypt(vault["masterKeyEncrypted"], admin.user_private_key).decode()
    robot_public = admin.get_user_public_key(robot["id"])
    wrapped = b64encode(rsa_encrypt(vault_key, robot_public)).decode()
    admin.call("POST", f"/api/v1/vaults/{shared['vault_id']}/members",
               {"userId": robot["id"], "masterKeyEncrypted": wrapped, "role": "read"})

    assert [v["id"] for v in robot_client.call("GET", "/api/v1/vaults")] == [shared["vault_id"]]
    assert robot_client.get_item(shared["item_id"])["password"] == SECRETS["password"]
    with pytest.raises(PassworkResponseError):
        robot_client.get_vault(private_vault)
    with pytest.raises(PassworkResponseError):
        robot_client.update_item(shared["item_id"], {"vaultId": shared["vault_id"], "password": "nope"})

    # Revoking the robot's sessions cuts it off.
    assert deployment.admin("token", "revoke", "--login", "ci-robot") == {"revoked": 1}
    with pytest.raises(PassworkResponseError):
        robot_client.call("GET", "/api/v1/vaults")


def test_token_revoke_by_token_file(deployment, tmp_path):
    server = deployment.start()
    pair = deployment.admin("token", "issue", "--login", "admin")
    client = PassworkClient(server.host)
    client.set_tokens(pair["accessToken"], pair["refreshToken"])
    assert client.call("GET", "/api/v1/vaults") == []
    assert deployment.admin("token", "revoke", "--token-file", "-", stdin=pair["refreshToken"]) == {"revoked": 1}
    with pytest.raises(PassworkResponseError):
        client.call("GET", "/api/v1/vaults")


def test_demo_vault_reads_with_the_connector(deployment, tmp_path):
    server = deployment.start()
    demo = deployment.admin("demo", "--login", "admin", "--master-password-file", str(deployment.password_file))
    client = client_for(server.host, deployment.credentials)
    item = client.get_item(demo["items"]["DB Prod"])
    assert item["password"] == "demo-db-password-1"
    assert {c["name"]: c["value"] for c in item["customs"]}["DB_HOST"] == "db.example.internal"
    download = tmp_path / "download"
    download.mkdir()
    client.download_item_attachment(item, str(download))
    assert (download / "ca.pem").read_text().startswith("-----BEGIN CERTIFICATE-----")
    folders = client.call("GET", "/api/v1/folders", {"vaultId": demo["vaultId"]})["items"]
    staging = next(f for f in folders if f["name"] == "Staging")
    assert staging["parentFolderId"] == demo["folders"]["Web"]

    before = time.time()
    result = run_cli(server, deployment.credentials, "get", "--password-id", demo["items"]["Web Admin"],
                     "--totp-code", "2FA")
    after = time.time()
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() in {totp("JBSWY3DPEHPK3PXP", before), totp("JBSWY3DPEHPK3PXP", after)}


def test_init_refuses_a_second_time_and_reads_no_password_from_argv(deployment, tmp_path):
    result = subprocess.run([server_binary(), "init", "--database", deployment.database.url, "--login", "again",
                             "--master-password-file", str(deployment.password_file)],
                            capture_output=True, text=True)
    assert result.returncode != 0
    assert "already has users" in result.stderr
    output = tmp_path / "creds.json"
    created = subprocess.run([server_binary(), "user", "add", "--database", deployment.database.url, "--login", "u2",
                              "--master-password-file", str(deployment.password_file), "--output", str(output)],
                             capture_output=True, text=True)
    assert created.returncode == 0, created.stderr
    assert created.stdout == ""
    assert os.stat(output).st_mode & 0o777 == 0o600
    assert json.loads(output.read_text())["login"] == "u2"
    assert MASTER_PASSWORD not in output.read_text()


# Master passwords `secretfs login` refuses: nothing left once the line endings at the end are dropped, a line
# break inside, bytes that are not UTF-8.
REFUSED_MASTER_PASSWORDS = [b"\n\n", b"two\nlines\n", b"caf\xe9\n"]


def login(server, credentials, config, password: bytes) -> subprocess.CompletedProcess:
    """`secretfs login` with the master password on standard input and no saved master key."""
    bare = {k: v for k, v in os.environ.items() if not k.startswith("PASSWORK_")}
    return subprocess.run([secretfs_binary(), "login", "--host", server.host, "--token", credentials["accessToken"],
                           "--refresh-token", credentials["refreshToken"], "--credentials", str(config),
                           "--master-password-file", "-"], env=bare, input=password, capture_output=True, timeout=120)


def test_a_master_password_the_client_refuses_is_refused_by_the_server(deployment, tmp_path):
    server = deployment.start()
    for index, raw in enumerate(REFUSED_MASTER_PASSWORDS):
        file = tmp_path / f"refused-{index}"
        file.write_bytes(raw)
        client = login(server, deployment.credentials, tmp_path / "unused.json", raw)
        added = subprocess.run([server_binary(), "user", "add", "--database", deployment.database.url,
                                "--login", f"refused-{index}", "--master-password-file", str(file)],
                               capture_output=True, text=True)
        first = subprocess.run([server_binary(), "init", "--database", f"sqlite:{tmp_path}/fresh-{index}.sqlite",
                                "--login", "admin", "--master-password-file", "-"], input=raw, capture_output=True)
        assert client.returncode == 78 and b"master password" in client.stderr, (raw, client.stderr)
        assert added.returncode == 78 and "master password" in added.stderr, (raw, added.stderr)
        assert first.returncode == 78 and b"master password" in first.stderr, (raw, first.stderr)
        assert added.stdout == "" and first.stdout == b""
    assert not (tmp_path / "unused.json").exists()


def test_every_account_the_server_makes_logs_in_with_the_same_file(deployment, tmp_path):
    server = deployment.start()
    # Two line endings at the end: the server once kept one of them in the password, the client none.
    file = tmp_path / "robot-password"
    file.write_bytes(b"robot password\r\n\n")
    robot = deployment.admin("user", "add", "--login", "robot", "--master-password-file", str(file))
    config = tmp_path / "robot.json"
    result = login(server, robot, config, file.read_bytes())
    assert result.returncode == 0, result.stderr
    assert json.loads(config.read_text())["masterKey"] == robot["masterKey"]


def admin_status(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    """A `secretfs-server` command that is expected to fail: its status and one line on standard error."""
    result = subprocess.run([server_binary(), *args], input=stdin, capture_output=True, text=True, timeout=120)
    assert result.stdout == "", result.stdout
    return result


def test_server_exit_codes_are_the_clients_sysexits(deployment, tmp_path):
    database = ["--database", deployment.database.url]
    password = ["--master-password-file", str(deployment.password_file)]
    expected = {
        # 64: wrong usage.
        "bad role": (64, ["user", "add", *database, "--login", "r", "--role", "root", *password]),
        "bad database": (64, ["token", "issue", "--database", "mysql://x", "--login", "admin"]),
        # 65: the master password does not unlock the user's keys.
        "wrong password": (65, ["demo", *database, "--login", "admin", "--master-password-file", "-"]),
        # 66: no such user, no session for the token.
        "unknown user": (66, ["token", "issue", *database, "--login", "nobody"]),
        "unknown user revoke": (66, ["token", "revoke", *database, "--login", "nobody"]),
        "unknown token": (66, ["token", "revoke", *database, "--token-file", "-"]),
        "unknown demo user": (66, ["demo", *database, "--login", "nobody", *password]),
        # 73: what would be created exists.
        "second init": (73, ["init", *database, "--login", "again", *password]),
        "login taken": (73, ["user", "add", *database, "--login", "admin", *password]),
        # 74: the output file cannot be written.
        "unwritable output": (74, ["token", "issue", *database, "--login", "admin", "--output",
                                   str(tmp_path / "no-such-dir" / "creds.json")]),
        # 78: the master password or token file cannot be read, or is refused.
        "missing password file": (78, ["user", "add", *database, "--login", "u3", "--master-password-file",
                                       str(tmp_path / "missing")]),
        "empty token file": (78, ["token", "revoke", *database, "--token-file", str(tmp_path / "empty")]),
    }
    (tmp_path / "empty").write_text("\n")
    stdin = {"wrong password": "not the master password\n", "unknown token": "no-such-token\n"}
    for name, (code, args) in expected.items():
        result = admin_status(*args, stdin=stdin.get(name))
        assert result.returncode == code, (name, result.returncode, result.stderr)
        assert result.stderr.strip(), name
        assert MASTER_PASSWORD not in result.stderr, name


def test_server_exit_codes_for_an_unreachable_database(tmp_path):
    (tmp_path / "pw").write_text(MASTER_PASSWORD + "\n")
    # The SQLite file's directory is a file. (A PostgreSQL server that is down is 69 too, but only after the
    # connection pool gives up, about a minute later: too slow to test here.)
    (tmp_path / "a-file").write_text("")
    database = f"sqlite:{tmp_path}/a-file/server.sqlite"
    made = admin_status("init", "--database", database, "--login", "admin", "--master-password-file",
                        str(tmp_path / "pw"))
    assert made.returncode == 69, made.stderr
    assert made.stderr.splitlines()[-1].startswith("secretfs-server: cannot open the database")
    assert admin_status("token", "issue", "--database", database, "--login", "admin").returncode == 69
