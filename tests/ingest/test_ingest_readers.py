"""Walking inputs: dispatch by kind, one error per bad input, deterministic order."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from newsweave.article import Article
from newsweave.errors import InputError
from newsweave.ingest.readers import iter_inputs
from newsweave.ingest.text import guess_title

ARABIC = (
    "افتتاح مكتبة عامة جديدة في المدينة\n\n"
    "افتتح المجلس البلدي أمس مكتبة عامة تضم أكثر من عشرين ألف كتاب.\n\n"
    "وقال رئيس المجلس إن المكتبة ستفتح أبوابها يوميا حتى التاسعة مساء.\n"
)
RUSSIAN = (
    "В Казани открылся новый музей транспорта\n\n"
    "Музей разместился в здании бывшего трамвайного депо и занимает два этажа.\n"
)
GOOD_RECORD = {
    "text": "A ferry line between the two islands will run twice a day from June.",
    "title": "New island ferry",
    "url": "https://harbour-news.example/ferry",
    "published": "2023-04-02T09:00:00Z",
    "lang": "en-GB",
}


def _split(items: list[Article | InputError]) -> tuple[list[Article], list[InputError]]:
    articles = [i for i in items if isinstance(i, Article)]
    errors = [i for i in items if isinstance(i, InputError)]
    return articles, errors


def _mixed_folder(root: Path) -> Path:
    folder = root / "inbox"
    folder.mkdir()
    (folder / "photo.txt").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00" * 8)
    (folder / "empty.txt").write_bytes(b"")
    lines = [json.dumps(GOOD_RECORD), '{"text": "broken line", "title": ']
    (folder / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "arabic.txt").write_bytes(ARABIC.encode("cp1256"))
    (folder / "russian.txt").write_bytes(RUSSIAN.encode("utf-8"))
    return folder


def test_readers_mixed_folder_gives_three_articles_and_the_failures(tmp_path: Path) -> None:
    folder = _mixed_folder(tmp_path)
    articles, errors = _split(list(iter_inputs([folder])))

    assert len(articles) == 3
    by_name = {Path(a.source).name: a for a in articles if a.input_kind == "text"}
    assert by_name["arabic.txt"].text == ARABIC
    assert by_name["arabic.txt"].encoding == "cp1256"
    assert by_name["arabic.txt"].title == "افتتاح مكتبة عامة جديدة في المدينة"
    assert by_name["russian.txt"].encoding == "utf-8"
    assert by_name["russian.txt"].title == "В Казани открылся новый музей транспорта"
    record = next(a for a in articles if a.input_kind == "jsonl")
    assert record.source == GOOD_RECORD["url"]
    assert record.published == "2023-04-02"
    assert record.published_from == "metadata"
    assert record.declared_lang == "en"

    lines = sorted(err.line() for err in errors)
    assert len(lines) == 3
    assert lines[0].startswith(f"{folder / 'batch.jsonl'}: line 2: malformed JSON: ")
    assert lines[1] == f"{folder / 'empty.txt'}: empty file"
    assert lines[2] == f"{folder / 'photo.txt'}: binary file (NUL bytes)"


def test_readers_walk_is_sorted_and_skips_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref: refs/heads/main\nmore text here\n")
    (tmp_path / ".notes.txt").write_text("hidden\nfile\n")
    for name in ("b/2.txt", "b/1.txt", "a.txt", "c.txt"):
        (tmp_path / name).write_text(f"Body of {name}, a sentence.\n", encoding="utf-8")
    sources = [a.source for a in iter_inputs([tmp_path]) if isinstance(a, Article)]
    expected = [str(tmp_path / n) for n in ("a.txt", "b/1.txt", "b/2.txt", "c.txt")]
    assert sources == expected


def test_readers_skip_a_folders_own_documentation(tmp_path: Path) -> None:
    for name in ("README.md", "EXPECTED.md", "LICENSE", "NOTES.txt"):
        (tmp_path / name).write_text("What this folder holds, for people.\n", encoding="utf-8")
    for name in ("Readme-news.md", "report.md", "Z1.html.txt", "2024.txt"):
        (tmp_path / name).write_text(f"Body of {name}, a sentence.\n", encoding="utf-8")
    walked = [a.source for a in iter_inputs([tmp_path]) if isinstance(a, Article)]
    names = [Path(s).name for s in walked]
    assert names == ["2024.txt", "Readme-news.md", "Z1.html.txt", "report.md"]
    named = [a for a in iter_inputs([tmp_path / "README.md"]) if isinstance(a, Article)]
    assert len(named) == 1  # a file named on the command line is always read


def test_readers_source_is_the_path_as_given(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text("Only a short line of text.\n", encoding="utf-8")
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        items = list(iter_inputs(["one.txt", "."]))
    finally:
        os.chdir(cwd)
    # Named once as given; the folder walk finds the same file again and skips it.
    assert [i.source for i in items if isinstance(i, Article)] == ["one.txt"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_readers_survive_a_symlink_loop(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "story.txt").write_text("A story in a folder.\n", encoding="utf-8")
    (tmp_path / "sub" / "loop").symlink_to(tmp_path, target_is_directory=True)
    articles, errors = _split(list(iter_inputs([tmp_path])))
    assert [Path(a.source).name for a in articles] == ["story.txt"]
    assert errors == []


def test_readers_refuse_large_and_missing_files(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("word " * 1000, encoding="utf-8")
    items = list(iter_inputs([big, tmp_path / "missing.txt"], max_bytes=2_000))
    assert [i.line() for i in items if isinstance(i, InputError)] == [
        f"{big}: file too large (5 kB > 2 kB limit)",
        f"{tmp_path / 'missing.txt'}: no such file or directory",
    ]


def test_readers_jsonl_errors_name_the_line_and_reading_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "batch.ndjson"
    path.write_text(
        "\n".join(
            [
                json.dumps({"text": "First record with enough text."}),
                "",
                json.dumps({"title": "no text here"}),
                json.dumps(["not", "an", "object"]),
                json.dumps({"text": 42}),
                json.dumps({"text": "Fifth record.", "source": "wire-7", "published": "soon"}),
            ]
        ),
        encoding="utf-8",
    )
    articles, errors = _split(list(iter_inputs([path])))
    assert [a.source for a in articles] == [f"{path}#L1", "wire-7"]
    assert articles[1].published is None
    assert articles[1].meta["published_unparsed"] == "soon"
    assert [e.reason for e in errors] == [
        "line 3: missing required field 'text'",
        "line 4: expected a JSON object, got an array",
        "line 5: field 'text' must be a string, got a number",
    ]


def test_readers_json_array_file(tmp_path: Path) -> None:
    path = tmp_path / "items.json"
    records = [{"text": "Item one text."}, {"text": ""}, {"text": "Item three.", "title": "T"}]
    path.write_text(json.dumps(records), encoding="utf-8")
    articles, errors = _split(list(iter_inputs([path])))
    assert [a.source for a in articles] == [f"{path}#1", f"{path}#3"]
    assert [e.reason for e in errors] == ["item 2: field 'text' is empty"]


def test_readers_sniff_content_of_txt_files(tmp_path: Path, fixtures_dir: Path) -> None:
    (tmp_path / "page.txt").write_bytes((fixtures_dir / "page_fr.html").read_bytes())
    (tmp_path / "feed.txt").write_bytes((fixtures_dir / "feed_de.atom").read_bytes())
    (tmp_path / "records.txt").write_text(json.dumps(GOOD_RECORD) + "\n", encoding="utf-8")
    kinds = [a.input_kind for a in iter_inputs([tmp_path]) if isinstance(a, Article)]
    assert kinds == ["feed", "feed", "html", "jsonl"]


def test_readers_dispatch_by_suffix(fixtures_dir: Path) -> None:
    articles, errors = _split(list(iter_inputs([fixtures_dir])))
    assert sorted({a.input_kind for a in articles}) == ["feed", "html"]
    assert [e.reason for e in errors] == ["entry 3: no text (neither content nor summary)"]


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "Storm closes mountain pass\n\nThe pass was closed on Sunday.",
            "Storm closes mountain pass",
        ),
        ("Is the dam safe?\n\nEngineers inspected the dam on Monday.", "Is the dam safe?"),
        ("The pass was closed on Sunday.\nIt reopens tomorrow.", None),
        ("Only one line without a full stop", None),
        ("Published: 2021-03-04 by the desk edit\n\nBody text follows here.", None),
        (
            "This opening line is far too long to be any headline a newspaper would print "
            "because it goes on and on with clause after clause and no end in sight\n\nBody.",
            None,
        ),
    ],
)
def test_readers_title_is_conservative(text: str, title: str | None) -> None:
    assert guess_title(text) == title
