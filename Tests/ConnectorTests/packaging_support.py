"""What the packaging tests share: a server on SQLite holding the demo vault, the environment a mount or a
command reads its credentials from, and a socket that receives sd_notify datagrams as systemd would."""

import json
import os
import pathlib
import socket
import subprocess
import time

import pytest

from conftest import REPO, Deployment

DEMO_SECRET_PATH = "Demo/Databases/DB Prod/password"


def bin_dir() -> pathlib.Path:
    return pathlib.Path(os.environ.get("SECRETFS_BIN_DIR") or REPO / ".build" / "debug")


class DemoServer:
    """`secretfs-server init` and `demo` on a fresh SQLite file, then `serve` on 127.0.0.1, port 0."""

    def __init__(self, tmp: pathlib.Path):
        self.deployment = Deployment("sqlite", tmp)
        self.deployment.admin("demo", "--login", "admin", "--master-password-file", str(self.deployment.password_file))
        self.server = self.deployment.start()

    def environment(self, **extra) -> dict:
        credentials = self.deployment.credentials
        return dict(os.environ, PASSWORK_HOST=self.server.host, PASSWORK_TOKEN=credentials["accessToken"],
                    PASSWORK_REFRESH_TOKEN=credentials["refreshToken"], PASSWORK_MASTER_KEY=credentials["masterKey"],
                    XDG_CONFIG_HOME="/nonexistent", **extra)

    def close(self) -> None:
        self.deployment.close()


@pytest.fixture
def demo_server(tmp_path):
    server = DemoServer(tmp_path)
    yield server
    server.close()


class NotifySocket:
    """A datagram socket like the one systemd passes in $NOTIFY_SOCKET; `address` is what to put there."""

    def __init__(self, tmp: pathlib.Path, abstract: bool = False):
        self.socket = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        if abstract:
            name = f"secretfs-test-{os.getpid()}-{time.monotonic_ns()}"
            self.socket.bind("\0" + name)
            self.address = "@" + name
        else:
            path = tmp / "notify.sock"
            self.socket.bind(str(path))
            self.address = str(path)
        self.messages: list[str] = []

    def wait_for(self, line_prefix: str, timeout: float = 60) -> str:
        """Receives datagrams until one has a line starting with `line_prefix`; returns that datagram."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.socket.settimeout(max(0.01, deadline - time.monotonic()))
            try:
                message = self.socket.recv(4096).decode()
            except TimeoutError:
                break
            self.messages.append(message)
            if any(line.startswith(line_prefix) for line in message.split("\n")):
                return message
        pytest.fail(f"no {line_prefix!r} in {timeout} s; received {self.messages}")

    def close(self) -> None:
        self.socket.close()


def wait_for_file(path: pathlib.Path, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists():
            return
        assert process.poll() is None, f"exited with {process.returncode} before {path} appeared"
        time.sleep(0.05)  # polling for the file, bounded by the deadline
    pytest.fail(f"{path} did not appear in {timeout} s")


def read_json(path: pathlib.Path) -> dict:
    return json.loads(path.read_text())
