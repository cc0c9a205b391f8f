"""Questions asked as sentences, in Finnish or English, read by rules kept as data.

``spot`` takes a sentence apart (entities; dates through ``kgraph.parse.when``; cues),
``reading`` finds the one rule that reads all of it, ``saying`` says the reading back, and
``answer`` runs it as the catalogue question or the search it became. No model and no
network: the same sentence is always read the same way, or refused with the words that
stopped it.
"""
