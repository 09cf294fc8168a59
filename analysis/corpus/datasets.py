"""The files of a dataset folder that are not articles: what a Hugging Face or Spark dump keeps beside its data.

A Hugging Face ``save_to_disk`` folder holds ``data-0000i-of-0000n.arrow`` shards (read as
Arrow) and ``state.json`` / ``dataset_info.json`` (``dataset_dict.json`` one level up for
a split dataset); a Parquet folder written by Spark or Dask holds ``_SUCCESS``,
``_metadata`` and ``_common_metadata`` beside its ``part-*.parquet`` shards.  Each of
these gets a report row saying what it is, instead of "no text field" or "unsupported
file type".

>>> metadata_reason("news/train/state.json", b'{"_data_files": [{"filename": "data-00000-of-00001.arrow"}]}')[:41]
'Hugging Face dataset metadata (state.json'
>>> metadata_reason("أخبار/state.json", '{"النص": "خبر"}'.encode()) is None
True
"""

from __future__ import annotations

import json

__all__ = ["empty_reason", "metadata_reason"]

#: file name -> (a key its JSON object has, what the file is)
_HUGGING_FACE = {
    "state.json": ("_data_files", "lists the data-*.arrow shards beside it"),
    "dataset_info.json": ("features", "describes the dataset's features"),
    "dataset_dict.json": ("splits", "lists the split folders beside it"),
}
#: file name -> what it is (Spark, Hadoop and Dask Parquet folders)
_PARQUET_FOLDER = {
    "_SUCCESS": "the marker Spark and Hadoop leave when a job finished",
    "_metadata": "the Parquet folder's summary metadata (the schema and row groups of its shards)",
    "_common_metadata": "the Parquet folder's schema",
}


def _name(rel: str) -> str:
    return rel.replace("\\", "/").rsplit("/", 1)[-1]


def metadata_reason(rel: str, data: bytes) -> str | None:
    """The report reason of a dataset folder's metadata file, or None if the file is not one."""
    name = _name(rel)
    if name in _PARQUET_FOLDER:
        return f"{_PARQUET_FOLDER[name]} ({name}): not articles, the shards beside it are read"
    if name not in _HUGGING_FACE or len(data) > 1 << 24:
        return None
    key, what = _HUGGING_FACE[name]
    try:
        content = json.loads(data.decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None
    if not isinstance(content, dict) or key not in content:
        return None
    return f"Hugging Face dataset metadata ({name}, {what}): not articles; the data-*.arrow shards are read"


def empty_reason(rel: str) -> str:
    """The reason of an empty file: "empty file", saying what it is when it is a dataset folder's marker.

    >>> empty_reason("news/part-0.parquet"), empty_reason("news/_SUCCESS")[:40]
    ('empty file', 'empty file: the marker Spark and Hadoop ')
    """
    name = _name(rel)
    if name in _PARQUET_FOLDER:
        return f"empty file: {_PARQUET_FOLDER[name]} ({name}), not articles"
    return "empty file"
