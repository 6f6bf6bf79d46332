"""Export upload benchmark: our resumable, verified uploader against plain boto3 ``upload_file``.

Run: ``.venv/bin/python -m bench.bench_export [--mb 200] [--rounds 3]``. Starts a local
SeaweedFS (127.0.0.1, free ports) in a temporary folder, writes synthetic encrypted containers
(random content, no records), uploads the same bytes both ways in the same run, alternating,
and prints MB/s and the ratio (goal: >= 0.9). A last row checks the bandwidth limit.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import boto3.s3.transfer

from archive.catalog import Catalog
from archive.container import write_container
from archive.export import Uploader, UploadPolicy, UploadQueue, parse_target
from archive.keystore import Argon2Params, Keystore
from archive.store import ContainerStore
from digitize.store.schema import MIGRATIONS

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.seaweed import SeaweedServer  # noqa: E402

MB = 1 << 20


def _containers(store: ContainerStore, ks: Keystore, total_mb: int, each_mb: int) -> list:
    infos = []
    for i in range(max(1, total_mb // each_mb)):
        files = [(f"representations/rep1/data/doc{i}.pdf", os.urandom(each_mb * MB))]
        infos.append(store.put(lambda out, f=files, i=i: write_container(
            out, f, metadata={"bench": i}, recipients=ks.recipients(), signer=ks.signer())))
    return infos


def _ours(srv: SeaweedServer, bucket: str, store: ContainerStore, infos: list,
          catalog: Catalog, policy: UploadPolicy, prefix: str, objects: int = 2) -> float:
    target = parse_target(f"s3://{bucket}/{prefix}", endpoint=srv.endpoint,
                          access_key=srv.access_key, secret_key=srv.secret_key,
                          concurrency=policy.concurrency)
    queue = UploadQueue(catalog)
    up = Uploader(target, queue, store.open, policy)
    entries = []
    for info in infos:
        e = queue.enqueue(target.url, info.id, 1, source_container=None)
        entries.append(queue.set_package(e.id, package_id=info.id,
                                         object_key=target.key_for(info.id), size=info.size,
                                         part_size=policy.part_size, sip_objid=""))
    t0 = time.perf_counter()
    for res in up.upload_many(entries, objects=objects):
        assert not isinstance(res, Exception) and res is not None, res
        assert res.parts_sent == res.parts and res.checksum
    return time.perf_counter() - t0


def _boto(srv: SeaweedServer, bucket: str, store: ContainerStore, infos: list,
          prefix: str) -> float:
    client = srv.client()
    cfg = boto3.s3.transfer.TransferConfig()
    t0 = time.perf_counter()
    for info in infos:
        client.upload_file(str(store.path(info.id)), bucket, f"{prefix}/{info.id}.dgz", Config=cfg)
    return time.perf_counter() - t0


def main() -> None:
    """Run the benchmark and print the table."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--mb", type=int, default=200, help="total MB of containers")
    ap.add_argument("--each", type=int, default=20, help="MB per container")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--part-mb", type=int, default=8)
    ap.add_argument("--concurrency", type=int, default=UploadPolicy().concurrency)
    ap.add_argument("--limit-mbps", type=float, default=80.0, help="bandwidth-limit check")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-export-"))
    srv = SeaweedServer(tmp / "weed")
    try:
        srv.start()
        ks = Keystore.create(tmp / "ks.json", "bench passphrase",
                             office_code="H47.01", office_name="Bench",
                             kdf_params=Argon2Params(8 * 1024, 1, 1))
        store = ContainerStore(tmp / "outbox")
        infos = _containers(store, ks, args.mb, args.each)
        total = sum(i.size for i in infos)
        catalog = Catalog(tmp / "bench.db", os.urandom(32), MIGRATIONS)
        policy = UploadPolicy(part_size=args.part_mb * MB, concurrency=args.concurrency)
        bucket = "bench-" + secrets.token_hex(3)
        srv.client().create_bucket(Bucket=bucket)
        _boto(srv, bucket, store, infos, "warmup")  # volume growth happens here, untimed
        ours, ref = [], []
        for r in range(args.rounds):
            for kind in (("ours", "boto") if r % 2 == 0 else ("boto", "ours")):
                if kind == "ours":
                    ours.append(_ours(srv, bucket, store, infos, catalog, policy, f"ours{r}"))
                else:
                    ref.append(_boto(srv, bucket, store, infos, f"ref{r}"))
        lim_policy = UploadPolicy(bandwidth=args.limit_mbps * 125_000)
        lim_t = _ours(srv, bucket, store, infos[:1], catalog, lim_policy, "limit")
        _table(total, ours, ref, infos[0].size, lim_t, args.limit_mbps, len(infos))
    finally:
        srv.kill()
        shutil.rmtree(tmp, ignore_errors=True)


def _table(total: int, ours: list[float], ref: list[float], one: int, lim_t: float,
           limit: float, n: int) -> None:
    mo, mr = statistics.median(ours), statistics.median(ref)
    print(f"Upload to local SeaweedFS: {n} containers, {total / 1e6:.1f} MB, "
          f"median of {len(ours)} rounds")
    print(f"{'method':<46}{'seconds':>9}{'MB/s':>9}{'ratio':>8}")
    print(f"{'boto3 upload_file (reference)':<46}{mr:>9.2f}{total / 1e6 / mr:>9.1f}{1:>8.2f}")
    print(f"{'digitize Uploader (queue, resume, verify)':<46}{mo:>9.2f}{total / 1e6 / mo:>9.1f}"
          f"{mr / mo:>8.2f}")
    rate = one * 8 / 1e6 / lim_t
    print(f"{f'bandwidth limit {limit:.0f} Mbit/s, 1 container':<46}{lim_t:>9.2f}"
          f"{one / 1e6 / lim_t:>9.1f}   -> {rate:.1f} Mbit/s ({rate / limit:.2f} of limit)")
    paired = statistics.median(r / o for r, o in zip(ref, ours, strict=True))
    print(f"per-round ratios: {', '.join(f'{r / o:.2f}' for r, o in zip(ref, ours, strict=True))}"
          f"  (median {paired:.2f})")
    print(f"goal: ratio >= 0.9 -> {'met' if mr / mo >= 0.9 else 'NOT met'}")


if __name__ == "__main__":
    main()
