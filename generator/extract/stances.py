"""Extraction: the stance of a statement, from its reporting verb, the verb's negation and
object, and what is said ("denied", "declined to comment", "termed the claims false",
"the report is baseless", "there have been no clashes"). The words are data in lexicon.py.

Returns None when the words report no statement ("has not yet commented").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.extract import lexicon

if TYPE_CHECKING:
    from spacy.tokens import Token

_MODALS_OF_REFUSAL = {"would", "will", "did", "does", "do", "wo"}
_MODALS_OF_INABILITY = {"could", "can", "ca"}


def negated(verb: Token) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in ("never",) for c in verb.children)


def _aux(verb: Token) -> set[str]:
    return {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}


def _falsity(tokens: list[Token]) -> bool:
    return any(t.lemma_.lower() in lexicon.FALSITY or t.lower_ in lexicon.FALSITY for t in tokens)


def verb_stance(verb: Token, lemma: str) -> str | None:
    """The stance the reporting word itself gives (None: no statement is reported)."""
    base = lexicon.REPORTING_VERBS.get(lemma, "asserts")
    base = "asserts" if base == "relay" else base
    if lemma in ("decline", "refuse", "fail"):
        return "declines_comment"
    if negated(verb):
        aux = _aux(verb)
        if lemma in ("confirm", "comment", "say", "verify", "elaborate"):
            if aux & _MODALS_OF_INABILITY:
                return "no_knowledge"
            if aux & _MODALS_OF_REFUSAL:
                return "declines_comment"
            return None  # "has not (yet) confirmed": nothing said
        if lemma == "deny":
            return "asserts"
        return None if base == "asserts" and lemma in ("say", "tell") else base
    if lemma == "comment":
        return "asserts"
    if lemma == "deny" and _withholds(verb):
        return None  # "denying sanctuary to terrorists": refusing them something, no denial
    objects = [c for c in verb.children if c.dep_ in ("oprd", "acomp", "xcomp")]
    objects += [c for c in verb.children if c.dep_ == "advcl" and c.pos_ in ("ADJ", "NOUN")]
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"):
        objects += list(prep.subtree)
    for obj in (c for c in verb.children if c.dep_ == "dobj"):
        objects += [t for t in obj.subtree if t.dep_ in ("amod", "oprd", "acomp", "attr")]
        objects += [t for t in obj.children if t.dep_ == "prep" and t.lower_ == "as"]
        naming = lemma in ("call", "term", "label", "brand", "describe", "dismiss")
        if naming or (lemma == "say" and len([c for c in verb.children if c.dep_ == "dobj"]) > 1):
            objects += list(obj.subtree)  # "termed the allegations propaganda", "said it a fake"
    if objects and _falsity([t for o in objects for t in o.subtree]):
        return "denies"
    if lemma == "dismiss" and any(
        c.dep_ == "dobj" and c.lemma_.lower() in lexicon.PROPOSITION_NOUNS for c in verb.children
    ):
        return "denies"  # "dismissed the accounts": they are false (a deal dismissed: disputes)
    return base


def _withholds(verb: Token) -> bool:
    """ "deny sanctuary to terrorists", "denied them entry": something refused to someone."""
    children = list(verb.children)
    if any(c.dep_ == "dative" for c in children):
        return True
    has_object = any(c.dep_ == "dobj" for c in children)
    return has_object and any(c.dep_ == "prep" and c.lower_ == "to" for c in children)


def special_stance(verb: Token) -> str | None:
    """Words that are not reporting verbs but report a stance ("expressed ignorance",
    "cast doubt", "gave a different account", "have no comment")."""
    lemma = verb.lemma_.lower()
    objects = [c for c in verb.children if c.dep_ in ("dobj", "attr", "acomp")]
    neg = negated(verb) or any(
        c.dep_ in ("preconj",) and c.lower_ == "neither"
        for s in verb.children if s.dep_ == "nsubj" for c in s.children
    )  # fmt: skip
    for obj in objects:
        word = obj.lemma_.lower()
        no = neg or any(c.lower_ in ("no", "nothing") for c in obj.children) or word == "nothing"
        if lemma == "express" and word in ("ignorance", "unawareness"):
            return "no_knowledge"
        if lemma == "know" and (word == "nothing" or no):
            return "no_knowledge"
        if lemma == "be" and (word == "unaware" or (word == "aware" and neg)):
            return "no_knowledge"
        if lemma == "have" and word in lexicon.NO_KNOWLEDGE_WORDS and no:
            return "no_knowledge"
        if lemma == "have" and word == "comment" and no:
            return "declines_comment"
        if lemma in ("cast", "raise", "throw") and word in lexicon.DOUBT_NOUNS:
            return "disputes"
        rival = any(c.lower_ in lexicon.RIVAL_MODIFIERS for c in obj.children)
        if (
            lemma in ("give", "offer", "present", "provide")
            and word in lexicon.RIVAL_NOUNS
            and rival
        ):
            return "disputes"
    if neg and lemma in ("respond", "reply", "reach", "answer", "return"):
        # "did not respond to a request for comment", "could not be reached for comment"
        words = {t.lemma_.lower() for c in verb.children if c.dep_ == "prep" for t in c.subtree}
        if words & {"request", "comment", "call", "query", "message"}:
            return "declines_comment"
    if lemma == "comment" and neg:
        aux = _aux(verb)
        return "declines_comment" if aux & _MODALS_OF_REFUSAL or not aux else None
    return None


def content_stance(tokens: list[Token], stance: str) -> str:
    """What is said can make a plain statement a denial: "the claim is false", "there have
    been no clashes", "this was totally a fake news", "this is to clarify that there is no
    face-off"; or a confirmation: "U.S. forces did conduct one airstrike"."""
    if stance not in ("asserts", "confirms") or not tokens:
        return stance
    inside = {t.i for t in tokens}
    roots = [t for t in tokens if t.head.i not in inside or t.head == t]
    for root in roots:
        own = _first_person_stance(root)
        if own is not None:
            return own  # '"I have no comment," he said', '"We know nothing about it"'
        emphatic = [c for c in root.children if c.dep_ == "aux" and c.lemma_ == "do"]
        if emphatic and not negated(root) and root.tag_ == "VB" and stance == "asserts":
            return "confirms"
        said = lexicon.REPORTING_VERBS.get(root.lemma_.lower())
        if said == "denies" and not negated(root):
            return "denies"  # '"X denied that ...," it said': the speaker denies too
        if any(_denial(clause) for clause in _clauses(root)):
            return "denies"
        if stance == "asserts" and any(_above_the_record(c) for c in _clauses(root)):
            return "disputes"
    return stance


def _first_person_stance(root: Token) -> str | None:
    """The speaker's own refusal or ignorance: said in the first person ("I have no
    comment"), or of a pronoun or a definite subject, the speaker or its side ("it has no
    information", '"The agency has no information," she said')."""
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects:
        return None
    subject = subjects[0]
    own = subject.lower_ in ("i", "we")
    side = (
        own
        or subject.lower_ in ("he", "she", "it", "they")
        or (subject.pos_ in ("NOUN", "PROPN") and any(c.lower_ == "the" for c in subject.children))
    )
    if not side:
        return None
    lemma = root.lemma_.lower()
    comment = [c for c in root.children if c.dep_ == "xcomp" and c.lemma_ in ("comment", "say")]
    if lemma in ("decline", "refuse") and comment and own:
        return "declines_comment"  # "I decline to comment"
    refusal = negated(root) and _aux(root) & _MODALS_OF_REFUSAL
    if own and refusal and lemma in lexicon.COMMENT_WORDS | {"react"}:
        return "declines_comment"  # "I wouldn't react to that", "we will not comment"
    for obj in (c for c in root.children if c.dep_ == "dobj" and c.lower_ == "nothing"):
        if lemma == "have" and own and any(c.lemma_ == "add" for c in obj.children):
            return "declines_comment"  # "We have nothing to add"
    found = special_stance(root)
    if found == "no_knowledge" or (found == "declines_comment" and own):
        return found
    if own and negated(root) and _did_it(root):
        return "denies"  # "We did not carry out this attack", "we were not involved"
    return None


def _did_it(root: Token) -> bool:
    """ "carried out the attack", "were involved": the act the speaker is said to have done."""
    if root.lemma_.lower() in lexicon.INVOLVEMENT_WORDS:
        return True
    for child in root.children:
        if child.dep_ in ("acomp", "attr") and child.lemma_.lower() in lexicon.INVOLVEMENT_WORDS:
            return True
        if child.dep_ == "dobj" and child.lemma_.lower() in lexicon.ACT_NOUNS:
            return True
    return False


def _above_the_record(root: Token) -> bool:
    """ "the number of casualties is higher than reported": a figure above (or below) the
    one on record is a rival account."""
    for comp in (c for c in root.children if c.dep_ in ("acomp", "attr", "advmod")):
        if comp.tag_ not in ("JJR", "RBR"):
            continue
        than = [t for t in comp.subtree if t.lower_ == "than"]
        said = {t.lemma_.lower() for t in comp.subtree if t.i > comp.i}
        if than and said & {"report", "official", "claim", "announce", "state", "say"}:
            return True
    return False


def _clauses(root: Token, depth: int = 2) -> list[Token]:
    """A clause and the clauses it embeds ("is to clarify that there is no ...")."""
    found = [root]
    if depth:
        for child in root.children:
            if child.dep_ in ("xcomp", "ccomp") and child.pos_ in ("VERB", "AUX"):
                found += _clauses(child, depth - 1)
    return found


def _denial(root: Token) -> bool:
    if root.lemma_ != "be" and root.pos_ not in ("VERB", "AUX"):
        return False
    for comp in (c for c in root.children if c.dep_ in ("acomp", "attr", "oprd")):
        if _falsity([comp, *(c for c in comp.children if c.dep_ in ("amod", "compound"))]):
            return True  # "the claim is false", "a fake news"
        existential = root.lemma_ == "be" and any(c.dep_ == "expl" for c in root.children)
        neutral = comp.lemma_.lower() in lexicon.NEUTRAL_ABSENCE or any(
            c.lower_ in ("immediate", "further", "other") for c in comp.children
        )  # "there were no casualties", "no immediate claim of responsibility"
        if existential and not neutral and any(c.lower_ == "no" for c in comp.children):
            return True  # "there have been no clashes"
    return root.lemma_ == "have" and any(
        c.dep_ == "dobj" and c.lower_ == "basis" and any(g.lower_ == "no" for g in c.children)
        for c in root.children
    )  # "these claims have no basis"
