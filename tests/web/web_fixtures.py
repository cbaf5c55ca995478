"""Hand-made articles for the web UI tests, one of them carrying markup meant to run.

Besides ten tide notes, a French and an Arabic article, a storm in Morvik is reported in
Spanish, Portuguese, German and English (the English report is the hostile one), with
hand-placed names, extracted figures that disagree (12 injured, then 15) and quotes. Stories
come from the model-free hashing configuration of the story engine.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from newsweave.article import Article, Paragraph, Removal
from newsweave.entities.mentions import EntityType, MentionIn
from newsweave.facts.extract import extract_facts
from newsweave.store import Store
from newsweave.stories.engine import StoryEngine

XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = "<img src=x onerror=alert(1)>"
XSS_TITLE = f"Harbour board {XSS_SCRIPT}"
SAVED_STAGES = ["entities.recognize.v1", "facts.extract.v1", "quotes.extract.v1"]
STORM_NAMES: list[tuple[str, EntityType]] = [("Morvik", "LOC"), ("Ilsa Brenner", "PER")]


def with_records(article: Article, names: list[tuple[str, EntityType]]) -> Article:
    """The article with its figures extracted and the first use of each name as a mention."""
    lang = article.lang or "xx"
    article.facts = extract_facts(article.clean_text, lang)
    article.mentions = []
    for name, label in names:
        start = article.clean_text.index(name)
        article.mentions.append(
            MentionIn(
                article.id,
                lang,
                name,
                label,
                start,
                start + len(name),
                article_text=article.clean_text,
            )
        )
    article.stages = list(SAVED_STAGES)
    return article


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
            Paragraph(second, len(first) + 2, len(text), lang="fr", lang_score=0.9, script="Latn"),
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
        Article(
            text="Le port de Kaldera a rouvert lundi après la tempête.",
            source="Journal du Port",
            title="Kaldera rouvre son port",
            lang="fr",
            published="2023-03-07",
        )
    )
    items.append(_arabic())
    hostile = Article(
        text=f"The harbour board of Morvik met after the storm; Ilsa Brenner said 12 people "
        f"were injured. {XSS_SCRIPT}\n\nA photo: {XSS_IMG} ended the notes.",
        source=f"Board {XSS_IMG}",
        title=XSS_TITLE,
        lang="en",
        published="2023-03-14",
        url="javascript:alert(1)",
        removed=[Removal(kind="footer", text=XSS_SCRIPT, line=3, rule="footer.v1")],
    )
    items.append(with_records(hostile, STORM_NAMES))
    return items


def storm_articles() -> list[Article]:
    """The storm in Morvik in Spanish, Portuguese and German."""
    return [
        with_records(
            Article(
                text="Una tormenta cerró el puerto de Morvik el domingo y 12 personas resultaron "
                "heridas. La capitana Ilsa Brenner dijo que 30 barcos sufrieron daños.",
                title="Tormenta cierra el puerto de Morvik",
                lang="es",
                published="2023-03-12",
                source="Diario Costero",
            ),
            STORM_NAMES,
        ),
        with_records(
            Article(
                text="Uma tempestade fechou o porto de Morvik no domingo e deixou 12 feridos. "
                "A capitã Ilsa Brenner disse que 30 barcos ficaram danificados. "
                '"O molhe aguentou", '
                "disse Ilsa Brenner.",
                title="Tempestade fecha o porto de Morvik",
                lang="pt",
                published="2023-03-12",
                source="Jornal da Costa",
            ),
            STORM_NAMES,
        ),
        with_records(
            Article(
                text="Ein Sturm hat am Sonntag den Hafen von Morvik geschlossen, "
                "15 Menschen wurden verletzt. "
                "Hafenkapitänin Ilsa Brenner sagte, 30 Boote seien beschädigt.",
                title="Sturm schließt Hafen von Morvik",
                lang="de",
                published="2023-03-13",
                source="Küstenblatt",
            ),
            STORM_NAMES,
        ),
    ]


@dataclass
class WebDb:
    path: Path
    xss_id: str
    arabic_id: str
    french_id: str
    storm_id: str  # the story of the storm articles and the hostile one
    storm_articles: list[str]


def build_web_db(path: Path) -> WebDb:
    articles = web_articles()
    storm = storm_articles()
    with Store(path) as store:
        for a in [*articles, *storm]:
            store.save_article(a)
        StoryEngine(store, config="hashing").add_pending()
        story_of = dict(
            store.conn.execute("SELECT article_id, story_id FROM story_articles").fetchall()
        )
    return WebDb(
        path,
        xss_id=articles[-1].id,
        arabic_id=articles[-2].id,
        french_id=articles[-3].id,
        storm_id=story_of[storm[0].id],
        storm_articles=[a.id for a in storm],
    )
