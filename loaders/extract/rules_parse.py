"""Relations read from the parse: spaCy ``DependencyMatcher`` patterns, as data.

A rule whose ``code`` is ``dependencies`` holds its patterns in ``dependency``
(``patterns/<language>.yaml``; the schema is ``loaders.extract.patterns``). A pattern ties
the words of a sentence by the parse: "Business Finland on myöntänyt rahoitusta
X-hankkeelle" is a verb *myöntää* with a subject (the funder) and an allative (the project),
whatever the tense or voice; "Partners include A, B and C" is *include* with the subject
*partner* and objects. The node named ``subject`` and the node named ``object`` are the fact's
ends: the token must lie in a name of the rule's types (linked or new), and each of its
conjuncts and appositions that does too is an end as well ("A, B ja C" gives each). An end the
pattern does not name, or names by a word of ``passage_words`` ("hanke", "the consortium"), is
the project the passage named first (and none where the passage names none: precision).

Nothing is read from a negated clause: a matched word with a negation among its dependents
("ei ole mukana", "is not a partner") gives nothing, as does a sentence the rule's
``not_text``/``not_cues`` exclude. Where a language's trained pipeline is missing there is no
parse, and these rules find nothing.
"""

from __future__ import annotations

from spacy.matcher import DependencyMatcher
from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token
from spacy.vocab import Vocab

from kgraph.parse.amounts import find_amounts
from loaders.extract.context import Sentence, State
from loaders.extract.drafts import Draft, anchors, stated
from loaders.extract.patterns import Rule
from loaders.extract.spans import Span
from loaders.extract.words import Words

#: Words that negate the clause they depend on, in the languages' parses.
_NEGATIONS = frozenset({"not", "n't", "never", "ei", "eivät", "en", "emme", "ette", "et"})


_MATCHERS: dict[tuple[int, str, str], DependencyMatcher] = {}


def _matcher(rule: Rule, vocab: Vocab) -> DependencyMatcher:
    """The rule's patterns, each under its own key (``<rule id>#<index>``), so a match says
    which pattern it is; built once per rule and pipeline."""
    key = (id(vocab), rule.id, repr(rule.dependency))
    if key not in _MATCHERS:
        matcher = DependencyMatcher(vocab)
        for i, pattern in enumerate(rule.dependency):
            matcher.add(f"{rule.id}#{i}", [[node.spacy() for node in pattern]])
        _MATCHERS[key] = matcher
    return _MATCHERS[key]


def _negated(tokens: list[Token]) -> bool:
    return any(
        child.dep_ == "neg" or "Polarity=Neg" in str(child.morph) or child.lower_ in _NEGATIONS
        for token in tokens
        for child in (token, *token.children)
    )


#: Relative pronouns: the end is the noun the relative clause is about.
_RELATIVE = frozenset({"which", "that", "who", "joka", "jota", "jonka", "mikä"})


def _antecedent(token: Token) -> Token:
    """For a relative pronoun, the noun its clause is about ("the consortium, which is ...")."""
    if token.lower_ in _RELATIVE and token.head.head is not token.head:
        return token.head.head
    return token


def _with_conjuncts(token: Token) -> list[Token]:
    """The token, its conjuncts, the
    names in apposition to each ("the companies Fortum and Boliden": companies, Fortum,
    Boliden; "BATCircle2.0, a research consortium": BATCircle2.0) and their compound words
    ("the GridCell consortium")."""
    found: list[Token] = []
    for t in (token, *token.conjuncts):
        apposed = [c for c in t.children if c.dep_ == "appos"]
        if t.dep_ == "appos":
            apposed.append(t.head)
        for u in (t, *apposed):
            for v in (u, *u.conjuncts):
                for w in (v, *(c for c in v.children if c.dep_ in ("compound", "flat:name"))):
                    if w not in found:
                        found.append(w)
    return found


def _names_at(tokens: list[Token], spans: list[Span]) -> list[Span]:
    named: list[Span] = []
    for token in tokens:
        end = token.idx + len(token.text)
        for span in spans:
            if span.start < end and token.idx < span.end and span not in named:
                named.append(span)
    return named


def _ends(
    node: Token | None, types: tuple[str, ...], sentence: Sentence, state: State, rule: Rule
) -> list[Span]:
    """The names a pattern's end stands for: those at the token and its conjuncts; for an end
    the pattern does not name, the sentence's project, else the passage's; for one named by a
    word of ``passage_words`` ("hanke", "the consortium"), the passage's project. A passage
    that names none is about the page's project, where the section or document named one."""
    if "Project" not in types and node is None:
        return []
    if node is not None:
        node = _antecedent(node)
        named = _names_at(_with_conjuncts(node), sentence.of_type(*types))
        if named or not {node.lower_, node.lemma_.casefold()} & rule.passage_words:
            return named
    elif "Project" in types and sentence.of_type("Project"):
        return sentence.of_type("Project")[:1]
    project = state.passage_project or state.page_project
    return [project] if project is not None and "Project" in types else []


def dependencies(sentence: Sentence, state: State, rule: Rule, words: Words) -> list[Draft]:
    """The facts the rule's dependency patterns find in the sentence's parse."""
    parse: SpacySpan | None = sentence.parse
    if parse is None or not rule.dependency or not parse.doc.has_annotation("DEP"):
        return []
    if not rule.cued(sentence.lemmas) or not rule.in_text(sentence.words):
        return []
    drafts: dict[tuple[str, str], Draft] = {}
    vocab = parse.doc.vocab
    for match_id, token_ids in _matcher(rule, vocab)(parse.as_doc()):
        pattern = rule.dependency[int(vocab.strings[match_id].rsplit("#", 1)[1])]
        tokens = [parse[i] for i in token_ids]
        if _negated(tokens):
            continue
        by_name = {node.RIGHT_ID: tokens[i] for i, node in enumerate(pattern)}
        subjects = _ends(by_name.get("subject"), rule.subject, sentence, state, rule)
        objects = _ends(by_name.get("object"), rule.object, sentence, state, rule)
        for s in subjects:
            for o in objects:
                if s.entity_id == o.entity_id or (s.entity_id, o.entity_id) in drafts:
                    continue
                drafts[(s.entity_id, o.entity_id)] = _draft(rule, sentence, s, o, tokens)
    return list(drafts.values())


def _draft(rule: Rule, sentence: Sentence, s: Span, o: Span, tokens: list[Token]) -> Draft:
    """The fact, quoting the sentence from the first to the last of its ends and matched
    words (an end the passage named before is not quoted: its mention is elsewhere)."""
    props: dict[str, str | int | float] = {}
    if rule.predicate == "FUNDED_BY":
        amounts = find_amounts(sentence.words)
        if amounts:
            props["amount_eur"] = amounts[0].eur
    inside = [x for x in (s, o) if sentence.start <= x.start and x.end <= sentence.end]
    starts = [x.start for x in inside] + [t.idx for t in tokens]
    ends = [x.end for x in inside] + [t.idx + len(t.text) for t in tokens]
    return stated(rule, s, o, anchors(sentence.text, min(starts), max(ends)), props)
