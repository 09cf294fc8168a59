"""Time loading, term counting, claims and attributions with pandas and with Dask (1 and 2 workers).

Run on purpose (not part of the tests), on corpora written by ``make_corpus.py``:

    python benchmarks/bench_dask.py --sizes 10k 100k            # /work/bench_data/ant-10k, ant-100k
    python benchmarks/bench_dask.py /work/bench_data/ant-1m --engines dask-2 --memory-limit 1GiB
    python benchmarks/bench_dask.py CORPUS --steps load terms --markdown benchmarks/README.md

Every (engine, corpus) pair runs in a fresh Python process (and, for Dask, a fresh
local cluster of N single-threaded worker processes), so no run inherits another's
memory.  Steps run in order in that process: ``load`` (read and parse every file),
``terms`` (``term_frequency``, normalised, with document counts), ``claims``
(``extract_claims``, which also finds the attributions that source each claim) and
``attributions`` (``extract_attributions``).

* pandas: ``load`` builds the articles frame in memory; each later step works on it.
* Dask: ``load`` reads and parses every file inside the cluster and returns only the
  per-partition row counts.  The corpus is not kept (unless ``--persist``): each later
  step reads the files again inside the cluster, so its time includes reading, and
  memory stays bounded whatever the corpus size.  Results come back to the client only
  when they are small (the term table); claims and attributions are counted where they
  are made (one integer per partition), never gathered.

Figures: wall seconds; articles/s; MB/s (megabytes of corpus files on disk per
second); peak resident memory of the main process (the client, and for pandas the
whole computation) and of each worker, as the high-water mark of the step (Linux
``/proc/<pid>/clear_refs`` resets it before the step, ``VmHWM`` reads it after, in every
process); scaling efficiency ``t(dask-1) / (2 * t(dask-2))`` per step (1.0 = perfect).
``rows`` (terms, claims, statements found) must agree between engines; a mismatch
is flagged.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import platform
import shlex
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = Path("/work/bench_data")
SEED = ROOT / "seeds"
ENGINES = ("pandas", "dask-1", "dask-2")
STEPS = ("load", "terms", "claims", "attributions")
STEP_LABELS = {
    "load": "load",
    "terms": "term_frequency normalized",
    "claims": "extract_claims",
    "attributions": "extract_attributions",
}


# --------------------------------------------------------------------------- memory (Linux /proc)


def reset_peak() -> int:
    """Reset this process's peak RSS (VmHWM) to its current RSS; return the process id."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass
    return os.getpid()


def peak_mib() -> float | None:
    """This process's peak RSS (VmHWM) in MiB, or None where /proc is missing."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


# --------------------------------------------------------------------------- child process: one engine, one corpus


def _warm_up() -> int:
    """Import the package and run every step on the seed article (stopword lists, compiled patterns, tables)."""
    sys.path.insert(0, str(ROOT))
    import analysis

    seed = analysis.load_corpus(SEED, progress=False)
    analysis.term_frequency(seed)
    analysis.extract_claims(seed)
    analysis.extract_attributions(seed)
    return os.getpid()


def _rows(result: Any) -> int:
    """Row count of a step's result, computed where the result lives (inside the cluster for Dask)."""
    if hasattr(result, "map_partitions") and hasattr(result, "dask"):
        return int(result.map_partitions(len).compute().sum())
    if hasattr(result, "dask"):  # another lazy collection (a bag, a delayed frame)
        result = result.compute()
    return len(result)


def _step_call(step: str, data: Any):
    import analysis

    if step == "terms":
        table = analysis.term_frequency(data)
        if hasattr(table, "dask"):
            table = table.compute()  # the term table is the result: small, meant for the client
        return table
    if step == "claims":
        return analysis.extract_claims(data)
    if step == "attributions":
        return analysis.extract_attributions(data)
    raise ValueError(step)


def run_child(spec: dict[str, Any]) -> dict[str, Any]:
    """Run the steps of ``spec`` for one engine on one corpus; return the measurements."""
    sys.path.insert(0, str(ROOT))
    import analysis

    engine, corpus, steps = spec["engine"], spec["corpus"], spec["steps"]
    out: dict[str, Any] = {"engine": engine, "corpus": corpus, "steps": {}, "workers": 0}
    _warm_up()
    client = cluster = None
    if engine != "pandas":
        import logging

        from dask.distributed import Client, LocalCluster

        from analysis.dask_engine.cluster import LOOPBACK  # the engine's own cluster settings: 127.0.0.1 only

        n_workers = int(engine.split("-", 1)[1])
        if spec.get("memory_limit"):
            # A worker over the limit is restarted (and its task fails); no pausing at 80%, which would stall a
            # worker whose Python and package baseline alone sits near a small limit.
            import dask

            dask.config.set({"distributed.worker.memory.pause": False})
        cluster = LocalCluster(
            n_workers=n_workers, threads_per_worker=1, processes=True,
            memory_limit=spec.get("memory_limit") or "auto", silence_logs=logging.ERROR, **LOOPBACK,
        )
        client = Client(cluster)
        client.run(_warm_up)
        out["workers"] = n_workers
        out["memory_limit"] = spec.get("memory_limit")

    data = None
    try:
        for step in steps:
            gc.collect()
            reset_peak()
            worker_pids = client.run(reset_peak) if client is not None else {}
            start = time.perf_counter()
            record: dict[str, Any] = {}
            try:
                if step == "load":
                    if client is None:
                        data = analysis.load_corpus(corpus, progress=False)
                        record["rows"] = len(data)
                    else:
                        options = spec.get("load_options", {})
                        data = analysis.load_corpus(corpus, engine="dask", scheduler=client, **options)
                        if spec.get("persist"):
                            from dask.distributed import wait

                            data = data.persist()
                            wait(data)
                        record["rows"] = _rows(data)
                        out["partitions"] = data.npartitions
                    out["articles"] = record["rows"]
                else:
                    if data is None:
                        raise RuntimeError("the load step must run first")
                    result = _step_call(step, data)
                    record["rows"] = _rows(result)
                    del result
            except Exception as exc:  # a failed step is a result too (e.g. a worker killed over its memory limit)
                record["error"] = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"[:200]
            record["seconds"] = time.perf_counter() - start
            gc.collect()
            record["main_peak_mib"] = peak_mib()
            if client is not None:
                peaks = client.run(peak_mib)
                record["worker_peak_mib"] = sorted(v for v in peaks.values() if v is not None)
                now = client.run(os.getpid)
                if sorted(now.values()) != sorted(worker_pids.values()):
                    record["workers_restarted"] = True  # a worker died (memory limit?) and its peak is lost
            out["steps"][step] = record
    finally:
        if client is not None:
            client.close()
            cluster.close()
    return out


# --------------------------------------------------------------------------- parent: plan, run, tabulate


def corpus_size(path: Path) -> tuple[int, int]:
    """(files, bytes on disk) of a corpus file or folder."""
    if path.is_file():
        return 1, path.stat().st_size
    files = [p for p in path.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def run_engine(spec: dict[str, Any], timeout: float | None) -> dict[str, Any]:
    """Run one (engine, corpus) in a fresh interpreter; kill its whole process group on timeout."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", json.dumps(spec)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, env=env, start_new_session=True)
    try:
        stdout, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        return {"engine": spec["engine"], "corpus": spec["corpus"], "error": f"timeout after {timeout:.0f} s"}
    for line in reversed(stdout.splitlines()):
        if line.startswith("RESULT "):
            return json.loads(line[len("RESULT ") :])
    return {"engine": spec["engine"], "corpus": spec["corpus"], "error": f"child exited with status {proc.returncode}"}


def _fmt(value: float | None, digits: int = 0) -> str:
    if value is None:
        return ""
    return f"{value:,.{digits}f}"


def _seconds(value: float) -> str:
    return f"{value:.2f}" if value < 10 else f"{value:.1f}" if value < 100 else f"{value:,.0f}"


def table(results: list[dict[str, Any]], sizes: dict[str, tuple[int, int]]) -> tuple[str, list[str]]:
    """The Markdown table of all runs, and warnings (row-count mismatches between engines)."""
    lines = [
        "| corpus | articles | MB | engine | step | seconds | articles/s | MB/s | main peak MiB "
        "| worker peak MiB | efficiency | rows |",
        "|---|---:|---:|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    warnings = []
    by_key = {(r["corpus"], r["engine"]): r for r in results}
    for r in results:
        corpus = r["corpus"]
        mb = sizes[corpus][1] / 1e6
        articles = next((x.get("articles") for x in results if x["corpus"] == corpus and x.get("articles")), None)
        name = Path(corpus).name
        parts = r.get("partitions")
        engine = r["engine"] + (f" ({parts} part{'s' if parts != 1 else ''})" if parts else "")
        if "error" in r:
            lines.append(f"| {name} | {_fmt(articles)} | {mb:,.0f} | {engine} | all | {r['error']} | | | | | | |")
            continue
        for step, s in r["steps"].items():
            workers = s.get("worker_peak_mib")
            worker_txt = " / ".join(f"{w:,.0f}" for w in workers) if workers else ""
            if s.get("workers_restarted"):
                worker_txt += " (a worker restarted)"
            eff = ""
            if r["engine"] == "dask-2":
                one = by_key.get((corpus, "dask-1"), {}).get("steps", {}).get(step)
                if one and "error" not in one and "error" not in s:
                    eff = f"{one['seconds'] / (2 * s['seconds']):.2f}"
            if "error" in s:
                timing, per_article, per_mb = f"failed: {s['error']}", "", ""
            else:
                timing = _seconds(s["seconds"])
                per_article = _fmt(articles / s["seconds"]) if articles else ""
                per_mb = f"{mb / s['seconds']:,.1f}"
            lines.append(
                f"| {name} | {_fmt(articles)} | {mb:,.0f} | {engine} | {STEP_LABELS[step]} | {timing} "
                f"| {per_article} | {per_mb} "
                f"| {_fmt(s.get('main_peak_mib'))} | {worker_txt} | {eff} | {_fmt(s.get('rows'))} |"
            )
    for corpus in dict.fromkeys(r["corpus"] for r in results):
        for step in STEPS:
            counts = {
                r["engine"]: r["steps"][step]["rows"]
                for r in results
                if r["corpus"] == corpus and "steps" in r and "rows" in r["steps"].get(step, {})
            }
            if len(set(counts.values())) > 1:
                warnings.append(f"{Path(corpus).name} {step}: row counts differ between engines: {counts}")
    return "\n".join(lines), warnings


def _machine() -> str:
    import dask
    import pandas as pd

    return (
        f"{os.cpu_count()} cores ({platform.processor() or platform.machine()}), Python {platform.python_version()}, "
        f"pandas {pd.__version__}, dask {dask.__version__}"
    )


def _corpora(args: argparse.Namespace) -> list[Path]:
    corpora = [Path(p) for p in args.corpus] + [args.data_dir / f"ant-{s.lower()}" for s in args.sizes]
    if not corpora:
        raise SystemExit("give a corpus path or --sizes (e.g. --sizes 10k 100k 1m)")
    missing = [str(p) for p in corpora if not p.exists()]
    if missing:
        raise SystemExit(f"corpus not found: {', '.join(missing)} (write it with benchmarks/make_corpus.py)")
    return corpora


def partition_size(nbytes: int, engines: list[str], default: int = 64_000_000) -> int:
    """Input bytes per Dask partition: the engine's default, or less so each worker gets at least 4 partitions.

    >>> partition_size(3_454_330_147, ["pandas", "dask-1", "dask-2"])
    64000000
    >>> partition_size(34_858_374, ["dask-1", "dask-2"])
    4357297
    """
    workers = max([int(e[5:]) for e in engines if e.startswith("dask-")] or [1])
    return max(1_000_000, min(default, -(-nbytes // (4 * workers))))


def _byte_size(text: str) -> int:
    from dask.utils import parse_bytes

    try:
        return int(parse_bytes(text))
    except (ValueError, TypeError):
        raise argparse.ArgumentTypeError(f"not a size in bytes: {text!r} (e.g. 8MB)") from None


def _load_option(text: str) -> tuple[str, Any]:
    key, sep, value = text.partition("=")
    if not sep:
        raise argparse.ArgumentTypeError(f"expected KEY=VALUE, got {text!r}")
    try:
        return key, json.loads(value)
    except json.JSONDecodeError:
        return key, value


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        result = run_child(json.loads(argv[1]))
        print("RESULT " + json.dumps(result), flush=True)
        return 0

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="*", help="corpus folders or files")
    parser.add_argument("--sizes", nargs="*", default=[], help="shorthand for DATA_DIR/ant-SIZE (10k 100k 1m)")
    parser.add_argument("--data-dir", type=Path, default=DATA_DIR, help=f"where --sizes corpora live ({DATA_DIR})")
    parser.add_argument("--engines", nargs="+", default=list(ENGINES),
                        help="pandas, dask-1, dask-2 (dask-N: N single-threaded workers)")
    parser.add_argument("--steps", nargs="+", default=list(STEPS), choices=STEPS,
                        help="steps to time (load always runs first)")
    parser.add_argument("--memory-limit", help="memory limit of each Dask worker, e.g. 1GiB (default: RAM / workers)")
    parser.add_argument("--persist", action="store_true", help="Dask: keep the loaded corpus in the workers' memory")
    parser.add_argument("--load-option", type=_load_option, action="append", default=[], metavar="KEY=VALUE",
                        help="extra keyword for load_corpus(engine='dask'), e.g. files_per_partition=2")
    parser.add_argument("--partition-size", type=_byte_size, default=None,
                        help="Dask input bytes per partition (default: the engine's 64 MB, or less so that every "
                             "worker gets at least 4 partitions)")
    parser.add_argument("--timeout", type=float, help="seconds allowed for each (engine, corpus) run")
    parser.add_argument("--markdown", type=Path, help="append the table (with the command and machine) to this file")
    args = parser.parse_args(argv)
    for engine in args.engines:
        if engine != "pandas" and not (engine.startswith("dask-") and engine[5:].isdigit() and int(engine[5:]) > 0):
            parser.error(f"unknown engine {engine!r}: use pandas or dask-N")
    steps = ["load"] + [s for s in STEPS if s in args.steps and s != "load"]
    corpora = _corpora(args)

    sizes = {str(c): corpus_size(c) for c in corpora}
    results = []
    for corpus in corpora:
        files, nbytes = sizes[str(corpus)]
        print(f"# {corpus}: {files:,} files, {nbytes / 1e6:,.1f} MB", file=sys.stderr)
        load_options = dict(args.load_option)
        load_options.setdefault("partition_size", args.partition_size or partition_size(nbytes, args.engines))
        for engine in args.engines:
            spec = {
                "engine": engine, "corpus": str(corpus), "steps": steps, "memory_limit": args.memory_limit,
                "persist": args.persist, "load_options": load_options,
            }
            started = time.perf_counter()
            result = run_engine(spec, args.timeout)
            results.append(result)
            parts = f" in {result['partitions']} partitions" if result.get("partitions") else ""
            summary = result.get("error") or ", ".join(
                f"{k} {v['seconds']:.1f}s" + (" FAILED" if "error" in v else "") for k, v in result["steps"].items()
            )
            print(f"  {engine}{parts}: {summary} ({time.perf_counter() - started:.0f} s with start-up)",
                  file=sys.stderr)

    text, warnings = table(results, sizes)
    command = "python benchmarks/bench_dask.py " + shlex.join(argv)
    header = f"Machine: {_machine()}.  Command: `{command}` ({dt.date.today().isoformat()})."
    if args.memory_limit:
        header += f"  Worker memory limit: {args.memory_limit}."
    if args.persist:
        header += "  Dask keeps the loaded corpus in memory (--persist)."
    print(header)
    print()
    print(text)
    for warning in warnings:
        print(f"WARNING: {warning}")
    if args.markdown:
        with args.markdown.open("a", encoding="utf-8") as fh:
            fh.write(f"\n{header}\n\n{text}\n")
            for warning in warnings:
                fh.write(f"\n**Warning:** {warning}\n")
    return 1 if warnings or any("error" in r for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
