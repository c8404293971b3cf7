"""What the Kubernetes sidecar does that needs no cluster, on the host, with the sidecar's own profile
(Mounts/kubernetes-sidecar.yaml: foreground, allow-other, files owned by the app's uid 1000) and the image's
probe (Packaging/container/healthcheck): readiness, the app uid reading, SIGTERM with files still open, and
a restart after the sidecar was killed and left its mount point dead."""

import os
import pathlib
import shutil
import signal
import subprocess
import tempfile
import time

import pytest

from conftest import REPO
from packaging_support import DEMO_SECRET_PATH, demo_server  # noqa: F401 (fixture)
from test_exec_differential import secretfs_binary

PROFILE = REPO / "Mounts" / "kubernetes-sidecar.yaml"
PROBE = REPO / "Packaging" / "container" / "healthcheck"
APP_UID = 1000


@pytest.fixture
def mountpoint():
    """A mount point the app uid can reach (pytest's own temporary directories are root's, 0700)."""
    parent = pathlib.Path(tempfile.mkdtemp(prefix="secretfs-sidecar-"))
    parent.chmod(0o755)
    path = parent / "secrets"
    path.mkdir()
    yield path
    subprocess.run(["umount", "-l", str(path)], capture_output=True)
    shutil.rmtree(parent, ignore_errors=True)


def probe(mountpoint: pathlib.Path) -> bool:
    return subprocess.run([str(PROBE)], env=dict(os.environ, SECRETFS_MOUNTPOINT=str(mountpoint)),
                          capture_output=True).returncode == 0


def start_sidecar(server, mountpoint: pathlib.Path, tmp: pathlib.Path) -> subprocess.Popen:
    """The sidecar's command line, the profile's paths pointed at this test's files."""
    env = server.environment(XDG_STATE_HOME=str(tmp / "state"))
    return subprocess.Popen([secretfs_binary(), "mount", "--config", str(PROFILE), str(mountpoint),
                             "--audit-spool", str(tmp / "spool.jsonl")], env=env)


def wait_ready(process: subprocess.Popen, mountpoint: pathlib.Path) -> None:
    """The startupProbe's loop: the probe every 50 ms until it passes."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if probe(mountpoint):
            return
        assert process.poll() is None, f"the sidecar exited with {process.returncode}"
        time.sleep(0.05)  # the probe's period, bounded by the deadline
    pytest.fail("the sidecar's mount did not become ready in 60 s")


def read_as(uid: int, path: pathlib.Path) -> subprocess.CompletedProcess:
    return subprocess.run(["setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups", "cat", str(path)],
                          capture_output=True, text=True)


def stop(process: subprocess.Popen, timeout: float = 30) -> int:
    process.send_signal(signal.SIGTERM)
    try:
        return process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        pytest.fail("the sidecar ignored SIGTERM")


def test_ready_then_the_app_uid_reads(demo_server, mountpoint, tmp_path):
    assert not probe(mountpoint)
    sidecar = start_sidecar(demo_server, mountpoint, tmp_path)
    try:
        wait_ready(sidecar, mountpoint)
        secret = mountpoint / DEMO_SECRET_PATH
        assert secret.stat().st_uid == APP_UID and secret.stat().st_mode & 0o777 == 0o400
        app = read_as(APP_UID, secret)
        assert app.returncode == 0 and app.stdout != "", app.stderr
        other = read_as(APP_UID + 1, secret)
        assert other.returncode != 0 and "Permission denied" in other.stderr
    finally:
        assert stop(sidecar) == 0
    assert not probe(mountpoint) and not os.path.ismount(mountpoint)


@pytest.mark.xfail(strict=False, reason="FuseKit's requestStop unmounts lazily (MNT_DETACH): while a file is held "
                   "open the connection lives on, and the loop's workers stay blocked in read(2) on /dev/fuse "
                   "until the reader lets go; most runs hang past the 10 s allowed (found by this test, open in FuseKit)")
def test_sigterm_with_readers_holding_files_open(demo_server, mountpoint, tmp_path):
    """A reader with an open secret and one sitting in a directory of the mount do not keep the sidecar
    from stopping: it unmounts and exits 0, and the mount point is free for the next sidecar."""
    sidecar = start_sidecar(demo_server, mountpoint, tmp_path)
    try:
        wait_ready(sidecar, mountpoint)
        held = open(mountpoint / DEMO_SECRET_PATH, "rb")
        held.read(1)
        sitter = subprocess.Popen(["sleep", "120"], cwd=mountpoint / "Demo")
        try:
            assert stop(sidecar, timeout=10) == 0
            assert not os.path.ismount(mountpoint)
        finally:
            held.close()
            sitter.kill()
            sitter.wait()
    finally:
        if sidecar.poll() is None:
            sidecar.kill()
            sidecar.wait()
    again = start_sidecar(demo_server, mountpoint, tmp_path)
    wait_ready(again, mountpoint)
    assert stop(again) == 0


def test_restart_after_kill_recovers_the_dead_mount_point(demo_server, mountpoint, tmp_path):
    sidecar = start_sidecar(demo_server, mountpoint, tmp_path)
    wait_ready(sidecar, mountpoint)
    sidecar.kill()
    sidecar.wait()
    # What Kubernetes' restart finds: the kernel mount still there, its daemon gone (an open, not a stat: the
    # kernel answers a stat from its attribute cache).
    with pytest.raises(OSError) as dead:
        open(mountpoint / ".status").close()
    assert dead.value.errno == 107  # ENOTCONN
    assert not probe(mountpoint)
    restarted = start_sidecar(demo_server, mountpoint, tmp_path)
    try:
        wait_ready(restarted, mountpoint)
        assert read_as(APP_UID, mountpoint / DEMO_SECRET_PATH).stdout != ""
    finally:
        assert stop(restarted) == 0


def test_exit_when_pid_exits(demo_server, mountpoint, tmp_path):
    """A plain sidecar (or a CI job's mount) ends with the process it serves: unmounted, exit 0."""
    app = subprocess.Popen(["sleep", "600"])
    env = demo_server.environment(XDG_STATE_HOME=str(tmp_path / "state"))
    sidecar = subprocess.Popen([secretfs_binary(), "mount", "--config", str(PROFILE), str(mountpoint),
                                "--audit-spool", str(tmp_path / "spool.jsonl"), "--exit-when-pid-exits",
                                str(app.pid)], env=env)
    try:
        wait_ready(sidecar, mountpoint)
        app.kill()
        app.wait()
        assert sidecar.wait(timeout=30) == 0
        assert not os.path.ismount(mountpoint)
    finally:
        for process in (app, sidecar):
            if process.poll() is None:
                process.kill()
                process.wait()
    gone = subprocess.run([secretfs_binary(), "mount", str(mountpoint), "--exit-when-pid-exits", str(app.pid)],
                          env=env, capture_output=True, text=True)
    assert gone.returncode == 64 and "no process" in gone.stderr
