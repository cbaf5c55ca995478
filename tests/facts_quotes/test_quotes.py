from __future__ import annotations

import re

from newsweave.facts.quotes import PersonSpan, extract_quotes


def persons(text: str, *names: str) -> list[PersonSpan]:
    out = []
    for name in names:
        for m in re.finditer(re.escape(name), text):
            out.append(PersonSpan(m.start(), m.end(), name, entity_id=f"e:{name}"))
    return out


def test_quotes_direct_with_attribution_after() -> None:
    text = "«Мы не повысим тарифы в этом году», заявил Ильяс Каримов журналистам."
    qs = extract_quotes(text, "ru")
    assert len(qs) == 1
    assert qs[0].kind == "direct"
    assert qs[0].text.startswith("Мы не повысим")
    assert qs[0].speaker == "Ильяс Каримов"


def test_quotes_role_noun_resolves_to_nearest_person() -> None:
    text = (
        "Marta Kowal chegou ontem a Lisboa. "
        '"A barragem aguentou melhor do que esperávamos", revelou a ex-ministra.'
    )
    qs = extract_quotes(text, "pt", persons(text, "Marta Kowal"))
    direct = [q for q in qs if q.kind == "direct"]
    assert direct[0].speaker == "Marta Kowal"
    assert direct[0].resolved_by == "nearest_person"
    assert direct[0].speaker_entity == "e:Marta Kowal"


def test_quotes_reported_speech_romanian_and_french() -> None:
    ro = "Ministrul Ion Vasilescu a declarat că podul va fi redeschis până în martie."
    q = extract_quotes(ro, "ro")
    assert [x.kind for x in q] == ["reported"]
    assert q[0].speaker == "Ion Vasilescu"
    assert q[0].text.startswith("podul va fi")
    fr = "Selon Claire Dubois, la production reprendra dans deux semaines."
    q = extract_quotes(fr, "fr")
    assert q[0].speaker == "Claire Dubois"
    assert q[0].text.startswith("la production")


def test_quotes_arabic_speaker_after_verb() -> None:
    text = "وقال الوزير إلياس كريموف إن المحطة ستعود إلى العمل الأسبوع المقبل."
    qs = extract_quotes(text, "ar", persons(text, "إلياس كريموف"))
    assert qs and qs[0].kind == "reported"
    assert qs[0].speaker == "إلياس كريموف"
    assert "المحطة" in qs[0].text


def test_quotes_ignore_short_scare_quotes_and_unresolved_pronouns() -> None:
    text = 'O chamado "algoritmo" foi citado. Segundo ele, nada mudou desde o inverno passado.'
    assert extract_quotes(text, "pt") == []
