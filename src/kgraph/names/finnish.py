"""The Finnish dictionary of simplemma, as a trie cached on disk.

simplemma's default dictionaries are decoded into a dict at first use: for Finnish, 3.5
million records and about 3 s of every process that cleans a document or matches a name (far
more on a busy machine). Its ``TrieDictionaryFactory`` (the ``marisa-trie`` extra) builds a
MARISA trie once, saves it in the user's cache folder (``platformdirs``, per simplemma
version) and loads it in a fraction of a second afterwards; lookups give the same lemmas.

Answers can be handed in (``remember``) and taken out (``remembered``): a load keeps those
its documents needed with its other work (``loaders.build.kept``), and a later load that
finds every word it asks about among them never imports simplemma (55 ms: some 400 regular
expressions compiled) nor opens the trie. An answer handed in is taken as simplemma's own;
the keeper answers for that (it keeps them per simplemma version, ``simplemma_version``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import lru_cache
from importlib import metadata
from typing import Any, TypeVar

T = TypeVar("T")

#: The most answers of each kind held by word: the API lemmatises what people type, so what
#: is remembered is bounded (as the LRU cache before it was, at the same size; the corpus of
#: 105 documents asks about 2,500 words); past it a word is looked up through a small LRU.
MAX_REMEMBERED = 65_536

_lemmas: dict[str, str] = {}
_known: dict[str, bool] = {}
#: Whether answers were handed in since the last ``forget``.
_handed = False


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


def lemmatize(word: str) -> str:
    """The word's Finnish lemma (the word itself, lower-cased, when the dictionary lacks it)."""
    return _answer(_lemmas, word, _looked_up_lemma)


def is_known(word: str) -> bool:
    """Whether the Finnish dictionary holds the word as written (NFC)."""
    return _answer(_known, word, _looked_up_known)


def _answer(held: dict[str, T], word: str, look_up: Callable[[str], T]) -> T:
    """The answer held for ``word``, else looked up and held (up to ``MAX_REMEMBERED``)."""
    answer = held.get(word)
    if answer is None:
        answer = look_up(word)
        if len(held) < MAX_REMEMBERED:
            held[word] = answer
    return answer


@lru_cache(maxsize=4_096)
def _looked_up_lemma(word: str) -> str:
    lemmatizer, _, _ = _simplemma()
    return str(lemmatizer.lemmatize(word, "fi"))


@lru_cache(maxsize=4_096)
def _looked_up_known(word: str) -> bool:
    _, lookup, normalize_token = _simplemma()
    return bool(word) and lookup.get_lemma(normalize_token(word), "fi") is not None


def remember(lemmas: Mapping[str, str], known: Mapping[str, bool]) -> None:
    """Take these answers as simplemma's (up to ``MAX_REMEMBERED`` of each kind)."""
    global _handed
    _handed = _handed or bool(lemmas) or bool(known)
    _hold(_lemmas, lemmas)
    _hold(_known, known)


def forget() -> None:
    """Drop the answers handed in (and those held beside them): a load that must not use kept
    work (``--verify``) asks simplemma itself. Nothing to do when none were handed in."""
    global _handed
    if _handed:
        _lemmas.clear()
        _known.clear()
        _handed = False


def _hold(held: dict[str, T], given: Mapping[str, T]) -> None:
    for word, answer in given.items():
        if len(held) >= MAX_REMEMBERED:
            return
        held.setdefault(word, answer)


def remembered() -> tuple[dict[str, str], dict[str, bool]]:
    """Every answer held now: the lemmas and the dictionary's yes and no, by word."""
    return dict(_lemmas), dict(_known)


def simplemma_version() -> str:
    """The installed simplemma's version (its dictionaries, and so its answers, are its own),
    read from its metadata: simplemma itself is not imported."""
    return metadata.version("simplemma")
