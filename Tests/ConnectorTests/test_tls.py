"""HTTPS with --tls-cert/--tls-key, verified by the connector against the certificate."""

import json
import os
import shutil
import signal
import subprocess
import time

import pytest
from passwork_client import PassworkClient

from conftest import Database, server_binary


def test_tls(tmp_path):
    if shutil.which("openssl") is None:
        pytest.fail("openssl is needed to make a test certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    database = Database("sqlite", tmp_path)
    password = tmp_path / "pw"
    password.write_text("tls master password")
    credentials = json.loads(subprocess.run(
        [server_binary(), "init", "--database", database.url, "--login", "admin", "--master-password-file",
         str(password)], check=True, capture_output=True, text=True).stdout)
    ready = tmp_path / "ready.json"
    process = subprocess.Popen([server_binary(), "serve", "--listen", "127.0.0.1:0", "--database", database.url,
                                "--tls-cert", str(cert), "--tls-key", str(key), "--ready-file", str(ready)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while not ready.exists() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)  # polling the ready file, bounded by the deadline
        host = json.loads(ready.read_text())["host"]
        assert host.startswith("https://127.0.0.1:")
        client = PassworkClient(host, verify_ssl=str(cert))
        client.set_tokens(credentials["accessToken"], credentials["refreshToken"])
        client.set_master_password("tls master password")
        assert client.call("GET", "/api/v1/vaults") == []
        assert os.stat(database.path).st_mode & 0o777 == 0o600

        # secretfs: the CA file verifies, the system CAs refuse a self-signed certificate, --insecure skips.
        from test_exec_differential import secretfs_binary
        env = dict(os.environ, PASSWORK_HOST=host, PASSWORK_TOKEN=client.access_token,
                   PASSWORK_REFRESH_TOKEN=client.refresh_token, PASSWORK_MASTER_KEY=client.master_key,
                   XDG_CONFIG_HOME=str(tmp_path / "config"))
        api = [secretfs_binary(), "api", "--endpoint", "v1/vaults"]
        verified = subprocess.run(api + ["--ca-file", str(cert)], env=env, capture_output=True, text=True, timeout=60)
        assert verified.returncode == 0 and json.loads(verified.stdout) == [], verified.stderr
        refused = subprocess.run(api, env=env, capture_output=True, text=True, timeout=60)
        assert refused.returncode == 69 and refused.stderr.count("\n") == 1, refused.stderr
        skipped = subprocess.run(api + ["--insecure"], env=env, capture_output=True, text=True, timeout=60)
        assert skipped.returncode == 0, skipped.stderr
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
