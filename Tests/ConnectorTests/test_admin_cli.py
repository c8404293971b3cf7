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
