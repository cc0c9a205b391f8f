"""How values are shown to people: amounts as text and the caption a fact has on the canvas.

Neo4j Browser styles a relationship by its type only (its style sheet has no selector on
properties; see graph/browser-style.grass), and a caption is a template of properties. So each
fact carries ``caption``, the text the Browser draws on it: an inferred fact's caption starts
with "inferred:", a stated one shows its detail (amount, role, position) or its type. The
properties are written by the load beside the ones they show and are never read back.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

#: The display properties the load adds (kept out of exports and comparisons of facts).
DISPLAY_PROPS = ("caption", "amount_text")
#: The caption's prefix by the fact's basis; a new basis (say, extracted) adds a line.
BASIS_PREFIX: dict[str, str] = {"stated": "", "inferred": "inferred: "}


def passage_locator(pages: Sequence[int] | None, heading_path: Sequence[str] | None) -> str | None:
    """Where a passage is in its original, as a reader finds it: "page 12", "pages 12–13",
    or its headings "Rahoitetut hankkeet > BATCircle3.0"; None when the document has no
    original (the hand-made text documents) or the passage stands above every heading."""
    if pages:
        first, last = min(pages), max(pages)
        return f"page {first}" if first == last else f"pages {first}–{last}"
    if heading_path:
        return " > ".join(heading_path)
    return None


def amount_text(eur: float) -> str:
    """Euros as a reader writes them: 13400000 -> "13.4 M€", 500000 -> "500 k€"."""
    for size, unit in ((1_000_000_000, "bn€"), (1_000_000, "M€"), (1_000, "k€")):
        if abs(eur) >= size:
            figure = f"{eur / size:.1f}".removesuffix(".0")
            return f"{figure} {unit}"
    return f"{eur:g} €"


def fact_caption(predicate: str, props: Mapping[str, Any], basis: str) -> str:
    """The fact's caption on the canvas: its basis, then its amount, role or position."""
    if props.get("amount_eur") is not None:
        detail = amount_text(props["amount_eur"])
    elif props.get("role"):
        detail = str(props["role"])
    elif predicate == "AUTHORED" and props.get("position") is not None:
        detail = f"author {props['position']}"
    else:
        detail = predicate
    return BASIS_PREFIX[basis] + detail


def fact_display(predicate: str, props: Mapping[str, Any], basis: str) -> dict[str, str]:
    """The display properties of one fact: ``caption`` and, with an amount, ``amount_text``."""
    shown = {"caption": fact_caption(predicate, props, basis)}
    if props.get("amount_eur") is not None:
        shown["amount_text"] = amount_text(props["amount_eur"])
    return shown


def entity_display(props: Mapping[str, Any]) -> dict[str, str]:
    """The display properties of one entity: ``amount_text`` of its grant, if it has one."""
    if props.get("grant_eur") is None:
        return {}
    return {"amount_text": amount_text(props["grant_eur"])}
