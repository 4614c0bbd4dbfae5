"""Extraction vocabularies: reporting verbs and the stances they carry, titles, words that
make a name an organisation, well-known organisations with their aliases, number words.

Plain data; the rules that use it live in the other modules of this package.
"""

from __future__ import annotations

import re

# Reporting verbs by the stance they give a statement (checked in this order).
STANCE_CUES: list[tuple[str, str]] = [
    (
        "declines_comment",
        r"declined to (?:comment|confirm|say|give details)|refused to comment|would not "
        r"(?:comment|confirm)|could not be reached for comment|did not respond to (?:a )?"
        r"requests? for comment|declined (?:to be drawn|comment)|no comment",
    ),
    (
        "no_knowledge",
        r"expressed ignorance|(?:was|were|is|are) (?:not aware|unaware)|had no (?:knowledge|"
        r"information)|knew nothing|could not confirm|was not informed|said (?:he|she|they) "
        r"(?:did not|didn't) know",
    ),
    (
        "denies",
        r"\bden(?:ied|ies|y|ying)\b|\brejected (?:the |these |such )?(?:reports?|claims?|"
        r"allegations?|accusations?)|\brefuted\b|called (?:the |these |such )?(?:reports?|"
        r"claims?|allegations?|accusations?)|\bbaseless\b|\bgroundless\b|\bfabricat",
    ),
    (
        "disputes",
        r"\bdisput(?:ed|es|ing)\b|\bquestion(?:ed|ing)\b|\bcontest(?:ed|ing)\b|\bdismiss(?:ed|"
        r"ing|es)\b|\bchalleng(?:ed|ing)\b|cast doubt|\bcontradict(?:ed|ing|s)\b",
    ),
    ("confirms", r"\bconfirm(?:ed|s|ing)?\b|\backnowledg(?:ed|es|ing)\b|\bverified\b"),
]

# Verbs that introduce what a speaker said (any stance); past, present and participles.
REPORTING = (
    r"said|says|say|saying|told|tells|added|adding|announced|stated|reported|reports|"
    r"claimed|claims|confirmed|confirms|confirming|denied|denies|denying|disputed|disputes|"
    r"questioned|rejected|dismissed|insisted|warned|noted|revealed|disclosed|wrote|quoted|"
    r"quoting|cited|citing|expressed ignorance|declined to comment|declined to confirm|"
    r"refused to comment|acknowledged|admitted|estimated|put the toll at|blamed|accused|"
    r"condemned|welcomed|alleged|asserted|maintained|argued|explained|writes|according to"
)
REPORTING_RE = re.compile(rf"\b(?:{REPORTING})\b")

# Titles and functions that can stand before or after a person's name.
POSITIONS = (
    r"(?:deputy |vice |acting |former |senior |chief |regional |local |provincial |district |"
    r"interim )*(?:(?:prime |foreign |defen[cs]e |interior |justice |finance |home |health |"
    r"information |security )?minister|president|prime minister|spokes(?:person|man|woman)|"
    r"director(?: general)?|head|chief|commander|governor|mayor|ambassador|envoy|secretary"
    r"(?: general)?|chairman|chairwoman|chair|leader|general|colonel|brigadier|major|captain|"
    r"lieutenant|superintendent|inspector(?: general)?|ombudsman|officer|official|senator|"
    r"lawmaker|judge|prosecutor|counterpart|adviser|advisor|coordinator|analyst|trader|"
    r"resident|witness|farmer|mediator|negotiator)"
)
HONORIFICS = r"(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Capt|Brig|Adm|Sgt|Prof)\.?"

# A capitalised name containing one of these words names an organisation.
ORG_WORDS = {
    "ministry", "office", "service", "services", "agency", "council", "army", "police",
    "force", "forces", "front", "brigade", "brigades", "movement", "party", "committee",
    "department", "directorate", "commission", "bureau", "guard", "corps", "organisation",
    "organization", "union", "group", "authority", "court", "parliament", "assembly", "bank",
    "company", "institute", "network", "militia", "battalion", "command", "league",
    "alliance", "coalition", "association", "federation", "column", "presidency",
    "government", "navy", "community", "mission", "state", "taliban", "intelligence",
}  # fmt: skip
SECTOR_WORDS = [
    ("spy", r"intelligence|\bspy\b|security service|\bsupo\b"),
    ("cop", r"police|gendarmerie|interior ministry|ministry of interior"),
    ("mil", r"\barmy\b|military|armed forces|defen[cs]e|navy|air force|soldier|troops"),
    ("reb", r"front|brigade|liberation|movement|column|militant|insurgent|rebel|jihad|guard"),
    ("igo", r"united nations|\bun\b|community of|union\b|nato|ecowas|league of"),
    ("gov", r"ministry|government|presidency|foreign office|cabinet|embassy|minister"),
    ("med", r"newspaper|news|radio|television|broadcaster"),
]
# Well-known organisations: canonical name, aliases, country, sector.
KNOWN_ORGS: list[tuple[str, list[str], str | None, str]] = [
    (
        "Islamic State",
        ["IS", "ISIS", "ISIL", "Daesh", "Daish", "Islamic State of Iraq and the Levant"],
        None,
        "reb",
    ),
    ("Taliban", ["Afghan Taliban"], None, "reb"),
    ("al-Qaeda", ["al Qaeda", "Al-Qaeda", "al-Qaida"], None, "reb"),
    ("Tehrik-i-Taliban Pakistan", ["TTP", "Pakistani Taliban"], "PK", "reb"),
    ("Inter-Services Intelligence", ["ISI"], "PK", "spy"),
    ("Foreign Intelligence Service of the Russian Federation", ["SVR"], "RU", "spy"),
    ("Federal Security Service of the Russian Federation", ["FSB"], "RU", "spy"),
    ("Central Intelligence Agency", ["CIA"], "US", "spy"),
    ("United Nations", ["UN", "U.N."], None, "igo"),
    ("North Atlantic Treaty Organization", ["NATO"], None, "igo"),
    ("Shanghai Cooperation Organisation", ["SCO"], None, "igo"),
    ("European Union", ["EU"], None, "igo"),
    ("African Union", ["AU"], None, "igo"),
    ("Hezbollah", [], "LB", "reb"),
    ("Hamas", [], "PS", "reb"),
    ("Boko Haram", [], "NG", "reb"),
    ("al-Shabaab", ["Al-Shabaab", "al Shabaab"], "SO", "reb"),
]
# Generic names of government bodies, completed with the country they belong to.
MINISTRIES = [
    (r"foreign (?:office|ministry)|ministry of foreign affairs", "Ministry of Foreign Affairs"),
    (r"interior ministry|ministry of (?:the )?interior|home ministry", "Ministry of Interior"),
    (r"defen[cs]e ministry|ministry of defen[cs]e", "Ministry of Defence"),
    (r"justice ministry|ministry of justice", "Ministry of Justice"),
]
FOREIGN_SERVICE = re.compile(r"^Foreign Intelligence Service$")

# Unnamed speakers: "unnamed officials", "its sources", "relatives of the victims".
GROUP_NOUNS = (
    r"officials|sources|diplomats|witnesses|residents|relatives|officers|analysts|"
    r"villagers|survivors|activists|lawmakers|security officials"
)
SINGLE_UNNAMED = (
    r"official|source|diplomat|witness|resident|spokes(?:person|man|woman)|survivor|mediator|"
    r"negotiator|doctor|medic|villager|passenger|trader|relative|teacher|journalist"
)

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
