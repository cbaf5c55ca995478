"""Hand-made articles for the reader-side tests (API, search, exports)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from newsweave.article import Article, Paragraph, Removal
from newsweave.store import Store

XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = "<img src=x onerror=alert(1)>"
NAMES = ["en", "fr", "ar", "de", "chess", "xss"]


def hand_made_articles() -> list[Article]:
    """Six short articles in four languages (one carrying markup meant to run)."""
    items = [
        Article(
            text="The harbour of Kaldera reopened on Monday after the storm.\n\n"
            "Fishing boats queued at the northern pier.",
            source="Harbour Gazette",
            title="Kaldera harbour reopens",
            lang="en",
            published="2023-03-06",
            url="https://example.org/kaldera",
        ),
        Article(
            text="Le port de Kaldera a rouvert lundi après la tempête.",
            source="Journal du Port",
            title="Kaldera rouvre son port",
            lang="fr",
            published="2023-03-07",
        ),
        Article(
            text="أعلنت بلدية كالديرا إعادة فتح الميناء بعد العاصفة يوم الاثنين.",
            source="صحيفة الميناء",
            title="إعادة فتح ميناء كالديرا",
            lang="ar",
            published="2023-03",
        ),
        Article(
            text="Der Stadtrat von Kaldera beschloss einen neuen Deich.",
            source="Kaldera Bote",
            title="Neuer Deich für Kaldera",
            lang="de",
            published="2022-11-20",
        ),
        Article(
            text="Unrelated news about a chess tournament in a mountain village.",
            source="Village Voice",
            title="Chess in the mountains",
            lang="en",
        ),
        Article(
            text=f"Kaldera council minutes {XSS_SCRIPT} were published.\n\n"
            f"A picture followed: {XSS_IMG} and nothing else.",
            source="Pasted <b>source</b>",
            title=f"Kaldera council {XSS_SCRIPT}",
            lang="en",
            published="2023-03-08",
            url="javascript:alert(1)",
            removed=[Removal(kind="footer", text=XSS_IMG, line=4, rule="footer.v1")],
        ),
    ]
    ar = items[2]
    ar.script = "Arab"
    ar.paragraphs = [Paragraph(ar.text, 0, len(ar.text), lang="ar", lang_score=0.99, script="Arab")]
    return items


@dataclass
class ReaderDb:
    path: Path
    ids: dict[str, str]  # short name -> article id


def build_reader_db(path: Path) -> ReaderDb:
    """Store the hand-made articles in a new database at ``path``."""
    articles = hand_made_articles()
    with Store(path) as store:
        for article in articles:
            store.save_article(article)
    return ReaderDb(path, dict(zip(NAMES, [a.id for a in articles], strict=True)))
