"""Shared fixtures: the repository root, the seed article, and the real ANT corpus when present."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]


def corpus_dir() -> Path:
    """Where the shared real corpus lives: ``$ANALYSIS_CORPUS_DIR`` or ``<repo>/../shared/corpus``."""
    return Path(os.environ.get("ANALYSIS_CORPUS_DIR", REPO_ROOT.parent / "shared" / "corpus"))


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def seed_path(repo_root: Path) -> Path:
    path = repo_root / "seeds" / "000_a81fb8a759cd5fd1.txt"
    assert path.is_file(), f"the seed article is part of the repository: {path}"
    return path


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    path = corpus_dir() / "sample"
    if not path.is_dir():
        pytest.skip(f"real corpus sample not found at {path} (set ANALYSIS_CORPUS_DIR to the shared corpus folder)")
    return path


@pytest.fixture(scope="session")
def ant_archive() -> Path:
    path = corpus_dir() / "antcorpus-multisource-v2.1.tar.gz"
    if not path.is_file():
        pytest.skip(f"ANT corpus archive not found at {path} (set ANALYSIS_CORPUS_DIR to the shared corpus folder)")
    return path


@pytest.fixture(scope="session")
def seed(seed_path: Path):
    """The seed article loaded (shared: tests must not modify it)."""
    from analysis.corpus.loader import load_corpus

    return load_corpus(seed_path)


@pytest.fixture(scope="session")
def sample(sample_dir: Path):
    """The 209-article sample loaded (shared: tests must not modify it)."""
    from analysis.corpus.loader import load_corpus

    return load_corpus(sample_dir)


@pytest.fixture(scope="session")
def ant_articles(ant_archive: Path):
    """The full ANT archive loaded once for the whole session (31,525 articles)."""
    from analysis.corpus.loader import load_corpus

    return load_corpus(ant_archive, progress=False)
