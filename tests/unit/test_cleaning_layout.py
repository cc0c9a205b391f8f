"""Cleaning on small made-up texts: line endings, page furniture and numbered headings.

The corpus tests show the cleaning works on the real documents; these pin the edges those
documents do not reach (found by mutation testing, see docs/testing.md).
"""

from __future__ import annotations

import pytest

from loaders.sources.cleaning import clean_text, is_heading


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r", "\f"])
def test_every_line_ending_breaks_a_line_the_same_way(newline: str) -> None:
    raw = newline.join(["Alpha beta", "gamma delta.", "Epsilon."])
    assert clean_text(raw) == "Alpha beta gamma delta.\n\nEpsilon."


def test_a_windows_line_ending_is_one_break_not_a_blank_line() -> None:
    # Read as two breaks, the blank line would end the paragraph before "gamma".
    assert clean_text("Alpha beta\r\ngamma delta.") == "Alpha beta gamma delta."


def test_a_running_header_above_each_page_number_is_dropped() -> None:
    raw = "\n\n".join(
        [
            "Body one.",
            "Battery Report\nKokkola 2024",
            "12",
            "Body two.",
            "Battery Report\nKokkola 2024",
            "13",
            "Body three.",
        ]
    )
    assert clean_text(raw) == "Body one.\n\nBody two.\n\nBody three."


def test_a_header_above_a_single_page_number_stays_unless_it_stands_apart() -> None:
    together = "Body one.\n\nSection Name\n\n5\n\nBody two."
    apart = "Body one.\n\n\n\nSection Name\n\n5\n\nBody two."
    assert clean_text(together) == "Body one.\n\nSection Name\n\nBody two."
    assert clean_text(apart) == "Body one.\n\nBody two."


def test_a_header_at_the_top_of_the_document_stands_apart() -> None:
    assert clean_text("Running Head\n\n1\n\nBody one.\n\nBody two.") == "Body one.\n\nBody two."


def test_a_page_number_on_the_first_line_is_dropped() -> None:
    assert clean_text("7\n\nBody one.") == "Body one."


def test_a_number_followed_directly_by_text_is_no_page_number() -> None:
    assert clean_text("Intro.\n\n42\nNext line.") == "Intro.\n\n42\n\nNext line."


@pytest.mark.parametrize(
    ("header", "dropped"),
    [
        ("One line", True),
        ("First line\nSecond line", True),
        ("First line\nSecond line\nThird line", False),  # three lines are text, not a header
        ("Ends like a sentence.", False),
        ("H" * 100, True),
        ("H" * 101, False),
    ],
)
def test_only_a_short_run_without_a_sentence_end_is_a_header(header: str, dropped: bool) -> None:
    raw = f"Body one.\n\n\n\n{header}\n\n9\n\nBody two."
    kept = [] if dropped else [header.replace("\n", "\n\n")]
    assert clean_text(raw) == "\n\n".join(["Body one.", *kept, "Body two."])


@pytest.mark.parametrize(
    ("text", "heading"),
    [
        ("2.1. Tavoitteet", True),
        ("2.1. Tavoitteet, joista sovittiin, ja niiden seuranta.", True),
        ("3. Title", True),
        ("3. " + "x" * 77, True),  # 80 characters
        ("3. " + "x" * 78, False),
        ("3. Poikkileikkaavat tutkimusalueet, kuten akut", False),
        ("3. Ends with a full stop.", False),
        ("Tavoitteet", False),
    ],
)
def test_a_numbered_heading_is_short_and_no_sentence_unless_multilevel(
    text: str, heading: bool
) -> None:
    assert is_heading(text) is heading
