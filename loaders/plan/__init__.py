"""Plan: what a load must rebuild, from the digests of its inputs.

In: the inputs' digests (``loaders.sources.inputs``) and those the newest LoadRun read. Out: a plan
(``changes``): nothing to do, only some documents (``partial`` rebuilds and diffs what they
own), or a full build; ``unchanged`` asks the graph and carries the plan out.
"""
