#!/usr/bin/env python3
"""The official connector as an interop peer for the Swift crypto core.

Runs passwork-python 0.2.0's own functions, unmodified (the venv that `make deps` builds).

  connector_peer.py generate SEED   prints JSON: texts, bytes and a full key chain encrypted by the connector
  connector_peer.py decrypt         reads JSON made by Swift on stdin, prints what the connector decrypts

The Swift test (InteropTests.swift) drives both directions and compares.
"""
import base64
import hashlib
import json
import random
import sys

from passwork_client import crypto, utils

# Characters from several scripts and planes, combining marks and emoji included.
ALPHABET = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~\t\n"
    "пароль ключ ü é ß ø 秘密 鍵 パスワード 🔑🔐🧪 ✓ ́ ‮ \u00a0"
)
LENGTHS = [0, 1, 2, 15, 16, 17, 31, 32, 33, 100, 255, 256, 1000, 4095, 4096]


def random_text(rng, length):
    return "".join(rng.choice(ALPHABET) for _ in range(length))


def generate(seed):
    rng = random.Random(seed)
    texts = []
    for length in LENGTHS + [rng.randrange(0, 4097) for _ in range(10)]:
        plaintext = random_text(rng, length)
        passphrase = crypto.generate_key() if rng.random() < 0.7 else random_text(rng, rng.randrange(1, 60))
        texts.append({"plaintext": plaintext, "passphrase": passphrase, "wire": crypto.encrypt_aes(plaintext, passphrase)})
    binaries = []
    for length in LENGTHS + [rng.randrange(0, 4097) for _ in range(5)]:
        data = bytes(rng.randrange(256) for _ in range(length))
        passphrase = crypto.generate_key()
        binaries.append({"hex": data.hex(), "passphrase": passphrase, "wire": crypto.encrypt_aes(data, passphrase, True)})

    # A whole chain, made the way the connector makes users, vaults and items.
    master_password = random_text(rng, 24)
    salt = crypto.generate_string(20)
    derived = crypto.get_master_key({"salt": salt, "iterations": 1000, "bytes": 64}, master_password)
    master_key = derived["hashedString"]
    keys = crypto.generate_rsa_keys()
    private_encrypted = crypto.encrypt_aes(keys["private"].encode(), master_key, True)
    vault_key = crypto.generate_key()
    vault_salt = crypto.generate_salt(32)
    item_key = crypto.generate_key()
    password = random_text(rng, 40)
    customs_plain = [
        {"name": "API_KEY", "value": random_text(rng, 30), "type": "password"},
        {"name": "Юзер name", "value": random_text(rng, 12), "type": "text"},
        {"name": "otp", "value": "JBSWY3DPEHPK3PXP", "type": "totp"},
    ]
    attachment = bytes(rng.randrange(256) for _ in range(3000))
    encrypted_attachment = utils.encrypt_item_attachment(attachment, item_key)
    chain = {
        "masterPassword": master_password,
        "masterKeyOptions": derived["masterKeyOptions"],
        "masterKey": master_key,
        "masterKeyHash": hashlib.sha256(master_key.encode()).hexdigest(),
        "publicKey": keys["public"],
        "privateEncrypted": private_encrypted,
        "vaultKey": vault_key,
        "vaultSalt": vault_salt,
        "vaultMasterKeyHash": crypto.get_hash(vault_key + vault_salt),
        "vaultMasterKeyEncrypted": base64.b64encode(crypto.rsa_encrypt(vault_key, keys["public"])).decode(),
        "itemKey": item_key,
        "keyEncrypted": crypto.encrypt_aes(item_key, vault_key),
        "password": password,
        "passwordEncrypted": crypto.encrypt_aes(password, item_key),
        "customsPlain": customs_plain,
        "customs": utils.encrypt_item_customs([dict(c) for c in customs_plain], item_key),
        "attachmentHex": attachment.hex(),
        "attachment": encrypted_attachment,
    }
    return {"texts": texts, "bytes": binaries, "chain": chain}


def decrypt(request):
    texts = [crypto.decrypt_aes(t["wire"], t["passphrase"]) for t in request["texts"]]
    binaries = [crypto.decrypt_aes(b["wire"], b["passphrase"], True).hex() for b in request["bytes"]]
    c = request["chain"]
    private_pem = crypto.decrypt_aes(c["privateEncrypted"], c["masterKey"], True).decode()
    vault_key = crypto.rsa_decrypt(c["vaultMasterKeyEncrypted"], private_pem).decode()
    item_key = utils.get_encryption_key(c["vaultMasterKeyEncrypted"], c["keyEncrypted"], private_pem)
    customs = []
    for custom in c["customs"]:
        custom = dict(custom)
        utils.decrypt_item_customs(custom, item_key)
        customs.append(custom)
    attachment = c["attachment"]
    attachment_key = crypto.decrypt_aes(attachment["encryptedKey"], item_key)
    data = utils.decode_file(attachment["encryptedData"], attachment_key)
    blob_hash = hashlib.sha256(utils.get_string_from_blob(data).encode()).hexdigest()
    return {
        "texts": texts,
        "bytes": binaries,
        "chain": {
            "masterKeyHash": hashlib.sha256(c["masterKey"].encode()).hexdigest(),
            "vaultKey": vault_key,
            "itemKey": item_key,
            "password": utils.decrypt_item(c["passwordEncrypted"], item_key),
            "customs": customs,
            "attachmentHex": data.hex(),
            "attachmentHashMatches": blob_hash == attachment["hash"],
        },
    }


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "generate":
        json.dump(generate(int(sys.argv[2])), sys.stdout, ensure_ascii=False)
    elif len(sys.argv) == 2 and sys.argv[1] == "decrypt":
        json.dump(decrypt(json.load(sys.stdin)), sys.stdout, ensure_ascii=False)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
