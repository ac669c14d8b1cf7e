"""Roster CSV: good files in the shapes schools export, bad files refused with every problem."""

from __future__ import annotations

import codecs
import csv
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dojo_desktop.core.roster_csv import (
    CsvProblem,
    RosterCsvError,
    RosterRow,
    parse_roster_csv,
    read_roster_csv,
)
from dojo_protocol.limits import MAX_CLASS_NAME, MAX_PERSON_NAME


def rows_of(data: bytes) -> list[tuple[int, str, str, str | None]]:
    return [(r.line, r.first_name, r.last_name, r.class_name) for r in parse_roster_csv(data)]


def problems_of(data: bytes) -> list[CsvProblem]:
    with pytest.raises(RosterCsvError) as caught:
        parse_roster_csv(data)
    assert isinstance(caught.value, ValueError)
    assert caught.value.problems, "a refused file names at least one problem"
    return caught.value.problems


def where(problems: list[CsvProblem]) -> list[tuple[int, str]]:
    return [(p.line, p.column) for p in problems]


# Good files -----------------------------------------------------------------------------


def test_comma_separated_with_a_class_column() -> None:
    data = b"First name,Last name,Class\nAmira,Khan,4B\nBen,Okafor,5C\n"
    assert rows_of(data) == [(2, "Amira", "Khan", "4B"), (3, "Ben", "Okafor", "5C")]


def test_semicolon_separated_as_european_excel_writes() -> None:
    data = b"First name;Last name;Class\nAmira;Khan;4B\nBen;Okafor, Jr;4B\n"
    assert rows_of(data) == [(2, "Amira", "Khan", "4B"), (3, "Ben", "Okafor, Jr", "4B")]


def test_tab_separated() -> None:
    data = b"First name\tLast name\nAmira\tKhan\nBen\tOkafor\n"
    assert rows_of(data) == [(2, "Amira", "Khan", None), (3, "Ben", "Okafor", None)]


def test_utf8_with_a_byte_order_mark() -> None:
    data = codecs.BOM_UTF8 + "First name,Last name\nZoë,Brontë\n".encode()
    assert rows_of(data) == [(2, "Zoë", "Brontë", None)]


def test_windows_1252_names() -> None:
    text = "First name,Last name,Class\r\nZoë,Müller,4B\r\nJosé,Núñez,4B\r\nFrançois,Œuvre,4B\r\n"
    data = text.encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # really a Windows-1252 file, not UTF-8
    assert rows_of(data) == [(2, "Zoë", "Müller", "4B"), (3, "José", "Núñez", "4B"),
                             (4, "François", "Œuvre", "4B")]


def test_quoted_names_with_commas_and_quotes() -> None:
    data = (b'First name,Last name,Class\n"Mary, Jane",Smith,4B\n'
            b'Kofi,"O""Brien",4B\n"Dev","Patel, Jr","Year 4, B"\n')
    assert rows_of(data) == [(2, "Mary, Jane", "Smith", "4B"), (3, "Kofi", "O\"Brien", "4B"),
                             (4, "Dev", "Patel, Jr", "Year 4, B")]


def test_the_class_column_is_optional_and_may_be_empty() -> None:
    assert rows_of(b"First name,Last name\nAmira,Khan\n") == [(2, "Amira", "Khan", None)]
    data = b"First name,Last name,Class\nAmira,Khan,\nBen,Okafor,  \nCara,Nowak,4B\n"
    assert rows_of(data) == [(2, "Amira", "Khan", None), (3, "Ben", "Okafor", None),
                             (4, "Cara", "Nowak", "4B")]


@pytest.mark.parametrize("header", [
    "Forename,Surname,Form",
    "first name,last name,class",
    "FIRST NAME,LAST NAME,CLASS NAME",
    "Given name,Family name,Group",
    "firstname,lastname,classname",
    "first_name,last_name,class_name",
    "  First name , Surname ,Class ",
])
def test_header_aliases(header: str) -> None:
    data = f"{header}\nAmira,Khan,4B\n".encode()
    assert rows_of(data) == [(2, "Amira", "Khan", "4B")]


def test_columns_in_any_order_with_extra_columns() -> None:
    data = b"Class,Date of birth,Surname,Forename\n4B,2016-01-01,Khan,Amira\n"
    assert rows_of(data) == [(2, "Amira", "Khan", "4B")]


def test_crlf_blank_lines_and_surrounding_spaces() -> None:
    data = b"First name,Last name\r\n\r\n  Amira  ,  Khan \r\n,\r\nBen,Okafor\r\n\r\n"
    assert rows_of(data) == [(3, "Amira", "Khan", None), (5, "Ben", "Okafor", None)]


def test_a_missing_last_value_is_an_empty_last_name() -> None:
    assert rows_of(b"First name,Last name\nMadonna\n") == [(2, "Madonna", "", None)]


def test_line_numbers_count_lines_inside_quoted_values() -> None:
    data = b'First name,Last name\n"Mary\nJane",Smith\nBen,Okafor\n'
    assert rows_of(data) == [(2, "Mary\nJane", "Smith", None), (4, "Ben", "Okafor", None)]


def test_names_at_the_length_limit_are_accepted() -> None:
    name, group = "A" * MAX_PERSON_NAME, "G" * MAX_CLASS_NAME
    data = f"First name,Last name,Class\n{name},{name},{group}\n".encode()
    assert rows_of(data) == [(2, name, name, group)]


def test_same_name_in_different_classes_is_not_a_duplicate() -> None:
    data = b"First name,Last name,Class\nAmira,Khan,4B\nAmira,Khan,5C\n"
    assert [r[3] for r in rows_of(data)] == ["4B", "5C"]


# Bad files ------------------------------------------------------------------------------


def test_missing_name_columns_are_each_reported() -> None:
    problems = problems_of(b"Name,Class\nAmira Khan,4B\n")
    assert where(problems) == [(1, ""), (1, "")]
    messages = " ".join(p.message for p in problems)
    assert "First name" in messages
    assert "Last name" in messages
    assert "Name, Class" in messages  # the columns that were found


def test_a_missing_last_name_column_is_reported() -> None:
    problems = problems_of(b"First name,Class\nAmira,4B\n")
    assert where(problems) == [(1, "")]
    assert "Last name" in problems[0].message


def test_empty_first_name() -> None:
    problems = problems_of(b"First name,Last name\nAmira,Khan\n  ,Okafor\n")
    assert where(problems) == [(3, "First name")]
    assert "empty" in problems[0].message


def test_too_many_values() -> None:
    problems = problems_of(b"First name,Last name\nAmira,Khan\nBen,Okafor,4B,extra\n")
    assert where(problems) == [(3, "")]
    assert "4 values" in problems[0].message
    assert "2 columns" in problems[0].message


def test_too_long_names() -> None:
    long, group = "B" * (MAX_PERSON_NAME + 1), "G" * (MAX_CLASS_NAME + 1)
    data = (f"Forename,Surname,Class\nAmira,Khan,4B\n{long},Okafor,4B\nCara,{long},4B\n"
            f"Dev,Patel,{group}\n").encode()
    problems = problems_of(data)
    assert where(problems) == [(3, "Forename"), (4, "Surname"), (5, "Class")]
    assert [str(MAX_PERSON_NAME) in p.message for p in problems[:2]] == [True, True]
    assert str(MAX_CLASS_NAME) in problems[2].message


def test_duplicates_name_both_lines_ignoring_case() -> None:
    data = b"First name,Last name,Class\nAmira,Khan,4B\nBen,Okafor,4B\nAMIRA, khan ,4b\n"
    problems = problems_of(data)
    assert where(problems) == [(4, "")]
    assert "line 2" in problems[0].message


@pytest.mark.parametrize("data", [b"", b"\n", b"   \r\n", codecs.BOM_UTF8])
def test_an_empty_file(data: bytes) -> None:
    problems = problems_of(data)
    assert where(problems) == [(1, "")]
    assert "empty" in problems[0].message


@pytest.mark.parametrize("data", [b"First name,Last name\n", b"First name,Last name",
                                  b"First name,Last name\n\n , \n"])
def test_a_header_without_students(data: bytes) -> None:
    problems = problems_of(data)
    assert where(problems) == [(2, "")]
    assert "no students" in problems[0].message


@pytest.mark.parametrize("data", [
    b"First name,Last name\nAmi\x00ra,Khan\n",
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10",
    "First name,Last name\nAmira,Khan\n".encode("utf-16"),
    bytes(range(256)) * 4,
])
def test_binary_data_is_refused(data: bytes) -> None:
    problems = problems_of(data)
    assert where(problems) == [(1, "")]


def test_an_unbalanced_quote_reports_the_line_where_the_quote_opens() -> None:
    data = b'First name,Last name\nAmira,Khan\n"Ben,Okafor\nCara,Nowak\nDev,Patel\n'
    problems = problems_of(data)
    assert len(problems) == 1
    assert problems[0].line == 3


def test_text_after_a_closing_quote_is_refused_at_its_line() -> None:
    problems = problems_of(b'First name,Last name\nAmira,Khan\nBen,"Okafor"x\n')
    assert where(problems) == [(3, "")]


def test_every_problem_in_the_file_is_listed() -> None:
    long = "C" * (MAX_PERSON_NAME + 1)
    data = (f"First name,Last name\n,Khan\nBen,Okafor\nBEN,okafor\n{long},Nowak\n"
            f"Dev,Patel,x\n,\n").encode()
    problems = problems_of(data)
    assert where(problems) == [(2, "First name"), (4, ""), (5, "First name"), (6, "")]
    error = RosterCsvError(problems)
    assert "line 2" in str(error)
    assert "line 6" in str(error)


def test_problem_text_names_line_and_column() -> None:
    assert str(CsvProblem(3, "First name", "is empty")) == "line 3, column “First name”: is empty"
    assert str(CsvProblem(1, "", "the file is empty")) == "line 1: the file is empty"


# Property -------------------------------------------------------------------------------

name_chars = st.characters(categories=["L", "M", "N", "P", "S", "Zs"])
first_names = st.text(name_chars, min_size=1, max_size=MAX_PERSON_NAME).filter(
    lambda s: s == s.strip() and s != "")
last_names = st.text(name_chars, max_size=MAX_PERSON_NAME).filter(lambda s: s == s.strip())
class_names = st.sampled_from(["4B", "5C", "Year 6, Blue", "Form \"A\""])


@settings(deadline=None)
@given(
    people=st.lists(st.tuples(first_names, last_names, class_names), min_size=1, max_size=25,
                    unique_by=lambda p: (p[0].casefold(), p[1].casefold(), p[2].casefold())),
    with_class=st.booleans(),
    delimiter=st.sampled_from([",", ";", "\t"]),
    bom=st.booleans(),
)
def test_a_file_written_by_csv_writer_parses_back(
    people: list[tuple[str, str, str]], with_class: bool, delimiter: str, bom: bool,
) -> None:
    if not with_class:
        seen: set[tuple[str, str]] = set()
        people = [p for p in people
                  if (key := (p[0].casefold(), p[1].casefold())) not in seen and not seen.add(key)]
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(["First name", "Last name", "Class"] if with_class
                    else ["First name", "Last name"])
    for first, last, class_name in people:
        writer.writerow([first, last, class_name] if with_class else [first, last])
    data = buffer.getvalue().encode("utf-8-sig" if bom else "utf-8")
    parsed = parse_roster_csv(data)
    assert parsed == [RosterRow(i + 2, first, last, class_name if with_class else None)
                      for i, (first, last, class_name) in enumerate(people)]


def test_a_line_repeated_exactly_is_read_once_and_reported() -> None:
    data = b"First name,Last name,Class\nAmira,Khan,4B\nBen,Okafor,4B\n Amira,Khan ,4B\n"
    read = read_roster_csv(data)
    assert [(r.line, r.first_name) for r in read.rows] == [(2, "Amira"), (3, "Ben")]
    assert read.repeated == [(4, 2)]
    assert not read.has_ids


def test_an_id_column_tells_two_children_of_one_name_apart() -> None:
    data = (b"Student ID,First name,Last name,Class\nS1,Sam,Lee,4B\nS2,Sam,Lee,4B\n"
            b"S1,Samuel,Lee,4B\n")
    problems = problems_of(data)
    assert [(p.line, p.column) for p in problems] == [(4, "")]
    assert "line 2" in problems[0].message
    read = read_roster_csv(data.rsplit(b"S1,Samuel", 1)[0])
    assert [(r.first_name, r.student_id) for r in read.rows] == [("Sam", "S1"), ("Sam", "S2")]
    assert read.has_ids
