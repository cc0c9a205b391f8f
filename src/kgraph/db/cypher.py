"""The core's internal Cypher, in one place: constants and small functions returning text.

Every value travels as a ``$parameter``; the few things Cypher cannot take as parameters
(labels in a pattern, the bound of a variable-length pattern) are checked against fixed sets
or ranges before they enter the text. The catalogue's named questions live apart, in
``kgraph/query/catalogue/*.cypher``.
"""

from __future__ import annotations

# -- the graph's generation (db.generation) ----------------------------------------------------
#: The newest load: every load records exactly one LoadRun, always as completed.
LATEST_LOAD = """
MATCH (run:LoadRun)
RETURN run.id AS id, run.finished_at AS finished_at
ORDER BY run.finished_at DESC LIMIT 1
"""
