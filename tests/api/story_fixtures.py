"""A hand-made store with stories, entities, facts and quotes for the API tests.

Three articles (English, French, German) report one ferry accident with figures that
change (14 injured, then 17) and a quote; a fourth is about something else. Mentions are
placed by hand, facts come from the extractor, and stories from the model-free hashing
configuration of the story engine.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from newsweave.article import Article
from newsweave.entities.mentions import EntityType, MentionIn
from newsweave.facts.extract import extract_facts
from newsweave.store import Store
from newsweave.stories.engine import StoryEngine

XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = "<img src=x onerror=alert(1)>"
SAVED_STAGES = ["entities.recognize.v1", "facts.extract.v1", "quotes.extract.v1"]
FERRY_NAMES: list[tuple[str, EntityType]] = [
    ("Nordlys", "MISC"),
    ("Morvik", "LOC"),
    ("Ilsa Brenner", "PER"),
]


def story_article(
    text: str,
    *,
    title: str,
    lang: str,
    published: str | None,
    source: str,
    names: list[tuple[str, EntityType]],
) -> Article:
    """An article with its figures extracted and the given names marked as mentions."""
    article = Article(text=text, title=title, lang=lang, published=published, source=source)
    article.facts = extract_facts(article.clean_text, lang)
    mentions = []
    for name, label in names:
        start = article.clean_text.index(name)
        mentions.append(
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
    article.mentions = mentions
    article.stages = list(SAVED_STAGES)
    return article


def story_articles() -> list[Article]:
    return [
        story_article(
            "The ferry Nordlys ran aground near Morvik on Monday and 14 people were injured. "
            "Harbour master Ilsa Brenner said 212 passengers were brought ashore by noon. "
            '"We were lucky," said Ilsa Brenner.',
            title="Ferry Nordlys runs aground near Morvik",
            lang="en",
            published="2024-05-06",
            source="Coast Courier",
            names=FERRY_NAMES,
        ),
        story_article(
            "Le ferry Nordlys s'est échoué près de Morvik lundi : 14 blessés. "
            "Selon la capitaine du port Ilsa Brenner, les 212 passagers ont été débarqués "
            "avant midi.",
            title="Le ferry Nordlys échoue près de Morvik",
            lang="fr",
            published="2024-05-06",
            source="Journal du Nord",
            names=FERRY_NAMES,
        ),
        story_article(
            "Die Fähre Nordlys ist am Montag vor Morvik auf Grund gelaufen, 17 Menschen wurden "
            f"verletzt. Hafenmeisterin Ilsa Brenner sagte, alle Passagiere seien an Land. "
            f"{XSS_SCRIPT} {XSS_IMG}",
            title=f"Fähre Nordlys vor Morvik {XSS_SCRIPT}",
            lang="de",
            published="2024-05-07",
            source="Nord <b>Bote</b>",
            names=FERRY_NAMES,
        ),
        story_article(
            "A chess tournament in the mountain village of Tarsk drew 40 players on Saturday.",
            title="Chess in Tarsk",
            lang="en",
            published="2024-04-20",
            source="Village Voice",
            names=[("Tarsk", "LOC")],
        ),
    ]


@dataclass
class StoryDb:
    path: Path
    ids: dict[str, str]  # en, fr, de, chess -> article id
    ferry: str  # the story of the three ferry articles
    chess: str


def build_story_db(path: Path) -> StoryDb:
    """Store the articles at ``path`` and cluster them with the hashing configuration."""
    articles = story_articles()
    with Store(path) as store:
        for article in articles:
            store.save_article(article)
        decisions = StoryEngine(store, config="hashing").add_pending()
    story_of = {d.article_id: d.story_id for d in decisions}
    ids = dict(zip(["en", "fr", "de", "chess"], [a.id for a in articles], strict=True))
    return StoryDb(path, ids, ferry=story_of[ids["en"]], chess=story_of[ids["chess"]])
