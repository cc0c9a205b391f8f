"""Originals made at test time: a PDF written by hand, a saved web page, a Word file.

The PDF is written object by object (Helvetica with WinAnsiEncoding, one text object per
line), so the tests and ``scripts/measure_ingest.py`` need no PDF-writing library and know
exactly which text is on which page.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

RUNNING_TITLE = "Akkukemian johtajuushanke - loppuraportti 2025"
#: Two pages of Finnish: a running title and a page number on each, a word hyphenated across
#: a line end ("akku-" + "materiaalien"), a sentence that runs on over the page break, and on
#: page 2 a funding the extractor proposes (a project the registry does not know).
FINNISH_PAGES: tuple[tuple[str, ...], ...] = (
    (
        RUNNING_TITLE,
        "Tiivistelmä",
        "Kokkolan akkukemian osaamiskeskittymä kehittää akku-",
        "materiaalien kierrätystä yhdessä Oulun yliopiston kanssa.",
        "BATCircle3.0-hanketta rahoittaa Business Finland.",
        "Hankkeen tuloksia esiteltiin syksyllä järjestetyssä",
        "1",
    ),
    (
        RUNNING_TITLE,
        "loppuseminaarissa Kokkolassa, jossa puhui myös Ulla Lassi.",
        "Centria ja Jyväskylän yliopisto tutkivat litiumioniakkujen",
        "elinkaarta vuosina 2024–2026.",
        "Business Finland myönsi Akkumateriaalit 2030 -hankkeelle 2,5 miljoonaa euroa.",
        "2",
    ),
)


def _escape(line: str) -> bytes:
    raw = line.encode("cp1252")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _page_stream(lines: Sequence[str]) -> bytes:
    """One text object per line, top down; the last line (the page number) at the foot."""
    parts = []
    for i, line in enumerate(lines):
        y = 60 if i == len(lines) - 1 and line.strip().isdigit() else 780 - 18 * i
        parts.append(b"BT /F1 11 Tf 72 %d Td (%s) Tj ET" % (y, _escape(line)))
    return b"\n".join(parts)


def make_pdf(
    pages: Sequence[Sequence[str]] = FINNISH_PAGES,
    *,
    title: str | None = None,
    images_only: bool = False,
) -> bytes:
    """A PDF of ``pages`` (lines of text each); ``images_only`` draws boxes and no text."""
    objects: list[bytes] = []
    n_pages = len(pages)
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(n_pages)).encode()
    font = 3 + 2 * n_pages
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n_pages))
    for i, lines in enumerate(pages):
        stream = b"0.5 g 72 400 400 300 re f" if images_only else _page_stream(lines)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>" % (font, 4 + 2 * i)
        )
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
    objects.append(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    )
    info = None
    if title is not None:
        objects.append(b"<< /Title (%s) >>" % _escape(title))
        info = len(objects)
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    trailer = b"/Size %d /Root 1 0 R" % (len(objects) + 1)
    if info is not None:
        trailer += b" /Info %d 0 R" % info
    out.write(b"trailer\n<< %s >>\nstartxref\n%d\n%%%%EOF\n" % (trailer, xref))
    return out.getvalue()


def encrypted(pdf: bytes, password: str = "salasana") -> bytes:
    """The same PDF locked with a user password (pypdf's writer: tests only)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.encrypt(password, algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


#: A project page as a browser saves it: navigation, a cookie banner, the article, a footer.
SAVED_PAGE = """<!DOCTYPE html>
<!-- saved from url=(0040)https://www.kokkola.fi/ekosysteemisopimus -->
<html lang="fi"><head><meta charset="utf-8"><title>Ekosysteemisopimus | Kokkola</title>
<style>.cookie-banner { position: fixed }</style><script>var tracking = 1;</script></head>
<body>
<a class="skip-link" href="#main">Siirry sisältöön</a>
<header class="site-header"><nav aria-label="Päävalikko"><ul>
<li><a href="/">Etusivu</a></li><li><a href="/asuminen">Asuminen ja ympäristö</a></li>
<li><a href="/elinkeinot">Elinkeinot ja työ</a></li></ul></nav></header>
<div id="cookie-consent" class="cookie-banner" role="dialog"><p>Käytämme evästeitä
sivuston toiminnan varmistamiseen ja kävijäseurantaan. Hyväksytkö evästeet?</p>
<button>Hyväksy kaikki</button><button>Vain välttämättömät</button></div>
<nav class="breadcrumbs"><a href="/">Etusivu</a> › Elinkeinot › Ekosysteemisopimus</nav>
<main id="main">
<h1>Kokkolan ekosysteemisopimus</h1>
<p>Kokkola on solminut valtion kanssa ekosysteemisopimuksen, jonka painopiste on
<strong>akkukemiassa</strong> ja kiertotaloudessa.</p>
<h2>Rahoitetut hankkeet</h2>
<h3>BATCircle3.0</h3>
<p>Hanketta toteuttavat Oulun yliopisto ja Centria 1.1.2024 – 31.12.2026, ja sitä rahoittaa
Business Finland.</p>
<ul><li>Kokonaisbudjetti 13,4 miljoonaa euroa</li></ul>
<h3>Akkuosaamisen kehittäminen</h3>
<p>Centria kouluttaa akkuteollisuuden osaajia Kokkolan suurteollisuusalueella.</p>
</main>
<aside class="sidebar"><h2>Ajankohtaista</h2><p>Kaupunginvaltuuston kokous maanantaina.</p></aside>
<footer><p>Kokkolan kaupunki · PL 43, 67101 Kokkola · kirjaamo@kokkola.fi</p></footer>
</body></html>
"""

#: The same site's page with its article missing: only its chrome.
NAVIGATION_ONLY = """<!doctype html><html><head><title>Kokkola</title></head><body>
<header><nav><ul><li><a href="/">Etusivu</a></li><li><a href="/a">Asuminen</a></li>
<li><a href="/e">Elinkeinot ja työ</a></li><li><a href="/k">Kulttuuri ja vapaa-aika</a></li>
</ul></nav></header>
<div class="cookie-banner"><p>Käytämme evästeitä sivuston toiminnan varmistamiseen.</p></div>
<footer><p>Kokkolan kaupunki · PL 43, 67101 Kokkola</p></footer></body></html>
"""


def make_docx() -> bytes:
    """A consortium's Word document: a title, two headings, paragraphs, a list, a table."""
    import docx

    document = docx.Document()
    document.core_properties.title = "BATCircle3.0 konsortion vuosiraportti"
    document.add_heading("BATCircle3.0 konsortion vuosiraportti", 0)
    document.add_heading("Kumppanit", 1)
    document.add_paragraph(
        "Konsortioon kuuluvat Aalto-yliopisto, Oulun yliopisto ja Centria, ja sitä koordinoi "
        "Aalto-yliopisto."
    )
    document.add_paragraph("Boliden Harjavalta", style="List Bullet")
    document.add_heading("Rahoitus", 1)
    document.add_paragraph("Business Finland myönsi hankkeelle 13,4 miljoonaa euroa vuonna 2024.")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Rahoittaja"
    table.cell(0, 1).text = "Business Finland"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
