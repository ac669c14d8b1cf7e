"""Printable invite letters: one A4 page per student with the code, the address and steps."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from dojo_server.domain.invites import InviteLetter

FONT_FILES = (Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
              Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"))


def write_letters(letters: Sequence[InviteLetter], school_name: str, join_url: str,
                  out: Path) -> int:
    """Write the PDF; returns the number of pages (one per letter)."""
    pdf = FPDF(format="A4")
    pdf.set_title(f"{school_name}: family portal invitations")
    pdf.set_margins(20, 20, 20)
    family = _fonts(pdf)
    for letter in letters:
        _page(pdf, family, letter, school_name, join_url)
    pdf.output(str(out))
    return len(letters)


def _fonts(pdf: FPDF) -> str:
    """DejaVu when installed (names in most scripts print), else the built-in Helvetica."""
    regular, bold = FONT_FILES
    if regular.exists() and bold.exists():
        pdf.add_font("DejaVu", "", str(regular))
        pdf.add_font("DejaVu", "B", str(bold))
        return "DejaVu"
    return "Helvetica"


def _lines(pdf: FPDF, width: float, height: float, text: str) -> None:
    """A paragraph from the left margin; the next one starts below it."""
    pdf.multi_cell(width, height, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _text(family: str, value: str) -> str:
    if family == "Helvetica":  # the core fonts cover Latin-1 only
        return value.encode("latin-1", "replace").decode("latin-1")
    return value


def _page(pdf: FPDF, family: str, letter: InviteLetter, school_name: str,
          join_url: str) -> None:
    expires = dt.datetime.fromtimestamp(letter.expires_ms / 1000, dt.UTC).date()
    first_name = letter.student_name.split(" ")[0]
    pdf.add_page()
    pdf.set_font(family, "B", 18)
    _lines(pdf, 0, 9, _text(family, f"{school_name}: the family portal"))
    pdf.ln(4)
    pdf.set_font(family, "", 12)
    lines = [
        f"To the family of {letter.student_name} ({letter.class_name}),",
        "",
        f"On the family portal you can follow {first_name}'s points, read the class story "
        "and write to the teacher, on your phone or computer, in English, Spanish or Arabic.",
        "",
        "1. Open this address:",
    ]
    _lines(pdf, 0, 7, _text(family, "\n".join(lines)))
    pdf.set_font(family, "B", 13)
    _lines(pdf, 0, 8, _text(family, f"    {join_url}"))
    pdf.set_font(family, "", 12)
    _lines(pdf, 0, 7, "2. Type this invite code:")
    pdf.ln(2)
    pdf.set_font(family, "B", 26)
    pdf.cell(0, 16, letter.code, border=1, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(4)
    pdf.set_font(family, "", 12)
    rest = [
        "3. Type your name, your email address or a sign-in name of your own, and a "
        "password; or only your email address, to get sign-in links by email.",
        "",
        f"The code works once, until {expires.isoformat()}. Keep this letter private: the "
        f"code opens {first_name}'s page. Each parent or carer who wants to join can ask "
        "the school for a code of their own.",
    ]
    _lines(pdf, 0, 7, _text(family, "\n".join(rest)))
