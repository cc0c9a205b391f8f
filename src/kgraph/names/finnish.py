"""The Finnish dictionary of simplemma, as a trie cached on disk.

simplemma's default dictionaries are decoded into a dict at first use: for Finnish, 3.5
million records and about 3 s of every process that cleans a document or matches a name (far
more on a busy machine). Its ``TrieDictionaryFactory`` (the ``marisa-trie`` extra) builds a
MARISA trie once, saves it in the user's cache folder (``platformdirs``, per simplemma
version) and loads it in a fraction of a second afterwards; lookups give the same lemmas.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _simplemma() -> tuple[Any, Any, Any]:
    """The lemmatiser, the dictionary lookup and simplemma's token normaliser.

    Imported at first use, not with this module: simplemma compiles some 500 regular
    expressions as it is imported (0.6-0.8 s here), and a process that only reads the
    manifest -- a load that finds its inputs unchanged -- imports the cleaner, never using it.
    """
    from simplemma import Lemmatizer
    from simplemma.strategies import DefaultStrategy, DictionaryLookupStrategy
    from simplemma.strategies.dictionaries.trie_dictionary_factory import TrieDictionaryFactory
    from simplemma.utils import normalize_token

    factory = TrieDictionaryFactory()
    lemmatizer = Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=factory))
    return lemmatizer, DictionaryLookupStrategy(factory), normalize_token


@lru_cache(maxsize=65_536)
def lemmatize(word: str) -> str:
    """The word's Finnish lemma (the word itself, lower-cased, when the dictionary lacks it)."""
    lemmatizer, _, _ = _simplemma()
    return str(lemmatizer.lemmatize(word, "fi"))


@lru_cache(maxsize=65_536)
def is_known(word: str) -> bool:
    """Whether the Finnish dictionary holds the word as written (NFC)."""
    _, lookup, normalize_token = _simplemma()
    return bool(word) and lookup.get_lemma(normalize_token(word), "fi") is not None
