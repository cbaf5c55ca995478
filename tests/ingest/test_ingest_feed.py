"""RSS and Atom feeds: one article per entry."""

from __future__ import annotations

from pathlib import Path

from newsweave.article import Article
from newsweave.errors import InputError
from newsweave.ingest.feed import iter_feed
from newsweave.ingest.markup import html_to_text


def _read(path: Path) -> tuple[list[Article], list[InputError]]:
    items = list(iter_feed(str(path), path.read_bytes()))
    return (
        [i for i in items if isinstance(i, Article)],
        [i for i in items if isinstance(i, InputError)],
    )


def test_feed_rss_entries(fixtures_dir: Path) -> None:
    articles, errors = _read(fixtures_dir / "feed_es.rss")
    assert [a.title for a in articles] == [
        "El puerto de Valencia amplía su terminal de cruceros",
        "Nueva línea de autobús nocturno hacia la playa",
    ]
    first, second = articles
    assert first.source == first.url == "https://diario-puerto.example/2023/05/terminal-cruceros"
    # Local date as written in pubDate, not shifted to UTC.
    assert (first.published, first.published_from) == ("2023-05-09", "metadata")
    assert second.published == "2023-05-10"
    # Full content wins over the short description; markup becomes paragraphs.
    assert first.text.startswith("La autoridad portuaria aprobó")
    assert "\n\nLas obras empezarán" in first.text
    assert "<b>" not in second.text and "N7" in second.text
    assert {a.declared_lang for a in articles} == {"es"}
    assert {a.input_kind for a in articles} == {"feed"}
    assert first.meta["feed_title"] == "Diario del Puerto"
    assert [e.reason for e in errors] == ["entry 3: no text (neither content nor summary)"]


def test_feed_atom_entries(fixtures_dir: Path) -> None:
    articles, errors = _read(fixtures_dir / "feed_de.atom")
    assert errors == []
    tram, flood = articles
    assert tram.published == "2024-02-19"  # published beats updated
    assert flood.published == "2024-02-18"  # only updated is given
    assert tram.text.endswith("Der Versuch soll bis zum Sommer dauern.")
    assert flood.text.startswith("Der Pegel bei Koblenz")
    assert tram.declared_lang == "de"


def test_feed_malformed_or_empty() -> None:
    (broken,) = list(iter_feed("broken.rss", b"plain words, no markup at all"))
    assert isinstance(broken, InputError)
    assert broken.reason.startswith("malformed feed: ")
    empty = b"<?xml version='1.0'?><rss version='2.0'><channel><title>t</title></channel></rss>"
    (nothing,) = list(iter_feed("empty.rss", empty))
    assert isinstance(nothing, InputError)
    assert nothing.reason == "feed has no entries"


def test_feed_truncated_keeps_what_it_can() -> None:
    truncated = (
        b"<?xml version='1.0'?><rss version='2.0'><channel><item><title>A</title>"
        b"<description>Text of the first entry.</description></item><item><title>B</title>"
    )
    items = list(iter_feed("cut.rss", truncated))
    assert isinstance(items[0], Article)
    assert items[0].text == "Text of the first entry."
    assert isinstance(items[1], InputError)
    assert items[1].reason == "entry 2: no text (neither content nor summary)"


def test_feed_markup_to_text() -> None:
    markup = "<p>One <i>two</i></p><script>x()</script><ul><li>a</li><li>b</li></ul>l1<br>l2"
    assert html_to_text(markup) == "One two\n\na\n\nb\n\nl1\nl2"
    assert html_to_text("") == ""
