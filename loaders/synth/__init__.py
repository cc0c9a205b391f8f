"""A synthetic battery ecosystem of any size, with the corpus graph's model, for scale tests.

``Synth(units, seed)`` describes a landscape that grows linearly with ``units``: per unit
5 cities, 60 organisations, 100 people, 40 projects with consortia and funding, 60
publications and one source document whose passages state every fact. Fixed vocabularies
(27 countries, 6 value-chain stages, 40 topics, 12 programmes, 8 networks) do not grow.
Everything is derived from ``(seed, kind, index)``, so node and relationship streams can be
produced separately and lazily, and the same seed always gives the same graph.

- ``words``: the sizes, and the vocabularies read from ``words.yaml``; the seeded streams.
- ``entities``: who exists (``Landscape``: ids, names, properties) and who relates to whom.
- ``passages``: what each passage says, the facts it states, and what ``infer()`` adds.
- ``generator``: ``Synth``, the rows the writer takes (what ``kgraph synth`` calls).
"""

from loaders.synth.entities import Entity, Landscape
from loaders.synth.generator import Synth
from loaders.synth.passages import Statement
from loaders.synth.words import PER_UNIT

__all__ = ["PER_UNIT", "Entity", "Landscape", "Statement", "Synth"]
