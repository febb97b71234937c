"""Scaling out: ingest the same documents of ../shared/corpus with one process, with spaCy's own
``nlp.pipe(n_process=2)``, and with 1 and 2 Dask workers (a LocalCluster on 127.0.0.1), in one run.

    .venv/bin/python benchmarks/scale.py [--limit N] [--workers 1,2] [--chunk 64] [--partition 16]

Each configuration runs in a fresh Python process and ingests into a new SQLite file; its time is the whole wall time
of that process (imports, loading the pipeline in every process, starting the cluster, coding and storing), which is
what a user waits for. Documents/s, the speed-up over one process and over one Dask worker, and the scaling
efficiency (speed-up over one process / processes coding) are printed with the peak resident memory of the ingest
process and of a coding process (the largest Dask worker, or of spaCy's processes; for one process, the same), and
a fingerprint of each database: every row of every table but the runs, which must be the same for all.
``--limit N`` takes N documents spread evenly over the whole corpus (all of it codes at about 2 documents/s a core
here: an hour per configuration). Timings are noisy on shared machines: compare within one run.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import CORPUS, corpus_files  # benchmarks/corpus.py


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--limit", type=int, default=0, help="N documents spread evenly over the corpus (0: all)")
    ap.add_argument("--workers", default="1,2", help="numbers of Dask workers to try (default 1,2)")
    ap.add_argument("--n-process", type=int, default=2, help="spaCy's n_process to try (default 2; 0: skip)")
    ap.add_argument("--chunk", type=int, default=64)
    ap.add_argument("--partition", type=int, default=8)
    ap.add_argument("--workdir", type=Path, help="folder for the sample and the databases (default: temp)")
    ap.add_argument("--one", help=argparse.SUPPRESS)  # run one configuration (in its own process)
    ap.add_argument("--sample", help=argparse.SUPPRESS)
    ap.add_argument("--db", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        return run_one(args)
    files = corpus_files(args.corpus)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="readout-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    sample, n_docs, n_words = write_sample(files, args.limit, work / "sample.jsonl")
    configs = [("1 process", "single", 1)]
    if args.n_process > 1:
        configs.append((f"spaCy n_process={args.n_process}", f"nprocess:{args.n_process}", args.n_process))
    configs += [(f"Dask, {w} worker{'s' if w > 1 else ''}", f"dask:{w}", w)
                for w in (int(x) for x in args.workers.split(","))]
    results = []
    for label, config, procs in configs:
        db = work / f"{config.replace(':', '-')}.db"
        db.unlink(missing_ok=True)
        cmd = [sys.executable, __file__, "--one", config, "--sample", str(sample), "--db", str(db),
               "--chunk", str(args.chunk), "--partition", str(args.partition)]
        started = time.perf_counter()
        done = subprocess.run(cmd, capture_output=True, text=True)
        wall = time.perf_counter() - started
        if done.returncode != 0:
            print(f"{label} failed:\n{done.stderr[-3000:]}", file=sys.stderr)
            return 1
        summary = json.loads(done.stdout.strip().splitlines()[-1])
        results.append((label, procs, wall, summary, fingerprint(str(db))))
        print(f"  {label}: {wall:.1f} s", file=sys.stderr, flush=True)
    base = results[0][2]
    one_worker = next((r[2] for r in results if r[0] == "Dask, 1 worker"), None)
    print(f"{n_docs} documents ({n_words:,} words) of {args.corpus.name}, chunks of {args.chunk}, Dask partitions of "
          f"{args.partition}, {os.cpu_count()} CPUs\n")
    print("| configuration | processes coding | seconds | documents/s | speed-up | vs 1 Dask worker | efficiency "
          "| recoded | peak MB, ingest process | peak MB, a coding process | database |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    reference = results[0][4]
    for label, procs, wall, summary, print_ in results:
        speed = base / wall
        vs_one = f"{one_worker / wall:.2f}x" if one_worker and label.startswith("Dask") else ""
        same = "same" if print_ == reference else "DIFFERENT"
        print(f"| {label} | {procs} | {wall:.1f} | {n_docs / wall:.2f} | {speed:.2f}x | {vs_one} | "
              f"{speed / procs:.0%} | {summary.get('recoded', 0)} | {summary['peak_mb_here']:.0f} | "
              f"{summary['peak_mb_worker'] or summary['peak_mb_here']:.0f} | {same} ({print_[:12]}) |")
    print(f"\ncommand: .venv/bin/python benchmarks/scale.py {' '.join(sys.argv[1:])}".rstrip())
    return 0 if all(r[4] == reference for r in results) else 1


def write_sample(files: list[str], limit: int, path: Path) -> tuple[Path, int, int]:
    """The corpus's documents (or ``limit`` of them, spread evenly) as one JSONL file."""
    from readout.errors import InputError
    from readout.formats.readers import read

    docs = [d for f in files for d in read(f) if not isinstance(d, InputError)]
    if limit and limit < len(docs):
        step = len(docs) / limit
        docs = [docs[int(i * step)] for i in range(limit)]
    with open(path, "w", encoding="utf-8") as fh:
        for d in docs:
            fh.write(json.dumps(d.to_dict(), ensure_ascii=False) + "\n")
    return path, len(docs), sum(len(d.text.split()) for d in docs)


def run_one(args: argparse.Namespace) -> int:
    from readout.store.ingest import ingest

    kind, _, n = args.one.partition(":")
    coder = coding = None
    if kind == "nprocess":
        from readout.coder import Coder

        coder = Coder(n_process=int(n))
    elif kind == "dask":
        from readout.cluster import DaskCoding

        coding = DaskCoding(int(n), partition=args.partition, chunk=args.chunk)
    import resource

    try:
        summary = ingest([args.sample], args.db, coder=coder, coding=coding, chunk=args.chunk)
        workers_cpu = sum(coding.client.run(_cpu).values()) if coding is not None else 0.0
        workers_peak = max(coding.client.run(_peak_mb).values()) if coding is not None else 0.0
    finally:
        if coding is not None:
            coding.close()
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)  # spaCy's n_process processes, once ended
    print(json.dumps({**summary.as_dict(), "cpu_here": own.ru_utime + own.ru_stime, "cpu_workers": workers_cpu,
                      "peak_mb_here": own.ru_maxrss / 1024, "peak_mb_worker": workers_peak or
                      children.ru_maxrss / 1024}))
    return 0


def _peak_mb() -> float:
    """This process's peak resident memory, in MB (Linux gives ru_maxrss in kB)."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu() -> float:
    import resource

    used = resource.getrusage(resource.RUSAGE_SELF)
    return used.ru_utime + used.ru_stime


def fingerprint(db: str) -> str:
    """A hash of every row of every table but the runs, in id order, without the run that wrote it."""
    from sqlalchemy import select

    from readout.store import schema as t
    from readout.store.database import connect

    engine = connect(db)
    h = hashlib.sha256()
    with engine.connect() as conn:
        for name, table in sorted(t.metadata.tables.items()):
            if name != "ingest_runs":
                cols = [c for c in table.c if c.name != "run_id"]
                for row in conn.execute(select(*cols).order_by(*table.primary_key.columns)):
                    h.update(repr(tuple(row)).encode("utf-8"))
    engine.dispose()
    return h.hexdigest()


if __name__ == "__main__":
    sys.exit(main())
