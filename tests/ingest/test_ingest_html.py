"""HTML pages through trafilatura and htmldate."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.errors import InputError
from newsweave.ingest.html import article_from_html, read_html


def test_html_page_text_title_url_and_date(fixtures_dir: Path) -> None:
    path = fixtures_dir / "page_fr.html"
    article = read_html(str(path), path.read_bytes())
    assert article.input_kind == "html"
    assert article.title == "Grenoble inaugure un tramway solaire"
    assert article.url == "https://courrier-alpes.example/2021/06/tramway-solaire"
    assert article.published == "2021-06-04"
    assert article.published_from == "metadata"
    assert article.declared_lang == "fr"
    assert article.encoding == "utf-8"
    assert "46 millions d'euros" in article.text
    # Navigation and footer are not article text.
    assert "Accueil" not in article.text
    assert "Tous droits réservés" not in article.text
    # One paragraph per block, blank lines between.
    assert "\n\nSelon la régie des transports" in article.text


def test_html_without_markup_date_leaves_published_unknown(fixtures_dir: Path) -> None:
    html = (fixtures_dir / "page_fr.html").read_text(encoding="utf-8")
    undated = "\n".join(line for line in html.split("\n") if "published_time" not in line)
    article = article_from_html(undated, "page")
    assert article.published is None
    assert article.published_from == "unknown"


def test_html_declared_legacy_charset() -> None:
    body = (
        "<html lang='ru'><head><meta charset='windows-1251'><title>Мост открыт</title></head>"
        "<body><article><h1>Мост открыт</h1><p>В Самаре после ремонта открыли движение по "
        "старому мосту через Волгу. Работы заняли почти два года и обошлись городу в "
        "крупную сумму.</p></article></body></html>"
    )
    article = read_html("bridge.html", body.encode("cp1251"))
    assert article.encoding == "cp1251"
    assert "старому мосту через Волгу" in article.text
    assert article.declared_lang == "ru"


def test_html_without_text_is_an_input_error() -> None:
    with pytest.raises(InputError) as err:
        article_from_html("<html><head><title>t</title></head><body></body></html>", "x.html")
    assert err.value.reason == "no article text found in the HTML page"


def test_html_xhtml_with_xml_declaration() -> None:
    page = (
        '<?xml version="1.0" encoding="iso-8859-1"?>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="pt-BR"><head><title>Creches'
        "</title></head><body><article><p>A prefeitura anunciou a construção de três creches "
        "e a reforma do mercado municipal até o fim do ano.</p></article></body></html>"
    )
    article = read_html("page.xhtml", page.encode("latin-1"))
    assert article.declared_lang == "pt"
    assert "construção de três creches" in article.text
