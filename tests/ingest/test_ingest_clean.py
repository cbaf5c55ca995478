"""Noise lines go, real sentences stay, and every removal is recorded."""

from __future__ import annotations

import pytest

from newsweave.article import Article
from newsweave.ingest.clean import clean_article, match_line
from newsweave.ingest.noise_rules import RULES, fold

BODY = "The council approved the budget on a narrow vote after a long debate."


def _clean(text: str) -> Article:
    return clean_article(Article(text=text, source="test"))


@pytest.mark.parametrize(
    ("line", "kind", "lang"),
    [
        # read also / related link lines
        ("Read also: Ferry services resume after the storm", "read_also", "en"),
        ("Related: Council elections set for spring", "related", "en"),
        ("À lire aussi : Le maire présente son budget", "read_also", "fr"),
        ("A lire aussi: Le maire présente son budget", "read_also", "fr"),
        ("Sur le même sujet : la réforme des retraites", "related", "fr"),
        ("Leia também: Prefeitura anuncia novas creches", "read_also", "pt"),
        ("Veja também Governo reduz impostos", "read_also", "pt"),
        ("Lea también: El ayuntamiento abre una piscina", "read_also", "es"),
        ("Noticias relacionadas: huelga de transporte", "related", "pt|es"),
        ("Citește și: Guvernul aprobă bugetul", "read_also", "ro"),
        ("Citeste si Guvernul aproba bugetul", "read_also", "ro"),
        ("Lesen Sie auch: Neue Brücke eröffnet", "read_also", "de"),
        ("Mehr zum Thema: Energiepreise", "related", "de"),
        ("Читайте также: В Казани открыли музей", "read_also", "ru"),
        ("По теме: Новые тарифы на электричество", "related", "ru"),
        ("اقرأ أيضاً: افتتاح مكتبة جديدة", "read_also", "ar"),
        ("هذا الموضوع ذو علاقة بـ: افتتاح مكتبة جديدة", "related", "ar"),
        ("مواضيع ذات صلة", "related", "ar"),
        # author disclosures
        ("Disclosure: the author holds shares in the company.", "disclosure", "en"),
        ("Divulgation : l'auteur ne détient aucune action.", "disclosure", "fr"),
        ("Divulgação: o autor possui ações da empresa.", "disclosure", "pt"),
        ("Aviso legal: este artículo no es un consejo de inversión.", "disclosure", "*"),
        ("Dezvăluire: autorul deține acțiuni.", "disclosure", "ro"),
        ("Offenlegung: Der Autor besitzt Aktien.", "disclosure", "de"),
        ("Раскрытие информации: у автора есть акции.", "disclosure", "ru"),
        ("إفصاح: يمتلك الكاتب أسهما في الشركة.", "disclosure", "ar"),
        ("At the time of writing, the author owned no shares.", "disclosure", "en"),
        # footers
        ("© 2023 Harbour News. All rights reserved.", "footer", "*"),
        ("Copyright 2021 Gazette Locale", "footer", "*"),
        ("Tous droits réservés.", "footer", "fr"),
        ("Todos os direitos reservados.", "footer", "pt"),
        ("Toate drepturile rezervate.", "footer", "ro"),
        ("Alle Rechte vorbehalten.", "footer", "de"),
        ("Все права защищены.", "footer", "ru"),
        ("جميع الحقوق محفوظة", "footer", "ar"),
        ("Follow us on Telegram", "footer", "en"),
        ("Síguenos en Instagram", "footer", "es"),
        ("Subscribe to our newsletter for daily updates", "footer", "en"),
        ("Abonnez-vous à notre newsletter", "footer", "fr"),
        ("Este site usa cookies para melhorar a navegação.", "footer", "pt"),
        ("Facebook Twitter WhatsApp Email", "footer", "*"),
        ("Partager", "footer", "*"),
    ],
)
def test_clean_rules_per_language(line: str, kind: str, lang: str) -> None:
    found = match_line(line)
    assert found is not None, line
    rule, _ = found
    assert rule.kind == kind
    assert rule.lang in lang.split("|")  # a phrase shared by languages has the first


@pytest.mark.parametrize(
    "sentence",
    [
        "Related to the strike, unions said they would meet again next week.",
        "The report, related by two witnesses, was read also by the judge.",
        "Disclosure of the documents was ordered by the court on Friday.",
        "Copyright law was changed in 2019 after a long campaign.",
        "Follow us, the guide told the hikers, and stay on the marked path.",
        "Voir aussi loin que possible était l'ambition du télescope.",
        "Inscrivez-vous avant le 15 mai pour voter, rappelle la mairie.",
        "Relacionados à crise, os protestos continuaram no domingo.",
        "Legate de Moscova prin contracte vechi, firmele au pierdut bani.",
        "Zum Thema Energie äußerte sich der Minister nicht.",
        "По теме переговоров министр ничего не сказал журналистам.",
        "ذات صلة وثيقة بالملف، قالت الوزارة إن التحقيق مستمر.",
        "The EU fined the company over its use of cookies on this site in 2020.",
        "Share prices fell sharply on Monday after the announcement.",
    ],
)
def test_clean_keeps_real_sentences(sentence: str) -> None:
    assert match_line(sentence) is None
    article = _clean(f"{BODY}\n\n{sentence}\n\n{BODY}")
    assert article.removed == []


def test_clean_records_removals_and_never_alters_text() -> None:
    text = (
        "Harbour to get a new ferry terminal\r\n"
        "\r\n"
        "Harbour to get a new ferry terminal\r\n"
        "\r\n"
        f"{BODY}\r\n"
        "\r\n"
        "Read also: Storm damage on the pier\r\n"
        "\r\n"
        "The terminal should open in two years, the port said.\r\n"
        "\r\n"
        "Disclosure: the author has no financial interest.\r\n"
    )
    article = _clean(text)
    assert article.text == text
    assert [(r.kind, r.line) for r in article.removed] == [
        ("duplicate_title", 2),
        ("read_also", 6),
        ("disclosure", 10),
    ]
    assert article.removed[1].rule == "read_also.en.imperative"
    assert article.removed[1].text == "Read also: Storm damage on the pier"
    assert article.clean_text == (
        f"Harbour to get a new ferry terminal\n\n{BODY}\n\n"
        "The terminal should open in two years, the port said."
    )


def test_clean_header_line_only_at_the_top() -> None:
    header = " date 2021-07 Residents protested the closure of the hospital edit"
    top = _clean(f"{header}\n\n{BODY}\n\n{BODY}")
    assert [(r.kind, r.rule) for r in top.removed] == [("header", "header.*.date_stamp")]
    assert top.clean_text == f"{BODY}\n\n{BODY}"
    # Deep in the text the same shape is left alone (headers live at the top).
    lower = _clean(f"{BODY}\n\n{BODY}\n\n{BODY}\n\n{BODY}\n\n{header}")
    assert lower.removed == []


def test_clean_bare_trigger_takes_the_linked_headline() -> None:
    article = _clean(f"{BODY}\n\nЧитайте также\nВ Самаре открыли мост\n\n{BODY}")
    assert [(r.kind, r.rule) for r in article.removed] == [
        ("read_also", "read_also.ru.imperative"),
        ("read_also", "read_also.ru.imperative.target"),
    ]
    # A real sentence after a bare trigger is not taken.
    kept = _clean(f"{BODY}\n\nRead also\nThe mayor said the bridge would reopen soon.")
    assert [r.rule for r in kept.removed] == ["read_also.en.imperative"]


def test_clean_is_idempotent() -> None:
    article = _clean(f"{BODY}\n\nLesen Sie auch: Neue Brücke\n\n{BODY}")
    first = (article.clean_text, list(article.removed))
    clean_article(article)
    assert (article.clean_text, article.removed) == first


def test_clean_rule_table_covers_the_languages() -> None:
    names = [rule.name for rule in RULES]
    assert len(names) == len(set(names))
    for lang in ("ar", "fr", "pt", "ro", "en", "ru", "es", "de"):
        kinds = {rule.kind for rule in RULES if rule.lang == lang}
        assert {"read_also", "related", "disclosure", "footer"} <= kinds, lang


def test_clean_fold_unifies_spellings() -> None:
    assert fold("Citește  și") == fold("Citeste si") == "Citeste si"
    assert fold("اقرأ أيضاً") == fold("اقرا ايضا")
    assert fold("هذا الموضوع ذو علاقة بـ:") == "هذا الموضوع ذو علاقة ب:"
