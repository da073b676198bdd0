"""Inputs of any size stream: a folder is walked one listing at a time, in the same sorted order as before."""

from __future__ import annotations

import os

from spinlens.ingest import readers
from spinlens.ingest.readers import iter_documents

TEXT = "The bridge over the river reopened on Sunday after repairs that took most of the summer, officials said."


def _tree(root) -> list[str]:
    """Folders and files named to test the order (a file 'a.txt' after the folder 'a'), hidden ones skipped."""
    paths = ["b/z.txt", "a/b.txt", "a.txt", "a/c/d.txt", "c.txt", "a/a.txt", ".hidden/x.txt", "a/.x.txt", "b/n.md"]
    for relative in paths:
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(TEXT, encoding="utf-8")
    return ["a/a.txt", "a/b.txt", "a/c/d.txt", "a.txt", "b/z.txt", "c.txt"]


def test_folder_files_come_sorted_by_path_parts_skipping_hidden_and_unknown(tmp_path):
    expected = _tree(tmp_path)
    sources = [os.path.relpath(d.source, tmp_path) for d in iter_documents([str(tmp_path)])]
    assert sources == expected


def test_a_folder_is_listed_lazily_not_walked_whole_first(tmp_path, monkeypatch):
    _tree(tmp_path)
    listed = []
    real_scandir = os.scandir

    def scandir(path):
        listed.append(os.path.relpath(path, tmp_path))
        return real_scandir(path)

    monkeypatch.setattr(readers.os, "scandir", scandir)
    documents = iter_documents([str(tmp_path)])
    first = next(documents)
    assert os.path.relpath(first.source, tmp_path) == "a/a.txt"
    assert listed == [".", "a"]  # 'a/c' and 'b' are listed only when the reading gets there
    rest = list(documents)
    assert len(rest) == 5 and listed == [".", "a", "a/c", "b"]


def test_an_unreadable_subfolder_is_reported_and_the_rest_read(tmp_path, monkeypatch):
    _tree(tmp_path)
    real_scandir = os.scandir

    def scandir(path):
        if os.path.basename(path) == "c":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(readers.os, "scandir", scandir)
    items = list(iter_documents([str(tmp_path)]))
    errors = [i for i in items if isinstance(i, Exception)]
    assert [str(e) for e in errors] == [f"{tmp_path / 'a' / 'c'}: cannot read: Permission denied"]
    assert len(items) == 6
