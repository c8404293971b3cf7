"""Makes the `exec` benchmark's data with the official connector: one vault with 20 items, each with a password
and two custom fields (text and password). Prints the vault id. See Benchmarks/README.md.

    make_items.py HOST CREDENTIALS_JSON MASTER_PASSWORD_FILE
"""

import json
import pathlib
import sys

from passwork_client import PassworkClient

ITEMS = 20


def main() -> None:
    host, credentials_path, password_path = sys.argv[1:]
    credentials = json.loads(pathlib.Path(credentials_path).read_text())
    client = PassworkClient(host)
    client.set_tokens(credentials["accessToken"], credentials["refreshToken"])
    client.set_master_password(pathlib.Path(password_path).read_text().rstrip("\n"))

    vault_id = client.create_vault("exec benchmark")
    for index in range(ITEMS):
        client.create_item({
            "vaultId": vault_id,
            "name": f"Service {index:02d}",
            "login": f"user{index}",
            "password": f"password-{index}-Zq7!",
            "customs": [
                {"name": f"HOST_{index:02d}", "value": f"host-{index}.example", "type": "text"},
                {"name": f"API_KEY_{index:02d}", "value": f"api-key-{index}-secret", "type": "password"},
            ],
        })
    print(vault_id)


if __name__ == "__main__":
    main()
