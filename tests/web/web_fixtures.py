"""Hand-made articles for the web UI tests, one of them carrying markup meant to run."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from newsweave.article import Article, Paragraph, Removal
from newsweave.store import Store

XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = "<img src=x onerror=alert(1)>"
XSS_TITLE = f"Harbour board {XSS_SCRIPT}"


def _arabic() -> Article:
    first = "أعلنت بلدية كالديرا إعادة فتح الميناء بعد العاصفة."
    second = "Les ferries reprennent leur service mardi."
    text = f"{first}\n\n{second}"
    return Article(
        text="حديث الساعة | " + text,
        clean_text=text,
        source="صحيفة الميناء",
        title="إعادة فتح ميناء كالديرا",
        lang="ar",
        lang_score=0.97,
        script="Arab",
        published="2023-03-06",
        published_from="content",
        mixed_language=True,
        paragraphs=[
            Paragraph(first, 0, len(first), lang="ar", lang_score=0.99, script="Arab"),
            Paragraph(second, len(first) + 2, len(text), lang="fr", lang_score=0.9,
                      script="Latn"),
        ],
        removed=[Removal(kind="header", text="حديث الساعة |", line=0, rule="header.v1")],
    )


def web_articles() -> list[Article]:
    """Ten English harbour notes, a French and an Arabic article, and the hostile one."""
    items = [
        Article(
            text=f"Harbour note {n}: the tide gauge at Kaldera read {n} metres today.",
            source="Tide Desk",
            title=f"Tide note {n}",
            lang="en",
            published=f"2023-02-{n + 1:02d}",
        )
        for n in range(10)
    ]
    items.append(
        Article(text="Le port de Kaldera a rouvert lundi après la tempête.",
                source="Journal du Port", title="Kaldera rouvre son port", lang="fr",
                published="2023-03-07")
    )
    items.append(_arabic())
    items.append(
        Article(
            text=f"The harbour board met. {XSS_SCRIPT}\n\nA photo: {XSS_IMG} ended the notes.",
            source=f"Board {XSS_IMG}",
            title=XSS_TITLE,
            lang="en",
            published="2023-03-08",
            url="javascript:alert(1)",
            removed=[Removal(kind="footer", text=XSS_SCRIPT, line=3, rule="footer.v1")],
        )
    )
    return items


@dataclass
class WebDb:
    path: Path
    xss_id: str
    arabic_id: str
    french_id: str


def build_web_db(path: Path) -> WebDb:
    articles = web_articles()
    with Store(path) as store:
        for a in articles:
            store.save_article(a)
    return WebDb(path, xss_id=articles[-1].id, arabic_id=articles[-2].id,
                 french_id=articles[-3].id)
