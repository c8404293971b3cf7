"""Fixtures that run a real secretfs-server for the official connector (see README.md)."""

import json
import os
import pathlib
import shutil
import signal
import subprocess
import time
import uuid

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
MASTER_PASSWORD = "correct horse battery staple"
ENGINES = ["sqlite", "postgres"]


def server_binary() -> str:
    path = os.environ.get("SECRETFS_SERVER_BIN") or str(REPO / ".build" / "debug" / "secretfs-server")
    if not os.access(path, os.X_OK):
        pytest.fail(f"secretfs-server not found at {path}: run `swift build --product secretfs-server` "
                    "or set SECRETFS_SERVER_BIN")
    return path


def postgres_url() -> str | None:
    url = os.environ.get("SECRETFS_TEST_POSTGRES_URL")
    if url:
        return url
    if os.environ.get("SECRETFS_SKIP_POSTGRES") == "1":
        pytest.skip("PostgreSQL skipped (SECRETFS_SKIP_POSTGRES=1)")
    pytest.fail("SECRETFS_TEST_POSTGRES_URL is not set: run scripts/start-postgres and export the URL it "
                "prints, or set SECRETFS_SKIP_POSTGRES=1 to skip the PostgreSQL cases")


def run_psql(url: str, sql: str) -> None:
    if shutil.which("psql") is None:
        pytest.fail("psql is needed to drop the test schema")
    subprocess.run(["psql", url, "-v", "ON_ERROR_STOP=1", "-q", "-c", sql], check=True, capture_output=True)


class Database:
    """A fresh database for one test: an SQLite file, or a PostgreSQL schema dropped afterwards."""

    def __init__(self, engine: str, tmp: pathlib.Path):
        self.engine = engine
        if engine == "sqlite":
            self.path = tmp / "server.sqlite"
            self.url = f"sqlite:{self.path}"
            self.base_url = None
            self.schema = None
        else:
            self.base_url = postgres_url()
            self.schema = "ct_" + uuid.uuid4().hex[:12]
            separator = "&" if "?" in self.base_url else "?"
            self.url = f"{self.base_url}{separator}schema={self.schema}"

    def drop(self) -> None:
        if self.schema:
            run_psql(self.base_url, f"DROP SCHEMA IF EXISTS {self.schema} CASCADE")

    def dump(self) -> bytes:
        """Everything stored, as bytes to search for plaintext."""
        if self.engine == "sqlite":
            data = b""
            for suffix in ("", "-wal", "-shm"):
                file = pathlib.Path(str(self.path) + suffix)
                if file.exists():
                    data += file.read_bytes()
            return data
        if shutil.which("pg_dump") is None:
            pytest.fail("pg_dump is needed for the zero-knowledge check")
        return subprocess.run(["pg_dump", "--schema", self.schema, self.base_url], check=True,
                              capture_output=True).stdout


class Server:
    """A running `secretfs-server serve` on 127.0.0.1, port 0."""

    def __init__(self, database: Database, tmp: pathlib.Path, name: str, access_ttl: str = "15m"):
        self.tmp = tmp
        self.ready = tmp / f"{name}.ready.json"
        self.log_path = tmp / f"{name}.log"
        self.log = open(self.log_path, "wb")
        self.process = subprocess.Popen(
            [server_binary(), "serve", "--listen", "127.0.0.1:0", "--database", database.url,
             "--access-ttl", access_ttl, "--ready-file", str(self.ready), "--log-level", "warning"],
            stdout=self.log, stderr=subprocess.STDOUT)
        self.host = self._wait_ready()

    def _wait_ready(self) -> str:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.ready.exists():
                return json.loads(self.ready.read_text())["host"]
            if self.process.poll() is not None:
                self.log.flush()
                pytest.fail("secretfs-server exited: " + self.log_path.read_text(errors="replace"))
            time.sleep(0.02)  # polling the ready file, bounded by the deadline
        pytest.fail("secretfs-server did not become ready in 60 s")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                code = self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                pytest.fail("secretfs-server ignored SIGTERM")
            assert code == 0, f"secretfs-server exited with {code} after SIGTERM"
        self.log.close()


def run_admin(args: list[str], stdin: str | None = None) -> dict:
    result = subprocess.run([server_binary(), *args], input=stdin, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


class Deployment:
    """A database, its first user (from `secretfs-server init`) and the servers started on it."""

    def __init__(self, engine: str, tmp: pathlib.Path):
        self.engine = engine
        self.tmp = tmp
        self.database = Database(engine, tmp)
        self.servers: list[Server] = []
        password_file = tmp / "master-password"
        password_file.write_text(MASTER_PASSWORD + "\n")
        self.password_file = password_file
        self.credentials = run_admin(["init", "--database", self.database.url, "--login", "admin",
                                      "--master-password-file", str(password_file), "--access-ttl", "15m"])

    def start(self, access_ttl: str = "15m") -> Server:
        server = Server(self.database, self.tmp, f"server{len(self.servers)}", access_ttl)
        self.servers.append(server)
        return server

    def admin(self, *args: str, stdin: str | None = None) -> dict:
        return run_admin([*args, "--database", self.database.url], stdin)

    def close(self) -> None:
        for server in self.servers:
            server.stop()
        self.database.drop()


@pytest.fixture(params=ENGINES)
def deployment(request, tmp_path):
    deployment = Deployment(request.param, tmp_path)
    yield deployment
    deployment.close()


@pytest.fixture(params=["postgres"])
def postgres_deployment(request, tmp_path):
    deployment = Deployment(request.param, tmp_path)
    yield deployment
    deployment.close()
