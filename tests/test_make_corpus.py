"""The benchmark corpus generator (benchmarks/make_corpus.py): real sentences, real layouts, loadable, deterministic."""

from __future__ import annotations

import hashlib
import importlib.util
import sys
from collections import defaultdict
from pathlib import Path

import pytest

import analysis
from analysis.text.segment import iter_paragraphs

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def make_corpus():
    spec = importlib.util.spec_from_file_location("make_corpus", REPO / "benchmarks" / "make_corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_corpus"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    yield module
    sys.modules.pop("make_corpus", None)


@pytest.fixture(scope="module")
def generated(make_corpus, sample_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("bench") / "corpus"
    assert make_corpus.main(["--articles", "450", "--per-file", "40", "--out", str(out), "--source", str(sample_dir),
                             "--years", "2014-2016", "--no-progress"]) == 0
    return out


def _digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        h.update(path.relative_to(folder).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def test_the_corpus_loads_whole_with_unique_ids(generated, sample):
    articles = analysis.load_corpus(generated)
    report = articles.attrs["load_report"]
    assert (report["status"] == "loaded").all() and report["n_records_skipped"].sum() == 0
    assert len(articles) == 450 and articles["article_id"].is_unique
    assert report["n_articles"].max() <= 40
    # Files sit in one folder per outlet and hold that outlet's articles only.
    for path, outlet in zip(articles["path"], articles["outlet"], strict=True):
        assert Path(path).parent.name == outlet
    assert set(articles["outlet"]) <= set(sample["outlet"])
    assert articles["published"].dt.year.between(2014, 2016).all()
    assert articles["published"].dt.strftime("%Y-%m").nunique() >= 30  # spread over the months, not one date
    assert articles["title"].notna().all() and articles["url"].notna().all()


def test_every_paragraph_is_made_of_real_sentences_of_its_outlet_and_section(generated, sample):
    real = analysis.sentences(sample).merge(sample[["article_id", "outlet", "section"]], on="article_id")
    by_first_word: dict[tuple, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for outlet, section, text in zip(real["outlet"], real["section"], real["text"], strict=True):
        by_first_word[(outlet, section)][text.split()[0]].add(text)
    real_paragraphs = defaultdict(set)
    for outlet, section, text in zip(sample["outlet"], sample["section"], sample["text"], strict=True):
        real_paragraphs[(outlet, section)].add(sum(1 for _ in iter_paragraphs(text)))

    def decomposes(paragraph: str, pool: dict[str, set[str]]) -> bool:
        reachable = {0}
        for pos in range(len(paragraph)):
            if pos not in reachable:
                continue
            for sentence in pool.get(paragraph[pos:].split(maxsplit=1)[0], ()):
                end = pos + len(sentence)
                if paragraph.startswith(sentence, pos) and (end == len(paragraph) or paragraph[end] == " "):
                    reachable.add(end if end == len(paragraph) else end + 1)
        return len(paragraph) in reachable

    articles = analysis.load_corpus(generated)
    for outlet, section, text in zip(articles["outlet"], articles["section"], articles["text"], strict=True):
        pool = by_first_word[(outlet, section)]
        paragraphs = [text[s:e] for s, e in iter_paragraphs(text)]
        assert len(paragraphs) in real_paragraphs[(outlet, section)]  # the layout of a real article of the group
        assert all(decomposes(p, pool) for p in paragraphs), (outlet, section, text[:200])


def test_outlets_keep_their_real_shares(generated, sample, make_corpus):
    articles = analysis.load_corpus(generated)
    real = sample["outlet"].value_counts().sort_index()
    expected = dict(zip(real.index, make_corpus.allocate(450, real.tolist()), strict=True))
    assert articles["outlet"].value_counts().to_dict() == {k: v for k, v in expected.items() if v}


def test_same_seed_same_bytes_other_seed_other_corpus(generated, make_corpus, sample_dir, tmp_path):
    args = ["--articles", "450", "--per-file", "40", "--source", str(sample_dir), "--years", "2014-2016",
            "--no-progress"]
    assert make_corpus.main([*args, "--out", str(tmp_path / "again")]) == 0
    assert _digest(tmp_path / "again") == _digest(generated)
    assert make_corpus.main([*args, "--out", str(tmp_path / "other"), "--seed", "7"]) == 0
    assert _digest(tmp_path / "other") != _digest(generated)


def test_markup_characters_round_trip(make_corpus, tmp_path):
    source = tmp_path / "source"
    source.mkdir()
    body = "قالت شركة AT&T إن الوسم <TEXT> لا يغلق شيئا. وأضافت أن &amp; تبقى كما كتبت."
    (source / "a.trec").write_text(
        f"<DOC>\n<DOCNO>XX-economy-1</DOCNO>\n<SRC>X</SRC>\n<CAT>economy</CAT>\n<TITLE>عنوان</TITLE>\n"
        f"<TEXT>\n{make_corpus.escape(body)}\n</TEXT>\n</DOC>\n",
        encoding="utf-8",
    )
    assert analysis.load_corpus(source)["text"].tolist() == [body]
    out = tmp_path / "out"
    assert make_corpus.main(["--articles", "30", "--out", str(out), "--source", str(source), "--no-progress"]) == 0
    texts = analysis.load_corpus(out)["text"]
    first, second = "قالت شركة AT&T إن الوسم <TEXT> لا يغلق شيئا.", "وأضافت أن &amp; تبقى كما كتبت."
    assert len(texts) == 30
    for text in texts:  # nothing but the two sentences, unescaped exactly as written
        assert text.replace(first, "").replace(second, "").strip() == ""
        assert first in text or second in text


def test_refuses_the_repository_and_a_foreign_folder(make_corpus, sample_dir, tmp_path):
    with pytest.raises(SystemExit, match="outside the repository"):
        make_corpus.main(["--articles", "5", "--out", str(REPO / "bench-out"), "--source", str(sample_dir)])
    assert not (REPO / "bench-out").exists()
    foreign = tmp_path / "notes"
    foreign.mkdir()
    (foreign / "keep.txt").write_text("ملاحظات")
    with pytest.raises(SystemExit, match="not empty"):
        make_corpus.main(["--articles", "5", "--out", str(foreign), "--source", str(sample_dir)])
    with pytest.raises(SystemExit, match="did not write"):
        make_corpus.main(["--articles", "5", "--out", str(foreign), "--source", str(sample_dir), "--force"])
    assert (foreign / "keep.txt").read_text() == "ملاحظات"
