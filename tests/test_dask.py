"""The Dask engine gives the pandas engine's results: loading, term counts, TF-IDF, keyness, claims, sources.

Most tests run on a local cluster started (and closed) by this module: 2 worker processes
with one thread each, no dashboard.  Others check the default path (no client: a local
cluster is started), a cluster given by address, Dask's local schedulers and a corpus
larger than a worker's memory limit.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import textwrap
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

dask = pytest.importorskip("dask", reason="the Dask engine needs dask: pip install 'dask[dataframe,distributed]'")
pytest.importorskip("dask.dataframe", reason="the Dask engine needs dask.dataframe (pip install 'dask[dataframe]')")
distributed = pytest.importorskip("distributed", reason="the Dask engine needs distributed: "
                                                        "pip install 'dask[distributed]'")

import analysis  # noqa: E402
from analysis.corpus.loader import ARTICLE_COLUMNS  # noqa: E402
from analysis.dask_engine import cluster as engine_cluster  # noqa: E402
from analysis.dask_engine import load_report  # noqa: E402
from analysis.dask_engine.cluster import LOOPBACK  # noqa: E402
from analysis.dask_engine.loading import partitions  # noqa: E402
from analysis.errors import CorpusFormatError, CorpusNotFoundError, EmptyCorpusError  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def cluster():
    """A local cluster for this module: 2 single-threaded worker processes, loopback only."""
    with dask.config.set({"distributed.worker.memory.pause": False}):
        local = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, **LOOPBACK)
        client = distributed.Client(local, set_as_default=True)
        yield local
        engine_cluster.close()  # clients opened by address during the tests
        client.close()
        local.close()


@pytest.fixture(scope="module")
def sample_dask(cluster, sample_dir):
    """The sample on Dask in about five partitions, loaded once on the cluster (persisted)."""
    articles = analysis.load_corpus(sample_dir, engine="dask", partition_size="250kB")
    assert articles.npartitions >= 4
    return articles.persist()


def test_import_analysis_does_not_import_dask():
    code = "import sys, analysis; assert 'dask' not in sys.modules and 'distributed' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], cwd=REPO, check=True, env={**os.environ, "PYTHONPATH": str(REPO)})


# --------------------------------------------------------------------------- partitions and loading


def test_partitions_by_bytes_cut_archives_between_members():
    items = [("folder", "f/x", OSError(13, "Permission denied")),
             ("file", "f/a.txt", "a.txt", None, 70),
             ("archive", "f/b.tar.gz", "b.tar.gz", None, [10, 10, 90, 10, 10]),
             ("archive", "f/empty.zip", "empty.zip", None, []),
             ("file", "f/c.txt", "c.txt", None, 500)]
    parts = partitions(items, 100)
    shape = [[(item[0], item[1], *item[4:]) if item[0] != "folder" else ("folder", item[1]) for item in part]
             for part in parts]
    assert shape == [
        [("folder", "f/x"), ("file", "f/a.txt", 70), ("members", "f/b.tar.gz", 0, 3)],
        [("members", "f/b.tar.gz", 3, None), ("members", "f/empty.zip", 0, None), ("file", "f/c.txt", 500)],
    ]
    # every input once, in order; one part per input when each is larger than a part
    assert [len(p) for p in partitions(items, 1)] == [2, 1, 1, 1, 1, 1, 2]


def test_seed_loads_identically(cluster, seed_path, seed):
    articles = analysis.load_corpus(seed_path, engine="dask")
    assert isinstance(articles, dask.dataframe.DataFrame)
    assert articles.npartitions == 1
    assert list(articles.columns) == list(ARTICLE_COLUMNS)
    assert articles.dtypes.equals(seed.dtypes)
    pd.testing.assert_frame_equal(articles.compute(), seed)
    pd.testing.assert_frame_equal(load_report(articles), seed.attrs["load_report"])


def test_sample_loads_identically_in_several_partitions(cluster, sample_dir, sample):
    articles = analysis.load_corpus(sample_dir, engine="dask", partition_size=200_000)
    assert articles.npartitions >= 5
    got, report = dask.compute(articles, load_report(articles, lazy=True))
    pd.testing.assert_frame_equal(got, sample)
    pd.testing.assert_frame_equal(report, sample.attrs["load_report"])
    assert (report["status"] == "loaded").all() and len(report) == 209


def _tar_gz(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w:gz") as tf:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    return out.getvalue()


@pytest.fixture(scope="module")
def generated(tmp_path_factory, sample_dir):
    """A folder mixing TREC files, repeated DOCNOs in far apart folders, JSON Lines, cp1256 text,
    a zip and a .tar.gz of sample files, a truncated .tar.gz and files that must be skipped."""
    root = tmp_path_factory.mktemp("generated")
    files = sorted(sample_dir.iterdir())
    (root / "a").mkdir()
    for f in files[:40]:
        shutil.copy(f, root / "a" / f.name)
    (root / "m" / "again").mkdir(parents=True)  # the same DOCNOs again, partitions later
    for f in files[:6]:
        shutil.copy(f, root / "m" / "again" / f.name)
    first_id = analysis.load_corpus(files[0])["article_id"][0]
    records = [
        {"article_id": f"{first_id}~3", "title": "سجل", "text": "سجل يحمل معرفا يشبه معرفا معادا تسميته"},
        {"article_id": first_id, "title": "تكرار ثالث", "text": "والمعارضة في إدلب، قال المتحدث", "tags": ["x"]},
        {"article_id": "no-text", "title": "بلا نص"},
        {"title": "بلا معرف", "text": "أسرت قوات المعارضة 400 عنصر", "published": "2018-07-15T21:56:56+04:00"},
    ]
    (root / "n").mkdir()
    (root / "n" / "records.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n",
                                              encoding="utf-8")
    (root / "n" / "خبر.txt").write_bytes("المعارضة تأسر عناصر داعش\n\nعربي ودولي\n\nأسرت قوات المعارضة 400 عنصر.\n"
                                         .encode("cp1256"))
    (root / "n" / "bad.txt").write_bytes(bytes(range(256)) * 40)
    (root / "n" / "empty.txt").write_bytes(b"")
    (root / "n" / "notes.docx").write_bytes(b"PK\x03\x04 not an article")
    with zipfile.ZipFile(root / "p.zip", "w") as zf:
        zf.writestr("folder/", "")
        for f in files[40:60]:
            zf.writestr(f"folder/{f.name}", f.read_bytes())
    (root / "q.tar.gz").write_bytes(_tar_gz({f"q/{f.name}": f.read_bytes() for f in files[60:80]}))
    broken = _tar_gz({f"r/{f.name}": f.read_bytes() for f in files[80:90]})
    (root / "r.tar.gz").write_bytes(broken[: len(broken) * 2 // 3])
    return root


def test_generated_corpus_loads_identically(cluster, generated):
    expected = analysis.load_corpus(generated)
    articles = analysis.load_corpus(generated, engine="dask", partition_size="30kB")
    assert articles.npartitions >= 8
    parts = dask.compute(*articles.to_delayed())
    got = pd.concat(parts)
    # Extra record fields ("tags") are pandas-only; everything else is identical, index included.
    assert "tags" in expected and "tags" not in got
    pd.testing.assert_frame_equal(got, expected[list(ARTICLE_COLUMNS)])
    report = load_report(articles)
    pd.testing.assert_frame_equal(report, expected.attrs["load_report"])

    # Repeated ids were renamed in corpus order although the copies sit in other partitions.
    part_of = {aid: n for n, part in enumerate(parts) for aid in part["article_id"]}
    first = expected["article_id"][0]
    assert {f"{first}~2", f"{first}~3", f"{first}~4"} <= set(part_of)  # ~3 came as such: the copy is ~4
    assert part_of[first] != part_of[f"{first}~2"]
    # Archives were cut between partitions, and each problem file has its report row.
    for archive in ("p.zip", "q.tar.gz"):
        holding = {n for n, part in enumerate(parts) if part["path"].str.contains(f"{archive}::").any()}
        assert len(holding) >= 2, archive
    reasons = report.set_index(report["path"].str.replace(f"{generated}/", ""))["reason"]
    assert reasons["r.tar.gz"].startswith("cannot read tar archive")
    skipped = set(report.loc[report["status"] == "skipped", "path"].str.replace(f"{generated}/", ""))
    assert {"n/bad.txt", "n/empty.txt", "n/notes.docx", "r.tar.gz"} <= skipped
    assert reasons["n/bad.txt"].startswith("binary file") and reasons["n/empty.txt"].startswith("empty file")


def test_errors_surface_like_the_pandas_engine(cluster, tmp_path):
    with pytest.raises(CorpusNotFoundError):
        analysis.load_corpus(tmp_path / "missing", engine="dask")
    with pytest.raises(CorpusFormatError, match="engine"):
        analysis.load_corpus(tmp_path, engine="spark")
    with pytest.raises(CorpusFormatError, match="engine='dask'"):
        analysis.load_corpus(tmp_path, scheduler="tcp://127.0.0.1:1")
    with pytest.raises(CorpusFormatError, match="format"):
        analysis.load_corpus(tmp_path, engine="dask", format="docx")
    with pytest.raises(EmptyCorpusError, match="holds no files"):
        analysis.load_corpus(tmp_path, engine="dask")  # an empty folder: known before reading
    (tmp_path / "bad.txt").write_bytes(bytes(range(256)))
    articles = analysis.load_corpus(tmp_path, engine="dask")  # lazy: the files are not read yet
    with pytest.raises(EmptyCorpusError, match="binary file") as raised:
        articles.compute()
    assert raised.value.report["status"].tolist() == ["skipped"]


# --------------------------------------------------------------------------- terms, tf-idf, keyness

TERM_CASES = [
    {},
    {"form": "stem"},
    {"ngram": 2},
    {"by": "outlet"},
    {"by": "month", "top": 5},
    {"by": "outlet", "top": 10, "form": "stem"},
    {"min_count": 5, "form": "surface", "stopwords": False},
    {"by": ["outlet", "section"], "ngram": 2, "min_count": 2},
]


@pytest.mark.parametrize("options", TERM_CASES, ids=lambda o: ",".join(f"{k}={v}" for k, v in o.items()) or "default")
def test_term_frequency_is_identical_on_the_sample(sample_dask, sample, options):
    expected = analysis.term_frequency(sample, **options)
    got = analysis.term_frequency(sample_dask, **options)
    assert len(expected) > 0
    pd.testing.assert_frame_equal(got, expected)


def test_term_frequency_is_identical_on_the_generated_corpus(cluster, generated):
    expected = analysis.load_corpus(generated)
    articles = analysis.load_corpus(generated, engine="dask", partition_size="30kB")  # not persisted
    for options in ({"by": "outlet"}, {"form": "stem", "ngram": 2}):
        pd.testing.assert_frame_equal(analysis.term_frequency(articles, **options),
                                      analysis.term_frequency(expected, **options))


def test_tfidf_is_identical(sample_dask, sample):
    for options in ({}, {"by": "outlet", "form": "stem", "top": None}):
        expected = analysis.tfidf(sample, **options)
        pd.testing.assert_frame_equal(analysis.tfidf(sample_dask, **options), expected)
    # N in the idf is every article of every partition
    got = analysis.tfidf(sample_dask, top=3)
    assert np.allclose(got["idf"], np.log((1 + len(sample)) / (1 + got["doc_count"])) + 1)


def test_keyness_is_identical_with_dask_or_pandas_sides(sample_dask, sample):
    outlet = sample["outlet"].value_counts().index[0]
    target, reference = sample[sample.outlet == outlet], sample[sample.outlet != outlet]
    dask_target = sample_dask[sample_dask.outlet == outlet]
    dask_reference = sample_dask[sample_dask.outlet != outlet]
    expected = analysis.keyness(target, reference)
    assert (expected["direction"] == "target").any() and (expected["direction"] == "reference").any()
    pd.testing.assert_frame_equal(analysis.keyness(dask_target, dask_reference), expected)
    stems = analysis.keyness(target, reference, form="stem", top=20)
    pd.testing.assert_frame_equal(analysis.keyness(dask_target, reference, form="stem", top=20), stems)


def test_bad_options_fail_before_computing(sample_dask):
    with pytest.raises(KeyError, match="no_such_column"):
        analysis.term_frequency(sample_dask, by="no_such_column")
    with pytest.raises(ValueError, match="form"):
        analysis.term_frequency(sample_dask, form="lemma")
    with pytest.raises(TypeError, match="column"):
        analysis.term_frequency(sample_dask, by=sample_dask["outlet"])


# --------------------------------------------------------------------------- claims and attributions


def test_claims_and_attributions_are_identical(sample_dask, sample):
    statements = analysis.extract_attributions(sample_dask)
    assert isinstance(statements, dask.dataframe.DataFrame)
    expected_statements = analysis.extract_attributions(sample)
    assert statements.dtypes.equals(expected_statements.dtypes)
    pd.testing.assert_frame_equal(statements.compute().reset_index(drop=True), expected_statements)
    assert (expected_statements["agency"] == "anadolu").any()

    claims = analysis.extract_claims(sample_dask)
    expected_claims = analysis.extract_claims(sample)
    assert claims.dtypes.equals(expected_claims.dtypes)
    got = claims.compute().reset_index(drop=True)
    pd.testing.assert_frame_equal(got, expected_claims)
    assert (got["source_type"] != "outlet").any()  # sources found per partition
    given = analysis.extract_claims(sample_dask, attributions=expected_statements, include_non_claims=True)
    pd.testing.assert_frame_equal(given.compute().reset_index(drop=True),
                                  analysis.extract_claims(sample, attributions=expected_statements,
                                                          include_non_claims=True))


def test_seed_claims_on_dask(cluster, seed_path, seed):
    claims = analysis.extract_claims(analysis.load_corpus(seed_path, engine="dask")).compute()
    pd.testing.assert_frame_equal(claims.reset_index(drop=True), analysis.extract_claims(seed))
    assert 2000.0 in claims["value"].tolist()  # "ألفي مقاتل"


# --------------------------------------------------------------------------- schedulers


def test_scheduler_address_computes_on_that_cluster(cluster, seed_path, seed):
    address = cluster.scheduler_address
    articles = analysis.load_corpus(seed_path, engine="dask", scheduler=address)
    chosen = engine_cluster.client()
    assert chosen.scheduler.address == address
    assert engine_cluster.client(address) is chosen  # opened once
    with distributed.get_task_stream(client=chosen) as stream:
        pd.testing.assert_frame_equal(analysis.term_frequency(articles), analysis.term_frequency(seed))
    ran = {str(task["key"]).split("-")[0].strip("('") for task in stream.data}
    assert {"_scan", "_load", "partial_counts"} <= ran
    assert {task["worker"] for task in stream.data} <= set(cluster.workers_addresses if hasattr(
        cluster, "workers_addresses") else chosen.scheduler_info()["workers"])


def test_dask_local_scheduler_setting_is_honoured(seed_path, seed):
    with dask.config.set(scheduler="synchronous"):
        assert engine_cluster.client() is None
        articles = analysis.load_corpus(seed_path, engine="dask")
        pd.testing.assert_frame_equal(analysis.term_frequency(articles, form="stem"),
                                      analysis.term_frequency(seed, form="stem"))


def test_default_starts_a_local_cluster(seed_path, tmp_path):
    """No client and no setting: a local cluster, one single-threaded worker per core, loopback only."""
    script = tmp_path / "default_cluster.py"
    script.write_text(textwrap.dedent(f"""
        import os
        import distributed
        import pandas as pd
        import analysis

        if __name__ == "__main__":
            articles = analysis.load_corpus({str(seed_path)!r}, engine="dask")
            client = distributed.default_client()
            info = client.scheduler_info()
            assert info["address"].startswith("tcp://127.0.0.1:"), info["address"]
            assert len(info["workers"]) == (os.cpu_count() or 1)
            assert all(w["nthreads"] == 1 and w["host"] == "127.0.0.1" for w in info["workers"].values())
            assert client.cluster.scheduler_spec["options"]["dashboard"] is False
            got = analysis.term_frequency(articles)
            pd.testing.assert_frame_equal(got, analysis.term_frequency(analysis.load_corpus({str(seed_path)!r})))
            print("workers", len(info["workers"]), "terms", len(got))
    """))
    env = {k: v for k, v in os.environ.items() if not k.startswith("DASK_")}
    done = subprocess.run([sys.executable, str(script)], cwd=REPO, env={**env, "PYTHONPATH": str(REPO)},
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]
    assert f"workers {os.cpu_count() or 1} terms" in done.stdout


# --------------------------------------------------------------------------- memory


def test_corpus_larger_than_worker_memory_completes(cluster, sample, tmp_path):
    """One worker limited to 400 MB counts a 420 MB corpus in 4 MB partitions.

    An idle worker with the package imported holds about 200 MB; counting needs about
    150 MB more (a partition, its tokens, allocator pools, a few partial counts), whatever
    the corpus size.  The nanny would restart a worker above 95% of its limit (pausing is
    off, so going over fails instead of waiting): the same worker process finishing, with
    its peak resident memory under the limit, shows the corpus was never held in memory.
    """
    limit = 400_000_000
    records = sample[["article_id", "title", "outlet", "text"]].to_dict("records")
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    copy = ("\n".join(lines) + "\n").encode()
    copies = limit * 21 // 20 // len(copy) + 1
    for k in range(copies):
        (tmp_path / f"copy{k:04d}.jsonl").write_bytes(copy.replace(b'{"article_id": "', f'{{"article_id": "{k}-'
                                                                   .encode()))
    on_disk = sum(f.stat().st_size for f in tmp_path.iterdir())
    assert on_disk > limit

    with dask.config.set({"distributed.worker.memory.pause": False}):
        with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, memory_limit=limit,
                                      **LOOPBACK) as small, \
                distributed.Client(small, set_as_default=False) as client:
            pid = client.run(os.getpid)

            def peak_rss() -> int | None:  # defined here so that it travels to the worker by value
                # VmHWM, not getrusage: its maximum survives exec, so a worker forked from this large
                # test process would report the parent's size.
                try:
                    with open("/proc/self/status") as status:
                        return next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmHWM:"))
                except (OSError, StopIteration):
                    return None

            articles = analysis.load_corpus(tmp_path, engine="dask", partition_size="4MB", scheduler=client)
            assert articles.npartitions > 50
            with dask.config.set(scheduler=client):
                counts = analysis.term_frequency(articles)
            assert client.run(os.getpid) == pid  # never restarted
            peak = list(client.run(peak_rss).values())[0]
    assert peak is None or peak < limit < on_disk

    # The totals another way: every copy counts the same, so each term is copies x its count in one copy.
    one = analysis.term_frequency(analysis.load_corpus(tmp_path / "copy0000.jsonl"))
    assert counts["term"].tolist() == one["term"].tolist()
    assert (counts["count"].to_numpy() == copies * one["count"].to_numpy()).all()
    assert (counts["doc_count"].to_numpy() == copies * one["doc_count"].to_numpy()).all()
    assert counts["count"].sum() == copies * one["count"].sum() > 10_000_000
