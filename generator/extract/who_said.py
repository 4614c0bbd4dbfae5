"""Extraction, step 4 (beside speech.py): the frames of one sentence -> who said it, through
which outlet, relayed by whom; remembers who spoke to which outlet. Never makes claims
(speech.py does), never prints."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from generator.extract import attribution, phrases
from generator.extract.actors import ActorBook
from generator.extract.outlets import OutletFinder
from generator.extract.speakers import Speakers, Who

if TYPE_CHECKING:
    from spacy.tokens import Token


@dataclass
class Said:
    """One frame resolved: who, through which outlet, relayed by whom."""

    frame: attribution.Frame | None
    speaker: str | None
    outlet: str | None
    relay: str | None
    stance: str
    quotes: list[str] = field(default_factory=list)
    described: str | None = None
    many: tuple[str, ...] = ()


class Voices:
    """The speakers of one article's frames, sentence after sentence."""

    def __init__(self, book: ActorBook, outlets: OutletFinder, article_key: str) -> None:
        self.book, self.article_key = book, article_key
        self.speakers = Speakers(book, outlets)
        self.spoke_to: dict[str, str] = {}  # speaker -> the outlet they spoke to
        self.spoke: list[str] = []  # speakers, most recent last

    def resolve(self, frames: list[attribution.Frame]) -> list[Said]:
        """Each frame's speaker, outlet and relay, in the order of the sentence."""
        said: dict[int, Said] = {}
        order = sorted(frames, key=lambda f: f.speaker.i if f.speaker is not None else f.verb.i)
        mentions = sorted(self.speakers.entities(), key=lambda pair: pair[0].start)
        position = 0
        for frame in order:
            at = frame.speaker.i if frame.speaker is not None else frame.verb.i
            while position < len(mentions) and mentions[position][0].start < at:
                self.speakers.note(mentions[position][1].actor)
                position += 1
            if frame.relay is not None and frame.speaker is not None and frame.relay.i < at:
                relay = self._who(frame.relay)
                self.speakers.note(relay.actor)
                who = self._who(frame.speaker)
            else:
                who = self._who(frame.speaker)
                relay = self._who(frame.relay)
            outlet = who.outlet or relay.outlet or self._told(frame)
            speaker = who.actor
            relay_key = relay.actor
            described = None
            if frame.speaker is not None and speaker:
                described = self._described(frame.speaker, speaker)
            said[id(frame)] = Said(frame, speaker, outlet, relay_key, frame.stance,
                                    described=described, many=who.many)  # fmt: skip
            for key in who.many or (speaker,):
                if key:
                    self.speakers.note(key)
            if speaker and not frame.carrier:
                self.note_spoke(speaker)
        for _entity, who in mentions[position:]:
            self.speakers.note(who.actor)
        # Participles name the quoted: "The Nation, quoting its sources, reports ...".
        for frame in frames:
            item = said[id(frame)]
            parent = frame.parent
            if frame.carrier and frame.lemma in ("quote", "cite") and parent is not None:
                host = said[id(parent)]
                if frame.verb.dep_ in ("acl", "advcl", "appos") and item.speaker:
                    host.outlet = host.outlet or item.outlet or self._outlet_of(frame.relay)
                    if host.speaker and host.speaker != item.speaker:
                        host.relay = host.relay or None
                    host.speaker = item.speaker
                    if not host.frame or not host.frame.carrier:
                        self.note_spoke(item.speaker)
        for frame in sorted(frames, key=lambda f: f.verb.i):
            item = said[id(frame)]
            parent = frame.parent
            while parent is not None:
                host = said[id(parent)]
                item.outlet = item.outlet or host.outlet
                if host.speaker and host.speaker != item.speaker and item.relay is None:
                    item.relay = (
                        host.speaker
                        if parent.lemma not in ("quote", "cite")
                        or (parent.relay is not None and host.speaker != item.speaker)
                        else item.relay
                    )
                parent = parent.parent
        result = []
        for frame in sorted(frames, key=lambda f: f.verb.i):
            if frame.carrier:
                continue
            item = said[id(frame)]
            if frame.quoted and not item.speaker:
                continue  # '"Both sides have promised ...," Amani said': Amani's words
            result.append(item)
            for other in self._others(frame, item):  # "Neither the Army or the Air Force"
                result.append(Said(frame, other, item.outlet, item.relay, item.stance))
        for item in result:
            if item.outlet == self.article_key:
                item.outlet = None
            if item.relay == item.speaker:
                item.relay = None
            if item.speaker and item.outlet:
                self.spoke_to[item.speaker] = item.outlet
            elif item.speaker and item.speaker in self.spoke_to:
                item.outlet = self.spoke_to[item.speaker]  # "X told Reuters ... he said"
        return result

    def _others(self, frame: attribution.Frame, item: Said) -> list[str]:
        """More speakers of one frame: conjoined subjects, one participant per country."""
        keys: list[str] = []
        if frame.speaker is None:
            return keys
        keys += [k for k in item.many if k != item.speaker]
        for conj in frame.speaker.conjuncts:
            if conj.i <= frame.speaker.i or conj.pos_ not in ("NOUN", "PROPN"):
                continue
            other = self.speakers.resolve(conj)
            if other.actor and other.actor != item.speaker:
                keys.append(other.actor)
                self.speakers.note(other.actor)
        return list(dict.fromkeys(keys))

    def _who(self, token: Token | None) -> Who:
        if token is None:
            return Who()
        return self.speakers.resolve(token)

    def _told(self, frame: attribution.Frame) -> str | None:
        for token in frame.told:
            entity = self.speakers.entity_at.get(token.i)
            if entity is not None and entity.outlet:
                return entity.outlet
        return None

    def _outlet_of(self, token: Token | None) -> str | None:
        if token is None:
            return None
        entity = self.speakers.entity_at.get(token.i)
        return entity.outlet if entity is not None else None

    def _described(self, token: Token, key: str) -> str | None:
        actor = self.book.items.get(key)
        if actor is None or token.pos_ == "PRON":
            return None
        words = phrases.words_text(phrases.phrase(token, keep_preps=False))
        known = [actor.name.lower(), *(a.lower() for a in actor.aliases)]
        if not words or actor.kind == "person" or any(words.lower() in k for k in known):
            return None
        return words if len(words.split()) <= 6 else None

    def note_spoke(self, key: str) -> None:
        if key in self.spoke:
            self.spoke.remove(key)
        self.spoke.append(key)
        self.speakers.spoke = self.spoke
