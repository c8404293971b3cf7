"""The systemd units of Packaging/systemd: `systemd-analyze verify` accepts them, and both daemons speak the
sd_notify protocol as a Type=notify unit needs it: READY=1 once they serve, WATCHDOG=1 every half
$WATCHDOG_USEC, STOPPING=1 on SIGTERM, STATUS= lines throughout. A socket of the test's own plays systemd."""

import os
import pathlib
import shutil
import signal
import subprocess

import pytest

from conftest import REPO, server_binary
from packaging_support import DEMO_SECRET_PATH, NotifySocket, bin_dir, demo_server  # noqa: F401 (fixture)
from test_exec_differential import secretfs_binary

UNITS = REPO / "Packaging" / "systemd"


def test_units_verify(tmp_path):
    """Every unit, its ExecStart pointed at the binaries just built (the installed ones are verified, man pages
    included, by Tests/PackagingTests after `apt-get install`)."""
    if shutil.which("systemd-analyze") is None:
        pytest.fail("systemd-analyze is needed (Debian package systemd)")
    names = []
    for unit in sorted(UNITS.glob("*.service")):
        text = unit.read_text().replace("/usr/bin/", str(bin_dir()) + "/")
        (tmp_path / unit.name).write_text(text)
        names.append(str(tmp_path / unit.name.replace("@.", "@test.")) if "@." in unit.name else str(tmp_path / unit.name))
    assert len(names) == 2
    result = subprocess.run(["systemd-analyze", "verify", "--man=no", *names], capture_output=True, text=True,
                            cwd=tmp_path)
    assert result.returncode == 0 and result.stderr == "", result.stderr


def test_server_notifies_ready_watchdog_stopping(tmp_path):
    notify = NotifySocket(tmp_path)
    env = dict(os.environ, NOTIFY_SOCKET=notify.address, WATCHDOG_USEC="200000")
    server = subprocess.Popen([server_binary(), "serve", "--listen", "127.0.0.1:0", "--database",
                               f"sqlite:{tmp_path / 'server.sqlite'}", "--log-level", "warning"], env=env)
    try:
        ready = notify.wait_for("READY=1")
        assert any(line.startswith("STATUS=listening on http://127.0.0.1:") for line in ready.split("\n")), ready
        notify.wait_for("WATCHDOG=1", timeout=5)
        notify.wait_for("WATCHDOG=1", timeout=5)
        server.send_signal(signal.SIGTERM)
        notify.wait_for("STOPPING=1", timeout=30)
        assert server.wait(timeout=30) == 0
    finally:
        if server.poll() is None:
            server.kill()
        notify.close()


def test_server_without_watchdog_sends_none(tmp_path):
    """WATCHDOG_PID naming another process means the watchdog is not ours: no pings, READY=1 still."""
    notify = NotifySocket(tmp_path, abstract=True)
    env = dict(os.environ, NOTIFY_SOCKET=notify.address, WATCHDOG_USEC="100000", WATCHDOG_PID="1")
    server = subprocess.Popen([server_binary(), "serve", "--listen", "127.0.0.1:0", "--database",
                               f"sqlite:{tmp_path / 'server.sqlite'}", "--log-level", "warning"], env=env)
    try:
        notify.wait_for("READY=1")
        server.send_signal(signal.SIGTERM)
        notify.wait_for("STOPPING=1", timeout=30)
        assert server.wait(timeout=30) == 0
        assert not any("WATCHDOG=1" in message for message in notify.messages), notify.messages
    finally:
        if server.poll() is None:
            server.kill()
        notify.close()


def test_mount_notifies_once_live(demo_server, tmp_path):
    """READY=1 comes only once the mount is live: a secret reads at once. An abstract socket (`@name`), as
    systemd may pass."""
    notify = NotifySocket(tmp_path, abstract=True)
    mountpoint = tmp_path / "mnt"
    mountpoint.mkdir()
    env = demo_server.environment(NOTIFY_SOCKET=notify.address, WATCHDOG_USEC="200000",
                                  XDG_STATE_HOME=str(tmp_path / "state"))
    mount = subprocess.Popen([secretfs_binary(), "mount", "--foreground", str(mountpoint)], env=env)
    try:
        ready = notify.wait_for("READY=1")
        assert f"STATUS=mounted at {mountpoint}" in ready.split("\n"), ready
        assert os.path.ismount(mountpoint)
        assert (mountpoint / DEMO_SECRET_PATH).read_text() != ""
        notify.wait_for("WATCHDOG=1", timeout=5)
        notify.wait_for("WATCHDOG=1", timeout=5)
        mount.send_signal(signal.SIGTERM)
        stopping = notify.wait_for("STOPPING=1", timeout=30)
        assert f"STATUS=unmounting {mountpoint}" in stopping.split("\n"), stopping
        assert mount.wait(timeout=30) == 0
        assert not os.path.ismount(mountpoint)
    finally:
        if mount.poll() is None:
            mount.kill()
            mount.wait()
            subprocess.run(["umount", "-l", str(mountpoint)], capture_output=True)
        notify.close()
