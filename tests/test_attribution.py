"""The quote finder and the attribution model behind the Q rules."""

from __future__ import annotations

import pytest

from lintnews.attribution import Person, Referent, analyse, default_lexicon, load_lexicon
from lintnews.document import Document
from lintnews.quotes import scan_quotes
from lintnews_rules._data import DataError


def doc(*paragraphs: str) -> Document:
    return Document("date 2024-01-01\n\n" + "\n\n".join(paragraphs) + "\n")


def spans(d: Document) -> list[tuple[str, bool]]:
    return [(d.text[q.start : q.end], q.closed) for q in d.quotes]


def roles(d: Document) -> list[tuple[str, str]]:
    return [(m.char, m.role) for m in scan_quotes(d).marks]


# -- the quote finder ---------------------------------------------------------------------------

def test_curly_quotes_and_nesting():
    d = doc("“They don’t know ‘what they’re doing’ at all,” she said.")
    assert spans(d) == [("“They don’t know ‘what they’re doing’ at all,”", True), ("‘what they’re doing’", True)]


@pytest.mark.parametrize("text", [
    "It was the ’90s and rock ’n’ roll filled the Smiths’ van.",
    "He can’t stop, won’t stop, and O’Brien agrees.",
    "The Joneses’ dog barked at Charles’ car.",
    "Songs from the ‘60s and ‘em all.",
])
def test_apostrophes_are_not_quotes(text):
    d = doc(text)
    assert d.quotes == []
    assert {role for _, role in roles(d)} == {"apostrophe"}


def test_plural_possessive_inside_single_quotes():
    d = doc("'The Beatles' early records still sell,' said the owner. 'People want them.'")
    assert [s for s, _ in spans(d)] == ["'The Beatles' early records still sell,'", "'People want them.'"]


def test_straight_quotes_and_inch_marks():
    d = doc('The 6\'2" striker was "delighted" and called the fee "fair".')
    assert [s for s, _ in spans(d)] == ['"delighted"', '"fair"']
    assert ('"', "measure") in roles(d)


def test_multi_paragraph_quote_reopened_each_paragraph():
    d = doc("“We dug with our hands.", "“On the third day we heard him.", "“He was alive,” she said.")
    scan = scan_quotes(d)
    assert [q.closed for q in scan.quotes] == [False, False, True]
    assert scan.continued == {scan.quotes[0].start, scan.quotes[1].start}
    assert scan.groups == [[0, 1, 2]]


def test_unclosed_quote_not_continued():
    d = doc("“We are ready, she said.", "The match starts at noon.")
    scan = scan_quotes(d)
    assert [q.closed for q in scan.quotes] == [False]
    assert scan.continued == set()


def test_second_opening_ends_an_unclosed_quote():
    d = doc("“We lost, the coach said. “We will be back.”")
    assert spans(d) == [("“We lost, the coach said.", False), ("“We will be back.”", True)]


def test_straight_quote_nested_in_curly():
    d = doc('“He said "no" to me twice,” she said.')
    assert spans(d) == [('“He said "no" to me twice,”', True), ('"no"', True)]


def test_stray_closing_mark():
    d = doc("The line reopens in June.” Work starts on Monday.")
    assert d.quotes == [] and roles(d) == [("”", "stray")]


@pytest.mark.parametrize("text, inner", [
    ("„Wir schaffen das“, sagte sie.", "„Wir schaffen das“"),
    ("« Nous sommes prêts », a-t-il dit.", "« Nous sommes prêts »"),
    ("”Vi är redo”, sa hon.", "”Vi är redo”"),
])
def test_other_conventions(text, inner):
    assert spans(doc(text)) == [(inner, True)]


# -- attribution forms --------------------------------------------------------------------------

def speakers(d: Document) -> list[tuple[str, str, str | None]]:
    out = []
    for a in analyse(d).attributions:
        who = a.speaker.name if isinstance(a.speaker, (Person, Referent)) else None
        out.append((a.form, a.text, who))
    return out


def speaker_of(d: Document, words: str) -> str | None:
    a = analyse(d)
    for q in d.quotes:
        if words in d.text[q.start : q.end]:
            attr = a.quote_attribution.get(q.start)
            return attr.speaker.name if attr is not None and attr.speaker is not None else None
    raise AssertionError(f"no quote with {words!r}")


@pytest.mark.parametrize("text, speaker", [
    ("“We will win the final,” Ana Ruiz said.", "Ana Ruiz"),
    ("“We will win the final,” said Ana Ruiz.", "Ana Ruiz"),
    ("Ana Ruiz said: “We will win the final.”", "Ana Ruiz"),
    ("Ana Ruiz told reporters: “We will win the final.”", "Ana Ruiz"),
    ("“We will win the final,” Ana Ruiz added.", "Ana Ruiz"),
    ("Ana Ruiz warned that “nobody should celebrate the final yet”.", "Ana Ruiz"),
    ("“We will win the final,” according to Ana Ruiz.", "Ana Ruiz"),
    ("“We will win the final,” Ana Ruiz, the captain, said.", "Ana Ruiz"),
    ("“We will win the final,” said the captain, Ana Ruiz.", "Ana Ruiz"),
    ("“We will win the final,” said captain Ana Ruiz.", "Ana Ruiz"),
    ("The captain, Ana Ruiz, said: “We will win the final.”", "Ana Ruiz"),
    ("European Council President Charles Michel said: “Europe stays open to the final.”", "Charles Michel"),
    ("“We will win the final,” Ruiz, 29, said.", "Ruiz"),
])
def test_attribution_forms(text, speaker):
    assert speaker_of(doc(text), "final") == speaker


def test_reported_speech_and_according_to():
    d = doc("Ana Ruiz said that the team was ready.", "According to the coach, Ruiz trained all winter.",
            "“We are ready,” she said.")
    forms = [(form, text) for form, text, _ in speakers(d)]
    assert ("indirect", "Ana Ruiz") in forms and ("according", "the coach") in forms


def test_quote_split_by_its_attribution():
    d = doc("“We are ready,” she said, “and we are not afraid.”")
    attr = analyse(d).attributions[0]
    assert len(attr.quotes) == 2


def test_multi_paragraph_quote_shares_its_attribution():
    d = doc("Lucía Fernández searched for three days.", "“We dug with our hands.", "“He was alive,” she said.")
    assert speaker_of(d, "dug") == "Lucía Fernández"


def test_pronoun_continues_speaker_across_paragraphs():
    d = doc("“The ward is short of nurses,” said Olga Petrenko.", "The board met on Monday.",
            "“We need eleven more,” she said.")
    assert speaker_of(d, "eleven") == "Olga Petrenko"


def test_titles_and_appositives_name_the_person():
    d = doc("Estonian Foreign Minister Urmas Reinsalu previously said: “Refusal is not a ground for asylum.”",
            "The health minister, Anna Kowalski, said: “Nurses can work in both countries.”")
    assert speaker_of(d, "asylum") == "Urmas Reinsalu"
    assert speaker_of(d, "Nurses") == "Anna Kowalski"


@pytest.mark.parametrize("text", [
    "The bill lets the army “defend” the border and set up a “special security zone”.",
    "The film “The Lord of the Rings” was shown again.",
    "The album, titled “Songs for the Long Night”, came out on Friday.",
])
def test_scare_quotes_and_titles_are_not_speech(text):
    d = doc(text)
    assert d.quotes and not analyse(d).speech


# -- people and pronouns ------------------------------------------------------------------------

def people(d: Document) -> dict[str, str | None]:
    return {p.name: p.gender for p in analyse(d).people}


def test_names_from_many_cultures():
    d = doc("Xi Jinping met Moon Jae-in and Mohammed bin Salman, and Abdel Fattah al-Sisi joined Ngozi "
            "Okonjo-Iweala and José Luis Rodríguez Zapatero for lunch. “Lunch was good,” Xi said.")
    assert set(people(d)) >= {"Xi Jinping", "Moon Jae-in", "Mohammed bin Salman", "Abdel Fattah al-Sisi",
                              "Ngozi Okonjo-Iweala", "José Luis Rodríguez Zapatero"}
    assert speaker_of(d, "Lunch") == "Xi Jinping"


def test_gender_evidence_never_from_first_names():
    d = doc("Maria Fernandes and John Okoro run the vineyard. “We work hard,” Fernandes said.")
    assert people(d) == {"Maria Fernandes": None, "John Okoro": None}


def test_gender_evidence_from_titles_nouns_and_pronouns():
    d = doc("Ms Priya Raman, a mother of two, met Sir Anand Rao and the businessman Li Wei.",
            "“We met on Monday,” said Amina Yusuf.", "“It went well,” she added.")
    assert people(d) == {"Priya Raman": "f", "Anand Rao": "m", "Li Wei": "m", "Amina Yusuf": "f"}


def test_surname_used_later_is_the_same_person():
    d = doc("Health Minister Anna Kowalski met Tomas Dvorak.", "Ms Kowalski said the talks went “very well”.")
    assert people(d) == {"Anna Kowalski": "f", "Tomas Dvorak": None}


def test_same_first_names_are_different_people():
    d = doc("Jean Dupont and Jean Martin run rival bakeries.", "Ms Martin opened hers in 2010.",
            "Mr Dupont opened his in 2012 and called it “a bakery for everyone”.")
    assert people(d) == {"Jean Dupont": "m", "Jean Martin": "f"}


def test_pronoun_statuses():
    ambiguous = doc("Ngozi Okafor and Amaka Eze both claimed victory.", "“The people have spoken,” she said.")
    unreferenced = doc("The river rose overnight.", "“We lost everything,” she said.")
    mismatch = doc("Ms Priya Raman set up the food bank.", "“We started with one table,” he said.")
    resolved = doc("Ms Priya Raman set up the food bank.", "“We started with one table,” she said.")
    assert [a.status for a in analyse(ambiguous).attributions] == ["ambiguous"]
    assert [a.status for a in analyse(unreferenced).attributions] == ["unreferenced"]
    assert [a.status for a in analyse(mismatch).attributions] == ["mismatch"]
    assert [a.status for a in analyse(resolved).attributions] == ["resolved"]


def test_she_for_a_ship_or_country_is_not_evidence():
    d = doc("The trawler Northern Star docked. She had been at sea for weeks. France made her view clear.",
            "Skipper Ali Reza said the catch was good. “The cod are back,” he said.")
    assert people(d) == {"Ali Reza": "m"}
    assert [a.status for a in analyse(d).attributions if a.pronoun] == ["resolved"]


def test_document_property():
    d = doc("“We are ready,” said Ana Ruiz.")
    assert d.attributions is analyse(d).attributions
    assert [a.speaker.name for a in d.attributions if a.speaker is not None] == ["Ana Ruiz"]


@pytest.mark.parametrize("body, error", [
    ('[[list]]\nname = "speech_verbs"\nwords = ["said"]\ncolour = "red"\n', "colour"),
    ('[[list]]\nname = "shouting_verbs"\nwords = ["yelled"]\n', "unknown list 'shouting_verbs'"),
    ('[[list]]\nname = "speech_verbs"\nwords = ["said"]\n', "missing list"),
    ('colours = 3\n', "unknown key 'colours'"),
])
def test_lexicon_schema_is_strict(tmp_path, body, error):
    path = tmp_path / "lexicon.toml"
    path.write_text("version = 1\n" + body, encoding="utf-8")
    with pytest.raises(DataError, match=error) as info:
        load_lexicon(path)
    assert str(path) in str(info.value)


def test_shipped_lexicon_loads():
    assert "said" in default_lexicon()["speech_verbs"]
