"""Telling closely related languages apart by the words only one of them uses.

Statistical models confuse languages that share most of their vocabulary and spelling:
Croatian, Bosnian and Serbian; Malay and Indonesian; Norwegian Bokmål, Nynorsk and Danish; Zulu
and Xhosa; Tswana and Southern Sotho. Within such a group the standard languages still differ in
a set of well-known, frequent words: Croatian month names and *tko*/*tisuća* against
Bosnian/Serbian *ko*/*hiljada*, Serbian ekavian *vreme* against ijekavian *vrijeme*, Malaysian
*kerana*/*bahawa* against Indonesian *karena*/*bahwa*, Nynorsk *ikkje*/*eg*, Danish *hvad*/*nogen*
against Bokmål *hva*/*noen*.

Each group lists such marker words, each voting for the languages that use it. The members with
the most votes are kept (one, or two when a word is shared, as *hiljada* is by Bosnian and
Serbian) and the models' ranking chooses among them; with no markers, or a tie between all
members, the models' ranking stands alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import regex

_WORD = regex.compile(r"[\p{L}\p{M}]+(?:-[\p{L}\p{M}]+)*")


@dataclass(frozen=True, slots=True)
class RelatedGroup:
    """Closely related languages and the marker words that separate them."""

    name: str
    members: frozenset[str]
    markers: Mapping[str, frozenset[str]]  # lower-cased word -> members that use it

    def marker_votes(self, words: Iterable[str]) -> dict[str, int]:
        """How many marker words in ``words`` vote for each member."""
        votes = dict.fromkeys(self.members, 0)
        for word in words:
            for lang in self.markers.get(word, ()):
                votes[lang] += 1
        return votes


def _group(name: str, vocab: Mapping[str, str]) -> RelatedGroup:
    """Build a group from ``{"hr": "tko tisuća …", "bs sr": "ko hiljada …"}``."""
    markers: dict[str, frozenset[str]] = {}
    members: set[str] = set()
    for langs, words in vocab.items():
        voters = frozenset(langs.split())
        members |= voters
        for word in words.split():
            markers[word] = markers.get(word, frozenset()) | voters
    return RelatedGroup(name, frozenset(members), markers)


SERBO_CROATIAN = _group(
    "hbs",
    {
        # Croatian standard vocabulary where Bosnian and Serbian use another word.
        "hr": """
            tko netko nitko svatko itko tisuća tisuće tisuću tisućama tjedan tjedna tjednu
            tjedno tjedana povijest povijesti povijesni povijesna povijesne povijesnog glazba
            glazbe glazbu glazbi glazbeni glazbena glazbene glazbenik znanost znanosti
            znanstveni znanstvena znanstvene znanstvenik sveučilište sveučilišta sveučilištu
            kruh vlak vlaka vlakom zrakoplov zrakoplova zrakoplovi obitelj obitelji obiteljski
            točno točka točke otok otoka otoku otoci uvjet uvjeti uvjeta uvjetima izvješće
            izvješća tvrtka tvrtke tvrtki tvrtku razina razine razini razinu siječanj siječnja
            veljača veljače ožujak ožujka travanj travnja svibanj svibnja lipanj lipnja srpanj
            srpnja kolovoz kolovoza rujan rujna listopad listopada studeni studenoga studenog
            prosinac prosinca kazalište kazališta nogomet nogometni nogometna nogometne
            nogometaš sudjelovati sudjeluje sudjeluju sudjelovao sudjelovanje tijekom
            primjerice sukladno gospodarstvo gospodarstva gospodarski gospodarske zapovjednik
            veleposlanik veleposlanstvo izravno izravni izravna tvornica tvornice ravnatelj
            ravnateljica mirovina mirovine kava europa europe europi europu europski europska
            europske europskog europskoj kemija kemije kemijski suradnja suradnje suradnju
            surađivati proračun proračuna priopćenje priopćenja dužnosnik dužnosnici
            dužnosnika glasovati glasovanje zemljopis nazočni nazočnost
            """,
        # Bosnian and Serbian standard vocabulary where Croatian uses another word.
        "bs sr": """
            ko neko niko svako šta hiljada hiljade hiljadu hiljadama muzika muzike muzici
            muziku muzički muzička muzičke nauka nauke nauci naučni naučna naučne naučnik
            univerzitet univerziteta univerzitetu voz voza vozom porodica porodice porodici
            porodicu porodični tačno tačka tačke ostrvo ostrva ostrvu uslov uslovi uslova
            uslovima preduzeće preduzeća nivo nivoa nivou januar januara februar februara
            mart april aprila maj juni juna jun juli jula jul septembar septembra oktobar
            oktobra novembar novembra decembar decembra pozorište pozorišta fudbal fudbalski
            fudbalska fudbaler učestvovati učestvuje učestvuju učestvovao učešće tokom
            privreda privrede privredni komandant ambasador ambasada ambasade fabrika fabrike
            penzija penzije plata plate hemija hemije hemijski evropa evrope evropi evropu
            evropski evropska evropske evropskog evropskoj saradnja saradnje saradnju
            sarađivati budžet budžeta glasati glasao zvaničnik zvaničnici funkcioner
            kancelarija sedmica sedmice sedmici sedmicu
            """,
        # Only Bosnian: it keeps an h the others drop, and has its own forms of a few words.
        "bs": """
            historija historije historiji historiju historijski historijska historijske
            historičar lahko mehko sahat kahva kahve hudovica saopćenje saopćenja hljeb
            """,
        # Only Serbian: ekavian reflexes of old jat, and Serbian standard forms.
        "sr": """
            vreme vremenu mesto mestu mesta deca dece deci lepo lepa lep lepe pesma pesme
            pesmu vek veka veku reka reke reku reč reči svet sveta svetu svetski svetska
            svetske celo celi celog cela ceo nedelja nedelje nedelju pre posle gde ovde
            devojka devojke dete mleko hleb istorija istorije istoriji istorijski istorijska
            opština opštine opštini uopšte takođe videti uvek primer mesec meseca meseci
            sedište dela delo pevač pevačica vest vesti lek telo tela pobeda pobede sreda
            izveštaj izveštaja saopštenje saopštenja avgust avgusta
            """,
        # Ijekavian reflexes, shared by Croatian and Bosnian.
        "hr bs": """
            vrijeme mjesto mjestu mjesta djeca djece djeci lijepo lijepa lijep lijepe pjesma
            pjesme pjesmu vijek vijeka vijeku rijeka rijeke rijeku riječ riječi svijet
            svijeta svijetu svjetski svjetska svjetske cijelo cijeli cijelog cijela nedjelja
            nedjelje nedjelju prije poslije gdje ovdje djevojka djevojke dijete mlijeko
            općina općine općini uopće također vidjeti uvijek primjer mjesec mjeseca mjeseci
            sjedište djela djelo pjevač pjevačica vijest vijesti lijek tijelo tijela pobjeda
            pobjede srijeda izvještaj izvještaja izvještaju
            """,
    },
)

MALAY_INDONESIAN = _group(
    "msa",
    {
        # Standard Malay (Malaysia, Brunei, Singapore) spellings and words.
        "ms": """
            kerana bahawa iaitu sahaja wang mahu cuba mencuba dicuba kerajaan syarikat
            pejabat selepas manakala percuma teksi polis doktor muzik filem universiti
            kualiti aktiviti komuniti fasiliti identiti kapasiti majoriti minoriti prioriti
            realiti disember julai ogos isnin khamis jumaat kanak-kanak bilik tandas
            sekiranya justeru pelbagai sebarang kempen projek kaedah maklumat perkhidmatan
            kenderaan mesyuarat persidangan menerusi tentera askar kerusi awak
            """,
        # Indonesian spellings and words.
        "id": """
            karena bahwa yaitu saja uang mau coba mencoba dicoba pemerintah perusahaan
            kantor polisi dokter musik universitas kualitas aktivitas komunitas fasilitas
            identitas kapasitas mayoritas minoritas prioritas realitas desember juli
            agustus maret juni senin kamis jumat laki-laki berbagai kampanye proyek metode
            informasi layanan kendaraan tentara kursi bisa banget nggak gak enggak aja udah
            gue kok dong sih gimana
            """,
    },
)

NORWEGIAN_DANISH = _group(
    "nor",
    {
        # Nynorsk.
        "nn": """
            ikkje eg kva kvifor korleis kven berre frå òg ein eit mykje noko nokon nokre
            vere vore heile dei deira dykk kjem gjer seier fekk gjekk vert verte utan saman
            sjølv fyrste enno difor hjå særleg vanleg mogleg veke tidlegare seinare månad
            eigen eige eigentleg korkje sidan
            """,
        # Bokmål forms that Nynorsk and Danish both spell differently.
        "nb": "hva mye noe noen ble uten nå uke sier fikk gikk ennå",
        # Shared by Bokmål and Danish, not Nynorsk.
        "nb da": """
            ikke jeg hvorfor hvordan hvem bare fra også være hele kommer gjør selv særlig
            vanlig tidligere senere sammen
            """,
        # Shared by Bokmål and Nynorsk, not Danish.
        "nb nn": """
            meg deg seg av opp ut etter mot bok gate kjøpe kjent mellom blir tjue tretti
            førti femti seksti sytti åtti nitti spørsmål tilbake gjennom hjelp hjelpe øye
            høy øyeblikk slik
            """,
        # Danish.
        "da": """
            hvad meget noget nogen nogle blev bliver siger fik gik uden nu uge efter mig dig
            sig af op ud bog gade købe tyve tredive fyrre halvtreds tres halvfjerds firs
            halvfems kendt gennem mellem spørgsmål tilbage mod endnu hjælp hjælpe øje høj
            øjeblik sådan
            """,
    },
)

NGUNI = _group(
    "nguni",
    {
        "zu": "futhi ngoba uma lapho manje kumele yini ngiyabonga",
        "xh": "kwaye ngoko apho ngoku ewe hayi kwakhona xa ndiyabulela yintoni kufuneka",
    },
)

SOTHO_TSWANA = _group(
    "sotho-tswana",
    {
        "tn": "go gore gonne fa gape jaaka jalo kwa jaanong",
        "st": "ho hore hobane hona jwaloka haholo hape hoba jwalo",
    },
)

GROUPS: tuple[RelatedGroup, ...] = (
    SERBO_CROATIAN,
    MALAY_INDONESIAN,
    NORWEGIAN_DANISH,
    NGUNI,
    SOTHO_TSWANA,
)


def groups_of(lang: str) -> list[RelatedGroup]:
    """The related-language groups ``lang`` belongs to."""
    return [g for g in GROUPS if lang in g.members]


def words_of(text: str) -> list[str]:
    """Lower-cased word tokens of ``text`` (hyphenated compounds kept whole)."""
    return [w.casefold() for w in _WORD.findall(text)]


def resolve(group: RelatedGroup, text: str, allowed: Iterable[str]) -> frozenset[str] | None:
    """The members of ``group`` that the marker words in ``text`` point to, or ``None``.

    Only members in ``allowed`` (those the script of the text permits) are considered. The
    answer is the members with the most marker votes when that is not all of them (Bosnian and
    Serbian together, when a text has *hiljada* but nothing to tell those two apart); ``None``
    means the markers do not narrow the choice at all.
    """
    candidates = group.members & frozenset(allowed)
    if len(candidates) < 2:
        return None
    votes = group.marker_votes(words_of(text))
    top = max(votes[lang] for lang in candidates)
    best = frozenset(lang for lang in candidates if votes[lang] == top)
    if top == 0 or best == candidates:
        return None
    return best
