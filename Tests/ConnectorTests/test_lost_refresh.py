"""A refresh whose answer is lost (the connection dies after the server rotated the tokens) leaves the client
clearly failed, with the documented error, never hanging or looping (issue 4)."""

import json
import os
import socket
import subprocess
import threading
import time

from helpers import SECRETS, client_for, make_vault_with_item
from test_exec_differential import secretfs_binary


class LosingProxy:
    """Forwards HTTP/1.1 to the server, but for the first token refresh closes the client's connection after the
    server has answered (so the server rotated the tokens and the client never learns the new ones)."""

    def __init__(self, target_port: int):
        self.target_port = target_port
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(16)
        self.port = self.listener.getsockname()[1]
        self.lost = 0
        self.running = True
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while self.running:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    @staticmethod
    def _read_request(sock) -> bytes:
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = sock.recv(65536)
            if not chunk:
                return data
            data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        length = 0
        for line in head.split(b"\r\n"):
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        while len(body) < length:
            body += sock.recv(65536)
        return head + b"\r\n\r\n" + body

    def _serve(self, client):
        with client:
            while True:
                request = self._read_request(client)
                if not request:
                    return
                with socket.create_connection(("127.0.0.1", self.target_port)) as upstream:
                    head, _, body = request.partition(b"\r\n\r\n")
                    lines = [line for line in head.split(b"\r\n") if not line.lower().startswith(b"connection:")]
                    upstream.sendall(b"\r\n".join(lines + [b"Connection: close"]) + b"\r\n\r\n" + body)
                    response = b""
                    while chunk := upstream.recv(65536):
                        response += chunk
                if b"/api/v1/sessions/refresh" in request.split(b"\r\n", 1)[0] and self.lost == 0:
                    self.lost += 1
                    return  # the answer is lost
                # One request per connection: the client opens a new one for the next.
                client.sendall(response.replace(b"\r\n\r\n", b"\r\nConnection: close\r\n\r\n", 1)
                               if b"connection:" not in response.split(b"\r\n\r\n")[0].lower() else response)
                return

    def close(self):
        self.running = False
        self.listener.close()


def test_lost_refresh_answer_fails_clearly(deployment, tmp_path):
    server = deployment.start(access_ttl="2s")
    credentials = deployment.credentials
    ids = make_vault_with_item(client_for(server.host, credentials), tmp_path)
    proxy = LosingProxy(int(server.host.rsplit(":", 1)[1]))
    try:
        file = tmp_path / "credentials.json"
        # A pair whose access token lives 2 seconds.
        pair = deployment.admin("token", "issue", "--login", "admin", "--access-ttl", "2s")
        saved = {"host": f"http://127.0.0.1:{proxy.port}", "accessToken": pair["accessToken"],
                 "refreshToken": pair["refreshToken"], "masterKey": credentials["masterKey"]}
        file.write_text(json.dumps(saved))
        os.chmod(file, 0o600)
        env = {k: v for k, v in os.environ.items() if not k.startswith("PASSWORK_")}
        time.sleep(3)  # the access token (2 s) has expired
        get = [secretfs_binary(), "get", "--credentials", str(file), "--password-id", ids["item_id"]]
        first = subprocess.run(get, env=env, capture_output=True, text=True, timeout=60)
        assert proxy.lost >= 1, f"the refresh never went through the proxy: {first.returncode} {first.stdout} {first.stderr}"
        assert first.returncode == 69 and first.stderr.count("\n") == 1, first.stderr
        # The server rotated the tokens, the file still holds the old pair: a clear, terminal answer.
        second = subprocess.run(get, env=env, capture_output=True, text=True, timeout=60)
        assert second.returncode == 77 and "session has ended" in second.stderr, second.stderr
        assert SECRETS["password"] not in first.stderr + second.stderr
    finally:
        proxy.close()
