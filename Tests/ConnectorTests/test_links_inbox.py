"""Share links and inbox items across implementations: a link made by the connector's `create_link` is opened by
`secretfs link open`; an item sent by `secretfs inbox send` is read by the connector's `get_inbox_item` and
`download_inbox_attachment`."""

import subprocess

from helpers import SECRETS, client_for, make_vault_with_item
from test_exec_differential import secretfs_binary
from test_secretfs_cli import env_for, run


def open_link(url: str, *args: str) -> subprocess.CompletedProcess:
    """`secretfs link open` with no credentials at all: the URL's code is all it needs."""
    return run([secretfs_binary(), "link", "open", url, *args], {"PATH": "/usr/bin:/bin",
                                                                  "XDG_CONFIG_HOME": "/nonexistent"})


def test_connector_link_opens_in_secretfs(deployment, tmp_path):
    server = deployment.start()
    connector = client_for(server.host, deployment.credentials)
    item_id = make_vault_with_item(connector, tmp_path)["item_id"]

    url = connector.create_link("reusable", "1 week", item_id=item_id)
    assert url.startswith(server.host + "/links/") and "#code=" in url
    assert open_link(url).stdout == SECRETS["password"] + "\n"
    assert open_link(url, "--field", "DB_HOST").stdout == SECRETS["custom_text"] + "\n"
    assert open_link(url, "--field", "DB_ADMIN_PASSWORD").stdout == SECRETS["custom_password"] + "\n"
    assert open_link(url, "--field", "login").stdout == "app\n"
    attachment = subprocess.run([secretfs_binary(), "link", "open", url, "--attachment", "notes.txt"],
                                capture_output=True, timeout=120)
    assert attachment.returncode == 0 and attachment.stdout == SECRETS["attachment"].encode()

    # A wrong code is refused like an unknown link; a single-use link works once.
    wrong = url.split("#")[0] + "#code=" + "x" * 100
    refused = open_link(wrong)
    assert refused.returncode == 66 and refused.stderr.startswith("secretfs: not found")
    once = connector.create_link("single_use", "1 hour", item_id=item_id)
    assert open_link(once).stdout == SECRETS["password"] + "\n"
    assert open_link(once).returncode == 66

    # Neither the code nor a plaintext reached the database.
    stored = deployment.database.dump()
    for secret in (url.split("#code=")[1], SECRETS["password"], SECRETS["custom_password"], SECRETS["attachment"]):
        assert secret.encode() not in stored


def test_secretfs_link_opens_in_secretfs(deployment, tmp_path):
    server = deployment.start()
    item_id = make_vault_with_item(client_for(server.host, deployment.credentials), tmp_path)["item_id"]
    env = env_for(server, deployment.credentials)
    made = run([secretfs_binary(), "link", "create", "--item-id", item_id, "--type", "reusable", "--expires", "1w"],
               env)
    assert made.returncode == 0, made.stderr
    url = made.stdout.strip()
    assert open_link(url, "--field", "DB_ADMIN_PASSWORD").stdout == SECRETS["custom_password"] + "\n"
    bad = run([secretfs_binary(), "link", "create", "--item-id", item_id, "--expires", "2d"], env)
    assert bad.returncode == 64


def test_secretfs_inbox_item_read_by_connector(deployment, tmp_path):
    server = deployment.start()
    item_id = make_vault_with_item(client_for(server.host, deployment.credentials), tmp_path)["item_id"]
    bob = deployment.admin("user", "add", "--login", "bob", "--master-password-file",
                           str(deployment.password_file))

    sent = run([secretfs_binary(), "inbox", "send", "--item-id", item_id, "--user", bob["id"]],
               env_for(server, deployment.credentials))
    assert sent.returncode == 0, sent.stderr
    inbox_id = sent.stdout.strip()

    recipient = client_for(server.host, bob)
    received = recipient.get_inbox_item(inbox_id)
    assert received["password"] == SECRETS["password"]
    assert received["inbox"]["id"] == inbox_id and received["inbox"]["access"] == "read"
    assert received["inbox"]["sender"]["login"] == "admin"
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    recipient.download_inbox_attachment(received, str(downloads))
    assert (downloads / "notes.txt").read_text() == SECRETS["attachment"]

    # The recipient reads it with `secretfs inbox get` too; the sender cannot.
    ours = run([secretfs_binary(), "inbox", "get", inbox_id, "--field", "DB_HOST"], env_for(server, bob))
    assert ours.returncode == 0 and ours.stdout == SECRETS["custom_text"] + "\n"
    theirs = run([secretfs_binary(), "inbox", "get", inbox_id], env_for(server, deployment.credentials))
    assert theirs.returncode == 66


def test_an_empty_password_exits_1_from_get_and_link_open_alike(deployment, tmp_path):
    server = deployment.start()
    connector = client_for(server.host, deployment.credentials)
    vault_id = connector.create_vault("Empty")
    item_id = connector.create_item({"vaultId": vault_id, "name": "No password", "password": "",
                                     "customs": [{"name": "KEY", "value": "k", "type": "text"}]})
    env = env_for(server, deployment.credentials)
    url = connector.create_link("reusable", "1 week", item_id=item_id)
    # The item exists and so does its password field: empty is not "not found" (66). passwork-cli says 1 too.
    got = run([secretfs_binary(), "get", "--password-id", item_id], env)
    opened = open_link(url)
    assert got.returncode == opened.returncode == 1 and got.stdout == opened.stdout == "", got.stderr + opened.stderr
    assert got.stderr == f"secretfs: item {item_id} has no password\n"
    assert opened.stderr == "secretfs: the linked item has no password\n"
    assert open_link(url, "--field", "KEY").stdout == "k\n"
    assert open_link(url, "--field", "no-such-field").returncode == 66
