"""`briefing extract`, who said what: speakers, stances and quotations read from the parse.

Each article here is fiction written for these tests (people, groups and places invented;
countries real). The assertions are about the statements the reader drafts: who is the
speaker, with which stance, in which words.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.config import Settings
from generator.extract import draft, run


@pytest.fixture
def project(extract_project: Path) -> Path:
    return extract_project


def read(project: Path, body: str) -> draft.Found:
    """The findings of `briefing extract` on an article of these paragraphs."""
    path = project / "article.txt"
    header = "outlet: Harbour Wire\ntitle: A test article\npublished: 2024-05-02\n---\n"
    path.write_text(header + body.strip() + "\n", encoding="utf-8")
    return run.find(path, Settings(root=project))


def said(found: draft.Found) -> list[tuple[str | None, str, str | None]]:
    """(speaker's name, stance, quotation) of every statement, in the order of the claims."""
    book = found.book
    rows = []
    for claim in found.reader.claims:
        for st in claim.statements:
            key = book.canonical(st.speaker)
            rows.append((book.items[key].name if key else None, st.stance, st.quote))
    return rows


def actor(found: draft.Found, name: str) -> dict[str, object]:
    matches = [a for a in found.book.items.values() if a.name == name]
    assert matches, [a.name for a in found.book.items.values()]
    return matches[0].__dict__


def stance_of(found: draft.Found, name: str) -> set[str]:
    return {stance for who, stance, _q in said(found) if who == name}


def case(name: str, body: str, expected: Any) -> Any:
    """One row of a table: the article's paragraphs and what the reader must find in it."""
    return pytest.param(body, expected, id=name)


def quoting(speaker: str, words: str) -> str:
    """A paragraph that is one quotation of `speaker`: '"words," speaker said.'"""
    return f'"{words}," {speaker} said.'


# ---- who speaks ---------------------------------------------------------------------


def test_appositions_and_ranks_around_a_name(project):
    found = read(
        project,
        "In a statement, Colonel Kwesi Anand, the spokesperson of the army, has said that the "
        "border with Togo was calm.\n\n"
        '"U.S. forces did conduct one airstrike in the area," said Brig. Gen. Charles '
        "Whitman, a U.S. military spokesman.\n\n"
        '"We understand the rebels ambushed the convoy," Ahmed Kassim, the military '
        "officer, told Harbour Wire.",
    )
    speakers = [who for who, _s, _q in said(found)]
    assert speakers == ["Kwesi Anand", "Charles Whitman", "Ahmed Kassim"]
    assert actor(found, "Kwesi Anand")["position"] == "Spokesperson"
    assert actor(found, "Charles Whitman")["country"] == "US"


def test_according_to_a_statement_or_a_title(project):
    found = read(
        project,
        "According to a statement issued by the Ghana Water Authority, the dam at Tolon was "
        "safe.\n\n"
        "Governor Abena Mensah said the town was calm.\n\n"
        'According to the governor, "Patrols go on day and night."',
    )
    rows = said(found)
    assert rows[0][0] == "Ghana Water Authority"
    assert rows[-1][0] == "Abena Mensah" and rows[-1][2] == "Patrols go on day and night"


def test_a_speaker_quoted_according_to_an_outlet_keeps_the_quotation_that_goes_on(project):
    found = read(
        project,
        "Gunmen attacked a depot in Tolon on Monday.\n\n"
        '"There was a scuffle at the gate, which ended after the guards fired in the air," '
        'said an unidentified officer, according to Reuters. "Two guards were hurt. The '
        'gunmen later fled."',
    )
    rows = [(who, quote) for who, _s, quote in said(found) if quote]
    assert [who for who, _q in rows] == ["Unnamed unidentified officer"] * 3
    assert rows[-1][1] == "The gunmen later fled"
    assert all(who for who, _s, _q in said(found)[1:])


def test_a_reporting_verb_inside_a_quotation_is_the_quoted_speakers_words(project):
    found = read(
        project,
        "Gunmen attacked a depot in Tolon on Monday.\n\n"
        'The army spokesman, Colonel Ivo Marek, told Reuters: "There were no soldiers in '
        'that area. This is false news." "The army knows its duty and will always admit a '
        'mistake if we make one. People sometimes cannot tell a mortar from a rocket."',
    )
    rows = [(who, stance) for who, stance, quote in said(found) if who]
    assert {who for who, _s in rows} == {"Ivo Marek"}
    assert "confirms" not in {stance for _w, stance in rows}
    assert [a.name for a in found.book.items.values()] == ["Ivo Marek"]


def test_a_name_given_to_a_town_or_a_group_is_no_person(project):
    found = read(
        project,
        "Soldiers gathered at a border terminal in Olek Varan, a town near the border, the "
        "official Marvo agency said.\n\n"
        "The attack was claimed by the group Jama'at Tarik al-Hadd Muslimeen.\n\n"
        "Police spokesman Issa Kone said nine people had been arrested.",
    )
    persons = [a.name for a in found.book.items.values() if a.kind == "person"]
    assert persons == ["Issa Kone"]


def test_the_speaker_of_a_relative_clause_is_the_noun_it_describes(project):
    found = read(
        project,
        "Gunmen ambushed an army convoy near Tolon on Tuesday.\n\n"
        "The attack was claimed by the militant group Harakat Velmora, which also says it "
        "is holding two soldiers hostage.\n\n"
        "The attack was condemned by Governor Abena Mensah, who said the road would stay "
        "closed.",
    )
    assert [who for who, _s, _q in said(found)][1:] == ["Harakat Velmora", "Abena Mensah"]


def test_a_group_known_by_another_name_is_one_actor(project):
    found = read(
        project,
        "BAMAKO, Mali (AP) - Mali's military says that extremists ambushed an army convoy "
        "near Tolon on Tuesday killing four soldiers.\n\n"
        "The attack was claimed by the al-Qaida-linked group Jama'at Nasr al-Din Muslimeen, "
        "known as JNDM , which also says it is holding two Malian soldiers hostage.",
    )
    named = [a for a in found.book.items.values() if "JNDM" in (a.name, *a.aliases)]
    assert len(named) == 1
    assert "Jama'at Nasr al-Din Muslimeen" in (named[0].name, *named[0].aliases)
    assert [who for who, _s, _q in said(found)][-1] == named[0].name


def test_both_nations_are_the_last_two_countries_named(project):
    found = read(
        project,
        "Soldiers clashed at the border on Tuesday.\n\n"
        "The clash comes while India and China have been locked in a standoff for a month. "
        "Both nations have maintained that troops from the other country had crossed into "
        "their territory.",
    )
    assert [who for who, _s, _q in said(found)][-2:] == ["India", "China"]
    assert "Nations" not in [a.name for a in found.book.items.values()]


def test_denying_something_to_someone_is_no_denial(project):
    found = read(
        project,
        "The leaders of Norway and Sweden met in Oslo on Monday.\n\n"
        "The two leaders agreed to fight smuggling by denying sanctuary, training and "
        "financing to smugglers in each other's countries, the ministry said.\n\n"
        "The army denied reports that it had shelled the town.",
    )
    deniers = {who for who, stance, _q in said(found) if stance == "denies"}
    assert deniers == {"Army"}


def test_organisations_speak_and_are_never_persons(project):
    found = read(
        project,
        "Al Shabaab said its fighters had killed 12 soldiers near Baidoa.\n\n"
        "African Union-mandated troops patrolled the road on Sunday.\n\n"
        "The Somali army said the attack was repelled. (Reporting by Amina Warsame in "
        "Mogadishu and Omar Faruk in Kismayo; Editing by Ruth Pitchford)",
    )
    speakers = [who for who, _s, _q in said(found) if who]
    assert speakers[0] == "al-Shabaab"
    assert any("army" in s.lower() for s in speakers[1:])
    persons = [a.name for a in found.book.items.values() if a.kind == "person"]
    assert persons == []


def test_the_ministry_is_one_actor_under_two_names(project):
    found = read(
        project,
        "Taiwan's Ministry of National Defense said Chinese aircraft had crossed the median "
        "line.\n\nThe Defense Ministry later said the aircraft had turned back.",
    )
    names = {who for who, _s, _q in said(found)}
    assert len(names) == 1 and None not in names
    ministries = [a for a in found.book.items.values() if "Ministry" in a.name]
    assert len(ministries) == 1


def test_names_are_kept_whole_and_titles_give_nationality(project):
    found = read(
        project,
        "Turkish President Recep Tayyip Erdogan said the operation would go on.\n\n"
        "US Defense Secretary Lloyd Austin told reporters the strike was lawful.",
    )
    assert [who for who, _s, _q in said(found)] == ["Recep Tayyip Erdogan", "Lloyd Austin"]
    assert actor(found, "Recep Tayyip Erdogan")["country"] == "TR"
    assert actor(found, "Lloyd Austin")["country"] == "US"


def test_a_statement_posted_somewhere_is_not_a_second_statement(project):
    found = read(
        project,
        "The Ghana Water Authority said the dam was safe.\n\n"
        '"The dam at Tolon is safe," it said in a statement posted on its website.',
    )
    assert [c.text for c in found.reader.claims] == [
        "The dam was safe.",
        "The dam at Tolon is safe.",
    ]


def test_an_interview_names_the_outlet_spoken_to(project):
    found = read(
        project,
        "In an interview with Reuters, Governor Yaw Darko said the town of Tolon was calm.",
    )
    (claim,) = found.reader.claims
    (statement,) = claim.statements
    assert statement.outlet == "reuters"


def test_a_contrasting_clause_has_its_own_speaker_and_an_appeal_is_a_statement(project):
    found = read(
        project,
        "Health officials in Tolon said 40 people were killed, while the Ghanaian army put the "
        "toll at 25.\n\n"
        "United Nations Secretary-General Antonio Guterres called for restraint.",
    )
    rows = {(who, claim.text) for claim in found.reader.claims for who in [
        found.book.items[found.book.canonical(st.speaker)].name if st.speaker else None
        for st in claim.statements
    ]}  # fmt: skip
    assert ("Unnamed health officials in Tolon", "40 people were killed.") in rows
    assert ("Ghanaian army", "The Ghanaian army put the toll at 25.") in rows
    assert ("Antonio Guterres", "United Nations Secretary-General Antonio Guterres called for "
            "restraint.") in rows  # fmt: skip


SPEAKERS = [
    case(
        "pronouns_and_the_spokesman_refer_back",
        "Interior Minister Amina Diallo said the border with Mali would reopen on Monday.\n\n"
        "She said talks with Bamako would continue.\n\n"
        "A police spokesman, Issa Kone, said nine people had been arrested.\n\n"
        "The spokesman said all of them would appear in court.",
        ["Amina Diallo", "Amina Diallo", "Issa Kone", "Issa Kone"],
    ),
    case(
        "a_named_person_takes_over_the_unnamed_one_he_was",
        "A Malian army officer confirmed the ambush near Gao.\n\n"
        '"We lost four men," Moussa Traore, the army officer, told Harbour Wire.',
        {"Moussa Traore"},
    ),
    case(
        "an_institution_of_the_outlet_registry_speaks_for_itself",
        "At least 40 people died in the floods in Ghana, according to the United Nations.",
        ["United Nations"],
    ),
    case(
        "of_a_title_and_a_name_both_subjects_the_name_speaks",
        "Nine people were killed in the blast, the head of the district health department "
        "Dr Kofi Adjei said.",
        ["Kofi Adjei"],
    ),
    case(
        "two_nationalities_sharing_one_noun_are_two_speakers",
        "The Kyrgyz and Tajik border services both said the clash was provoked by the other side.",
        {"Kyrgyz border services", "Tajik border services"},
    ),
    case(
        "a_question_is_no_speaker",
        "Governor Yaw Darko said the road was open.\n\n"
        'How many ways are there to say "no?"\n\n'
        '"I have no comment."',
        ["Yaw Darko", None, "Yaw Darko"],
    ),
    case(
        "an_organisation_named_again_by_its_first_word_is_the_same",
        "The London-based Bureau of Field Reporting said on Monday that the strikes had "
        "killed 40 civilians in Tolon.\n\n"
        '"More than 12 children are among the dead," the Bureau said.',
        {"Bureau of Field Reporting"},
    ),
    case(
        "a_countrys_organisation_named_with_its_possessive_is_the_known_one",
        "Pakistan's Taliban on Sunday denied responsibility for the blasts in Kohat.\n\n"
        "The Pakistani Taliban said they target only the military.",
        {"Tehrik-i-Taliban Pakistan"},
    ),
]


@pytest.mark.parametrize(("body", "expected"), SPEAKERS)
def test_who_speaks(project, body, expected):
    """A list: the speaker of every statement, in order; a set: who speaks at all."""
    speakers = [who for who, _s, _q in said(read(project, body))]
    assert type(expected)(speakers) == expected


NAMED_STANCES = [
    case(
        "the_heads_of_state_are_the_leaders_named",
        "President Kofi Mensah of Ghana held talks with President Aya Traore of Mali in Accra "
        "on Monday.\n\n"
        "The heads of state expressed hope that trade between the countries would double by "
        "2026.",
        {("Kofi Mensah", "asserts"), ("Aya Traore", "asserts")},
    ),
    case(
        "expressing_condolences_is_no_statement",
        "Governor Yaw Darko expressed condolences to the families of the victims.\n\n"
        "Governor Yaw Darko expressed concern over the attacks.",
        [("Yaw Darko", "asserts")],
    ),
    case(
        "a_reporters_turn_in_a_transcript_in_capitals_is_nobodys_claim",
        "Deputy spokeswoman Elena Marchetti took the questions on Monday.\n\n"
        "MARCHETTI: Good morning.\n\n"
        "QUESTION: Thank you.\n\n"
        "The minister said on Sunday that he knew nothing about the talks. Is that so?\n\n"
        "MARCHETTI: He was briefed.",
        [("Elena Marchetti", "asserts"), ("Elena Marchetti", "asserts")],
    ),
]


@pytest.mark.parametrize(("body", "expected"), NAMED_STANCES)
def test_who_speaks_with_which_stance(project, body, expected):
    """(speaker, stance) of every statement with a speaker: a list in order, or a set."""
    rows = [(who, stance) for who, stance, _q in said(read(project, body)) if who]
    assert type(expected)(rows) == expected


AMONG_STANCES = [
    case(
        "a_statement_denying_names_the_organisation",
        "The White House issued a statement on Monday denying that the envoy had met "
        "rebel leaders in Tolon.",
        {("White House", "denies")},
    ),
    case(
        "the_group_is_the_armed_group_last_named",
        "Al Shabaab fighters attacked an army base near Baidoa on Monday.\n\n"
        "The militant group said it had killed 20 soldiers.",
        {("al-Shabaab", "asserts")},
    ),
    case(
        "a_name_the_recogniser_misses_still_speaks",
        "Human Rights Watch accused the army of killing civilians in Tolon, a charge the "
        "military rejected as baseless.",
        {("Human Rights Watch", "asserts"), ("Military", "denies")},
    ),
]


@pytest.mark.parametrize(("body", "expected"), AMONG_STANCES)
def test_among_the_statements_a_speaker_with_a_stance(project, body, expected):
    assert expected <= {(who, stance) for who, stance, _q in said(read(project, body))}


# ---- quotations -----------------------------------------------------------------------


def test_a_statement_and_it_speak_their_quotations(project):
    found = read(
        project,
        "The Border Committee said the guards were attacked on Monday.\n\n"
        '"Two guards were wounded by the return fire," the Border Committee statement says.\n\n'
        '"Colonel Ato Mensah denied that our guards fired first," it said in a statement.',
    )
    quotes = [(who, stance, q) for who, stance, q in said(found) if q]
    assert quotes == [
        ("Border Committee", "asserts", "Two guards were wounded by the return fire"),
        ("Border Committee", "denies", "Colonel Ato Mensah denied that our guards fired first"),
    ]
    assert ("Ato Mensah", "denies", None) in said(found)


def test_quoted_as_saying_and_fragments(project):
    found = read(
        project,
        'Radio Tolon quoted Ama Owusu, a resident, as saying the water was "not safe to '
        'drink".\n\n'
        'The governor, Yaw Darko, called the report "alarmist" and "wrong".',
    )
    quotes = {(who, q) for who, _s, q in said(found) if q}
    assert ("Ama Owusu", "not safe to drink") in quotes
    assert {("Yaw Darko", "alarmist"), ("Yaw Darko", "wrong")} <= quotes


QUOTES = [
    case(
        "transcript_lines_are_quotes_of_their_speaker",
        "Question: Will the talks with Accra resume this month?\n\n"
        "Elena Marchetti: We are ready to resume them. The date is not fixed yet.",
        [
            ("Elena Marchetti", "We are ready to resume them"),
            ("Elena Marchetti", "The date is not fixed yet"),
        ],
    ),
    case(
        "a_transcript_label_in_capitals_runs_over_paragraphs",
        "Deputy spokeswoman Elena Marchetti took the questions on Monday.\n\n"
        "MARCHETTI: Good morning. The talks with Accra resume this month.\n\n"
        "The delegation will travel on Friday. I will take your questions.\n\n"
        "QUESTION: Will the minister go too?",
        [
            ("Elena Marchetti", "Good morning"),
            ("Elena Marchetti", "The talks with Accra resume this month"),
            ("Elena Marchetti", "The delegation will travel on Friday"),
            ("Elena Marchetti", "I will take your questions"),
        ],
    ),
]


@pytest.mark.parametrize(("body", "expected"), QUOTES)
def test_quotations_and_their_speaker(project, body, expected):
    assert [(who, q) for who, _s, q in said(read(project, body)) if q] == expected


def test_a_paragraph_that_is_only_a_quotation_goes_on_with_the_last_speaker(project):
    found = read(
        project,
        "Defence spokesman Kofi Adjei said the patrol had returned to its base on Sunday.\n\n"
        "The patrol had come under fire near the border on Friday.\n\n"
        '"I have no comment."\n\n'
        '"The patrol will go out again next week. It has done nothing wrong.\n\n'
        '"The border is calm," he added.',
    )
    quotes = [(who, stance, q) for who, stance, q in said(found) if q]
    assert quotes == [
        ("Kofi Adjei", "declines_comment", "I have no comment"),
        ("Kofi Adjei", "asserts", "The patrol will go out again next week"),
        ("Kofi Adjei", "asserts", "It has done nothing wrong"),
        ("Kofi Adjei", "asserts", "The border is calm"),
    ]


def test_another_spelling_and_the_leader_of_his_country_are_the_named_leader(project):
    found = read(
        project,
        "Ghanaian President Kofi Mensah and his Malian counterpart Amadou Kouyatebeni "
        "signed a treaty on Monday.\n\n"
        "The gas deal is good, Kouyateberi said.\n\n"
        '"It is of strategic importance," the Malian leader said.',
    )
    assert [(who, q) for who, _s, q in said(found) if who] == [
        ("Amadou Kouyatebeni", None),
        ("Amadou Kouyatebeni", "It is of strategic importance"),
    ]
    assert not [a for a in found.book.items.values() if a.unidentified]


# ---- stances -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "speaker", "stance"),
    [
        ('Governor Yaw Darko said the report was "false".', "Yaw Darko", "denies"),
        ('Governor Yaw Darko termed the allegations "propaganda".', "Yaw Darko", "denies"),
        ("Ghana's Ministry of Defence refuted the claims, saying its troops were in their "
         "barracks.", "Ministry of Defence of Ghana", "denies"),
        ("Governor Yaw Darko contested the hospital's figures.", "Yaw Darko", "disputes"),
        ("Governor Yaw Darko cast doubt on the figures.", "Yaw Darko", "disputes"),
        ("Governor Yaw Darko dismissed the accounts of the residents.", "Yaw Darko", "denies"),
        ("Governor Yaw Darko says he strongly disagrees with any claims that the soldiers "
         "raided the town.", "Yaw Darko", "disputes"),
        ("The hospital in Tolon gave a different account, saying 20 people had died.",
         "Hospital in Tolon", "disputes"),
        ("The governor's office said it had no knowledge of the raid.", "Governor's office",
         "no_knowledge"),
        ("A police spokesman in Tolon said the force knew nothing about the arrests.",
         "Unnamed police spokesman in Tolon", "no_knowledge"),
        ("The Ghanaian army refused to confirm the arrests.", "Ghanaian army",
         "declines_comment"),
        ("Governor Yaw Darko would not comment on the arrests.", "Yaw Darko",
         "declines_comment"),
        ("Neither the army nor the police had any comment on the arrests.", "Police",
         "declines_comment"),
        ("Governor Yaw Darko confirmed the raid.", "Yaw Darko", "confirms"),
        ("The Ghanaian army did not respond to a request for comment.", "Ghanaian army",
         "declines_comment"),
    ],
)  # fmt: skip
def test_stance_from_the_verb_its_negation_and_its_object(project, sentence, speaker, stance):
    found = read(
        project, "Residents of Tolon said soldiers raided the town on Friday.\n\n" + sentence
    )
    assert stance in stance_of(found, speaker), said(found)


@pytest.mark.parametrize(
    "sentence",
    [
        "The embassy of Ghana on Tuesday denied a report in a local newspaper that its office "
        "in Accra had been bugged.",
        "Ghana's embassy in Lome refuted reports that its office was bugged.",
        "The Ghanaian embassy rejected as baseless claims that its office in Accra was bugged.",
    ],
)
def test_a_denied_claim_is_drafted_as_a_claim_with_a_denial(project, sentence):
    found = read(project, sentence)
    (claim,) = found.reader.claims
    assert claim.text.startswith("Its office") and claim.text.endswith("bugged.")
    assert [st.stance for st in claim.statements] == ["denies"]


STANCES = [
    case(
        "an_absence_is_a_denial_unless_it_is_a_plain_report",
        "Residents of Tolon said soldiers raided the town on Friday.\n\n"
        "Governor Yaw Darko said there had been no clashes in Tolon.\n\n"
        "Police chief Kofi Mensah said there was no immediate claim of responsibility.",
        {"Yaw Darko": "denies", "Kofi Mensah": "asserts"},
    ),
    # a confirmation needs an earlier account
    case(
        "a_confirmation_needs_an_earlier_account_alone",
        "Ghana's police confirmed that a soldier was killed in Tolon.",
        {"Ghana's police": "asserts"},
    ),
    case(
        "a_confirmation_needs_an_earlier_account_after_one",
        "Residents said a soldier was killed in Tolon on Friday.\n\n"
        "Ghana's police confirmed the killing.",
        {"Ghana's police": "confirms"},
    ),
    case(
        "a_rival_count_disputes_the_earlier_one",
        "Local officials said 12 people were killed in the attack on Tolon.\n\n"
        "A hospital source said 20 people were killed.",
        {"Unnamed hospital source": "disputes"},
    ),
    case(
        "a_rival_count_of_the_dead_in_other_words_disputes",
        "Police spokesman Kofi Adjei said eight people were killed in the bombing in Tolon on "
        "Friday.\n\n"
        "A district council chief said he had reports of as many as 15 deaths.",
        {"Unnamed district council chief": "disputes"},
    ),
    case(
        "a_second_account_joined_by_but_disputes_the_first",
        "The army claims its patrols target only smugglers, but residents of Tolon maintain "
        "that farmers have been the main victims.",
        {"Army": "asserts", "Unnamed residents of Tolon": "disputes"},
    ),
    case(
        "a_toll_that_repeats_the_earlier_count_is_no_rival",
        "Police official Kofi Adjei said 39 people were killed in the blasts in Tolon on "
        "Saturday.\n\n"
        '"The death toll has risen to 39 as four wounded people died in hospital," Governor '
        "Yaw Darko said.",
        {"Yaw Darko": "asserts"},
    ),
    # an act denied in the first person is a denial
    case(
        "an_act_denied_in_the_first_person_did_not_carry_out",
        quoting("rebel spokesman Yaw Darko", "We did not carry out this attack in Tolon"),
        {"Yaw Darko": "denies"},
    ),
    case(
        "an_act_denied_in_the_first_person_were_not_involved",
        quoting("rebel spokesman Yaw Darko", "We were not involved"),
        {"Yaw Darko": "denies"},
    ),
    case(
        "the_stance_of_a_quotation_reads_all_its_sentences",
        '"We did not carry out this attack in Tolon. It is an attempt by foreign agencies to '
        'malign us," rebel spokesman Yaw Darko told the Harbour Wire.',
        {"Yaw Darko": "denies"},
    ),
    case(
        "sources_who_believe_the_toll_is_higher_than_reported_dispute_it",
        "Police said four people were killed in the blast in Tolon.\n\n"
        "However, unofficial sources believed that the number of casualties is higher than "
        "reported.",
        {"Unnamed unofficial sources": "disputes"},
    ),
    case(
        "a_spokesman_saying_his_ministry_does_not_comment_gives_both_refusals",
        "The Ministry of Defence does not comment on reports about new sanctions, spokesman "
        "Kofi Adjei said on Tuesday.\n\n"
        '"I wouldn\'t react to that," Adjei said.',
        {"Ministry of Defence": "declines_comment", "Kofi Adjei": "declines_comment"},
    ),
    # a refusal in the first person declines comment
    case(
        "a_refusal_in_the_first_person_declines_comment_no_comment",
        quoting("Governor Yaw Darko", "I have no comment on the raid"),
        {"Yaw Darko": "declines_comment"},
    ),
    case(
        "a_refusal_in_the_first_person_declines_comment_nothing_to_add",
        quoting("Governor Yaw Darko", "We have nothing to add"),
        {"Yaw Darko": "declines_comment"},
    ),
    case(
        "a_refusal_in_the_first_person_declines_comment_decline",
        quoting("Governor Yaw Darko", "I decline to comment"),
        {"Yaw Darko": "declines_comment"},
    ),
    # ignorance of the speaker's side in a quotation is no knowledge
    case(
        "ignorance_of_the_speakers_side_the_commission_has_no_information",
        quoting(
            "spokeswoman Nana Boateng",
            "The commission has no information about any undeclared site in Togo",
        ),
        {"Nana Boateng": "no_knowledge"},
    ),
    case(
        "ignorance_of_the_speakers_side_it_has_no_knowledge",
        quoting("spokeswoman Nana Boateng", "It has no knowledge of any undeclared site in Togo"),
        {"Nana Boateng": "no_knowledge"},
    ),
]


@pytest.mark.parametrize(("body", "expected"), STANCES)
def test_the_stance_of_each_speaker(project, body, expected):
    """Every speaker named in the row says what they say with that one stance."""
    found = read(project, body)
    assert {name: stance_of(found, name) for name in expected} == {
        name: {stance} for name, stance in expected.items()
    }, said(found)


def test_according_to_a_notice_inside_what_a_spokesman_informed(project):
    found = read(
        project,
        "Asked about the flights, the spokesman informed that according to a notice from the "
        "Tolon Health Commission, a flight from Accra on October 30 showed four confirmed "
        "cases.",
    )
    assert said(found) == [("Tolon Health Commission", "asserts", None)]


def test_commented_before_a_quotation_names_its_speaker(project):
    found = read(
        project,
        "Breaking news.\n\n"
        "Gunmen attacked a police post in Tolon on Monday, police said.\n\n"
        'Earlier Governor Yaw Darko commented: "This is a dangerous move by the gunmen. They '
        'want to scare the town."\n\n'
        "The mayor also commented on the attack.",
    )
    assert said(found) == [
        ("Police", "asserts", None),
        ("Yaw Darko", "asserts", "This is a dangerous move by the gunmen"),
        ("Yaw Darko", "asserts", "They want to scare the town"),
        (None, "asserts", None),
    ]
    assert "Breaking news." not in [c.text for c in found.reader.claims]


def test_an_adverb_before_a_name_is_not_part_of_it(project):
    found = read(
        project,
        "Governor Yaw Darko visited the post.\n\n"
        'Earlier Yaw Darko commented: "This is a dangerous move by the gunmen."',
    )
    assert [a.name for a in found.book.items.values()] == ["Yaw Darko"]


def test_a_known_persons_full_name_the_recogniser_calls_an_organisation_is_that_person():
    from generator.extract import nlp
    from generator.extract.actors import ActorBook, ActorDraft
    from generator.extract.outlets import OutletFinder
    from generator.extract.phrases import Entity
    from generator.extract.speakers import Speakers

    book = ActorBook()
    book.add(ActorDraft("qureshi", "Mian Tariq Qureshi", "person", "gov", "PK"))
    speakers = Speakers(book, OutletFinder({}))
    doc = nlp.parse("Mian Tariq Qureshi commented on the attack.")
    entity = Entity(0, 3, "ORG", "Mian Tariq Qureshi")
    speakers.start(doc, [entity], doc.text)
    assert entity.label == "PERSON"


def test_a_name_in_the_place_of_a_place_is_no_person(project):
    found = read(
        project,
        "Police said four farmers were killed in the village of Kwame Nkansa near Tolon on Monday.",
    )
    assert not [a.name for a in found.book.items.values() if a.kind == "person"]
