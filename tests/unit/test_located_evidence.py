"""Where a passage is in its original, as the evidence and the Browser say it."""

from __future__ import annotations

from kgraph.display import passage_locator
from kgraph.query.evidence import PassageSource, evidence_item


def test_a_pdf_passage_says_its_page_or_pages() -> None:
    assert passage_locator([12], None) == "page 12"
    assert passage_locator([12, 13], None) == "pages 12–13"


def test_a_web_page_passage_says_its_headings_and_a_text_one_nothing() -> None:
    assert passage_locator(None, ["Rahoitetut hankkeet", "BATCircle3.0"]) == (
        "Rahoitetut hankkeet > BATCircle3.0"
    )
    assert passage_locator(None, None) is None


def test_evidence_of_a_pdf_passage_links_to_the_original_at_its_page() -> None:
    texts = {"005_x:p004": PassageSource("text", "Report", "report", (12, 13), None, True)}
    item = evidence_item("005_x", "005_x:p004", "text", texts)
    assert (item["locator"], item["pages"], item["original_url"]) == (
        "pages 12–13",
        [12, 13],
        "/documents/005_x/original#page=12",
    )


def test_evidence_of_a_text_passage_has_no_place_and_no_original() -> None:
    texts = {"002_y:p017": PassageSource("text", "Page", "web page")}
    item = evidence_item("002_y", "002_y:p017", "text", texts)
    assert [item[k] for k in ("locator", "pages", "heading_path", "original_url")] == [None] * 4
