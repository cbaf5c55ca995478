"""The registry's SQL: migration, incremental linking, listing and finding, re-linking."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest

from newsweave.entities.blocking import family_keys, family_query_keys
from newsweave.entities.mentions import EntityType, MentionIn
from newsweave.entities.registry import (
    ENTITY_MIGRATIONS,
    RegistryIndex,
    find_entity,
    forget_article,
    link_article_mentions,
    list_entities,
)

AR = "قال الوزير فيكتور بيتروف إن بيتروف سيزور لكازاخستان قريبا."
RO = "Ministrul Viktor Petrov a sosit în Kazahstan."
EN = "Petrov and Jane Doe spoke in Kazakhstan."


def _m(
    article: str, lang: str, text: str, label: EntityType, needle: str, nth: int = 0
) -> MentionIn:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return MentionIn(article, lang, needle, label, start, start + len(needle), 0, text)


@pytest.fixture
def conn() -> Iterator[sqlite3.Connection]:
    c = sqlite3.connect(":memory:")
    c.execute("PRAGMA foreign_keys=ON")
    c.execute(
        "CREATE TABLE articles (id TEXT PRIMARY KEY, source TEXT, lang TEXT, title TEXT,"
        " published TEXT, clean_text TEXT)"
    )
    for aid, source, lang, text in [
        ("a-ar", "ar.example", "ar", AR),
        ("a-ro", "ro.example", "ro", RO),
        ("a-en", "en.example", "en", EN),
    ]:
        c.execute(
            "INSERT INTO articles (id, source, lang, clean_text) VALUES (?, ?, ?, ?)",
            (aid, source, lang, text),
        )
    for _name, sql in ENTITY_MIGRATIONS:
        c.executescript(sql)
    yield c
    c.close()


def _link_all(conn: sqlite3.Connection) -> None:
    link_article_mentions(
        conn,
        [
            _m("a-ar", "ar", AR, "PER", "فيكتور بيتروف"),
            _m("a-ar", "ar", AR, "PER", "بيتروف", 1),
            _m("a-ar", "ar", AR, "LOC", "لكازاخستان"),
        ],
    )
    link_article_mentions(
        conn,
        [_m("a-ro", "ro", RO, "PER", "Viktor Petrov"), _m("a-ro", "ro", RO, "LOC", "Kazahstan")],
    )
    link_article_mentions(
        conn,
        [
            _m("a-en", "en", EN, "PER", "Petrov"),
            _m("a-en", "en", EN, "PER", "Jane Doe"),
            _m("a-en", "en", EN, "LOC", "Kazakhstan"),
        ],
    )


def test_entities_registry_round_trip(conn: sqlite3.Connection) -> None:
    _link_all(conn)
    people = list_entities(conn, type="PER")
    by_id = {e["id"]: e for e in people}
    assert set(by_id) == {"per:viktor-petrov", "per:jane-doe"}
    petrov = by_id["per:viktor-petrov"]
    assert petrov["name"] == "Viktor Petrov"
    assert {(m["source"], m["lang"], m["text"]) for m in petrov["mentions"]} == {
        ("ar.example", "ar", "فيكتور بيتروف"),
        ("ar.example", "ar", "بيتروف"),
        ("ro.example", "ro", "Viktor Petrov"),
        ("en.example", "en", "Petrov"),
    }
    assert {f["script"] for f in petrov["forms"]} == {"Arab", "Latn"}
    places = list_entities(conn, type="LOC")
    assert [(e["id"], e["place_id"], len(e["mentions"])) for e in places] == [
        ("loc:kazakhstan", "iso:KZ", 3)
    ]
    assert len(list_entities(conn)) == 3


@pytest.mark.parametrize(
    "query",
    ["per:viktor-petrov", "Viktor Petrov", "بيتروف", "Петров", "viktor petrov", "فيكتور بيتروف"],
)
def test_entities_find_entity_by_any_spelling(conn: sqlite3.Connection, query: str) -> None:
    _link_all(conn)
    found = find_entity(conn, query)
    assert found is not None
    assert found["id"] == "per:viktor-petrov"
    assert set(found["by_language"]) == {"ar", "ro", "en"}
    assert found["by_language"]["ar"]["a-ar"] == ["فيكتور بيتروف", "بيتروف"]


def test_entities_find_place_by_inflected_or_foreign_name(conn: sqlite3.Connection) -> None:
    _link_all(conn)
    for query in ["Kazakhstan", "كازاخستان", "loc:kazakhstan"]:
        found = find_entity(conn, query)
        assert found is not None and found["id"] == "loc:kazakhstan"
    assert find_entity(conn, "Atlantis") is None


def test_entities_relinking_an_article_changes_nothing(conn: sqlite3.Connection) -> None:
    _link_all(conn)
    before = list_entities(conn)
    link_article_mentions(
        conn,
        [_m("a-ro", "ro", RO, "PER", "Viktor Petrov"), _m("a-ro", "ro", RO, "LOC", "Kazahstan")],
    )
    assert list_entities(conn) == before


def test_entities_forgetting_articles_removes_orphans(conn: sqlite3.Connection) -> None:
    _link_all(conn)
    forget_article(conn, "a-en")
    assert "per:jane-doe" not in {e["id"] for e in list_entities(conn)}
    petrov = find_entity(conn, "per:viktor-petrov")
    assert petrov is not None and set(petrov["by_language"]) == {"ar", "ro"}
    counts = {f["form"]: f["count"] for f in petrov["forms"]}
    assert counts == {"فيكتور بيتروف": 1, "بيتروف": 1, "Viktor Petrov": 1}


def test_entities_romanised_name_gives_way_to_an_attested_spelling(
    conn: sqlite3.Connection,
) -> None:
    link_article_mentions(conn, [_m("a-ar", "ar", AR, "PER", "فيكتور بيتروف")])
    (first,) = list_entities(conn, type="PER")
    assert first["name"] == "Viktor Petrov"  # a romanisation: no Latin spelling seen yet
    text = "Victor Petrov a sosit."
    link_article_mentions(conn, [_m("a-ro", "ro", text, "PER", "Victor Petrov")])
    (after,) = list_entities(conn, type="PER")
    assert after["id"] == first["id"]
    assert after["name"] == "Victor Petrov"
    assert len(after["mentions"]) == 2
    # Once attested, a Latin name stays even if other spellings follow.
    link_article_mentions(conn, [_m("a-en", "en", EN, "PER", "Petrov")])
    (last,) = list_entities(conn, type="PER")
    assert last["name"] == "Victor Petrov"


def _keys_of(conn: sqlite3.Connection, entity: str) -> set[str]:
    rows = conn.execute("SELECT key FROM entity_keys WHERE entity_id = ?", (entity,))
    return {r[0] for r in rows}


def test_entities_registry_files_spellings_under_block_keys(conn: sqlite3.Connection) -> None:
    _link_all(conn)
    petrov = _keys_of(conn, "per:viktor-petrov")
    # the family name in both scripts meets under one similar-letter skeleton
    assert family_keys("Petrov") & family_keys("بيتروف") <= petrov
    assert {"t:petrov", "n:viktor petrov"} <= petrov
    assert _keys_of(conn, "per:jane-doe")
    forget_article(conn, "a-en")
    assert not _keys_of(conn, "per:jane-doe")  # gone with the spelling


def test_entities_registry_candidates_are_the_names_that_could_match(
    conn: sqlite3.Connection,
) -> None:
    _link_all(conn)
    index = RegistryIndex(conn)
    found = index.candidates([family_query_keys("Petrova")], [], {"PER"})
    assert [e.id for e in found] == ["per:viktor-petrov"]
    assert index.candidates([family_query_keys("Smith")], [], {"PER"}) == []
    [place] = index.candidates([], ["iso:KZ"], {"LOC"})
    assert place.id == "loc:kazakhstan" and "Kazahstan" in {f.form for f in place.forms}
    assert index.taken("per:jane-doe") and not index.taken("per:john-doe")


def test_entities_registry_files_spellings_stored_before_keys(conn: sqlite3.Connection) -> None:
    _link_all(conn)
    conn.execute("DELETE FROM entity_keys")
    conn.execute("INSERT INTO entity_keys_pending SELECT entity_id, form, lang FROM entity_forms")
    text = "Petrov a vorbit."
    resolved = link_article_mentions(conn, [_m("a-ro", "ro", text, "PER", "Petrov")])
    assert [r.entity_id for r in resolved] == ["per:viktor-petrov"]
    assert conn.execute("SELECT COUNT(*) FROM entity_keys_pending").fetchone()[0] == 0
    assert "t:kazakhstan" in _keys_of(conn, "loc:kazakhstan")


def test_entities_registry_new_id_avoids_one_that_could_not_match(
    conn: sqlite3.Connection,
) -> None:
    # an entity filed under other keys still holds its id: a new one takes the next
    conn.execute(
        "INSERT INTO entities (id, name, type, created_at, updated_at)"
        " VALUES ('per:jane-doe', 'Someone Else', 'PER', '', '')"
    )
    resolved = link_article_mentions(conn, [_m("a-en", "en", EN, "PER", "Jane Doe")])
    assert [r.entity_id for r in resolved] == ["per:jane-doe-2"]


@pytest.mark.parametrize(
    ("first", "second", "article"),
    [
        ("Helena Marquardt", "Хелена Марквардт", "a-ro"),  # romanised, then spelled apart
        ("Ilyas Temirjanov", "إلياس تيميرخانوف", "a-ar"),  # Kazakh j for Arabic kh
        ("Antony Blinken", "أنتوني بلينكن", "a-ar"),
    ],
)
def test_entities_registry_links_a_later_spelling_in_another_script(
    conn: sqlite3.Connection, first: str, second: str, article: str
) -> None:
    [a] = link_article_mentions(conn, [_m("a-en", "en", f"{first} spoke.", "PER", first)])
    lang = "ar" if article == "a-ar" else "ru"
    [b] = link_article_mentions(conn, [_m(article, lang, f"{second} ...", "PER", second)])
    assert b.entity_id == a.entity_id


def test_entities_registry_reads_small_blocks_first_and_always_a_names_smallest(
    conn: sqlite3.Connection,
) -> None:
    _link_all(conn)
    index = RegistryIndex(conn)
    keys = family_query_keys("Petrova")
    every = index.blocks_to_read([keys])
    assert len(every) > 1 and set(every) <= keys  # small registry: every filed key is read
    tight = RegistryIndex(conn, budget=0)  # no block fits beside the smallest
    [smallest] = tight.blocks_to_read([keys])
    assert smallest in every
    found = tight.candidates([keys], [], {"PER"})
    assert [e.id for e in found] == ["per:viktor-petrov"]
    assert tight.blocks_to_read([keys, family_query_keys("Smith")]) == [smallest]
    # a budget of the two smallest blocks reads exactly those two
    sizes = {
        k: conn.execute("SELECT COUNT(*) FROM entity_keys WHERE key = ?", (k,)).fetchone()[0]
        for k in every
    }
    ordered = sorted(every, key=lambda k: (sizes[k], k))
    assert len(ordered) >= 3 and ordered[0] == smallest
    two = RegistryIndex(conn, budget=sizes[ordered[0]] + sizes[ordered[1]])
    assert two.blocks_to_read([keys]) == sorted(ordered[:2])


def test_entities_registry_hands_each_candidate_with_the_keys_it_was_found_under(
    conn: sqlite3.Connection,
) -> None:
    _link_all(conn)
    index = RegistryIndex(conn)
    groups = [family_query_keys("Petrova"), family_query_keys("Doe")]
    read = set(index.blocks_to_read(groups))
    found = {e.id: e.keys for e in index.candidates(groups, [], {"PER"})}
    assert set(found) == {"per:viktor-petrov", "per:jane-doe"}
    assert found["per:viktor-petrov"] and found["per:viktor-petrov"] <= read & groups[0]
    assert found["per:jane-doe"] and found["per:jane-doe"] <= read & groups[1]


def test_entities_linking_compares_a_name_only_with_people_found_under_its_keys() -> None:
    from collections import Counter

    from newsweave.entities.linker import KnownEntity, KnownForm, link_mentions

    class Source:
        def __init__(self, keys: frozenset[str]) -> None:
            self.keys = keys

        def attested(self, words: object) -> Counter[str]:
            return Counter()

        def candidates(self, key_groups: object, place_ids: object, types: object) -> list:
            form = KnownForm("Viktor Petrov", "ro", 1)
            return [
                KnownEntity("per:viktor-petrov", "Viktor Petrov", "PER", [form], None, self.keys)
            ]

        def taken(self, entity_id: str) -> bool:
            return entity_id == "per:viktor-petrov"

    mention = _m("a-en", "en", "Viktor Petrov arrived.", "PER", "Viktor Petrov")
    [same] = link_mentions([mention], source=Source(family_keys("Petrov")))
    assert same.entity_id == "per:viktor-petrov"
    # handed over for another name's keys only: not this name's candidate
    [other] = link_mentions([mention], source=Source(family_keys("Doe")))
    assert other.entity_id != "per:viktor-petrov"


@pytest.mark.parametrize(
    ("first", "first_lang", "second", "second_lang"),
    [
        ("Вальдония", "ru", "Вальдонии", "ru"),  # the same word inflected
        ("Valdonia", "pt", "Вальдонии", "ru"),  # another script, inflected
        ("Вальдония", "ru", "فالدونيا", "ar"),
        ("Porto Celeste", "pt", "بورتو سيليستي", "ar"),  # several words, another script
        ("Hydrovald", "en", "Гидровальд", "ru"),  # Russian writes a foreign H as Г
        ("Velgrad", "pt", "Velgrado", "es"),  # the final vowel Spanish adds
        ("Velgrado", "it", "Velgrad", "de"),
    ],
)
def test_entities_registry_links_an_unknown_place_across_articles(
    conn: sqlite3.Connection, first: str, first_lang: str, second: str, second_lang: str
) -> None:
    # no gazetteer knows Valdonia: the registry's spellings and keys are all there is
    [a] = link_article_mentions(conn, [_m("a-en", first_lang, f"{first} .", "LOC", first)])
    assert a.place_id is None
    [b] = link_article_mentions(conn, [_m("a-ro", second_lang, f"{second} .", "LOC", second)])
    assert b.entity_id == a.entity_id


def test_entities_registry_keeps_look_alike_names_of_other_articles_apart(
    conn: sqlite3.Connection,
) -> None:
    [a] = link_article_mentions(conn, [_m("a-en", "en", "Nexora .", "ORG", "Nexora")])
    [b] = link_article_mentions(conn, [_m("a-ro", "en", "Nexara .", "ORG", "Nexara")])
    [c] = link_article_mentions(conn, [_m("a-ar", "en", "EHS .", "ORG", "EHS")])
    [e] = link_article_mentions(conn, [_m("a-en", "pt", "Marin .", "LOC", "Marin")])
    [f] = link_article_mentions(conn, [_m("a-ro", "en", "Marina .", "LOC", "Marina")])
    [g] = link_article_mentions(conn, [_m("a-ar", "es", "Marinae .", "LOC", "Marinae")])
    assert e.entity_id != f.entity_id  # an added vowel joins only in es, it, pt
    assert g.entity_id not in (e.entity_id, f.entity_id)
    [d] = link_article_mentions(conn, [_m("a-ro", "en", "EDS .", "ORG", "EDS")])
    assert a.entity_id != b.entity_id and c.entity_id != d.entity_id


def test_entities_registry_migration_refiles_one_word_names(conn: sqlite3.Connection) -> None:
    link_article_mentions(conn, [_m("a-en", "ru", "Вальдония .", "LOC", "Вальдония")])
    [eid] = [r[0] for r in conn.execute("SELECT id FROM entities")]
    conn.execute("DELETE FROM entity_keys WHERE key LIKE 'w:%'")  # as filed before
    [(_name, sql)] = [m for m in ENTITY_MIGRATIONS if m[0] == "entities_0003_one_word_keys"]
    conn.executescript(sql)
    assert conn.execute("SELECT COUNT(*) FROM entity_keys_pending").fetchone()[0] == 1
    [b] = link_article_mentions(conn, [_m("a-ro", "ru", "Вальдонии .", "LOC", "Вальдонии")])
    assert b.entity_id == eid
    assert any(k.startswith("w:") for k in _keys_of(conn, eid))
    assert not any(k.startswith("f:") for k in _keys_of(conn, eid))  # people's keys only


def test_entities_registry_migration_refiles_names_of_several_words(
    conn: sqlite3.Connection,
) -> None:
    text = "Porto Celeste ."
    link_article_mentions(conn, [_m("a-en", "pt", text, "LOC", "Porto Celeste")])
    [eid] = [r[0] for r in conn.execute("SELECT id FROM entities")]
    conn.execute("DELETE FROM entity_keys WHERE key LIKE 'm:%'")  # as filed before
    [(_name, sql)] = [m for m in ENTITY_MIGRATIONS if m[0] == "entities_0004_last_word_keys"]
    conn.executescript(sql)
    assert conn.execute("SELECT COUNT(*) FROM entity_keys_pending").fetchone()[0] == 1
    ar = "بورتو سيليستي ."
    [b] = link_article_mentions(conn, [_m("a-ar", "ar", ar, "LOC", "بورتو سيليستي")])
    assert b.entity_id == eid
    assert any(k.startswith("m:") for k in _keys_of(conn, eid))


def test_entities_registry_migration_refiles_cyrillic_names_with_a_g(
    conn: sqlite3.Connection,
) -> None:
    link_article_mentions(conn, [_m("a-ro", "ru", "Гидровальд .", "LOC", "Гидровальд")])
    link_article_mentions(conn, [_m("a-ar", "ru", "Вальдония .", "LOC", "Вальдония")])
    ids = {r[0] for r in conn.execute("SELECT id FROM entities")}
    conn.execute("DELETE FROM entity_keys WHERE form = 'Гидровальд'")  # filed by an old rule
    [(_name, sql)] = [m for m in ENTITY_MIGRATIONS if m[0] == "entities_0005_cyrillic_h_keys"]
    conn.executescript(sql)
    assert [r[0] for r in conn.execute("SELECT form FROM entity_keys_pending")] == ["Гидровальд"]
    [b] = link_article_mentions(conn, [_m("a-en", "en", "Hydrovald .", "LOC", "Hydrovald")])
    assert b.entity_id in ids


def test_entities_registry_keeps_one_record_when_a_later_article_types_a_name_otherwise(
    conn: sqlite3.Connection,
) -> None:
    first = "Porto Celeste est un port. Porto Celeste grandit."
    a = link_article_mentions(
        conn,
        [
            _m("a-en", "fr", first, "LOC", "Porto Celeste"),
            _m("a-en", "fr", first, "LOC", "Porto Celeste", 1),
        ],
    )
    [b] = link_article_mentions(conn, [_m("a-ro", "pt", "PORTO CELESTE .", "ORG", "PORTO CELESTE")])
    assert b.entity_id == a[0].entity_id and b.type == "LOC"
    # a person is never folded into a place
    [c] = link_article_mentions(conn, [_m("a-ar", "en", "Celeste said no.", "PER", "Celeste")])
    assert c.type == "PER"


def test_entities_registry_record_takes_the_type_most_of_its_mentions_have(
    conn: sqlite3.Connection,
) -> None:
    [a] = link_article_mentions(conn, [_m("a-en", "en", "Facebook .", "MISC", "Facebook")])
    text = "Facebook said. Facebook denied."
    b = link_article_mentions(
        conn,
        [_m("a-ro", "en", text, "ORG", "Facebook"), _m("a-ro", "en", text, "ORG", "Facebook", 1)],
    )
    assert {r.entity_id for r in b} == {a.entity_id}  # one record, its id kept
    row = conn.execute("SELECT type FROM entities WHERE id = ?", (a.entity_id,)).fetchone()
    assert row[0] == "ORG"
    [c] = link_article_mentions(conn, [_m("a-ar", "en", "Facebook .", "LOC", "Facebook")])
    assert c.entity_id == a.entity_id and c.type == "ORG"
