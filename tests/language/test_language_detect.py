"""Language identification of texts and articles, on hand-written news sentences."""

from __future__ import annotations

import pytest

from newsweave.article import Article
from newsweave.language import detect_article, detect_language
from newsweave.language.backends import backends
from newsweave.language.detect import rank_languages, split_paragraphs

SENTENCES = {
    "en": "The central bank raised interest rates by half a point on Thursday, citing inflation.",
    "fr": "Le gouvernement a présenté mercredi un projet de loi pour réduire les délais d'attente.",
    "de": "Die Regierung will die Steuern für kleine Firmen im kommenden Jahr deutlich senken.",
    "es": "El ayuntamiento aprobó ayer un nuevo plan para mejorar el transporte público.",
    "pt": "O ministro da Saúde anunciou nesta terça-feira a compra de novas vacinas.",
    "ro": "Guvernul a aprobat joi o ordonanță de urgență privind majorarea pensiilor.",
    "it": "Il consiglio comunale ha approvato il bilancio dopo una discussione durata ore.",
    "ru": "Правительство объявило о новых мерах поддержки малого бизнеса из-за роста цен.",
    "uk": "Уряд ухвалив рішення про підвищення мінімальної заробітної плати з наступного року.",
    "ar": "أعلنت وزارة الصحة يوم الأحد عن افتتاح مستشفى جديد في العاصمة لخدمة آلاف المرضى.",
    "fa": "وزارت بهداشت روز یکشنبه از افتتاح یک بیمارستان جدید در پایتخت خبر داد.",
    "zh": "国家统计局周一公布的数据显示，上个月的消费者价格指数同比上涨了百分之二。",
    "ja": "政府は来年度の予算案について、防衛費を大幅に増やす方針を固めた。",
    "ko": "정부는 내년부터 청년들을 위한 주거 지원 정책을 확대하겠다고 밝혔다.",
    "el": "Η κυβέρνηση ανακοίνωσε νέα μέτρα στήριξης για τις οικογένειες με χαμηλό εισόδημα.",
    "he": "הממשלה אישרה אתמול תוכנית חדשה לשיפור התחבורה הציבורית בצפון הארץ.",
    "hi": "सरकार ने किसानों के लिए नई योजना की घोषणा की है जिससे लाखों परिवारों को लाभ होगा।",
    "tr": "Belediye meclisi, şehir merkezindeki trafik sorununu çözmek için bir plan kabul etti.",
    "pl": "Rząd zapowiedział obniżenie podatków dla małych firm od przyszłego roku.",
    "nl": "De gemeenteraad heeft gisteren ingestemd met de bouw van een nieuwe brug.",
    "sv": "Regeringen har beslutat att höja barnbidraget från och med nästa år.",
}

# Close relatives: the words only one of them uses decide.
RELATIVES = {
    "hr": "Vlada je u četvrtak objavila da će tisuću obitelji dobiti pomoć tijekom siječnja.",
    "sr": "Vlada je u četvrtak objavila da će hiljadu porodica dobiti pomoć tokom januara, "
    "pre nego što počne nova godina.",
    "bs": "Vlada je u četvrtak objavila da će hiljadu porodica dobiti pomoć tokom januara, "
    "prije nego što počne nova godina, što je historijski korak.",
    "ms": "Kerajaan telah mengumumkan bahawa wang bantuan akan diberikan kepada keluarga "
    "berpendapatan rendah kerana kos sara hidup semakin meningkat.",
    "id": "Pemerintah telah mengumumkan bahwa uang bantuan akan diberikan kepada keluarga "
    "berpenghasilan rendah karena biaya hidup semakin meningkat.",
    "nn": "Regjeringa seier at det ikkje er nok pengar til alle kommunane i år, men dei vil sjå "
    "på saka igjen.",
    "nb": "Regjeringen sier at det ikke er nok penger til alle kommunene i år, men de vil se på "
    "saken igjen.",
    "da": "Regeringen siger, at der ikke er penge nok til alle kommunerne i år, men de vil se på "
    "sagen igen.",
    "mk": "Владата во четвртокот објави дека илјада семејства ќе добијат помош во текот на "
    "јануари.",
    "cs": "Vláda ve čtvrtek oznámila, že tisíc rodin dostane pomoc ještě před koncem roku.",
    "sk": "Vláda vo štvrtok oznámila, že tisíc rodín dostane pomoc ešte pred koncom roka.",
    "zu": "Uhulumeni uthe imindeni eyinkulungwane izothola usizo ngoba izindleko zokuphila "
    "ziyakhuphuka futhi abantu abaningi bayahlupheka.",
    "xh": "Urhulumente uthe iintsapho eziliwaka ziza kufumana uncedo kuba iindleko zobomi "
    "ziyanyuka kwaye abantu abaninzi bayasokola.",
    "tn": "Puso e rile malapa a le sekete a tla bona thuso gonne ditshenyegelo tsa botshelo di a "
    "oketsega mo nageng.",
    "st": "Mmuso o itse malapa a sekete a tla fumana thuso hobane ditjeo tsa bophelo di ntse di "
    "eketseha haholo naheng.",
}


@pytest.mark.parametrize(("lang", "text"), sorted(SENTENCES.items()))
def test_detect_language_news_sentences(lang: str, text: str) -> None:
    guess = detect_language(text)
    assert guess.lang == lang
    assert 0.0 < guess.score <= 1.0


@pytest.mark.parametrize(("lang", "text"), sorted(RELATIVES.items()))
def test_detect_language_close_relatives(lang: str, text: str) -> None:
    assert detect_language(text).lang == lang


def test_serbian_cyrillic_is_serbian() -> None:
    guess = detect_language("Влада је у четвртак саопштила да ће хиљаду породица добити помоћ.")
    assert (guess.lang, guess.script) == ("sr", "Cyrl")


def test_maori_needs_the_third_model() -> None:
    # Neither fastText nor py3langid knows Māori; CLD2 does, and the others abstain on it.
    text = "Ka haere te Pirimia ki Rotorua āpōpō ki te hui me ngā iwi o te rohe."
    assert detect_language(text).lang == "mi"


def test_detect_language_reports_script() -> None:
    assert detect_language(SENTENCES["zh"]).script == "Hans"
    assert detect_language(SENTENCES["ar"]).script == "Arab"
    assert detect_language(SENTENCES["ja"]).script == "Jpan"


def test_detect_language_without_letters_is_undetermined() -> None:
    for text in ("", "   ", "2024-05-01 — 3.5% (12/30)"):
        guess = detect_language(text)
        assert guess.lang == "und"
        assert guess.score == 0.0


def test_script_restricts_candidates() -> None:
    ranking = rank_languages(SENTENCES["ru"])
    assert (ranking.script, ranking.scripts) == ("Cyrl", {"Cyrl"})
    assert ranking.scores, "a Cyrillic sentence must have candidates"
    assert all(code not in ranking.scores for code in ("en", "hr", "pl", "ar"))


def test_models_load_once() -> None:
    assert backends() is backends()


def test_split_paragraphs_blank_lines_and_offsets() -> None:
    text = "\n  First paragraph\nstill first.\n\n\nSecond one.  \n \nThird."
    spans = split_paragraphs(text)
    assert [text[a:b] for a, b in spans] == [
        "First paragraph\nstill first.",
        "Second one.",
        "Third.",
    ]


def test_split_paragraphs_single_newlines() -> None:
    text = "Line one.\nLine two.\n\tLine three."
    assert [text[a:b] for a, b in split_paragraphs(text)] == [
        "Line one.",
        "Line two.",
        "Line three.",
    ]


ENGLISH = [
    "The city council approved a new budget on Monday after a debate that lasted late "
    "into the night, with most members backing the plan to expand bus services.",
    "Officials said the additional money would pay for forty new buses and longer "
    "evening schedules on the busiest routes across the northern districts.",
    "Opposition members argued that the plan relied on optimistic forecasts of fare "
    "revenue and warned that the city could face a shortfall within two years.",
]
ARABIC = [
    "وقال المتحدث باسم البلدية إن الخطة الجديدة ستسهم في تخفيف الازدحام المروري في "
    "الأحياء الشمالية خلال ساعات الذروة المسائية.",
    "وأضاف أن الحافلات الجديدة ستدخل الخدمة تدريجيا اعتبارا من مطلع العام المقبل بعد "
    "انتهاء التجارب الفنية اللازمة.",
]


def test_detect_article_mixed_language() -> None:
    text = "\n\n".join([*ENGLISH, *ARABIC])
    article = detect_article(Article(text=text, source="test"))
    assert article.lang == "en"
    assert article.script == "Latn"
    assert article.mixed_language is True
    assert [p.lang for p in article.paragraphs] == ["en", "en", "en", "ar", "ar"]
    assert [p.script for p in article.paragraphs][-1] == "Arab"
    assert article.languages == ["en", "ar"]
    for p in article.paragraphs:
        assert article.clean_text[p.start : p.end] == p.text


def test_detect_article_short_paragraphs_inherit_language() -> None:
    text = "\n\n".join([*ENGLISH, "Foto: EFE", "Lire aussi"])
    article = detect_article(Article(text=text, source="test"))
    assert article.lang == "en"
    assert article.mixed_language is False
    assert [p.lang for p in article.paragraphs] == ["en"] * 5


def test_detect_article_reads_clean_text_and_keeps_original() -> None:
    original = "MENU | LOGIN | SUBSCRIBE\n\n" + "\n\n".join(ARABIC)
    article = Article(text=original, source="test", clean_text="\n\n".join(ARABIC))
    detect_article(article)
    assert article.text == original
    assert article.lang == "ar"
    assert article.paragraphs[0].start == 0
    assert article.lang_score > 0.5


def test_detect_article_declared_language_mismatch() -> None:
    text = "\n\n".join(ENGLISH)
    agree = detect_article(Article(text=text, source="t", declared_lang="en-GB"))
    assert "declared_lang_mismatch" not in agree.meta
    differ = detect_article(Article(text=text, source="t", declared_lang="fre"))
    assert differ.lang == "en"
    assert differ.meta["declared_lang_mismatch"] == {"declared": "fre", "detected": "en"}


def test_detect_article_relatives_stay_consistent() -> None:
    # Paragraphs without Bosnian-only words inherit the article's Bosnian.
    text = "\n\n".join(
        [
            RELATIVES["bs"],
            "Vlada je također najavila nove mjere za mlade porodice i penzionere u "
            "narednom periodu, a sredstva će biti osigurana iz budžeta.",
            "Premijer je rekao da je historijski dan za cijelu zemlju i da slijede nove "
            "investicije u obrazovanje i zdravstvo.",
        ]
    )
    article = detect_article(Article(text=text, source="t"))
    assert article.lang == "bs"
    assert {p.lang for p in article.paragraphs} == {"bs"}
    assert article.mixed_language is False
