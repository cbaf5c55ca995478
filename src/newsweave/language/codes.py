"""Language codes: one canonical code per language, and the scripts each language is written in.

Every backend speaks a slightly different dialect of ISO 639. newsweave reports ISO 639-1 where a
language has one, so backend labels are folded here:

* plain aliases and retired codes (``no`` → ``nb``, ``iw`` → ``he``, ``jw`` → ``jv``);
* varieties folded into the macrolanguage readers expect for news (``arz``/``ary`` → ``ar``,
  ``azb`` → ``az``, ``pnb`` → ``pa``, ``wuu``/``yue`` → ``zh``, ``uzs`` → ``uz``, ``ckb``/``sdh`` →
  ``ku``, ``gug`` → ``gn``);
* Serbo-Croatian (``sh``) is shared out between Croatian, Bosnian and Serbian (see
  :data:`MACROLANGUAGES`), which :mod:`newsweave.language.related` then tells apart;
* labels that name no language (``un``, ``zxx``, CLD2's ``xx-…`` script buckets) become ``und``.

Labels with no ISO 639-1 code that fold nowhere (``ceb``, ``nso``, ``pcm`` …) are kept as they are;
:func:`is_reportable` decides whether the detector may report them.
"""

from __future__ import annotations

from collections.abc import Mapping

UNDETERMINED = "und"

# Backend label → canonical code.
_ALIASES: Mapping[str, str] = {
    "no": "nb",
    "iw": "he",
    "jw": "jv",
    "in": "id",
    "ji": "yi",
    "mo": "ro",
    "zh-Hant": "zh",
    "zh-Hans": "zh",
    "arz": "ar",
    "ary": "ar",
    "azb": "az",
    "pnb": "pa",
    "wuu": "zh",
    "yue": "zh",
    "uzs": "uz",
    "ckb": "ku",
    "sdh": "ku",
    "gug": "gn",
    "un": UNDETERMINED,
    "zxx": UNDETERMINED,
    "zzp": UNDETERMINED,
}


def _pairs(spec: str) -> dict[str, str]:
    """``{"a": "b", ...}`` from whitespace-separated ``a:b`` items."""
    return dict(item.split(":", 1) for item in spec.split())


# Labels that stand for a group of standard languages; a score for the group is shared evenly.
MACROLANGUAGES: Mapping[str, tuple[str, ...]] = {"sh": ("hr", "bs", "sr")}

# ISO 639-2 (terminological and bibliographic) codes that inputs commonly declare.
_ISO639_2: Mapping[str, str] = _pairs(
    """
    ara:ar eng:en fra:fr fre:fr deu:de ger:de por:pt ron:ro rum:ro rus:ru spa:es ita:it zho:zh
    chi:zh cmn:zh jpn:ja kor:ko tur:tr fas:fa per:fa pes:fa urd:ur hin:hi heb:he ell:el gre:el
    nld:nl dut:nl pol:pl ukr:uk bel:be bul:bg srp:sr hrv:hr bos:bs slv:sl slk:sk slo:sk ces:cs
    cze:cs hun:hu fin:fi swe:sv dan:da nob:nb nno:nn nor:nb isl:is ice:is est:et lav:lv lit:lt
    cat:ca eus:eu baq:eu glg:gl ind:id msa:ms may:ms zsm:ms vie:vi tha:th tgl:tl fil:tl swa:sw
    swh:sw kaz:kk aze:az uzb:uz kat:ka geo:ka hye:hy arm:hy ben:bn tam:ta tel:te mar:mr guj:gu
    pan:pa sqi:sq alb:sq mkd:mk mac:mk mon:mn afr:af lat:la epo:eo gle:ga cym:cy wel:cy som:so
    yor:yo zul:zu xho:xh sna:sn sot:st tsn:tn tso:ts lug:lg mri:mi mao:mi pus:ps kur:ku amh:am
    hau:ha
    """
)

# Languages written in a script other than Latin, with every script they are commonly written in.
# A language absent from this table is taken to be written in Latin script only.
_SCRIPTS: Mapping[str, frozenset[str]] = {
    lang: frozenset(scripts.split(","))
    for lang, scripts in _pairs(
        """
        ar:Arab fa:Arab ur:Arab ps:Arab ug:Arab sd:Arab ku:Arab,Latn az:Latn,Cyrl,Arab pa:Guru,Arab
        ks:Arab,Deva he:Hebr yi:Hebr ru:Cyrl uk:Cyrl be:Cyrl bg:Cyrl mk:Cyrl sr:Cyrl,Latn
        kk:Cyrl,Latn ky:Cyrl tg:Cyrl tt:Cyrl ba:Cyrl cv:Cyrl ce:Cyrl os:Cyrl kv:Cyrl ab:Cyrl
        mn:Cyrl,Mong uz:Latn,Cyrl tk:Latn,Cyrl sah:Cyrl myv:Cyrl krc:Cyrl el:Grek hy:Armn ka:Geor
        hi:Deva mr:Deva ne:Deva sa:Deva mai:Deva bh:Deva new:Deva gom:Deva,Latn bn:Beng as:Beng
        bpy:Beng gu:Gujr or:Orya ta:Taml te:Telu kn:Knda ml:Mlym si:Sinh th:Thai lo:Laoo km:Khmr
        my:Mymr bo:Tibt dz:Tibt am:Ethi ti:Ethi dv:Thaa syr:Syrc chr:Cher iu:Cans zh:Hani,Hans,Hant
        ja:Jpan ko:Hang,Kore
        """
    ).items()
}


def canonical(label: str) -> str:
    """The canonical code of a backend label (``"no"`` → ``"nb"``, ``"xx-Goth"`` → ``"und"``)."""
    if label.startswith("xx-"):
        return UNDETERMINED
    return _ALIASES.get(label, label)


def is_reportable(code: str) -> bool:
    """Whether the detector reports ``code``: a real language with an ISO 639-1 code.

    Three-letter labels left after :func:`canonical` are regional varieties and small
    languages that the bundled models know from thin data; reporting them (Extremaduran for
    Spanish, Northern Sotho for Tswana, Pidgin for English) costs far more than it gains.
    """
    return len(code) == 2 and code.isalpha() and code.islower()


def scripts_of_language(code: str) -> frozenset[str]:
    """ISO 15924 scripts ``code`` is commonly written in (Latin when the table has no entry)."""
    return _SCRIPTS.get(code, frozenset({"Latn"}))


def normalize_declared(value: str | None) -> str | None:
    """Canonical code of a language an input declared (``"en-US"``, ``"fre"``, ``"pt_BR"``).

    Returns ``None`` when the value is empty or not a language code.
    """
    if not value:
        return None
    primary = value.strip().replace("_", "-").split("-")[0].lower()
    if len(primary) == 3:
        primary = _ISO639_2.get(primary, primary)
    if not primary.isalpha() or len(primary) not in (2, 3):
        return None
    code = canonical(primary)
    return None if code == UNDETERMINED else code
