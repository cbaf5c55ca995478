"""Telling closely related languages apart by the words only some of them use.

Statistical models confuse languages that share most of their vocabulary and spelling:
Croatian, Bosnian and Serbian; Serbian and Macedonian in Cyrillic; Czech and Slovak; Malay and
Indonesian; Norwegian Bokmål, Nynorsk and Danish; Zulu and Xhosa; Tswana and Southern Sotho.
Within such a group the standard languages still differ in a set of well-known, frequent words and
word parts:

* Croatian *tko*, *tisuća*, *sustav*, *razdoblje* against Bosnian/Serbian *ko*, *hiljada*,
  *sistem*, *period*; Serbian ekavian *vreme*, *predsednik* against ijekavian *vrijeme*,
  *predsjednik*; Bosnian *historija*, *sahat*; Bosnian/Serbian *da li* and *sa* before any
  word, where Croatian writes *je li* and keeps *sa* for words starting with a sibilant;
* Serbian *је*, *су*, *који*, *у* and the letters *ђ ћ* against Macedonian *е*, *кој*, *во* and
  *ѓ ќ ѕ*;
* Czech *se*, *jsou*, *pro* and the letters *ř ů ě* against Slovak *sa*, *sú*, *pre* and
  *ä ô ĺ ľ ŕ*;
* Malaysian *kerana*, *bahawa*, *kewangan*, *peratus* against Indonesian *karena*, *bahwa*,
  *keuangan*, *persen*;
* Nynorsk *ikkje*, *eg*, *-heit*; Danish *hvad*, *nogen*, *-hed*; Bokmål *hva*, *noen*, *-het*;
* Zulu *futhi*, *uma*, the prefixes *ngi-* and *izin-* against Xhosa *kwaye*, *xa*, *ndi-* and
  *iin-*; Tswana *go*, *gore*, *fa* against Sotho *ho*, *hore*, *ha*.

Each group lists such markers, each voting for the members that use it: whole words, word
beginnings (``"ndi-"``), word endings (``"-heit"``), and a few patterns over the text (two-word
phrases, letters). :func:`resolve` keeps the members with the most votes;
:mod:`newsweave.language.kin` weighs the votes against the models' scores.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import regex

_WORD = regex.compile(r"[\p{L}\p{M}]+(?:-[\p{L}\p{M}]+)*")
# A word beginning or ending marks a word only when this many letters are left over.
_MIN_REST = 2


@dataclass(frozen=True, slots=True)
class RelatedGroup:
    """Closely related languages and the markers that separate them."""

    name: str
    members: frozenset[str]
    markers: Mapping[str, frozenset[str]]  # lower-cased word -> members that use it
    prefixes: Mapping[str, frozenset[str]] = field(default_factory=dict)
    suffixes: Mapping[str, frozenset[str]] = field(default_factory=dict)
    patterns: tuple[tuple[regex.Pattern[str], frozenset[str]], ...] = ()

    def marker_votes(self, words: Iterable[str], text: str = "") -> dict[str, int]:
        """How many markers in ``words`` (and patterns in ``text``) vote for each member."""
        votes = dict.fromkeys(self.members, 0)

        def add(langs: Iterable[str], count: int = 1) -> None:
            for lang in langs:
                votes[lang] += count

        for word in words:
            add(self.markers.get(word, ()))
            if self.prefixes:
                for prefix, langs in self.prefixes.items():
                    if word.startswith(prefix) and len(word) >= len(prefix) + _MIN_REST:
                        add(langs)
            if self.suffixes:
                for suffix, langs in self.suffixes.items():
                    if word.endswith(suffix) and len(word) >= len(suffix) + _MIN_REST:
                        add(langs)
        if text:
            for pattern, langs in self.patterns:
                found = len(pattern.findall(text))
                if found:
                    add(langs, found)
        return votes


def _group(
    name: str,
    vocab: Mapping[str, str],
    patterns: Mapping[str, str] | None = None,
) -> RelatedGroup:
    """Build a group from ``{"hr": "tko tisuća -telj …", "bs sr": "ko hiljada …"}``.

    An item ending in ``-`` is a word beginning, one starting with ``-`` a word ending; any
    other item is a whole word. ``patterns`` maps regular expressions (matched case-blind on
    the text) to the members they vote for.
    """
    tables: tuple[dict[str, frozenset[str]], ...] = ({}, {}, {})
    words, prefixes, suffixes = tables
    members: set[str] = set()
    for langs, items in vocab.items():
        voters = frozenset(langs.split())
        members |= voters
        for item in items.split():
            if item.startswith("-"):
                table, key = suffixes, item[1:]
            elif item.endswith("-"):
                table, key = prefixes, item[:-1]
            else:
                table, key = words, item
            key = key.casefold()
            if key in table:
                raise ValueError(f"{name}: marker {item!r} is listed twice")
            table[key] = voters
    compiled = tuple(
        (regex.compile(expr, regex.IGNORECASE | regex.VERSION1), frozenset(langs.split()))
        for expr, langs in (patterns or {}).items()
    )
    for _, voters in compiled:
        members |= voters
    return RelatedGroup(name, frozenset(members), words, prefixes, suffixes, compiled)


SERBO_CROATIAN = _group(
    "hbs",
    {
        # Croatian standard vocabulary where Bosnian and Serbian use another word.
        "hr": """
            tko netko nitko svatko itko tisuća tisuće tisuću tisućama tisućljeće tjedan tjedna
            tjednu tjedno tjedana tjedni povijest povijesti povijesni povijesna povijesne povijesnog
            povjesničar glazba glazbe glazbu glazbi glazbeni glazbena glazbene glazbenog glazbenik
            glazbenici znanost znanosti znanstveni znanstvena znanstvene znanstvenog znanstvenik
            znanstvenici sveučilište sveučilišta sveučilištu kruh vlak vlaka vlakom zrakoplov
            zrakoplova zrakoplovi zrakoplovstvo zrakoplovstva obitelj obitelji obiteljski obiteljska
            točno točka točke točku točan otok otoka otoku otoci otočje uvjet uvjeti uvjeta uvjetima
            izvješće izvješća izvješću tvrtka tvrtke tvrtki tvrtku razina razine razini razinu
            siječanj siječnja veljača veljače ožujak ožujka travanj travnja svibanj svibnja lipanj
            lipnja srpanj srpnja kolovoz kolovoza rujan rujna listopad listopada studeni studenoga
            studenog prosinac prosinca kazalište kazališta nogomet nogometni nogometna nogometne
            nogometaš nogometaši sudjelovati sudjeluje sudjeluju sudjelovao sudjelovala sudjelovanje
            tijekom primjerice sukladno gospodarstvo gospodarstva gospodarski gospodarske
            zapovjednik veleposlanik veleposlanstvo izravno izravni izravna tvornica tvornice
            ravnatelj ravnateljica mirovina mirovine kava europa europe europi europu europski
            europska europske europskog europskoj kemija kemije kemijski suradnja suradnje suradnju
            surađivati proračun proračuna priopćenje priopćenja dužnosnik dužnosnici dužnosnika
            glasovati glasovanje zemljopis nazočni nazočnost sustav sustava sustavu sustavi sustavom
            sustave razdoblje razdoblja razdoblju računalo računala računalu računalni računalna
            računalne liječnik liječnika liječnici skladatelj skladatelja skladba skladbe redatelj
            redatelja redateljica gledatelj gledatelja gledatelji slušatelj slušatelji čitatelj
            čitatelji čitatelja kisik kisika vodik vodika dušik dušika ugljik ugljika obveza obveze
            obvezu obvezan obvezna obvezno momčad momčadi izbornik izbornika županija županije
            županiji županiju unutarnji unutarnja unutarnje unutarnjih izaslanstvo izaslanstva
            milijun milijuna milijunima časnik časnika postrojba postrojbe odgoj odgoja glede svezak
            značajka značajke tvar tvari pokus pokusa opskrba opskrbe ozljeda ozljede tisak tiska
            tisku talijanski talijanska talijanske talijanskog španjolski španjolska španjolske
            Švicarska Švicarske Švicarskoj Nizozemska Nizozemske nizozemski Rumunjska Rumunjske
            židovski židovska židovske prevoditelj vjerojatno kat kata katu udruga udruge udrugu
            udruzi sudac suca suci sudaca tajnik tajnika kupaonica kupaonice ljekarna ljekarne
            elektronički elektronička elektroničke elektroničkog projekt objekt subjekt unatoč
            premda uhićen uhićena uhićeni uhićenje promatrati promatra promatrač tužitelj tužitelja
            tužiteljstvo zastupnik zastupnika zastupnici tečaj tečaja umirovljenik umirovljenici
            djelatnik djelatnici djelatnika suglasnost suglasan suglasna oborine oborina pozornost
            pozornosti autorica autorice utjecaj utjecaja utjecaju obrana obrane obranu obrambeni
            obrambena iznimno iznimna iznimka obrtnik obrtnici potpora potpore potporu siječnju
            veljači ožujku travnju svibnju lipnju srpnju kolovozu rujnu listopadu prosincu vlakovi
            vlakova vlakove ubojica ubojstvo ubojstva kazneni kaznenog kaznenih poluotok poluotoku
            poluotoka poduzeće poduzeća poduzeću zaposlenik zaposlenici zaposlenika dionica dionice
            mobitel mobitela mobitelu kolodvor kolodvora kolodvoru vrtić vrtića inozemstvo
            inozemstva inozemstvu inozemni pozornica pozornici milenij tisućljeća dakako pogodak
            pogotka pogodaka
            """,
        # Bosnian and Serbian standard vocabulary where Croatian uses another word.
        "bs sr": """
            ko neko niko svako šta hiljada hiljade hiljadu hiljadama muzika muzike muzici muziku
            muzički muzička muzičke nauka nauke nauci naučni naučna naučne naučnik univerzitet
            univerziteta univerzitetu voz voza vozom porodica porodice porodici porodicu porodični
            tačno tačka tačke tačku ostrvo ostrva ostrvu uslov uslovi uslova uslovima preduzeće
            preduzeća nivo nivoa nivou januar januara februar februara mart april aprila maj juni
            juna jun juli jula jul septembar septembra oktobar oktobra novembar novembra decembar
            decembra pozorište pozorišta fudbal fudbalski fudbalska fudbaler učestvovati učestvuje
            učestvuju učestvovao učestvovala učešće tokom privreda privrede privredni komandant
            ambasador ambasada ambasade fabrika fabrike penzija penzije plata plate hemija hemije
            hemijski evropa evrope evropi evropu evropski evropska evropske evropskog evropskoj
            saradnja saradnje saradnju sarađivati budžet budžeta glasati glasao zvaničnik zvaničnici
            funkcioner kancelarija sedmica sedmice sedmici sedmicu sistem sistema sistemu sistemi
            sistemom period perioda periodu računar računara računari kompozitor kompozitora
            reditelj reditelja režiser režisera gledalac gledaoci gledalaca čitalac čitaoci čitalaca
            kiseonik vodonik azot ugljenik obaveza obaveze obavezu obavezan obavezna obavezno
            selektor selektora italijanski italijanska italijanske italijanskog španski španska
            španske Španija Španije Švajcarska Švajcarske Švajcarskoj Holandija Holandije holandski
            Rumunija Rumunije jevrej jevreji jevrejski jevrejska vazduh vazduha vazdušni
            vazduhoplovstvo saobraćaj saobraćaja ugao ugla kafa kafe kafu spisak prevodilac milion
            miliona sprat sprata spratu kupatilo kupatila apoteka apoteke elektronski elektronska
            elektronske elektronskog projekat objekat subjekat uprkos mada shodno uhapšen uhapšena
            uhapšeni hapšenje posmatrati posmatra posmatrač tužilac tužioca tužilaštvo poslanik
            poslanika poslanici kurs kursa penzioner penzioneri obaveštenje saglasnost saglasan
            saglasna padavine padavina autorka autorke uticaj uticaja uticaju odbrana odbrane
            odbranu odbrambeni odbrambena zanatlija januaru februaru martu aprilu maju septembru
            oktobru novembru decembru hemijske hemijska hemijskih špansko španskog španskom sudija
            sudije sudiju krivični krivičnog krivičnih krivično poluostrvo poluostrvu poluostrva
            obdanište inostranstvo inostranstva inostranstvu inostrani milenijum
            """,
        # Only Bosnian: it keeps an h the others drop, and has its own forms of a few words.
        "bs": """
            historija historije historiji historiju historijski historijska historijske historijskog
            historičar lahko mehko sahat kahva kahve hudovica saopćenje saopćenja hljeb ljekar
            ljekara ljekari vjerovatno obezbijediti uposlenik uposlenici uposlenika bezbjednost
            bezbjednosti
            """,
        # Only Serbian: ekavian reflexes of old jat, and Serbian standard forms.
        "sr": """
            vreme mesto mestu mesta deca dece deci lepo lepa lep lepe pesma pesme pesmu vek veka
            veku reka reke reku reč reči svet sveta svetu svetski svetska svetske celo celi celog
            cela ceo nedelja nedelje nedelju pre posle gde ovde negde devojka devojke dete deteta
            mleko hleb istorija istorije istoriji istorijski istorijska opština opštine opštini
            uopšte opšti opšta opšte opšteg takođe videti uvek primer mesec meseca meseci sedište
            dela delo deo delu delovi pevač pevačica vest vesti lek lekar lekara telo tela pobeda
            pobede sreda izveštaj izveštaja saopštenje saopštenja avgust avgusta predsednik
            predsednika predsedništvo poslednji poslednja poslednje leto leta zvezda zvezde rešenje
            rešenja cena cene cenu mera mere meru sever severa severni svetlost beo bela belo beli
            umetnost umetnosti umetnik pesnik nemački nemačka nemačke obezbediti verovatno prevod
            prevoda železnica železnice železnički bezbednost bezbednosti spoljni spoljne spoljnih
            spoljnu čovek čoveka čoveku vera vere cvet sneg levo levi pevati sećanje verovati
            razumeti živeo živela hteti želeti želela sedeti leteti
            """,
        # Ijekavian reflexes, shared by Croatian and Bosnian.
        "hr bs": """
            vrijeme mjesto mjestu mjesta djeca djece djeci lijepo lijepa lijep lijepe pjesma pjesme
            pjesmu vijek vijeka vijeku rijeka rijeke rijeku riječ riječi svijet svijeta svijetu
            svjetski svjetska svjetske cijelo cijeli cijelog cijela nedjelja nedjelje nedjelju prije
            poslije gdje ovdje negdje djevojka djevojke dijete djeteta mlijeko općina općine općini
            uopće opći opća opće općeg također vidjeti uvijek primjer mjesec mjeseca mjeseci
            sjedište djela djelo dio dijela dijelu dijelovi pjevač pjevačica vijest vijesti lijek
            tijelo tijela pobjeda pobjede srijeda izvještaj izvještaja izvještaju predsjednik
            predsjednika predsjedništvo posljednji posljednja posljednje ljeto ljeta zvijezda
            zvijezde rješenje rješenja cijena cijene cijenu mjera mjere mjeru sjever sjevera
            sjeverni svjetlost bijel bijela bijelo bijeli umjetnost umjetnosti umjetnik pjesnik
            njemački njemačka njemačke prijevod prijevoda obavijest obavijesti željeznica željeznice
            željeznički vanjski vanjske vanjskih vanjsku stoljeće stoljeća stoljeću stoljećima
            čovjek čovjeka čovjeku vjera vjere cvijet snijeg lijevo lijevi pjevati sjećanje
            vjerovati razumjeti živio živjela htjeti željeti željela sjediti letjeti
            """,
    },
    {
        # "da li" asks a question where Croatian says "je li".
        r"\bda\s+li\b": "bs sr",
        r"\bje\s+li\b": "hr",
        # "mogu da radim" where Croatian says "mogu raditi".
        r"\b(?:mo[žg]\w*|treba\w*|žel\w*|hoć\w*|mora\w*|počeo|počela|počel\w*)\s+da\b": "bs sr",
        # Croatian keeps "sa" for words starting with s, z, š, ž (and "sa mnom").
        r"\bsa\s+(?!mnom\b)[^\W\d_szšž]": "bs sr",
    },
)

SERBIAN_MACEDONIAN = _group(
    "sr-mk",
    {
        # Serbian: the copula and relative pronouns, the prepositions "у", "са", "код"…
        "sr": """
            је су није нису био били који које којих којој ког ком године када између због још шта
            где овај тај сада тако много сви они у са код
            """,
        # Macedonian: "e" for "is", "kој/кое/кои", "во", "со", "кај", "сега", "многу", "сите".
        "mk": """
            е кој кое кои каде уште таа тие ние вие бил сега тоа така многу сите во со кај нивната
            нивниот
            """,
    },
    {
        "[ђћ]": "sr",
        "[ѓќѕ]": "mk",
    },
)

CZECH_SLOVAK = _group(
    "cs-sk",
    {
        "cs": """
            se jsou jsem jsme jste pro jako který která které kteří nebo není byl byla bylo byli být
            mezi před při když jen ještě proto protože všechny všech jejich její může můžete chci
            této tohoto ve ze během podle lidé lidí velmi více dobře řekl budou mají jde první tři
            čtyři pět zde podmínek
            """,
        "sk": """
            sa sú som sme pre ako ktorý ktorá ktoré ktorí alebo nie bol bola bolo boli byť medzi
            pred pri keď len ešte preto pretože všetky všetkých ich môže môžete chcem tejto vo zo
            počas podľa ľudia ľudí veľmi viac dobre povedal budú majú ide prvý tri štyri päť
            podmienok tiež
            """,
    },
    {
        "[řůě]": "cs",
        "[äôĺľŕ]": "sk",
    },
)

MALAY_INDONESIAN = _group(
    "msa",
    {
        # Standard Malay (Malaysia, Brunei, Singapore) spellings and words.
        "ms": """
            kerana bahawa iaitu sahaja wang mahu cuba mencuba dicuba kerajaan syarikat pejabat
            selepas manakala percuma teksi polis doktor muzik filem universiti kualiti aktiviti
            komuniti fasiliti identiti kapasiti majoriti minoriti prioriti realiti disember julai
            ogos isnin khamis jumaat kanak-kanak bilik tandas sekiranya justeru pelbagai sebarang
            kempen projek kaedah maklumat perkhidmatan kenderaan mesyuarat persidangan menerusi
            tentera askar kerusi awak peratus peratusan nombor bilion trilion antarabangsa jambatan
            kesihatan sihat ubat ubatan pesakit fikir berfikir fikiran faham kefahaman berjaya
            kejayaan cukai jenama usahawan pelaburan pelabur perniagaan peniaga kos hutang kewangan
            kakitangan pensyarah akhbar dadah lelaki jepun sepanyol inggeris itali telefon
            televisyen kes suspek peguam undi mengundi pengundi parlimen perlembagaan baharu
            berikutan susulan sila mengikut semasa kedai nak dah jugak
            """,
        # Indonesian spellings and words.
        "id": """
            karena bahwa yaitu saja uang mau coba mencoba dicoba pemerintah perusahaan kantor polisi
            dokter musik universitas kualitas aktivitas komunitas fasilitas identitas kapasitas
            mayoritas minoritas prioritas realitas desember juli agustus maret juni senin kamis
            jumat laki-laki berbagai kampanye proyek metode informasi layanan kendaraan tentara
            kursi bisa banget nggak gak enggak aja udah gue kok dong sih gimana persen persentase
            nomor miliar triliun internasional jembatan kesehatan sehat obat mengobati pasien pikir
            berpikir pikiran paham pajak merek pengusaha investasi bisnis biaya utang keuangan
            karyawan dosen koran narkoba jepang spanyol inggris italia telepon televisi situs unduh
            gratis kasus tersangka pengacara pemilu parlemen konstitusi silakan silahkan kalian
            ketimbang bikin kayak kalo emang doang deh nih tuh lho kemarin besok kapan soalnya gitu
            gini film
            """,
    },
    {
        r"\bbola\s+sepak\b": "ms",
        r"\bsepak\s+bola\b": "id",
        r"\bpilihan\s+raya\b": "ms",
        r"\brumah\s+sakit\b": "id",
    },
)

NORWEGIAN_DANISH = _group(
    "nor",
    {
        # Nynorsk.
        "nn": """
            ikkje eg kva kvifor korleis kven kor berre frå òg ein eit mykje noko nokon nokre vere
            vera vore heile dei deira deim dykk dykkar kjem gjer seier fekk gjekk vert verte utan
            saman sjølv fyrste enno difor hjå særleg vanleg mogleg moglegheit veke tidlegare seinare
            månad eigen eige eigentleg korkje sidan ho desse kvar kvart kvarandre fleire meir
            framleis byrja byrje heilt sjå høve kyrkje skule heim hennar gamal viss -heit -heita
            -heiter -leg -lege
            """,
        # Bokmål forms that Nynorsk and Danish both spell differently.
        "nb": """
            hva mye noe noen ble blei uten nå uke sier fikk gikk ennå hennes hverandre mer vei
            fremdeles -het -heten -heter
            """,
        # Shared by Bokmål and Danish, not Nynorsk.
        "nb da": """
            ikke jeg hvorfor hvordan hvem bare fra være hele kommer gjør selv særlig vanlig
            tidligere senere sammen hvor hvis hvilken hvilke egen flere helt hjem kirke skole mulig
            """,
        # Shared by Bokmål and Nynorsk, not Danish.
        "nb nn": """
            meg deg seg av opp ut etter mot bok gate kjøpe kjent mellom blir tjue tretti førti femti
            seksti sytti åtti nitti spørsmål tilbake gjennom hjelp hjelpe øye høy øyeblikk slik nei
            takk kanskje hadde enn nesten bruke
            """,
        # Danish.
        "da": """
            hvad meget noget nogen nogle blev bliver siger fik gik uden nu uge efter mig dig sig af
            op ud bog gade købe tyve tredive fyrre halvtreds tres halvfjerds firs halvfems kendt
            gennem mellem spørgsmål tilbage mod endnu hjælp hjælpe øje høj øjeblik sådan hendes
            hinanden mere vej nej tak måske havde end næsten bruge vores -hed -heden -heder
            """,
    },
)

NGUNI = _group(
    "nguni",
    {
        "zu": """
            futhi ngoba uma lapho manje kumele yini ngiyabonga umuntu noma lokhu lokho ngakho yebo
            cha kufanele ngi- izin- izim-
            """,
        "xh": """
            kwaye ngoko apho ngoku ewe hayi kwakhona xa ndiyabulela yintoni kufuneka umntu okanye
            nokuba kunye loko ndi- iin- iim- kwi-
            """,
    },
)

SOTHO_TSWANA = _group(
    "sotho-tswana",
    {
        "tn": """
            go gore gonne fa gape jaaka jalo kwa jaanong mo ga thata sentle selo kgotsa fela jaana
            tsone yone sone
            """,
        "st": """
            ho hore hobane hona jwaloka haholo hape hoba jwalo ha hantle ntho dintho kapa empa feela
            jwale tsona yona sona
            """,
    },
)

GROUPS: tuple[RelatedGroup, ...] = (
    SERBO_CROATIAN,
    SERBIAN_MACEDONIAN,
    CZECH_SLOVAK,
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
    """The members of ``group`` that the markers in ``text`` point to, or ``None``.

    Only members in ``allowed`` (those the script of the text permits) are considered. The
    answer is the members with the most marker votes when that is not all of them (Bosnian and
    Serbian together, when a text has *hiljada* but nothing to tell those two apart); ``None``
    means the markers do not narrow the choice at all.
    """
    candidates = group.members & frozenset(allowed)
    if len(candidates) < 2:
        return None
    votes = group.marker_votes(words_of(text), text)
    top = max(votes[lang] for lang in candidates)
    best = frozenset(lang for lang in candidates if votes[lang] == top)
    if top == 0 or best == candidates:
        return None
    return best
