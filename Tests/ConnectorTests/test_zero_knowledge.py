"""After a client-side-encrypted workload, the database holds none of the plaintext secrets."""

from helpers import SECRETS, client_for, make_vault_with_item


def test_database_holds_no_plaintext(deployment, tmp_path):
    server = deployment.start()
    client = client_for(server.host, deployment.credentials)
    ids = make_vault_with_item(client, tmp_path)
    client.update_item(ids["item_id"], {"vaultId": ids["vault_id"], "password": SECRETS["new_password"]})
    assert client.get_item(ids["item_id"])["password"] == SECRETS["new_password"]
    server.stop()  # checkpoint and close, so everything is on disk
    dump = deployment.database.dump()
    # Names are plaintext by design (docs/wire-format.md, "Client-side encryption"): the dump is real.
    assert b"DB Prod" in dump
    for name, secret in SECRETS.items():
        assert secret.strip().encode() not in dump, f"{name} is stored in plaintext"
    assert deployment.credentials["masterKey"].encode() not in dump
    assert deployment.credentials["accessToken"].encode() not in dump
    assert deployment.credentials["refreshToken"].encode() not in dump
