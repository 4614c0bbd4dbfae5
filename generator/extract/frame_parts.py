"""Extraction, attribution (beside attribution.py): the parts of one reporting word in a
parsed sentence: its speaker, what it reports, and who it was told to. Reads the parse only;
never links frames to one another (attribution.py does), never prints."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from generator.extract import lexicon

if TYPE_CHECKING:
    from spacy.tokens import Token

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
_NOBODY = {
    "i",
    "we",
    "you",
    "me",
    "us",
    "this",
    "that",
    "these",
    "those",
    "which",
    "what",
    "who",
    "one",
    "there",
}


@dataclass
class Frame:
    """One reporting word and what hangs on it (tokens of the sentence's parse)."""

    verb: Token
    lemma: str
    stance: str
    speaker: Token | None = None
    relay: Token | None = None  # "X quoted Y as saying": X
    content: list[Token] = field(default_factory=list)
    told: list[Token] = field(default_factory=list)  # "told Reuters", "talking to Dawn.com"
    refers: Token | None = None  # "denied the reports": the noun that refers back
    act: bool = False  # "condemned the strike": the claim is the whole clause
    parent: Frame | None = None
    carrier: bool = False  # "Press TV reports that X said ...": only carries an inner frame
    special: bool = False  # "was not aware", "had no comment": a stance, not a reporting verb
    quoted: bool = False  # the reporting word stands inside a quotation

    @property
    def start(self) -> int:
        return min([self.verb.i, *(t.i for t in self.content)])


def _forms() -> dict[str, str]:
    """Surface forms of the reporting verbs (the tagger can miss "confirming", "reports")."""
    table: dict[str, str] = {}
    for lemma in lexicon.REPORTING_VERBS:
        stem = lemma[:-1] if lemma.endswith("e") else lemma
        for form in (lemma, f"{lemma}s", f"{stem}ed", f"{stem}ing", f"{lemma}d"):
            table.setdefault(form, lemma)
    table |= {"said": "say", "says": "say", "told": "tell", "wrote": "write",
              "denies": "deny", "denied": "deny", "quoting": "quote", "citing": "cite",
              "says:": "say"}  # fmt: skip
    return table


FORMS = _forms()


def reporting_lemma(token: Token) -> str | None:
    lemma = token.lemma_.lower()
    if lemma in lexicon.REPORTING_VERBS and token.pos_ in ("VERB", "AUX"):
        return lemma
    form = FORMS.get(token.lower_)
    if form and (
        token.pos_ in ("VERB", "AUX")
        or (
            token.dep_ in ("ROOT", "appos", "acl", "advcl", "conj", "ccomp", "relcl")
            and any(c.dep_ in ("ccomp", "nsubj", "prep", "dobj", "xcomp") for c in token.children)
        )
    ):
        if token.dep_ in ("amod", "compound", "nsubj", "dobj", "pobj"):
            return None
        return form
    return None


def clause(token: Token, *, skip: set[int] | None = None) -> list[Token]:
    """The tokens of a clause, without its leading "that" and edge punctuation."""
    skip = set(skip or ())
    for word in token.subtree:  # "that it struck a camp ... as false": the verdict is not said
        if word.lower_ == "as" and any(
            w.lemma_.lower() in lexicon.FALSITY or w.lower_ in lexicon.FALSITY for w in word.subtree
        ):
            skip |= {w.i for w in word.subtree}
    tokens = [t for t in token.subtree if t.i not in skip]
    while tokens and ((tokens[0].dep_ == "mark" and tokens[0].lower_ in ("that", "whether"))
                      or (tokens[0].is_punct and tokens[0].text != '"')):  # fmt: skip
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct and tokens[-1].text not in ('"', ")"):
        tokens = tokens[:-1]
    return tokens


def subject_of(verb: Token) -> Token | None:
    """The subject of a verb, or of the verb it continues ("claimed ..., saying", "and said")."""
    seen = 0
    token = verb
    while seen < 6:
        seen += 1
        subjects = [c for c in token.children if c.dep_ in SUBJECTS]
        if len(subjects) > 1:
            # "the head of the health department Dr Abdel-Ilah al-Azzi said": two subjects
            # for one speaker, a title and a name; the name speaks
            named = [s for s in subjects if s.pos_ == "PROPN"]
            return named[0] if named else subjects[0]
        if subjects:
            return subjects[0]
        agents = [c for c in token.children if c.dep_ == "agent"]
        if agents and any(c.dep_ == "auxpass" for c in token.children):
            objects = [c for c in agents[0].children if c.dep_ == "pobj"]
            return objects[0] if objects else None
        if token.dep_ in ("acl", "appos", "relcl") and token.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return token.head
        if token.dep_ in ("advcl", "xcomp", "conj", "pcomp", "ccomp") and token.head != token:
            if token.dep_ == "ccomp" and token.tag_ != "VBG":
                return None
            token = token.head
            if token.dep_ == "prep":
                token = token.head
            continue
        return None
    return None


def content_of(verb: Token, lemma: str) -> tuple[list[Token], Token | None, bool]:
    """What the verb reports: (clause tokens, a noun that refers back, the clause is an act)."""
    children = list(verb.children)
    for child in children:
        if child.dep_ == "ccomp" or (child.dep_ == "parataxis" and child.i < verb.i):
            return clause(child), None, False
    for child in children:  # "quoted X as saying that ..."
        if child.dep_ == "prep" and child.lower_ == "as":
            for pcomp in child.children:
                if pcomp.dep_ == "pcomp" and FORMS.get(pcomp.lower_):
                    inner = [c for c in pcomp.children if c.dep_ in ("ccomp", "xcomp", "dobj")]
                    if inner:
                        return clause(inner[0]), None, False
    if lemma in ("call", "appeal", "press") and any(
        c.dep_ == "prep" and c.lower_ == "for" for c in children
    ):
        return [], None, True  # "called for restraint": an appeal, the clause is the claim
    for child in children:
        if child.dep_ == "xcomp" and lemma in ("claim", "say", "deny", "insist", "allege"):
            return clause(child), None, lemma == "claim"
    for prep in (c for c in children if c.dep_ == "prep" and c.lower_ in ("as", "of", "about")):
        for noun in (c for c in prep.children if c.dep_ == "pobj"):
            # "rejected as baseless claims that ...": the claims' clause is what is rejected
            if noun.lemma_.lower() in lexicon.PROPOSITION_NOUNS:
                for inner in noun.children:
                    if inner.dep_ in ("acl", "ccomp") and inner.pos_ in ("VERB", "AUX"):
                        return clause(inner), None, False
    for child in children:
        if child.dep_ != "dobj":
            continue
        noun = child.lemma_.lower()
        if lemma == "claim" and noun == "responsibility":
            return [], None, True
        if lemma == "express":
            if noun not in lexicon.ATTITUDE_NOUNS:
                return [], None, False  # "expressed condolences": no statement
            for inner in child.children:  # "expressed hope that the talks resume"
                if inner.dep_ in ("acl", "ccomp") and inner.pos_ in ("VERB", "AUX"):
                    return clause(inner), None, False
            return [], None, True  # "expressed concern over the attacks": the clause
        if noun in lexicon.PROPOSITION_NOUNS:
            for inner in child.children:
                if inner.dep_ in ("acl", "ccomp", "relcl") and inner.pos_ in ("VERB", "AUX"):
                    mark = [c for c in inner.children if c.dep_ in ("mark",) or c.lower_ == "that"]
                    if mark or inner.dep_ == "ccomp" or inner.dep_ == "acl":
                        return clause(inner), None, False
            if lexicon.REPORTING_VERBS.get(lemma, "asserts") in ("asserts", "relay"):
                return [], None, True  # "put the toll at 14 dead": says the figure itself
            return [], child, False  # "rejected these reports": refers to an earlier claim
        if lemma in lexicon.ACT_VERBS or lemma in ("confirm", "deny", "reject", "dispute",
                                                   "acknowledge", "admit", "contest"):  # fmt: skip
            return [], child, lemma in lexicon.ACT_VERBS
    objects_of = [c for c in children if c.dep_ in ("dobj", "attr", "acomp")]
    for child in [*children, *(g for o in objects_of for g in o.children)]:
        # "confirming of the meeting", "commented on the report", "ignorance about X"
        if child.dep_ == "prep" and child.lower_ in ("of", "on", "about", "regarding"):
            objects = [
                c
                for c in child.children
                if c.dep_ == "pobj" and c.ent_type_ not in ("DATE", "TIME")
            ]
            if objects:
                return [], objects[0], False
    return [], None, False


def trailing_speaker(frame: Frame) -> None:
    """ "..., the city's mayor, Ines Carvallo, said.": when the parser hangs the speaker on
    the clause before, the phrase right before a sentence-final verb speaks."""
    verb = frame.verb
    after = [t for t in verb.doc[verb.i + 1 :] if not t.is_punct]
    before = [t for t in verb.doc[: verb.i] if not t.is_punct]
    if after or not before or before[-1].pos_ not in ("NOUN", "PROPN"):
        return
    head = before[-1]
    while head.dep_ in ("appos", "compound", "flat") and head.head.i < head.i:
        head = head.head
    start = min(t.i for t in head.subtree)
    frame.speaker = head
    frame.content = [t for t in verb.doc[:start] if not (t.is_punct and t.text != '"')]


def content_roots(tokens: list[Token]) -> list[Token]:
    """The heads of a clause's tokens (its verb, and verbs joined to it by "and")."""
    inside = {t.i for t in tokens}
    roots = [t for t in tokens if t.head.i not in inside or t.head == t]
    return roots + [c for r in roots for c in r.conjuncts if c.i in inside]


def antecedent(speaker: Token, verb: Token) -> Token:
    """ "the group X, which also says ...": the speaker of a relative clause is the noun
    the clause describes, not "which"."""
    clause = verb
    while clause.dep_ == "conj" and clause.head is not clause:
        clause = clause.head
    if speaker.tag_ in ("WDT", "WP") and clause.dep_ == "relcl":
        return clause.head
    return speaker


def is_nobody(token: Token | None) -> bool:
    """A speaker that is no actor: "we can say", "this is to clarify", "you"."""
    if token is None:
        return False
    none = any(c.dep_ == "det" and c.lower_ in ("no", "neither") for c in token.children)
    # "How many ways are there to say no?": a question, nobody speaks
    asked = any(t.tag_ in ("WRB", "WDT", "WP") for t in token.subtree if t.i < token.i)
    return token.lower_ in _NOBODY or none or asked  # "No group has claimed responsibility"


def has_quote_nearby(token: Token) -> bool:
    """A quotation in the sentence, and the verb outside it ('X called it "a lie"')."""
    marks = [t.i for t in token.doc if t.text in ('"', "''", "``")]
    return bool(marks) and sum(1 for i in marks if i < token.i) % 2 == 0


def told_to(verb: Token) -> list[Token]:
    """Who the words were given to: "told Reuters", "talking to Dawn.com", "by the station"."""
    told: list[Token] = []
    for child in verb.children:
        if child.dep_ in ("dative", "dobj", "iobj") and verb.lemma_.lower() in ("tell", "quote"):
            told.append(child)
        if child.dep_ in ("prep", "agent") and child.lower_ in ("to", "with", "by", "on", "in"):
            objects = [c for c in child.children if c.dep_ == "pobj"]
            told += objects
            for obj in objects:  # "in an interview with Al Jazeera"
                if obj.lemma_.lower() in ("interview", "conversation", "call", "remark"):
                    told += [
                        g for p in obj.children if p.dep_ == "prep" and p.lower_ in ("with", "to")
                        for g in p.children if g.dep_ == "pobj"
                    ]  # fmt: skip
        if child.dep_ == "advcl":  # "when contacted by Fjordposten"
            for sub in child.children:
                if sub.dep_ in ("agent", "prep") and sub.lower_ in ("by", "to", "with"):
                    told += [c for c in sub.children if c.dep_ == "pobj"]
        if child.dep_ in ("advcl", "xcomp") and child.lemma_.lower() in ("talk", "speak"):
            for sub in child.children:
                if sub.dep_ == "prep":
                    told += [c for c in sub.children if c.dep_ == "pobj"]
    return told
