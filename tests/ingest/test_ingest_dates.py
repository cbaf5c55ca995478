"""Publication dates: metadata first, then a scraped header, then the text; never invented."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from newsweave.article import Article
from newsweave.ingest.clean import clean_article
from newsweave.ingest.dates import EVIDENCE_KEY, date_article, normalise_date
from newsweave.pipeline import Pipeline

TODAY = date(2024, 6, 1)


def _dated(text: str, lang: str | None = None, **fields: Any) -> Article:
    article = clean_article(Article(text=text, source="test", lang=lang, **fields))
    return date_article(article, today=TODAY)


def test_dates_metadata_is_normalised_and_kept() -> None:
    article = _dated("Body.", published="2022-03-15T23:10:00+05:00", published_from="metadata")
    assert (article.published, article.published_from) == ("2022-03-15", "metadata")
    assert article.meta[EVIDENCE_KEY] == "2022-03-15T23:10:00+05:00"


def test_dates_unreadable_metadata_falls_back_to_content() -> None:
    article = _dated(
        "Le conseil s'est réuni le 2 février 2023.",
        "fr",
        published="bientôt",
        published_from="metadata",
    )
    assert (article.published, article.published_from) == ("2023-02-02", "content")
    assert article.meta["published_unparsed"] == "bientôt"


def test_dates_scraped_header_line_gives_the_month() -> None:
    text = " date 2021-07 Residents protested against the plan edit\n\nResidents protested."
    article = _dated(text, "en")
    assert (article.published, article.published_from) == ("2021-07", "content")
    assert article.meta[EVIDENCE_KEY] == "2021-07"
    assert "date 2021-07" not in article.clean_text


@pytest.mark.parametrize(
    ("text", "lang", "expected", "evidence"),
    [
        (
            "Le rapport a été publié le 15 mars 2022 par la mairie.",
            "fr",
            "2022-03-15",
            "15 mars 2022",
        ),
        (
            "The report was published on 15 March 2022 by the council.",
            "en",
            "2022-03-15",
            "15 March 2022",
        ),
        ("The report was published on March 15, 2022.", "en", "2022-03-15", "March 15, 2022"),
        ("Relatório publicado em 15 de março de 2022.", "pt", "2022-03-15", "15 de março de 2022"),
        (
            "El informe se publicó el 15 de marzo de 2022.",
            "es",
            "2022-03-15",
            "15 de marzo de 2022",
        ),
        ("Raportul a fost publicat pe 15 martie 2022.", "ro", "2022-03-15", "15 martie 2022"),
        ("Der Bericht erschien am 15. März 2022.", "de", "2022-03-15", "15. März 2022"),
        ("Доклад опубликован 15 марта 2022 года.", "ru", "2022-03-15", "15 марта 2022"),
        ("نشر التقرير في 15 مارس 2022.", "ar", "2022-03-15", "15 مارس 2022"),
        ("نشر التقرير في 15 آذار 2022.", "ar", "2022-03-15", "15 آذار 2022"),
        ("نشر التقرير في 15 جوان 2022.", "ar", "2022-06-15", "15 جوان 2022"),
        ("نشر التقرير في 15 يونيه 2022.", "ar", "2022-06-15", "15 يونيه 2022"),
        ("نشر التقرير في ١٥ مارس ٢٠٢٢.", "ar", "2022-03-15", "١٥ مارس ٢٠٢٢"),
        ("Stand: 15.03.2022, Bericht der Stadt.", "de", "2022-03-15", "15.03.2022"),
        ("Report dated 2022-03-15 from the council.", "en", "2022-03-15", "2022-03-15"),
        # Language unknown: the common languages are tried.
        ("Доклад опубликован 15 марта 2022 года.", None, "2022-03-15", "15 марта 2022"),
        ("Le rapport a été publié le 15 mars 2022.", None, "2022-03-15", "15 mars 2022"),
    ],
)
def test_dates_from_content(text: str, lang: str | None, expected: str, evidence: str) -> None:
    article = _dated(text, lang)
    assert (article.published, article.published_from) == (expected, "content")
    assert article.meta[EVIDENCE_KEY] == evidence


def test_dates_latest_plausible_full_date_wins() -> None:
    text = (
        "The plan was first discussed on 3 January 2020. Works started on 15 March 2022.\n\n"
        "They should end by 1 July 2030. The town was founded on 16 December 1986."
    )
    article = _dated(text, "en")
    assert article.published == "2022-03-15"  # not the future, not history


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("La FMA a signalé le 15 mars que des dizaines d'installations ont fermé.", "fr"),
        ("Mardi, la semaine dernière, le ministre a parlé.", "fr"),
        ("The minister spoke last week, on Tuesday.", "en"),
        ("The country became independent in 1991.", "en"),
        ("Les restrictions datent de fin janvier 2022.", "fr"),
        ("La ședința de marți, ministrul a vorbit.", "ro"),
        ("وفي أغسطس 2021 استقبلت البلاد أكثر من 18%.", "ar"),
        ("The date 31 February 2022 does not exist.", "en"),
        ("Payment due 03/04/2022 according to the invoice.", "en"),
        ("Nothing here looks like a date at all.", None),
    ],
)
def test_dates_never_invented(text: str, lang: str | None) -> None:
    article = _dated(text, lang)
    assert (article.published, article.published_from) == (None, "unknown")
    assert EVIDENCE_KEY not in article.meta


def test_dates_numeric_order_outside_english() -> None:
    assert _dated("Facture du 03/04/2022.", "fr").published == "2022-04-03"
    assert _dated("Invoice of 03/25/2022.", "en").published == "2022-03-25"


def test_dates_unsupported_language_uses_the_fallback_set() -> None:
    assert _dated("Report of 15 March 2022.", "zz").published == "2022-03-15"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022-03-15", "2022-03-15"),
        ("2022-03-15 08:00", "2022-03-15"),
        ("20220315", "2022-03-15"),
        ("2022/3/15", "2022-03-15"),
        ("Tue, 15 Mar 2022 23:30:00 -0800", "2022-03-15"),
        ("15 mars 2022", "2022-03-15"),
        ("mars 2022", "2022-03"),
        ("2022-03", "2022-03"),
        ("2022", None),
        ("yesterday", None),
        ("", None),
        ("2022-02-30", None),
    ],
)
def test_dates_normalise_metadata(value: str, expected: str | None) -> None:
    assert normalise_date(value) == expected


def test_dates_stage_in_a_pipeline() -> None:
    pipe = Pipeline.from_names(["clean.noise.v1", "dates.published.v1"])
    article = pipe(Article(text="Posted: 2020-05-04 by the desk edit\n\nShort story.", source="t"))
    assert article.stages == ["clean.noise.v1", "dates.published.v1"]
    assert article.published == "2020-05-04"
    assert article.removed[0].kind == "header"
