"""Makes the `fuse` benchmark's data with the official connector: one vault of COUNT items, each with a
password and 3 custom fields (text, password, text), so 4 secret fields. Prints the vault id. See
Benchmarks/README.md.

    make_items.py HOST CREDENTIALS_JSON MASTER_PASSWORD_FILE VAULT_NAME COUNT [--reuse-vault-key]

With --reuse-vault-key (the 10,000-item memory check), `get_vault` and `get_vault_password` are memoised on
the client, so `create_item` decrypts the vault key with RSA once instead of once per item (about 35 ms of
the connector's ~40 ms per item). Everything else is the connector's own `create_item`: a new item key per
item, the same encryption calls, one `POST /api/v1/items` per item.
"""

import functools
import json
import pathlib
import sys
import time

from passwork_client import PassworkClient


def main() -> None:
    host, credentials_path, password_path, vault_name, count = sys.argv[1:6]
    reuse = "--reuse-vault-key" in sys.argv[6:]
    credentials = json.loads(pathlib.Path(credentials_path).read_text())
    client = PassworkClient(host)
    client.set_tokens(credentials["accessToken"], credentials["refreshToken"])
    client.set_master_password(pathlib.Path(password_path).read_text().rstrip("\n"))
    if reuse:
        get_vault = functools.lru_cache(maxsize=None)(client.get_vault)
        passwords: dict = {}

        def get_vault_password(vault, original=client.get_vault_password):
            key = vault["masterKeyEncrypted"]
            if key not in passwords:
                passwords[key] = original(vault)
            return passwords[key]

        client.get_vault = get_vault
        client.get_vault_password = get_vault_password

    vault_id = client.create_vault(vault_name)
    start = time.monotonic()
    for index in range(int(count)):
        client.create_item({
            "vaultId": vault_id,
            "name": f"Item {index:05d}",
            "password": f"password-{index:05d}-Zq7!kV2p",
            "customs": [
                {"name": "DB_HOST", "value": f"db-{index:05d}.internal.example", "type": "text"},
                {"name": "API_KEY", "value": f"api-key-{index:05d}-9f3c2a7e51", "type": "password"},
                {"name": "REGION", "value": f"eu-west-{index % 3 + 1}", "type": "text"},
            ],
        })
    print(f"made {count} items in {time.monotonic() - start:.1f} s", file=sys.stderr)
    print(vault_id)


if __name__ == "__main__":
    main()
