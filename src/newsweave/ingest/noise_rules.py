"""The table of line rules that recognise scraping noise, per kind and per language.

Each rule is data: a name (``"<kind>.<lang>.<what>"``), the kind of noise, a language tag
(``"*"`` for rules that hold in any language), a regular expression and where in the text
it may apply. Patterns are written with their accents as in real text; both the pattern
and the line are passed through :func:`fold` before matching, so "Citește și", "Citeste
si", "À lire aussi" and "A lire aussi", or "اقرأ أيضاً" and "اقرا ايضا" are one rule each.

A rule matches a whole line: the cleaner drops or keeps lines, it never edits inside one.
Rules are written to be safe on real sentences: a trigger phrase must open the line, and
ambiguous triggers ("Related", "ذات صلة") must be followed by a separator or end the line.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

NoiseKind = Literal["header", "read_also", "related", "disclosure", "footer"]
Region = Literal["any", "head", "tail"]

_SPACES = re.compile(r"[\s\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_FOLD_TABLE = str.maketrans(
    {
        "\u0640": None,  # Arabic tatweel (kashida), a stretching stroke
        "\u200c": None,  # zero-width non-joiner
        "\u200d": None,  # zero-width joiner
        "\u200e": None,  # left-to-right mark
        "\u200f": None,  # right-to-left mark
        "\u2019": "'",
        "\u2018": "'",
        "\u02bc": "'",
        "\u0649": "\u064a",  # alef maqsura -> yeh
        "\u06cc": "\u064a",  # Farsi yeh -> Arabic yeh
        "\u06a9": "\u0643",  # keheh -> kaf
    }
)


def fold(text: str) -> str:
    """Fold a line for matching: no diacritics, one alef, no tatweel, single spaces.

    Decomposes (NFD) and drops combining marks, which removes Latin accents, Romanian
    commas below, Cyrillic breves and Arabic harakat and hamza carriers alike. Case is
    left to the regular expressions (``re.IGNORECASE``).
    """
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return _SPACES.sub(" ", stripped.translate(_FOLD_TABLE)).strip()


@dataclass(frozen=True, slots=True)
class LineRule:
    """One named line rule of the noise table."""

    name: str
    kind: NoiseKind
    lang: str
    pattern: str
    region: Region = "any"
    max_words: int | None = None
    takes_next: bool = False  # a bare trigger line also takes the headline after it
    regex: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "regex", re.compile(fold(self.pattern), re.IGNORECASE))


# Leading bullets, arrows or quotes before a trigger phrase.
_START = r"^[\W_]{0,3}"
# The trigger ends the line or a separator follows it.
_SEP = r"\s*(?:[:\-–—»|›>•▶►]|$)"
# Unambiguous imperative triggers may run straight into the linked headline.
_OPEN = r"(?:\s*[:\-–—»|›>•▶►]|\s|$)"


def _trigger(phrases: str, *, strict: bool) -> str:
    return _START + f"(?:{phrases})" + (_SEP if strict else _OPEN)


def _label(labels: str) -> str:
    return _START + f"(?:{labels})" + r"\s*[:\-–—]"


_DATE_VALUE = (
    r"(?:\d{4}-\d{1,2}(?:-\d{1,2})?|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}"
    r"|\d{1,2}\.?\s+[^\W\d_]+\.?\s+\d{4})(?!\d)"
)
_DATE_LABELS = (
    r"date|data|fecha|datum|дата|تاريخ|التاريخ|published(?: on)?|posted(?: on)?"
    r"|publié(?: le)?|publicado(?: em| el| a)?|publicat(?: la| pe)?|veröffentlicht(?: am)?"
    r"|опубликовано|نشر(?: في| بتاريخ)?|updated(?: on)?|mis à jour(?: le)?"
    r"|atualizado(?: em)?|actualizado(?: el)?|actualizat(?: la)?|aktualisiert(?: am)?"
    r"|обновлено"
)
_CHROME = (
    r"edit|editar|modifier|bearbeiten|editează|редактировать|правка|تعديل|تحرير"
    r"|share|partager|compartilhar|compartir|teilen|distribuie|поделиться|مشاركة"
    r"|print|imprimer|imprimir|drucken|printează|печать|طباعة"
    r"|login|log in|sign in|connexion|se connecter|entrar|iniciar sesión|anmelden"
    r"|autentificare|войти|تسجيل الدخول"
    r"|menu|menü|меню|القائمة|home|accueil|início|inicio|startseite|acasă|главная|الرئيسية"
    r"|comments?|commentaires?|comentários|comentarios|kommentare|comentarii|комментарии"
    r"|التعليقات|تعليقات"
)
_SHARE_VERBS = (
    r"share|partager|partagez|compartilhe|compartilhar|compartir|comparte|distribuie"
    r"|teilen|поделиться|مشاركة|شارك"
)
_SOCIAL = (
    r"facebook|twitter|x|whatsapp|telegram|linkedin|e-?mail|print|imprimer|imprimir"
    r"|drucken|печать|طباعة|vk|pinterest|reddit|messenger|copy link|copier le lien"
)
_TOKEN_SEP = r"[\s|:,·•/]*"

_HEAD = 3  # lines (non-empty) that count as the head of a text
_TAIL = 3


def _header_rules() -> list[LineRule]:
    return [
        LineRule(
            "header.*.date_stamp",
            "header",
            "*",
            _START + f"(?:{_DATE_LABELS})" + r"\s*:?\s*" + _DATE_VALUE,
            region="head",
        ),
        LineRule(
            "header.*.chrome",
            "header",
            "*",
            # starts and ends with a site-chrome word; short, or carrying a date stamp
            _START
            + f"(?:{_CHROME})"
            + r"\b(?=(?:\W*\w+){0,8}\W*$|.*\d{4}).*\b"
            + f"(?:{_CHROME})"
            + r"[\W\d_]*$",
            region="head",
            max_words=60,
        ),
        LineRule(
            "header.*.breadcrumb",
            "header",
            "*",
            r"^[^»›>|]{1,40}(?:\s[»›>|]\s[^»›>|]{1,40}){2,}$",
            region="head",
            max_words=15,
        ),
    ]


_READ_ALSO: dict[str, tuple[str, str]] = {
    # lang: (unambiguous imperative triggers, triggers that need a separator)
    "en": (r"read also|also read|see also|also see", r"read more|more reading|further reading"),
    "fr": (
        r"(?:[àa] )?lire (?:aussi|également)",
        r"(?:[àa] )?voir (?:aussi|également)|[àa] lire|lire la suite",
    ),
    "pt": (r"(?:leia|veja|confira|assista) (?:também|mais)", r"saiba mais|leia mais"),
    "es": (r"(?:lea|lee|mira) también", r"(?:vea|ver) también|leer más|lee más|más información"),
    "ro": (r"(?:citește|citiți|vezi|vedeți) și", r"citește mai mult|citește mai departe"),
    "de": (r"lesen sie (?:auch|mehr|hier)|lies auch|siehe auch", r"weiterlesen|mehr lesen"),
    "ru": (
        r"(?:читайте|читай|смотрите|см\.) (?:также|тоже)",
        r"подробнее|читать далее|читать полностью",
    ),
    "ar": (r"(?:اقرأ|طالع|شاهد) (?:أيضا|كذلك)", r"اقرأ المزيد|المزيد"),
}
_RELATED: dict[str, str] = {
    # lang: "related"/"on the same topic" triggers; all need a separator
    "en": r"related(?: (?:articles?|stories|story|content|news|posts?|topics?|coverage))?"
    r"|more on this(?: story| topic)?|recommended(?: for you)?",
    "fr": r"sur le même sujet|(?:articles?|sujets?) (?:liés|similaires|associés)"
    r"|pour aller plus loin|dans la même rubrique",
    "pt": r"relacionad[ao]s?|(?:notícias|matérias|artigos) relacionad[ao]s|mais sobre o assunto",
    "es": r"relacionad[ao]s?|(?:noticias|artículos) relacionad[ao]s|te puede interesar"
    r"|puede interesarte|también te puede interesar",
    "ro": r"articole (?:similare|recomandate|asemănătoare)|pe aceeași temă|legate de",
    "de": r"mehr zum thema|auch interessant|das könnte sie auch interessieren"
    r"|verwandte (?:artikel|themen)|zum thema",
    "ru": r"по теме|читайте по теме|ещё по теме|еще по теме|похожие (?:статьи|новости)"
    r"|материалы по теме",
    "ar": r"ذات صلة|(?:مواضيع|موضوعات|أخبار|مقالات) ذات صلة|هذا الموضوع ذو علاقة بـ"
    r"|ذو علاقة|اقرأ في نفس الموضوع",
}
_DISCLOSURE_LABELS: dict[str, str] = {
    "*": r"disclaimer|aviso legal",
    "en": r"disclosure|full disclosure",
    "fr": r"divulgation|avertissement|clause de non-responsabilité"
    r"|déclaration (?:de conflits? )?d'intérêts?",
    "pt": r"divulgação|isenção de responsabilidade"
    r"|declaração de (?:conflito de )?interesses?",
    "es": r"divulgación|descargo de responsabilidad|exención de responsabilidad",
    "ro": r"dezvăluire|declinarea responsabilității|declarație de interese",
    "de": r"offenlegung|haftungsausschluss|interessenkonflikt|hinweis in eigener sache",
    "ru": r"раскрытие информации|отказ от ответственности|дисклеймер",
    "ar": r"إفصاح|الإفصاح|إخلاء (?:ال)?مسؤولية|تنويه",
}
_DISCLOSURE_SENTENCES: dict[str, str] = {
    # "At the time of writing, the author held …" without a label.
    "en": r"^at the time of (?:writing|publication)[^,]{0,40},? the (?:author|writer)s?\b",
    "fr": r"^au moment de (?:la rédaction|la publication|l'écriture)[^,]{0,40},"
    r" l'auteur",
    "pt": r"^no momento d[ae] (?:redação|publicação|escrita)[^,]{0,40}, o autor",
    "es": r"^(?:en el momento|al momento) de (?:escribir|la redacción|la publicación)"
    r"[^,]{0,40}, el autor",
}
_FOOTER: dict[str, list[tuple[str, str]]] = {
    "*": [
        (
            "copyright",
            r"^[\W_]{0,3}(?:©|ⓒ|\(c\)\s*\d{4}|copyright\s*(?:©|\(c\)|\d{4}|:))|\b\d{4}\s*©",
        ),
        (
            "share_buttons",
            _START
            + f"(?:{_SHARE_VERBS})"
            + f"(?:{_TOKEN_SEP}(?:{_SOCIAL}|{_SHARE_VERBS}))*"
            + r"[\W_]*$",
        ),
        (
            "social_buttons",
            _START + f"(?:{_SOCIAL})" + f"(?:{_TOKEN_SEP}(?:{_SOCIAL}))+" + r"[\W_]*$",
        ),
    ],
    "en": [
        ("rights", r"\ball rights reserved\b"),
        ("follow_us", _START + r"follow us(?: on| at|\s*[:@]|$)"),
        ("newsletter", _START + r"(?:subscribe|sign up)\b.*\b(?:newsletter|updates|channel)\b"),
        (
            "cookies",
            r"\b(?:this|our) (?:site|website) uses cookies\b|\bwe use cookies\b"
            r"|\baccept (?:all )?cookies\b|\bcookie (?:policy|settings|preferences)\b",
        ),
        ("share", _START + r"share (?:this|on)\b"),
    ],
    "fr": [
        ("rights", r"\btous droits réservés\b"),
        ("follow_us", _START + r"suivez-nous(?: sur|\s*:|$)"),
        (
            "newsletter",
            _START + r"(?:abonnez-vous|inscrivez-vous)\b.*\b(?:newsletter|lettre d'information"
            r"|alertes|notre chaîne)",
        ),
        (
            "cookies",
            r"\bce site (?:web )?utilise des cookies\b|\bnous utilisons des cookies\b"
            r"|\baccepter (?:les |tous les )?cookies\b|\bpolitique (?:de|relative aux) cookies\b",
        ),
        ("share", _START + r"partagez? (?:cet article|sur)\b"),
    ],
    "pt": [
        ("rights", r"\btodos os direitos reservados\b"),
        ("follow_us", _START + r"(?:siga-nos|acompanhe-nos)(?: n[oa]s?| em|\s*:|$)"),
        (
            "newsletter",
            _START + r"(?:assine|inscreva-se|cadastre-se)\b.*\b(?:newsletter|boletim|canal)",
        ),
        (
            "cookies",
            r"\beste (?:site|portal) (?:usa|utiliza) cookies\b|\b(?:usamos|utilizamos) cookies\b"
            r"|\baceitar (?:os )?cookies\b|\bpolítica de cookies\b",
        ),
        ("share", _START + r"compartilh(?:e|ar) (?:esta|este|no|na)\b"),
    ],
    "es": [
        ("rights", r"\btodos los derechos reservados\b"),
        ("follow_us", _START + r"(?:síguenos|síganos)(?: en|\s*:|$)"),
        (
            "newsletter",
            _START + r"(?:suscríbete|suscríbase|regístrate)\b.*\b(?:newsletter|boletín|canal)",
        ),
        (
            "cookies",
            r"\beste (?:sitio|portal)(?: web)? (?:usa|utiliza) cookies\b"
            r"|\b(?:usamos|utilizamos) cookies\b|\baceptar (?:las |todas las )?cookies\b",
        ),
        ("share", _START + r"compart(?:e|ir) (?:esta|este|en)\b"),
    ],
    "ro": [
        ("rights", r"\btoate drepturile (?:sunt )?rezervate\b"),
        ("follow_us", _START + r"(?:urmăriți-ne|urmărește-ne)(?: pe|\s*:|$)"),
        ("newsletter", _START + r"(?:abonează-te|abonați-vă)\b.*\b(?:newsletter|canalul|alerte)"),
        (
            "cookies",
            r"\bacest site (?:folosește|utilizează) cookie|\bfolosim cookie"
            r"|\bacceptă cookie|\bpolitica de cookie",
        ),
        ("share", _START + r"distribuie (?:acest|pe)\b"),
    ],
    "de": [
        ("rights", r"\balle rechte vorbehalten\b"),
        ("follow_us", _START + r"folgen sie uns(?: auf| bei|\s*:|$)"),
        ("newsletter", _START + r"(?:abonnieren sie|melden sie sich)\b.*\bnewsletter"),
        (
            "cookies",
            r"\bdiese (?:website|webseite|seite) verwendet cookies\b|\bwir verwenden cookies\b"
            r"|\bcookies akzeptieren\b|\bcookie-richtlinie\b",
        ),
        ("share", _START + r"(?:artikel )?teilen (?:auf|sie)\b"),
    ],
    "ru": [
        ("rights", r"\bвсе права защищены\b"),
        ("follow_us", _START + r"(?:подписывайтесь на нас|следите за нами)(?: в| на|\s*:|$)"),
        (
            "newsletter",
            _START + r"(?:подпишитесь|подписывайтесь)\b.*(?:рассылк|канал|telegram|телеграм)",
        ),
        (
            "cookies",
            r"\b(?:этот|наш) сайт использует (?:файлы )?(?:cookie|куки)"
            r"|\bмы используем (?:файлы )?(?:cookie|куки)",
        ),
        ("share", _START + r"поделиться (?:в|этой|статьей)\b"),
    ],
    "ar": [
        ("rights", r"جميع الحقوق محفوظة|الحقوق محفوظة"),
        ("follow_us", _START + r"(?:تابعونا|تابعنا)(?: على| عبر| في|\s*:|$)"),
        ("newsletter", _START + r"(?:اشترك|اشتركوا|سجل)\b.*(?:النشرة|نشرتنا|قناتنا)"),
        (
            "cookies",
            r"(?:هذا الموقع|موقعنا) (?:يستخدم|يستعمل) (?:ملفات تعريف الارتباط|الكوكيز)"
            r"|نستخدم (?:ملفات تعريف الارتباط|الكوكيز)",
        ),
        ("share", _START + r"شارك(?:وا)? (?:هذا|المقال|على)"),
    ],
}
_FOOTER_MAX_WORDS = 25


def _build_rules() -> tuple[LineRule, ...]:
    rules = _header_rules()
    for lang, (open_phrases, strict_phrases) in _READ_ALSO.items():
        rules.append(
            LineRule(
                f"read_also.{lang}.imperative",
                "read_also",
                lang,
                _trigger(open_phrases, strict=False),
                takes_next=True,
            )
        )
        rules.append(
            LineRule(
                f"read_also.{lang}.more",
                "read_also",
                lang,
                _trigger(strict_phrases, strict=True),
                takes_next=True,
            )
        )
    for lang, phrases in _RELATED.items():
        rules.append(
            LineRule(
                f"related.{lang}.topic",
                "related",
                lang,
                _trigger(phrases, strict=True),
                takes_next=True,
            )
        )
    for lang, labels in _DISCLOSURE_LABELS.items():
        rules.append(LineRule(f"disclosure.{lang}.label", "disclosure", lang, _label(labels)))
    for lang, sentence in _DISCLOSURE_SENTENCES.items():
        rules.append(LineRule(f"disclosure.{lang}.holdings", "disclosure", lang, sentence))
    for lang, entries in _FOOTER.items():
        for what, pattern in entries:
            rules.append(
                LineRule(
                    f"footer.{lang}.{what}", "footer", lang, pattern, max_words=_FOOTER_MAX_WORDS
                )
            )
    return tuple(rules)


RULES: tuple[LineRule, ...] = _build_rules()
HEAD_LINES = _HEAD
TAIL_LINES = _TAIL
