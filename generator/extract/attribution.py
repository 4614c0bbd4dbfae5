"""Extraction, attribution: the frames of a parsed sentence and how they nest (the parts of
each frame are frame_parts.py's). Only the parse decides; never prints, never resolves names.

Each reporting word ("said", "denied", "according to", "declined to comment", "quoting")
gives a frame: its speaker (the verb's subject, the object of "quoted X as saying", the X of
"according to X"), what is said (the verb's clause, a quotation, or an earlier claim it
refers to) and the outlet it was told to. The vocabularies are lexicon.py's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.extract import lexicon, stances
from generator.extract.frame_parts import (
    SUBJECTS,
    Frame,
    antecedent,
    clause,
    content_of,
    content_roots,
    has_quote_nearby,
    is_nobody,
    reporting_lemma,
    subject_of,
    told_to,
    trailing_speaker,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_CONTRASTS = {"while", "whereas", "although", "though", "but"}


def frames(doc: Doc, quoted: set[int] | None = None) -> list[Frame]:
    """The frames of a parsed sentence, outer ones first; inner frames know their parent.
    `quoted`: the tokens inside quotation marks."""
    quoted = quoted or set()
    found: dict[int, Frame] = {}
    for token in doc:
        frame = _frame(token)
        if frame is not None and frame.speaker is not None:
            frame.speaker = antecedent(frame.speaker, frame.verb)
        if frame is not None and not is_nobody(frame.speaker):
            frame.quoted = token.i in quoted
            found[token.i] = frame
    ordered = sorted(found.values(), key=lambda f: f.verb.i)
    for frame in ordered:
        # The nearest frame above this one in the tree carries it (the outlet, the relay).
        head = frame.verb
        for _ in range(12):
            if head.head == head:
                break
            head = head.head
            if head.i in found and found[head.i] is not frame:
                parent = found[head.i]
                inside = {t.i for t in parent.content} | (
                    {parent.speaker.i} | {t.i for t in parent.speaker.subtree}
                    if parent.speaker is not None
                    else set()
                )
                participle = frame.lemma in ("quote", "cite") and frame.verb.dep_ in (
                    "acl", "advcl", "appos"
                )  # fmt: skip
                if frame.verb.i in inside or parent.lemma in ("quote", "cite") or participle:
                    frame.parent = parent
                break
    for frame in ordered:
        # "..., said an official, according to Reuters": the outlet carries the official's
        # words (the parser hangs "according" on "said", so the tree gives no parent).
        if frame.lemma != "according" or frame.parent is not None:
            continue
        inside = {t.i for t in frame.content}
        inner = [
            f for f in ordered
            if f is not frame and f.parent is None and f.speaker is not None
            and f.verb.i in inside and f.verb.i == frame.verb.head.i
        ]  # fmt: skip
        for other in inner:
            other.parent, frame.carrier = frame, True
    for frame in ordered:
        parent = frame.parent
        own = any(c.dep_ in SUBJECTS for c in frame.verb.children)
        if parent is not None and frame.verb.dep_ == "conj" and not own and parent.speaker:
            # "The ministry said that no aircraft had operated and called the reports false":
            # the second verb is the speaker's, whatever clause the parser hung it on.
            cut = {t.i for t in frame.verb.subtree} | {
                c.i for c in frame.verb.head.children if c.dep_ == "cc" and c.i < frame.verb.i
            }
            parent.content = [t for t in parent.content if t.i not in cut]
            frame.speaker, frame.parent = parent.speaker, None
    for frame in ordered:
        # "X said A, while Y put the toll at B": Y's words are not X's
        parent = frame.parent
        marks = {c.lower_ for c in frame.verb.children if c.dep_ == "mark"}
        if parent is not None and frame.verb.dep_ == "advcl" and marks & _CONTRASTS:
            cut = {t.i for t in frame.verb.subtree}
            parent.content = [t for t in parent.content if t.i not in cut]
            frame.parent = None
    for frame in ordered:
        # "The army claims X, but residents maintain Y": a rival account of the same thing
        head = found.get(frame.verb.head.i)
        if _rival_account(frame, head):
            frame.stance = "disputes"
    for frame in list(ordered):
        parent = frame.parent
        if parent is None or (frame.quoted and not parent.quoted):
            continue  # words inside a quotation are the quoted speaker's
        if frame.special and frame.verb in content_roots(parent.content):
            # "said the army was not aware of any agreement": the speaker's own stance
            if parent.stance == "asserts":
                parent.stance = frame.stance
            if _named_other(frame, parent):
                frame.parent = None  # "Peskov said the Kremlin does not comment": both
            else:
                ordered.remove(frame)
        elif frame.verb in content_roots(parent.content) or not parent.content:
            parent.carrier = True  # "Press TV reports that X said ...": X speaks
        elif frame.lemma == "according" and frame.verb.head in content_roots(parent.content):
            parent.carrier = True  # "he informed that according to a notice from X, ..."
    return ordered


def _named_other(frame: Frame, parent: Frame) -> bool:
    """The inner speaker is a name other than the outer one's ("the Kremlin"; not "the
    army", which the spokesman speaks for)."""
    inner, outer = frame.speaker, parent.speaker
    if inner is None or outer is None or inner.pos_ != "PROPN":
        return False
    return inner.lemma_.lower() != outer.lemma_.lower()


def _rival_account(frame: Frame, head: Frame | None) -> bool:
    """A second speaker's account joined to the first's by "but" or "while"."""
    if head is None or frame.verb.dep_ != "conj" or frame.stance != "asserts":
        return False
    if frame.speaker is None or head.speaker is None or frame.speaker == head.speaker:
        return False
    if head.stance not in ("asserts", "confirms") or not frame.content or not head.content:
        return False
    joints = {c.lower_ for c in head.verb.children if c.dep_ == "cc" and c.i < frame.verb.i}
    return bool(joints & {"but", "yet", "whereas", "while"})


def _frame(token: Token) -> Frame | None:
    if token.lower_ == "according":
        return _according(token)
    special = stances.special_stance(token) if token.pos_ in ("VERB", "AUX") else None
    lemma = reporting_lemma(token)
    if special and lexicon.REPORTING_VERBS.get(lemma or "", "asserts") == "asserts":
        lemma = None  # "expressed ignorance": the stance is the object's
    if special and lemma is None:
        speaker = subject_of(token)
        if speaker is None:
            return None
        frame = Frame(token, token.lemma_.lower(), special, speaker, special=True)
        frame.content, frame.refers, _ = content_of(token, token.lemma_.lower())
        frame.told = told_to(token)
        return frame
    if lemma is None:
        if token.lemma_.lower() in ("decline", "refuse") and any(
            c.dep_ == "xcomp" and c.lemma_.lower() in lexicon.COMMENT_WORDS for c in token.children
        ):
            speaker = subject_of(token)
            if speaker is None:
                return None
            frame = Frame(token, token.lemma_.lower(), "declines_comment", speaker)
            xcomp = next(c for c in token.children if c.dep_ == "xcomp")
            frame.content, frame.refers, _ = content_of(xcomp, xcomp.lemma_.lower())
            frame.told = told_to(token) + told_to(xcomp)
            return frame
        return None
    if token.dep_ == "acl" and token.tag_ == "VBN":
        return None  # "a statement posted on SPA": describes the statement, says nothing
    bare_participle = not any(c.dep_ in ("aux", "auxpass", "nsubj") for c in token.children)
    if token.dep_ == "advcl" and token.tag_ == "VBN" and bare_participle and lemma != "quote":
        return None  # "Asked about the flights, the spokesman said": he was asked
    if token.dep_ == "xcomp" and token.head.lemma_.lower() in ("decline", "refuse"):
        return None  # the "declined" frame covers it
    if token.dep_ == "pcomp" and token.head.lower_ == "as":
        return None  # "quoted X as saying": the quoting frame covers it
    passive = any(c.dep_ == "auxpass" for c in token.children)
    stance = stances.verb_stance(token, lemma)
    if stance is None:
        return None
    frame = Frame(token, lemma, stance)
    if lemma in ("quote", "cite"):
        return _relay(frame, passive)
    if passive and lemma not in ("quote",):
        agents = [c for c in token.children if c.dep_ == "agent"]
        objects = [c for a in agents for c in a.children if c.dep_ == "pobj"]
        if not objects:
            return None  # "the claim could not be confirmed": nobody speaks
        frame.speaker = objects[0]
    else:
        frame.speaker = subject_of(token)
    frame.content, frame.refers, frame.act = content_of(token, lemma)
    said = frame.content or frame.refers or frame.act
    if lemma in lexicon.NEEDS_CONTENT and not said and not has_quote_nearby(token):
        return None
    if lemma == "comment" and not frame.content and not has_quote_nearby(token):
        return None  # "commented on the report": said something, but not what
    if frame.speaker is None:
        trailing_speaker(frame)
    if frame.speaker is None:
        return None  # "without warning": a reporting word, but nobody reports
    frame.told = told_to(token)
    return frame


def _relay(frame: Frame, passive: bool) -> Frame | None:
    """ "X quoted Y as saying ...", "Y was quoted as saying", "X, citing Y, said ..."."""
    verb = frame.verb
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    subject = subject_of(verb)
    if passive:
        frame.speaker = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        saying = [p for a in verb.children if a.lower_ == "as" for p in a.children]
        frame.told = told_to(verb) + [t for p in saying for t in told_to(p)]
    elif objects and verb.dep_ in ("acl", "advcl", "appos") and verb.tag_ == "VBG":
        # "The Nation, quoting its sources, reports": the quoted are the speaker of the
        # frame that this participle belongs to; this frame only names them.
        frame.speaker = objects[0]
        frame.relay = subject
        frame.carrier = True
    elif objects:
        frame.speaker = objects[0]
        frame.relay = subject
    else:
        return None
    content, refers, _act = content_of(verb, frame.lemma)
    frame.content, frame.refers = content, refers
    if not frame.content and objects and frame.speaker is objects[0]:
        noun = objects[0]
        if (
            noun.pos_ == "NOUN"
            and noun.lemma_.lower()
            not in lexicon.GROUP_HEADS | lexicon.PERSON_NOUNS | lexicon.ORG_NOUNS
        ):
            # "Iranian side cited concerns": the subject voices an act.
            frame.speaker, frame.relay, frame.act = subject, None, True
    return frame


def _according(token: Token) -> Frame | None:
    """ "According to X, <clause>" and "<clause>, according to X"."""
    to = next((c for c in token.children if c.lower_ == "to"), None)
    if to is None:
        return None
    objects = [c for c in to.children if c.dep_ == "pobj"]
    if not objects:
        return None
    frame = Frame(token, "according", "asserts", objects[0])
    skip = {t.i for t in token.subtree}
    head = token.head
    while head.pos_ not in ("VERB", "AUX") and head.head != head:
        head = head.head
    if head.i in skip:
        return frame
    tokens = [t for t in head.subtree if t.i not in skip]
    frame.content = clause(tokens[0], skip=skip) if tokens else []
    if tokens:
        frame.content = [t for t in head.subtree if t.i not in skip]
        while frame.content and frame.content[0].is_punct and frame.content[0].text != '"':
            frame.content = frame.content[1:]
        while frame.content and frame.content[-1].is_punct and frame.content[-1].text != '"':
            frame.content = frame.content[:-1]
    return frame
