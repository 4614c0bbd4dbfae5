"""Extraction vocabularies: reporting verbs and the stances they carry, the words that make
a phrase a person, a group or an organisation, titles, well-known organisations with their
aliases, number words.

Plain data; the rules that use it (attribution.py, frame_parts.py, mentions.py, figures.py) live
in the other modules of this package. Words are lemmas (lower case) unless said otherwise.
"""

from __future__ import annotations

# ---- reporting verbs -------------------------------------------------------------------
# Verb lemma -> the stance of what its subject says. "relay" verbs (quote, cite) name who
# is quoted by whom; "act" verbs take as object an act, not a proposition ("condemned the
# strike"): their claim is the whole clause.
REPORTING_VERBS: dict[str, str] = {
    "say": "asserts", "tell": "asserts", "add": "asserts", "state": "asserts",
    "announce": "asserts", "claim": "asserts", "report": "asserts", "write": "asserts",
    "insist": "asserts", "warn": "asserts", "note": "asserts", "explain": "asserts",
    "stress": "asserts", "reiterate": "asserts", "allege": "asserts", "assert": "asserts",
    "maintain": "asserts", "argue": "asserts", "reveal": "asserts", "disclose": "asserts",
    "estimate": "asserts", "observe": "asserts", "clarify": "asserts", "declare": "asserts",
    "predict": "asserts", "suggest": "asserts", "indicate": "asserts", "describe": "asserts",
    "term": "asserts", "call": "asserts", "label": "asserts", "brand": "asserts",
    "accuse": "asserts", "blame": "asserts", "condemn": "asserts", "welcome": "asserts",
    "put": "asserts", "post": "asserts", "tweet": "asserts", "urge": "asserts",
    "ask": "asserts", "vow": "asserts", "pledge": "asserts", "promise": "asserts",
    "name": "asserts", "hail": "asserts", "threaten": "asserts", "boast": "asserts",
    "appeal": "asserts", "demand": "asserts", "express": "asserts", "inform": "asserts",
    "believe": "asserts", "comment": "asserts",
    "confirm": "confirms", "acknowledge": "confirms", "admit": "confirms",
    "verify": "confirms", "concede": "confirms",
    "deny": "denies", "refute": "denies", "reject": "denies", "dismiss": "disputes",
    "rebut": "denies", "contradict": "denies", "trash": "denies", "debunk": "denies",
    "repudiate": "denies", "rubbish": "denies",
    "dispute": "disputes", "contest": "disputes", "question": "disputes",
    "challenge": "disputes", "doubt": "disputes", "disagree": "disputes",
    "quote": "relay", "cite": "relay",
}  # fmt: skip
# Verbs that say the subject spoke only when they govern a clause or a quotation (they
# have other senses: "called a meeting", "put signatures", "named an agreement").
NEEDS_CONTENT = {
    "call", "put", "name", "post", "ask", "urge", "describe", "term", "label", "brand",
    "add", "note", "report", "write", "tell", "state", "claim", "threaten", "promise",
    "pledge", "vow", "suggest", "indicate", "observe", "question", "challenge", "maintain",
    "hail", "boast", "welcome", "condemn", "blame", "accuse", "appeal", "demand", "express",
    "inform", "believe",
}  # fmt: skip
# What "expressed" reports: an attitude ("expressed hope that ...", "expressed concern
# over the attacks"); other objects ("expressed condolences") report no statement.
ATTITUDE_NOUNS = {
    "hope", "confidence", "concern", "satisfaction", "regret", "belief", "conviction",
    "fear", "optimism", "dissatisfaction", "disappointment", "support", "readiness",
}  # fmt: skip
# Nouns for the story's own event: "confirmed the attack", "said the meeting took place".
EVENT_NOUNS = {
    "meeting", "talks", "attack", "strike", "incident", "bombing", "deal", "agreement",
    "accord", "pact", "ambush", "clash", "clashes", "raid", "blast", "explosion", "killing",
    "operation", "summit", "death", "deaths", "shooting", "shootout", "assault", "visit",
}  # fmt: skip
# What a speaker says it did not do, in the first person: "we did not carry out this attack",
# "we were not involved" (a denial).
ACT_NOUNS = {
    "attack", "strike", "bombing", "blast", "explosion", "raid", "killing", "ambush",
    "assault", "shooting", "abduction", "kidnapping", "airstrike", "operation",
}  # fmt: skip
INVOLVEMENT_WORDS = {"involve", "involved", "responsible", "behind", "part"}
# Nouns a place's name follows: "the town of X" names a place, not a person.
PLACE_HEADS = {
    "town", "village", "city", "district", "province", "region", "area", "county", "valley",
    "camp", "settlement", "municipality", "neighbourhood", "neighborhood", "suburb",
}  # fmt: skip
# Plural heads that stand for the leaders the article names: "the heads of state", "the
# two presidents", "both leaders" (the persons named, not an unnamed group).
LEADER_NOUNS = {"leader", "president", "premier", "head"}
# Titles of a state's leader: "the Turkmen leader" is the one who holds one of them.
LEADER_TITLES = {"leader", "president", "premier", "prime", "king", "emir", "chancellor"}
# Verbs whose object is an act, not a proposition: the claim is the whole clause.
ACT_VERBS = {"condemn", "welcome", "blame", "accuse", "claim_responsibility", "hail"}
# Nouns that carry what an actor said: "in a statement", "a statement released by X says".
STATEMENT_NOUNS = {
    "statement", "report", "communique", "release", "message", "post", "leaflet",
    "broadcast", "announcement", "briefing", "account", "letter", "tweet", "video",
    "notice", "notification", "bulletin", "circular", "declaration", "memo",
}  # fmt: skip
# A clause object that the speaker rejects or upholds ("denied reports that ...").
PROPOSITION_NOUNS = {
    "report", "claim", "allegation", "accusation", "charge", "news", "rumour", "rumor",
    "suggestion", "assertion", "figure", "toll", "account", "story", "involvement",
    "statement", "speculation",
}  # fmt: skip
# Words that make what is said a denial when they are its predicate: "the claim is false".
FALSITY = {
    "false", "baseless", "groundless", "unfounded", "untrue", "fake", "fabricated",
    "fabrication", "lie", "lies", "propaganda", "nonsense", "misleading", "incorrect",
    "wrong", "fiction", "rumour", "rumor", "concocted", "absurd", "ridiculous", "hoax",
    "preposterous", "bogus",
}  # fmt: skip
# What "there was no ..." reports without denying anything: "there were no casualties".
NEUTRAL_ABSENCE = {
    "casualty", "injury", "damage", "death", "fatality", "responsibility", "claim",
    "comment", "information", "word", "sign", "indication", "report", "confirmation",
    "need", "plan", "timeline", "deadline", "change", "power", "water", "electricity",
}  # fmt: skip
# The verb's complement that turns it into another stance.
COMMENT_WORDS = {"comment", "confirm", "say", "elaborate", "discuss", "speak", "respond"}
NO_KNOWLEDGE_WORDS = {"knowledge", "information", "idea"}  # "had no knowledge of"
DOUBT_NOUNS = {"doubt", "question", "questions"}  # "cast doubt on", "raised questions"
RIVAL_NOUNS = {"account", "version", "figure", "toll", "number", "picture", "story"}
RIVAL_MODIFIERS = {"different", "another", "conflicting", "contradictory", "other", "rival"}

# ---- who speaks -------------------------------------------------------------------------
# Head nouns of phrases that name one unnamed person ("a police official", "the spokesman").
PERSON_NOUNS = {
    "official", "spokesman", "spokeswoman", "spokesperson", "source", "officer",
    "commander", "minister", "president", "leader", "senator", "governor", "ambassador",
    "envoy", "diplomat", "witness", "resident", "doctor", "medic", "survivor", "villager",
    "mediator", "negotiator", "chief", "head", "director", "adviser", "advisor", "secretary",
    "mayor", "lawmaker", "legislator", "deputy", "aide", "analyst", "expert", "relative",
    "trader", "teacher", "journalist", "reporter", "farmer", "driver", "passenger",
    "policeman", "soldier", "colonel", "general", "chairman", "chairwoman", "administrator",
    "prosecutor", "judge", "counterpart", "representative", "premier", "king", "emir",
    "monarch", "ombudsman", "superintendent", "inspector", "worker",
    "member", "man", "woman", "father", "mother", "brother", "sister", "son", "daughter",
}  # fmt: skip
# Plural heads of phrases that name unnamed groups ("Pakistani officials", "army sources").
GROUP_HEADS = {
    "official", "source", "authority", "diplomat", "witness", "resident", "relative",
    "officer", "analyst", "villager", "survivor", "activist", "lawmaker", "medium",
    "media", "report", "group", "force", "troop", "soldier", "militant", "fighter",
    "insurgent", "rebel", "leader", "expert", "observer", "monitor", "doctor", "medic",
    "agency", "service", "minister", "chief", "head", "member", "representative",
    "delegation", "guard", "police", "people", "protester", "demonstrator", "organizer",
    "organiser", "worker", "volunteer", "rescuer", "investigator", "prosecutor",
    "terrorist", "gunman", "jihadist", "islamist", "tribesman", "elder", "commander",
}  # fmt: skip
# Plural heads that stand for states: "both nations said", "the two countries agreed".
STATE_NOUNS = {"nation", "country", "state", "government"}
# Heads of phrases that name organisations ("the army", "the Foreign Ministry").
ORG_NOUNS = {
    "ministry", "office", "service", "agency", "council", "army", "police", "military",
    "force", "front", "brigade", "movement", "party", "committee", "department",
    "directorate", "commission", "bureau", "guard", "corps", "organisation", "organization",
    "union", "group", "authority", "court", "parliament", "assembly", "bank", "company",
    "institute", "network", "militia", "battalion", "command", "league", "alliance",
    "coalition", "association", "federation", "column", "presidency", "government",
    "navy", "mission", "embassy", "consulate", "cabinet", "administration", "kremlin",
    "pentagon", "secretariat", "headquarters", "regime", "junta", "taliban", "state",
    "unit", "division", "wing", "branch", "legislature", "senate", "congress",
    "municipality", "hospital", "university", "foundation", "fund",
    "programme", "program", "centre", "center", "board", "tribunal", "prosecutor",
    "team", "side", "delegation", "camp", "house",
}  # fmt: skip
# Words that make a capitalised name an organisation, not a person ("Al Shabaab" aside,
# which KNOWN_ORGS names).
ORG_NAME_WORDS = {
    "ministry", "office", "service", "services", "agency", "council", "army", "police",
    "force", "forces", "front", "brigade", "brigades", "movement", "party", "committee",
    "department", "directorate", "commission", "bureau", "guard", "corps", "organisation",
    "organization", "union", "group", "authority", "court", "parliament", "assembly", "bank",
    "company", "institute", "network", "militia", "battalion", "command", "league",
    "alliance", "coalition", "association", "federation", "column", "presidency",
    "government", "navy", "community", "mission", "state", "taliban", "intelligence",
    "embassy", "news", "house", "kremlin", "pentagon", "mandated", "led",
    "backed", "linked", "controlled", "based", "affiliated", "allied", "aligned",
}  # fmt: skip
# Pronouns that can stand for an earlier speaker, and what they can stand for.
PRONOUNS: dict[str, str] = {
    "he": "person", "she": "person", "him": "person", "her": "person",
    "they": "many", "it": "one",
}  # fmt: skip

SECTORS = [
    ("spy", r"intelligence|\bspy\b|security service|\bsupo\b|national security"),
    ("cop", r"police|gendarmerie|interior ministry|ministry of interior"),
    (
        "mil",
        r"\barmy\b|military|armed forces|defen[cs]e|navy|air force|soldier|troops|"
        r"border guard|\bforces\b|commander",
    ),
    (
        "reb",
        r"front|brigade|liberation|movement|column|militant|insurgent|rebel|jihad|taliban|"
        r"terrorist|gunmen|fighters",
    ),
    ("igo", r"united nations|\bun\b|community of|union\b|nato|ecowas|league of|mission in"),
    (
        "gov",
        r"ministry|government|presidency|foreign office|cabinet|embassy|minister|authorit|"
        r"governor|president|kremlin|white house|administration|official|spokes",
    ),
    ("med", r"newspaper|news|radio|television|broadcaster|media|report\b|reports\b"),
    ("ngo", r"rights group|charity|red cross|red crescent|amnesty|human rights watch"),
    ("leg", r"senator|lawmaker|parliament|congress|senate|legislat"),
]

# Titles and functions that can stand before or after a person's name.
TITLE_WORDS = {
    "minister", "president", "premier", "spokesman", "spokeswoman", "spokesperson",
    "director", "head", "chief", "commander", "governor", "mayor", "ambassador", "envoy",
    "secretary", "chairman", "chairwoman", "chair", "leader", "general", "colonel",
    "brigadier", "major", "captain", "lieutenant", "superintendent", "inspector",
    "ombudsman", "officer", "official", "senator", "lawmaker", "judge", "prosecutor",
    "counterpart", "adviser", "advisor", "coordinator", "analyst", "trader", "resident",
    "witness", "farmer", "mediator", "negotiator", "deputy", "vice", "acting", "former",
    "senior", "sheikh", "king", "queen", "prince", "emir", "sultan", "cleric", "imam",
    "representative", "administrator", "attorney", "mullah", "marshal", "admiral",
    "sergeant", "corporal", "private", "sister", "brother", "mother", "father", "son",
    "daughter", "wife", "husband", "widow", "relative", "cousin", "uncle", "aunt",
    "doctor", "aide", "delegate", "consul", "chancellor", "speaker", "member",
}  # fmt: skip
RANKS = {
    "brigadier", "general", "colonel", "major", "captain", "lieutenant", "sergeant",
    "col", "gen", "brig", "lt", "maj", "capt", "sgt", "adm", "admiral", "marshal", "cpl",
    "corporal", "commodore", "mr", "mrs", "ms", "dr", "prof", "sheikh", "mullah", "maulana",
    "sir", "dame", "lord", "lady", "hon", "sen", "rep", "gov", "pres", "senator",
}  # fmt: skip

# Well-known organisations: canonical name, aliases, country, sector.
ORGANISATIONS: list[tuple[str, list[str], str | None, str]] = [
    (
        "Islamic State",
        ["IS", "ISIS", "ISIL", "Daesh", "Daish", "Islamic State of Iraq and the Levant"],
        None,
        "reb",
    ),
    ("Taliban", ["Afghan Taliban", "the Taliban"], None, "reb"),
    ("al-Qaeda", ["al Qaeda", "Al-Qaeda", "al-Qaida", "Al Qaeda", "al-Qa'ida"], None, "reb"),
    ("Tehrik-i-Taliban Pakistan", ["TTP", "Pakistani Taliban"], "PK", "reb"),
    ("Inter-Services Intelligence", ["ISI"], "PK", "spy"),
    ("Inter-Services Public Relations", ["ISPR"], "PK", "mil"),
    ("Foreign Intelligence Service of the Russian Federation", ["SVR"], "RU", "spy"),
    ("Federal Security Service of the Russian Federation", ["FSB"], "RU", "spy"),
    ("Central Intelligence Agency", ["CIA"], "US", "spy"),
    ("United States Department of Defense", ["Pentagon", "the Pentagon"], "US", "mil"),
    (
        "United States Department of State",
        ["State Department", "US State Department"],
        "US",
        "gov",
    ),
    ("White House", ["the White House"], "US", "gov"),
    ("Kremlin", ["the Kremlin"], "RU", "gov"),
    ("United Nations", ["UN", "U.N."], None, "igo"),
    ("North Atlantic Treaty Organization", ["NATO"], None, "igo"),
    ("Shanghai Cooperation Organisation", ["SCO"], None, "igo"),
    ("European Union", ["EU"], None, "igo"),
    ("African Union", ["AU"], None, "igo"),
    ("African Union Mission in Somalia", ["AMISOM"], None, "igo"),
    ("Economic Community of West African States", ["ECOWAS"], None, "igo"),
    ("Hezbollah", [], "LB", "reb"),
    ("Hamas", [], "PS", "reb"),
    ("Boko Haram", [], "NG", "reb"),
    (
        "al-Shabaab",
        [
            "Al-Shabaab",
            "al Shabaab",
            "Al Shabaab",
            "al-Shabab",
            "Al-Shabab",
            "al Shabab",
            "Shabaab",
            "Shabab",
        ],
        "SO",
        "reb",
    ),
    ("Houthi movement", ["Houthis", "Houthi", "Ansar Allah", "the Houthis"], "YE", "reb"),
    ("Kurdistan Workers' Party", ["PKK"], None, "reb"),
    ("People's Liberation Army", ["PLA"], "CN", "mil"),
]
# Generic names of government bodies, completed with the country they belong to.
MINISTRY_NAMES = [
    (
        r"(?:the )?(?:foreign (?:office|ministry)|ministry of foreign affairs|"
        r"foreign affairs ministry|mofa|mfa)",
        "Ministry of Foreign Affairs",
    ),
    (
        r"(?:the )?(?:interior ministry|ministry of (?:the )?interior|home ministry|"
        r"ministry of home affairs)",
        "Ministry of Interior",
    ),
    (
        r"(?:the )?(?:defen[cs]e ministry|ministry of (?:national )?defen[cs]e|mod)",
        "Ministry of Defence",
    ),
    (r"(?:the )?(?:justice ministry|ministry of justice)", "Ministry of Justice"),
    (r"(?:the )?(?:health ministry|ministry of (?:public )?health)", "Ministry of Health"),
]

# Collective titles that stand for one participant per country listed after them: "the
# heads of intelligence from Russia, China, Iran and Pakistan".
COLLECTIVE_TITLES: dict[str, tuple[str, str]] = {
    # head noun (plural) + its qualifier -> (kind of actor, sector)
    "intelligence": ("intelligence service", "spy"),
    "spy": ("intelligence service", "spy"),
    "spymaster": ("intelligence service", "spy"),
    "security": ("security officials", "spy"),
    "foreign": ("Foreign Minister", "gov"),
    "defence": ("Defence Minister", "gov"),
    "defense": ("Defence Minister", "gov"),
    "interior": ("Interior Minister", "gov"),
    "army": ("army", "mil"),
    "military": ("military", "mil"),
    "police": ("police", "cop"),
}

# Lemmas of the verbs and nouns of a casualty count, by what they count.
CASUALTY_LEMMAS = {
    "kill": "killed", "die": "killed", "dead": "killed", "death": "killed",
    "wound": "wounded", "injure": "wounded", "hurt": "wounded", "injured": "wounded",
    "wounded": "wounded",
}  # fmt: skip
# Victims named by no more than their number: "8 people killed" and "15 deaths" are rival
# counts of the same dead.
GENERIC_VICTIMS = {"people", "person", "death", "dead", "casualty", "victim", "life"}

# ---- figures (figures.py) ---------------------------------------------------------------
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "a dozen": 12, "dozen": 12,
}  # fmt: skip
QUALIFIERS = [
    ("at_least", r"at least|no fewer than|a minimum of"),
    ("more_than", r"more than|over|upwards of|in excess of"),
    ("at_most", r"up to|at most|nearly|almost|as many as"),
    ("less_than", r"less than|fewer than|under"),
    ("about", r"about|around|some|roughly|approximately|an estimated|estimated|nearly about"),
]
# Words for fighters that the record says neutrally.
UNIT_SYNONYMS = {
    "terrorists": "fighters",
    "militants": "fighters",
    "insurgents": "fighters",
    "jihadists": "fighters",
    "gunmen": "fighters",
    "dead": "killed",
    "deaths": "killed",
    "injured": "wounded",
}
CASUALTY = r"killed|dead|died|wounded|injured|hurt"
