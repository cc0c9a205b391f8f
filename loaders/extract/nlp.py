"""The language pipelines, loaded once per process.

Finnish: spaCy's trained ``spacy-fi-experimental-web-md`` (tokens, sentences, lemmas,
morphology, dependency parse, named entities; its lemmatiser runs on libvoikko). English: a
blank spaCy pipeline (tokeniser and a rule-based sentence splitter) and our own patterns, since
no trained English pipeline is published on PyPI by its makers (only re-uploads by others), and
nothing may be downloaded at run time.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata

import spacy
from spacy.language import Language

from kgraph import ontology
from kgraph.errors import ConfigError

FINNISH_MODEL = "spacy_fi_experimental_web_md"
_FINNISH_DIST = "spacy-fi-experimental-web-md"


@dataclass(frozen=True)
class Pipelines:
    """One spaCy pipeline per language the corpus uses."""

    fi: Language
    en: Language

    def for_language(self, language: ontology.Language) -> Language:
        return self.fi if language == "fi" else self.en

    @property
    def models(self) -> list[str]:
        """The models behind the proposals, with versions, for the proposals file."""
        return [
            f"{_FINNISH_DIST} {metadata.version(_FINNISH_DIST)}",
            f"spacy {metadata.version('spacy')} (blank en, rules)",
        ]


@lru_cache(maxsize=1)
def load_pipelines() -> Pipelines:
    """Both pipelines; the Finnish model takes seconds, so it is loaded once per process."""
    try:
        fi = spacy.load(FINNISH_MODEL, exclude=["textcat"])
    except (OSError, ImportError) as error:
        raise ConfigError(
            f"the Finnish spaCy pipeline cannot be loaded ({error}); `make install` installs "
            f"{_FINNISH_DIST} and the Debian packages libvoikko1 and voikko-fi"
        ) from error
    en = spacy.blank("en")
    en.add_pipe("sentencizer")
    return Pipelines(fi=fi, en=en)
