"""Workload helpers shared by the connector tests."""

import pathlib

from passwork_client import PassworkClient

from conftest import MASTER_PASSWORD

SECRETS = {
    "password": "pw-Zq7!first-secret",
    "new_password": "pw-Zq7!second-secret",
    "custom_text": "custom-text-value-8341",
    "custom_password": "custom-password-value-5527",
    "totp": "JBSWY3DPEHPK3PXP",
    "attachment": "attachment-content-Yx81-plaintext\n",
}


def client_for(host: str, credentials: dict, auto_refresh: bool = False) -> PassworkClient:
    client = PassworkClient(host, auto_refresh=auto_refresh)
    client.set_tokens(credentials["accessToken"], credentials["refreshToken"])
    client.set_master_password(MASTER_PASSWORD)
    return client


def make_vault_with_item(client: PassworkClient, tmp: pathlib.Path) -> dict:
    """A vault, a folder, and an item with custom fields (text, password, totp) and an attachment."""
    vault_id = client.create_vault("Connector vault")
    folder_id = client.call("POST", "/api/v1/folders", {"name": "Databases", "vaultId": vault_id})["id"]
    attachment = tmp / "notes.txt"
    attachment.write_text(SECRETS["attachment"])
    item_id = client.create_item({
        "vaultId": vault_id,
        "folderId": folder_id,
        "name": "DB Prod",
        "login": "app",
        "url": "https://db.example.com",
        "description": "the production database",
        "tags": ["prod", "db"],
        "password": SECRETS["password"],
        "customs": [
            {"name": "DB_HOST", "value": SECRETS["custom_text"], "type": "text"},
            {"name": "DB_ADMIN_PASSWORD", "value": SECRETS["custom_password"], "type": "password"},
            {"name": "OTP", "value": SECRETS["totp"], "type": "totp"},
        ],
        "attachments": [{"path": str(attachment), "name": "notes.txt"}],
    })
    return {"vault_id": vault_id, "folder_id": folder_id, "item_id": item_id}
