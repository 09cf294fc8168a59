"""A reported statement while it is read, and the speaker phrase read from a noun phrase."""

from __future__ import annotations

from dataclasses import dataclass

from analysis.sources.attribution.words import Span
from analysis.text.normalize import NormText


@dataclass
class SpeakerPhrase:
    """What a noun phrase says about a statement's source; spans are offsets in the normalised paragraph."""

    speaker: Span | None = None
    speaker_type: str | None = None
    role: Span | None = None
    channel: Span | None = None
    agency: str | None = None
    speaker_key: str | None = None
    pronoun_gender: str | None = None
    anaphoric_media: bool = False
    guessed: bool = False  # typed by the fallback rule (no known head word)


@dataclass
class Statement:
    """One reported statement while it is read; spans are offsets in the paragraph's normalised text."""

    par_no: int
    sent_no: int
    sent: Span
    cue: Span  # the verb or phrase, without the conjunction before it
    pre_start: int  # where the cue's conjunction ("و", "وقد") starts
    verb: Span
    lemma: str
    gender: str | None  # m f p, from the verb form
    kind: str  # verb | participle | phrase
    initial: bool = False  # only connectors before the cue in its sentence
    content: Span | None = None
    quote: str = "indirect"
    speaker: Span | None = None
    speaker_type: str | None = None
    role: Span | None = None
    channel: Span | None = None
    agency: str | None = None
    speaker_key: str | None = None  # the agency/outlet key when the speaker is one
    pronoun_gender: str | None = None  # "نقلت عنه": the speaker is a pronoun
    anaphoric_media: bool = False  # "وتابعت الوكالة": the agency named before
    resolution: str = "explicit"
    # texts as written, filled from the spans (or copied from an antecedent)
    speaker_text: str | None = None
    role_text: str | None = None
    channel_text: str | None = None
    drop: bool = False
    span: Span | None = None  # the whole statement
    marker: int = 0  # where the speaker ends and the content marker starts
    al: int = -1  # position of a ل standing for "ال" at the speaker's start ("وفقا للمفوضية")
    hidden: bool = False  # a subject for the participles after it, not a statement
    nt: NormText | None = None
    offset: int = 0  # the paragraph's offset in the article

    @property
    def explicit(self) -> bool:
        return self.speaker is not None

    def take(self, np_: SpeakerPhrase) -> None:
        """Take the speaker, role, channel and agency read from a noun phrase."""
        self.speaker, self.speaker_type, self.role = np_.speaker, np_.speaker_type, np_.role
        self.channel, self.agency, self.speaker_key = np_.channel, np_.agency, np_.speaker_key
        self.pronoun_gender, self.anaphoric_media = np_.pronoun_gender, np_.anaphoric_media
