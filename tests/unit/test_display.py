"""How amounts and facts are shown in the Browser: the text, not the raw figures."""

from __future__ import annotations

import pytest

from kgraph.display import amount_text, entity_display, fact_caption, fact_display


@pytest.mark.parametrize(
    ("eur", "text"),
    [(13_400_000, "13.4 M€"), (10_800_000, "10.8 M€"), (500_000, "500 k€"), (2_000_000, "2 M€"),
     (1_250_000_000, "1.2 bn€"), (950, "950 €")],
)  # fmt: skip
def test_amounts_read_as_a_person_writes_them(eur: int, text: str) -> None:
    assert amount_text(eur) == text


def test_an_inferred_fact_says_so_first_in_its_caption() -> None:
    assert fact_caption("COVERS_STAGE", {}, "inferred") == "inferred: COVERS_STAGE"
    assert fact_caption("COVERS_STAGE", {}, "stated") == "COVERS_STAGE"


def test_a_stated_fact_shows_its_amount_role_or_position() -> None:
    assert fact_display("FUNDED_BY", {"amount_eur": 13_400_000}, "stated") == {
        "caption": "13.4 M€",
        "amount_text": "13.4 M€",
    }
    assert fact_caption("PARTICIPATES_IN", {"role": "coordinator"}, "stated") == "coordinator"
    assert fact_caption("AUTHORED", {"position": 2}, "stated") == "author 2"


def test_an_entity_with_a_grant_shows_it_as_text() -> None:
    assert entity_display({"grant_eur": 500_000}) == {"amount_text": "500 k€"}
    assert entity_display({"status": "funded"}) == {}
