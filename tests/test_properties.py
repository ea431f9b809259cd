"""Properties that hold for any input, checked with hypothesis (derandomized: CI is repeatable).

- Every importer registered in ``weakties.importers.registry.FORMATS`` (the ones added later
  too) turns any bytes, any rows under its own header, and any mutation of a real sample file
  into a table or a ``WeaktiesError``, never another exception.
- A zip of arbitrary members, and arbitrary bytes passed as a lone file, end the same way.
- A generated LinkedIn export (any era, re-saved by a spreadsheet or not) gives back the same
  people, through the parser and through ``weakties.load``.
- CSV output neutralises every formula and loses nothing; the HTML never holds a string from an
  export with its ``<``, ``>`` or ``&`` raw.
"""

from __future__ import annotations

import csv
import io
import re
import tempfile
from datetime import date
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from helpers import PREAMBLE, samples_by_format, zip_bytes
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import weakties
import weakties.outputs.files as output_files
from weakties.errors import WeaktiesError
from weakties.importers.base import FileTable, Format
from weakties.importers.linkedin import parse_connections
from weakties.importers.registry import FORMATS, sniff
from weakties.outputs.files import _may_hold_formulas, csv_chunks, neutralise, write_csv
from weakties.outputs.view import render_html

#: Modest and reproducible: the same examples on every run, no database left behind.
FUZZ = settings(max_examples=25, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
FEW = settings(FUZZ, max_examples=15)


# --- seeds: real files of every format, from the sample exports ---------------------------------


SEEDS = samples_by_format()


def _header(fmt: Format) -> list[str] | None:
    """A header the format accepts, read off its signature (None when it is not a CSV one)."""
    text = re.sub(r"\s*\(.*", "", fmt.signature).replace("[", "").replace("]", "")
    cells = [c.strip() for c in text.split(",") if c.strip() not in ("…", "")]
    try:
        ok = fmt.matches([c.lower() for c in cells])
    except Exception:  # a structural format's matcher may expect other input
        return None
    return cells if ok else None


def _name(fmt: Format) -> str:
    """A file name that suits the format (the name decides between the Recommendations files)."""
    if fmt.name in SEEDS:
        return Path(SEEDS[fmt.name][0][0]).name
    return {"linkedin-recommendations-given": "Recommendations_Given.csv",
            "linkedin-recommendations-received": "Recommendations_Received.csv"}.get(
        fmt.name, f"{fmt.name}.csv")


def parse_or_refuse(fmt: Format, data: bytes, name: str) -> None:
    """The property: a table, or a WeaktiesError; any other exception fails the test."""
    try:
        table = fmt.parse(data, name)
    except WeaktiesError as err:
        assert str(err) and "\n" not in str(err), repr(str(err))  # one line for the CLI
        return
    assert isinstance(table, FileTable)
    assert table.rows == len(table.frame)


FORMAT_IDS = [f.name for f in FORMATS]


# --- every importer: arbitrary bytes, rows, mutations -------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS, ids=FORMAT_IDS)
@FEW
@given(data=st.binary(max_size=3_000))
def test_any_bytes_give_a_table_or_an_error(fmt: Format, data: bytes):
    parse_or_refuse(fmt, data, _name(fmt))


#: Cells as spreadsheets and strangers write them: quotes, delimiters, line ends, formulas,
#: HTML, NULs, non-ASCII, empty.
CELL = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["", '"', '""', ",", ";", "\t", "\n", "\r\n", "\r", "=1+1", "@SUM(A1)",
                     "<script>alert(1)</script>", "\x00", "\ufeff", "NA", "null", "14 Feb 2020",
                     "2024-05-01 10:00:00 UTC", "Yes", "https://www.linkedin.com/in/x",
                     "a@b.example", " ", "…", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢"]),
)
ROWS = st.lists(st.lists(CELL, max_size=14), max_size=12)


def _csv(rows: list[list[str]], delimiter: str = ",") -> str:
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\n").writerows(rows)
    return buf.getvalue()


@pytest.mark.parametrize("fmt", FORMATS, ids=FORMAT_IDS)
@FUZZ
@given(rows=ROWS, encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]),
       delimiter=st.sampled_from([",", ";", "\t"]), preamble=st.booleans())
def test_any_rows_under_the_header_give_a_table_or_an_error(
    fmt: Format, rows: list[list[str]], encoding: str, delimiter: str, preamble: bool,
):
    header = _header(fmt)
    head = delimiter.join(header) + "\n" if header else fmt.signature + "\n"
    text = (PREAMBLE if preamble else "") + head + _csv(rows, delimiter)
    parse_or_refuse(fmt, text.encode(encoding, errors="replace"), _name(fmt))


MUTATION = st.tuples(
    st.sampled_from(["insert", "delete", "replace", "truncate", "repeat"]),
    st.floats(0, 1), st.integers(1, 64),
    st.one_of(st.binary(min_size=1, max_size=8),
              st.sampled_from([b'"', b"\x00", b"\n", b"\r", b",", b"\xff", b"\xef\xbb\xbf",
                               b"=", b"{", b"]", b"BEGIN:VCARD\n", b"\\", b"\t"])),
)


def mutate(data: bytes, mutations: list[tuple[str, float, int, bytes]]) -> bytes:
    for kind, where, n, chunk in mutations:
        at = int(where * len(data))
        if kind == "insert":
            data = data[:at] + chunk * n + data[at:]
        elif kind == "delete":
            data = data[:at] + data[at + n:]
        elif kind == "replace":
            data = data[:at] + chunk + data[at + len(chunk):]
        elif kind == "truncate":
            data = data[:at]
        else:
            data = data[:at] + data[at:at + n] * 3 + data[at + n:]
    return data


SEEDED = [f for f in FORMATS if f.name in SEEDS]


@pytest.mark.parametrize("fmt", SEEDED, ids=[f.name for f in SEEDED])
@FUZZ
@given(choice=st.data(), mutations=st.lists(MUTATION, min_size=1, max_size=4))
def test_any_mutation_of_a_real_file_gives_a_table_or_an_error(fmt: Format, choice, mutations):
    name, data = choice.draw(st.sampled_from(SEEDS[fmt.name]))
    parse_or_refuse(fmt, mutate(data, mutations), Path(name).name)


def test_every_linkedin_format_has_a_real_seed():
    # The mutations test covers a format only when sample_exports holds a file of it.
    assert {f.name for f in FORMATS if f.name.startswith("linkedin-")} <= set(SEEDS)


@FUZZ
@given(data=st.binary(max_size=2_000), name=st.sampled_from(
    ["Connections.csv", "messages.csv", "x.vcf", "friends.json", "following.js", "1.edges",
     "Recommendations_Given.csv", "notes.txt"]))
def test_sniffing_any_bytes_gives_a_format_none_or_an_error(data: bytes, name: str):
    try:
        sniff(data, name, lone_file=True)
    except WeaktiesError:
        pass


# --- whole inputs: a lone file and a zip of anything ---------------------------------------------


def load_or_refuse(path: Path) -> None:
    try:
        weakties.load([path])
    except WeaktiesError as err:
        assert "\n" not in str(err), repr(str(err))


@FEW
@given(data=st.binary(max_size=2_000), suffix=st.sampled_from([".csv", ".zip", ".txt", ".vcf"]))
def test_any_bytes_as_a_lone_file_load_or_are_refused(data: bytes, suffix: str):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"Connections{suffix}"
        path.write_bytes(data)
        load_or_refuse(path)


MEMBER_NAME = st.one_of(
    st.sampled_from(["Connections.csv", "messages.csv", "Profile.csv", "../Connections.csv",
                     "/abs/Invitations.csv", "a/b/c/Endorsement_Received_Info.csv", "x.zip",
                     "guide_messages.csv", "Recommendations_Given.csv", "ünïcødé.csv"]),
    st.text(min_size=1, max_size=30).map(lambda s: s.replace("\x00", "") or "x"),
)
SEEDED_BYTES = [data for seeds in SEEDS.values() for _, data in seeds]


@FEW
@given(members=st.lists(st.tuples(MEMBER_NAME, st.one_of(
    st.binary(max_size=500), st.sampled_from(SEEDED_BYTES))), max_size=5),
    mutations=st.lists(MUTATION, max_size=2))
def test_any_zip_loads_or_is_refused(members: list[tuple[str, bytes]], mutations):
    archive = mutate(zip_bytes(dict(members)), mutations)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "export.zip"
        path.write_bytes(archive)
        load_or_refuse(path)


# --- round trip: a generated export gives back the same people -----------------------------------

WORD = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zs", "Zl", "Zp"),
                           exclude_characters="\ufeff\x85"),
    min_size=1, max_size=12,
)
#: Text as people type it: words with single spaces, commas, quotes, formulas, HTML.
VALUE = st.lists(st.one_of(WORD, st.sampled_from(
    ['"Annie"', "O’Neil", "Jansen,", "MSc", "=HYPERLINK(1)", "<b>", "-", "@x", "(she/her)"])),
    min_size=1, max_size=4).map(" ".join)
LATIN = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéèøüñçåö'-",
                min_size=1, max_size=12)
SLUG = st.from_regex(r"[a-z][a-z0-9-]{2,20}[a-z0-9]", fullmatch=True)
DAY = st.dates(date(2004, 1, 1), date(2026, 12, 31))


@st.composite
def people(draw, value=VALUE) -> list[dict]:
    slugs = draw(st.lists(SLUG, min_size=1, max_size=8, unique=True))
    found = []
    for slug in slugs:
        found.append({
            "first": draw(value), "last": draw(st.one_of(st.just(""), value)), "slug": slug,
            "email": draw(st.sampled_from(["", f"{slug}@example.org"])),
            "company": draw(st.one_of(st.just(""), value)),
            "position": draw(st.one_of(st.just(""), value)), "on": draw(DAY),
        })
    return found


def connections_csv(rows: list[dict], *, era: str, resave: str, hidden: int) -> bytes:
    """Connections.csv as LinkedIn writes it (``era``), or as a spreadsheet re-saved it."""
    with_url = era == "2023"
    header = ["First Name", "Last Name", *(["URL"] if with_url else []), "Email Address",
              "Company", "Position", "Connected On"]
    body = [[p["first"], p["last"], *([f"https://www.linkedin.com/in/{p['slug']}"]
                                      if with_url else []), p["email"], p["company"],
             p["position"], p["on"].strftime("%d %b %Y")] for p in rows]
    body += [[""] * (len(header) - 1) + ["16 Sep 2021"]] * hidden
    if resave == "excel-eu":  # ; and cp1252 and CRLF, preamble gone
        return _csv([header, *body], ";").replace("\n", "\r\n").encode("cp1252")
    text = (PREAMBLE if era != "2018" else "") + _csv([header, *body])
    return text.encode("utf-8-sig" if resave == "bom" else "utf-8")


def full_name(p: dict) -> str:
    return " ".join(f"{p['first']} {p['last']}".split())


@FUZZ
@given(rows=people(), era=st.sampled_from(["2018", "2020", "2023"]),
       resave=st.sampled_from(["none", "bom"]), hidden=st.integers(0, 3))
def test_connections_round_trip_through_the_parser(rows, era, resave, hidden):
    table = parse_connections(connections_csv(rows, era=era, resave=resave, hidden=hidden),
                              "Connections.csv")
    assert table.hidden_members == hidden
    assert table.frame["name"].tolist() == [full_name(p) for p in rows]
    assert table.frame["organisation"].tolist() == [p["company"] for p in rows]
    assert table.frame["position"].tolist() == [p["position"] for p in rows]
    assert table.frame["email"].tolist() == [p["email"] for p in rows]
    assert [d.date() for d in table.frame["connected_on"]] == [p["on"] for p in rows]
    if era == "2023":
        assert table.frame["url"].tolist() == [f"https://www.linkedin.com/in/{p['slug']}"
                                               for p in rows]


@FUZZ
@given(rows=people(value=st.lists(LATIN, min_size=1, max_size=3).map(" ".join)))
def test_connections_round_trip_after_a_european_excel_resave(rows):
    data = connections_csv(rows, era="2020", resave="excel-eu", hidden=0)
    table = parse_connections(data, "Connections.csv")
    assert table.frame["name"].tolist() == [full_name(p) for p in rows]
    assert table.frame["organisation"].tolist() == [p["company"] for p in rows]


@FEW
@given(rows=people(), owner=st.sampled_from(["Anne Owner", "Bram O'Wner"]),
       packaging=st.sampled_from(["zip", "folder", "lone"]))
def test_an_export_loads_as_the_same_people(rows, owner, packaging):
    files = {"Connections.csv": connections_csv(rows, era="2023", resave="none", hidden=1)}
    if packaging != "lone":
        first, last = owner.split(" ", 1)
        files["Profile.csv"] = _csv([
            ["First Name", "Last Name", "Maiden Name", "Address", "Birth Date", "Headline"],
            [first, last, "", "", "", ""]]).encode()
    with tempfile.TemporaryDirectory() as tmp:
        if packaging == "zip":
            path = Path(tmp) / "export.zip"
            path.write_bytes(zip_bytes({f"Basic_LinkedInDataExport/{k}": v
                                        for k, v in files.items()}))
        elif packaging == "folder":
            path = Path(tmp) / "export"
            path.mkdir()
            for name, data in files.items():
                (path / name).write_bytes(data)
        else:
            path = Path(tmp) / "anne_Connections.csv"
            path.write_bytes(files["Connections.csv"])
        G, report = weakties.load([path])
    (me,) = G.graph["owners"]
    assert G.nodes[me]["name"] == (owner if packaging != "lone" else "anne")
    contacts = {n: d for n, d in G.nodes(data=True) if n != me}
    assert contacts.keys() == {f"https://www.linkedin.com/in/{p['slug']}" for p in rows}
    for p in rows:
        node = contacts[f"https://www.linkedin.com/in/{p['slug']}"]
        assert node["name"] == full_name(p)
        assert (node["organisation"], node["position"]) == (p["company"], p["position"])
        assert node["email"] == p["email"]
    assert set(G.adj[me]) == contacts.keys()
    assert report.hidden_members == 1


# --- outputs: formulas neutralised, nothing lost; HTML never holds a raw tag ---------------------

FORMULA = re.compile(r"^[ \u00a0\u3000]*[=+\-@\t\r]")
PLAIN_NUMBER = re.compile(r"-?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


@FUZZ
@given(cells=st.lists(st.lists(st.one_of(CELL, VALUE), min_size=3, max_size=3), min_size=1,
                      max_size=10))
def test_csv_output_neutralises_every_formula_and_loses_nothing(cells):
    frame = pd.DataFrame(cells, columns=["name", "=organisation", "position"])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "people.csv"
        write_csv(frame, path)
        with path.open(encoding="utf-8-sig", newline="") as fh:
            read = list(csv.reader(fh))
    assert read[0] == ["name", "'=organisation", "position"]
    for written, original in zip(read[1:], cells, strict=True):
        for out, value in zip(written, original, strict=True):
            if FORMULA.match(value) and not PLAIN_NUMBER.fullmatch(value):
                assert out == "'" + value  # shown as text, and nothing else changed
            else:
                assert out == value
            assert neutralise(value) == out


@FUZZ
@given(cells=st.lists(st.tuples(st.one_of(CELL, VALUE, st.text(max_size=12), st.none()),
                                st.one_of(st.floats(), st.none()), st.integers(-2**63, 2**63 - 1)),
                      max_size=12))
def test_csv_text_is_byte_for_byte_what_pandas_writes(cells):
    frame = pd.DataFrame(cells, columns=["text", "number", "count"]).astype({"count": "int64"})
    # repeated past the length pandas writes itself, so that pyarrow writes it
    frame = pd.concat([frame] * (output_files.CSV_PANDAS_ROWS // max(len(frame), 1) + 1))
    frame["text"] = frame["text"].astype("str")
    expected = frame.to_csv(index=False, lineterminator="\r\n").encode()
    assert b"".join(csv_chunks(frame)) == expected


@FUZZ
@given(texts=st.lists(st.one_of(CELL, VALUE, st.text(alphabet=" \u00a0\u3000=+-@\t\r\n1a.",
                                                     max_size=6)), min_size=1, max_size=8))
def test_formula_search_in_c_agrees_with_neutralise(texts):
    expected = any(neutralise(t) != t for t in texts) or any(
        PLAIN_NUMBER.fullmatch(t) and FORMULA.match(t) for t in texts)
    for column in (pd.Series(texts, dtype="str"), pd.Series(texts, dtype=object)):
        assert _may_hold_formulas(column) == bool(expected)


@FEW
@given(texts=st.lists(st.one_of(VALUE, st.text(min_size=1, max_size=30)), min_size=3,
                      max_size=6))
def test_html_never_holds_an_export_string_with_markup_raw(texts):
    # Sentinels around each string: a raw copy cannot be the page's own markup by chance.
    names = [f"Zq{i}{text}qZ" for i, text in enumerate(texts)]
    G = nx.Graph(owners=["o"])
    G.add_node("o", name="Owner", owner=True, organisation="", position="")
    for i, name in enumerate(names):
        G.add_node(f"p{i}", name=name, organisation=name[::-1], position=name, owner=False)
        G.add_edge("o", f"p{i}")
    page = render_html(G)
    for name in names:
        for text in (name, name[::-1]):
            if set(text) & set("<>&"):
                assert text not in page, text
