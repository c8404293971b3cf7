"""The passwork-python 0.2.0 library against secretfs-server, with client-side encryption on."""

import time

import pytest
from passwork_client import PassworkClient
from passwork_client.exceptions import PassworkError, PassworkResponseError

from helpers import SECRETS, client_for, make_vault_with_item


def test_item_lifecycle(deployment, tmp_path):
    server = deployment.start()
    client = client_for(server.host, deployment.credentials)
    ids = make_vault_with_item(client, tmp_path)

    item = client.get_item(ids["item_id"])
    assert item["password"] == SECRETS["password"]
    assert item["vaultMasterKeyEncrypted"]
    customs = {custom["name"]: (custom["value"], custom["type"]) for custom in item["customs"]}
    assert customs["DB_HOST"] == (SECRETS["custom_text"], "text")
    assert customs["DB_ADMIN_PASSWORD"] == (SECRETS["custom_password"], "password")
    assert customs["OTP"] == (SECRETS["totp"], "totp")

    # Search by tags, vault and folder (lists go as key[]).
    assert [found["id"] for found in client.search_items(tags=["prod"])] == [ids["item_id"]]
    assert [found["id"] for found in client.search_items(tags=["prod", "missing"])] == []
    assert [found["id"] for found in client.search_items(vault_ids=[ids["vault_id"]])] == [ids["item_id"]]
    assert [found["id"] for found in client.search_items(folder_ids=[ids["folder_id"]])] == [ids["item_id"]]
    assert [found["id"] for found in client.search_items(query="production")] == [ids["item_id"]]

    # Batch, through get_items and search_and_decrypt.
    batch = client.get_items([ids["item_id"], "000000000000000000000000"])
    assert [found["password"] for found in batch] == [SECRETS["password"]]
    assert [found["password"] for found in client.search_and_decrypt(tags=["db"])] == [SECRETS["password"]]

    # Attachment download checks the hash after decrypting.
    download = tmp_path / "download"
    download.mkdir()
    client.download_item_attachment(item, str(download))
    assert (download / "notes.txt").read_text() == SECRETS["attachment"]

    # Partial update keeps the rest; the previous version is a snapshot.
    client.update_item(ids["item_id"], {"vaultId": ids["vault_id"], "password": SECRETS["new_password"]})
    updated = client.get_item(ids["item_id"])
    assert updated["password"] == SECRETS["new_password"]
    assert updated["login"] == "app" and updated["tags"] == ["prod", "db"]
    assert len(updated["customs"]) == 3
    snapshots = client.call("GET", f"/api/v1/items/{ids['item_id']}/snapshots")["items"]
    assert len(snapshots) == 1
    snapshot = client.get_snapshot(ids["item_id"], snapshots[0]["id"])
    assert snapshot["password"] == SECRETS["password"]
    snapshot_download = tmp_path / "snapshot-download"
    snapshot_download.mkdir()
    client.download_snapshot_attachments(snapshot, str(snapshot_download))
    assert (snapshot_download / "notes.txt").read_text() == SECRETS["attachment"]

    # Delete moves the item to the Bin.
    assert client.delete_item(ids["item_id"])
    with pytest.raises(PassworkResponseError):
        client.get_item(ids["item_id"])


def test_session_file_round_trip(deployment, tmp_path):
    server = deployment.start()
    client = client_for(server.host, deployment.credentials)
    ids = make_vault_with_item(client, tmp_path)
    session_file = tmp_path / "session"
    key = client.save_session(str(session_file), save_master_key=True)

    restored = PassworkClient(server.host)
    assert restored.load_session(str(session_file), key)
    assert restored.get_item(ids["item_id"])["password"] == SECRETS["password"]


def test_expired_access_token_is_refreshed_by_auto_refresh(deployment, tmp_path):
    server = deployment.start(access_ttl="2s")
    # A fresh pair with the short TTL (the one from init has 15 minutes).
    pair = deployment.admin("token", "issue", "--login", "admin", "--access-ttl", "2s")
    client = client_for(server.host, pair, auto_refresh=True)
    ids = make_vault_with_item(client, tmp_path)
    old_access, old_refresh = client.access_token, client.refresh_token
    # The token in hand was issued at most 2 s ago: waiting out one TTL (plus a second of clock rounding) makes
    # it expire mid-run. This is the only wait in the suite, and it waits for the clock, not for readiness.
    time.sleep(3.1)
    assert client.get_item(ids["item_id"])["password"] == SECRETS["password"]
    assert client.access_token != old_access and client.refresh_token != old_refresh

    # The old pair is dead, and replaying the used refresh token revokes the session.
    stale = PassworkClient(server.host, auto_refresh=True)
    stale.set_tokens(old_access, old_refresh)
    with pytest.raises(PassworkResponseError):
        stale.call("GET", "/api/v1/vaults")
    with pytest.raises(PassworkError, match="Failed to refresh token: 401"):
        stale.update_tokens()
    with pytest.raises(PassworkResponseError):
        client.call("GET", f"/api/v1/items/{ids['item_id']}")


def test_single_token_rotation(deployment):
    server = deployment.start()
    client = PassworkClient(server.host)
    pair = deployment.admin("token", "issue", "--login", "admin")
    client.set_tokens(pair["accessToken"], pair["refreshToken"])
    client.update_access_token()
    assert client.access_token != pair["accessToken"]
    client.update_refresh_token()
    assert client.refresh_token != pair["refreshToken"]
    assert isinstance(client.call("GET", "/api/v1/vaults"), list)

