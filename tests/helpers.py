"""Fixture builders: synthetic LinkedIn export files, byte for byte as docs/formats.md §1 says.

Every person here is invented. The builders return bytes (or write them under a folder the test
gives, always ``tmp_path``), so a test can see exactly what a file holds. The team fixture
(:func:`write_team`) is the one most tests share; its content is spelled out in
:data:`ALICE_FILES`, :data:`BOB_FILES` and :data:`CAROL_CONNECTIONS`, and the figures the tests
expect are derived from those rows by hand, in comments next to each assertion.
"""

from __future__ import annotations

import csv
import hashlib
import io
import zipfile
from pathlib import Path

IN = "https://www.linkedin.com/in/"

#: Connections.csv preamble, identical bytes 2020–2026: ``Notes:``, one quoted sentence, a blank
#: line; the header is on line 4.
PREAMBLE = (
    'Notes:\n"When exporting your connection data, you may notice that some of the email '
    "addresses are missing. You will only see email addresses for connections who have allowed "
    "their connections to see or download their email address using this setting "
    "https://www.linkedin.com/psettings/privacy/email. You can learn more here "
    'https://www.linkedin.com/help/linkedin/answer/261"\n\n'
)
CONNECTIONS_2023 = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position",
                    "Connected On"]
CONNECTIONS_2020 = ["First Name", "Last Name", "Email Address", "Company", "Position",
                    "Connected On"]
#: Dec 2024 messages.csv: RECIPIENT PROFILE URLS (2023+) and the two draft columns at the end.
MESSAGES_2024 = ["CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
                 "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER",
                 "IS MESSAGE DRAFT", "IS CONVERSATION DRAFT"]
#: 2023–2025 messages.csv (no draft columns).
MESSAGES_2023 = MESSAGES_2024[:10]
#: 2020–2022 messages.csv: no RECIPIENT PROFILE URLS.
MESSAGES_2021 = MESSAGES_2024[:5] + MESSAGES_2024[6:10]
PROFILE = ["First Name", "Last Name", "Maiden Name", "Address", "Birth Date", "Headline",
           "Summary", "Industry", "Zip Code", "Geo Location", "Twitter Handles", "Websites",
           "Instant Messengers"]
ENDORSEMENTS_RECEIVED_2023 = ["Endorsement Date", "Skill Name", "Endorser First Name",
                              "Endorser Last Name", "Endorser Public Url", "Endorsement Status"]
ENDORSEMENTS_RECEIVED_2022 = ["Endorsement Date", "Skill Name", "Endorser First Name",
                              "Endorser Last Name", "Endorsement Status"]


def csv_bytes(rows: list[list[str]], *, ending: str = "") -> bytes:
    """RFC 4180 with quotes only where needed, LF, UTF-8 without BOM; LinkedIn usually writes
    no newline after the last row (``ending`` adds one, as some exports do)."""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL).writerows(rows)
    return (buf.getvalue()[:-1] + ending).encode("utf-8")


def connections(rows: list[list[str]], *, era: str = "2023", ending: str = "") -> bytes:
    """``Connections.csv``: preamble (2020 Dec+) and the header of the era, then ``rows``."""
    header = CONNECTIONS_2023 if era == "2023" else CONNECTIONS_2020
    return PREAMBLE.encode() + csv_bytes([header, *rows], ending=ending)


def messages(rows: list[list[str]], header: list[str] = MESSAGES_2024) -> bytes:
    return csv_bytes([header, *rows])


def profile(first: str, last: str, headline: str = "", location: str = "") -> bytes:
    return csv_bytes([PROFILE, [first, last, "", "", "", headline, "", "", "", location,
                                "", "", ""]])


def write_files(folder: Path, files: dict[str, bytes]) -> Path:
    """Write ``files`` (relative name -> bytes) under ``folder``, making subfolders."""
    for name, data in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return folder


def zip_bytes(files: dict[str, bytes]) -> bytes:
    """A zip of ``files`` with a fixed timestamp (same files, same bytes)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(zipfile.ZipInfo(name, (2024, 12, 16, 9, 30, 0)), data)
    return buf.getvalue()


def write_zip(path: Path, files: dict[str, bytes]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(zip_bytes(files))
    return path


def tree_hashes(folder: Path) -> dict[str, str]:
    """SHA-256 of every file under ``folder`` (to prove inputs were not modified)."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


# --- The team fixture ----------------------------------------------------------------------------
# Alice: a 2024 archive with Profile.csv. Bob: a 2024 archive without Profile.csv (his URL and
# name come from the messages he sent). Carol: a lone carol_Connections.csv.

ALICE_URL = IN + "alice-example"
BOB_URL = IN + "bob-builder-9"
# Percent-encoded with uppercase hex, as ~1% of real URLs are (’ = E2 80 99).
ANNE_URL = IN + "anne-o%E2%80%99neil-1a2b3c"
ANNE_ID = IN + "anne-o’neil-1a2b3c"  # normalised: percent-decoded
PIETER_URL = IN + "pieter-jansen-77"
BJORN_URL = IN + "bjorn-odegaard"
WEI_URL = IN + "wei-chen-kelpie"
SOFIA_URL = IN + "sofia-hernandez"
MARIA_B_URL = IN + "maria-garcia-2"  # Bob's Maria Garcia ...
MARIA_C_URL = IN + "maria-garcia-1"  # ... and Carol's: same name and hospital, another person
JAN_URL = IN + "jan-de-vries"

ANNE_TO = 'Anne "Annie" O’Neil'  # as the TO column writes her
GROUP_TO = f"{ANNE_TO},Pieter Jansen, MSc, MBA, PHR,Björn Ødegaard"  # never split TO
GROUP_URLS = f"{ANNE_URL},{PIETER_URL},{BJORN_URL}"  # comma-joined, no spaces

ALICE_CONNECTIONS = connections([
    # newest first; 5 people, 2 hidden members
    ['Anne "Annie"', "O’Neil", ANNE_URL, "", "Acme, Inc", "Account Executive", "14 Feb 2024"],
    ["Pieter", "Jansen, MSc, MBA, PHR", PIETER_URL, "", "Nimbus Systems", "Engineer",
     "02 Jan 2024"],
    ["Björn", "Ødegaard", BJORN_URL, "", "Kelpie Labs", "Founder", "15 Mar 2023"],
    ["Wei", "Chen", WEI_URL, "wei.chen@kelpie.example", "Kelpie Labs", "CTO", "01 Jun 2022"],
    ["", "", "", "", "", "", "16 Sep 2021"],
    ["Sofía", "Hernández", SOFIA_URL, "", "Banque Lumière", "Analyst", "10 Oct 2020"],
    ["", "", "", "", "", "", "05 May 2019"],
])


def _msg(cid, title, sender, sender_url, to, to_urls, date, *, draft="No"):
    return [cid, title, sender, sender_url, to, to_urls, date, "", "Hello", "INBOX", draft, "No"]


ALICE_MESSAGES = messages([
    # c1: one-to-one with Anne, 3 messages (Alice 2, Anne 1).
    _msg("c1", "", "Alice Example", ALICE_URL, ANNE_TO, ANNE_URL, "2024-03-03 11:00:00 UTC"),
    _msg("c1", "", ANNE_TO, ANNE_URL, "Alice Example", ALICE_URL, "2024-03-02 10:00:00 UTC"),
    _msg("c1", "", "Alice Example", ALICE_URL, ANNE_TO, ANNE_URL, "2024-03-01 09:00:00 UTC"),
    # c2: a group conversation of Alice, Anne, Pieter and Björn, 2 messages.
    _msg("c2", "Reunion", "Pieter Jansen, MSc, MBA, PHR", PIETER_URL,
         f"Alice Example,{ANNE_TO},Björn Ødegaard", f"{ALICE_URL},{ANNE_URL},{BJORN_URL}",
         "2024-04-02 08:30:00 UTC"),
    _msg("c2", "Reunion", "Alice Example", ALICE_URL, GROUP_TO, GROUP_URLS,
         "2024-04-01 08:00:00 UTC"),
    # Three rows weakties must drop: a draft, a "LinkedIn Member" without URL, sponsored InMail
    # (dated after everything else: a dropped row must not move as_of).
    _msg("c3", "", "Alice Example", ALICE_URL, "Sofía Hernández", SOFIA_URL,
         "2024-05-01 12:00:00 UTC", draft="Yes"),
    _msg("c4", "", "LinkedIn Member", "", "Alice Example", ALICE_URL, "2024-05-02 12:00:00 UTC"),
    _msg("c5", "Sponsored Conversation", "Acme Recruiting", IN + "acme-recruiter",
         "Alice Example", ALICE_URL, "2024-12-01 12:00:00 UTC"),
])

#: Same header as messages.csv but LinkedIn's guide bot: must be ignored (and is dated last).
ALICE_GUIDE = messages([
    _msg("g1", "", "LinkedIn Guide", IN + "linkedin-guide", "Alice Example", ALICE_URL,
         "2025-01-01 10:00:00 UTC"),
])

#: 2023+ endorsements: the endorser URL without scheme; Wei endorsed Alice once.
ALICE_ENDORSEMENTS = csv_bytes([
    ENDORSEMENTS_RECEIVED_2023,
    ["2023/06/01 10:00:00 UTC", "Python", "Wei", "Chen", "www.linkedin.com/in/wei-chen-kelpie",
     "ACCEPTED"],
])

ALICE_FILES: dict[str, bytes] = {
    "Connections.csv": ALICE_CONNECTIONS,
    "messages.csv": ALICE_MESSAGES,
    "guide_messages.csv": ALICE_GUIDE,
    "Endorsement_Received_Info.csv": ALICE_ENDORSEMENTS,
    "Profile.csv": profile("Alice", "Example", "Data Scientist", "Amsterdam, Netherlands"),
    "Jobs/Job Applications.csv": csv_bytes([
        ["Application Date", "Contact Email", "Company Name", "Job Title"],
        ["3/2/24, 9:15 AM", "alice@example.com", "Helix", "Data Scientist"],
    ]),
}

BOB_FILES: dict[str, bytes] = {
    "Connections.csv": connections([
        # Anne again (same URL as in Alice's file, another company spelling): one person.
        ['Anne "Annie"', "O’Neil", ANNE_URL, "", "Acme", "Sales Director", "20 Jul 2024"],
        ["Maria", "Garcia", MARIA_B_URL, "", "St. Aurelia Hospital", "Nurse", "01 Feb 2022"],
        ["Jan", "de Vries", JAN_URL, "", "Northbridge University", "Lecturer", "05 May 2021"],
        ["", "", "", "", "", "", "01 Jan 2020"],
    ], ending="\n"),
    "messages.csv": messages([
        ["b1", "", "Bob Builder", BOB_URL, "Jan de Vries", JAN_URL, "2024-06-01 09:00:00 UTC",
         "", "Coffee?", "INBOX"],
        ["b1", "", "Jan de Vries", JAN_URL, "Bob Builder", BOB_URL, "2024-06-02 09:00:00 UTC",
         "", "Sure", "INBOX"],
        ["b2", "", "Maria Garcia", MARIA_B_URL, "Bob Builder", BOB_URL,
         "2024-08-10 09:00:00 UTC", "", "Hi Bob", "INBOX"],
        ["b2", "", "Bob Builder", BOB_URL, "Maria Garcia", MARIA_B_URL,
         "2024-08-11 09:00:00 UTC", "", "Hi Maria", "INBOX"],
    ], header=MESSAGES_2023),
}

CAROL_CONNECTIONS = connections([
    ['Anne "Annie"', "O’Neil", ANNE_URL, "", "Acme, Inc", "Account Executive", "01 Mar 2024"],
    ["Sofía", "Hernández", SOFIA_URL, "", "Banque Lumière", "Analyst", "02 Feb 2023"],
    ["Maria", "Garcia", MARIA_C_URL, "", "St. Aurelia Hospital", "Cardiologist", "03 Jan 2022"],
], ending="\n")


def alice_archive(root: str = "Basic_LinkedInDataExport_05-14-2024/") -> dict[str, bytes]:
    """Alice's files as they sit in her zip: inside a folder, as some exports are."""
    return {root + name: data for name, data in ALICE_FILES.items()}


def write_team(folder: Path) -> Path:
    """``team/alice.zip``, ``team/bob/`` (unzipped), ``team/carol_Connections.csv``."""
    team = folder / "team"
    write_zip(team / "alice.zip", alice_archive())
    write_files(team / "bob", BOB_FILES)
    write_files(team, {"carol_Connections.csv": CAROL_CONNECTIONS})
    return team


SAMPLES = Path(__file__).resolve().parents[1] / "sample_exports"


def sample_files() -> list[tuple[str, bytes]]:
    """(name, bytes) of every file in sample_exports, zip members included."""
    found: list[tuple[str, bytes]] = []
    for path in sorted(SAMPLES.rglob("*")):
        if not path.is_file() or path.suffix in (".py", ".md") or path.name == "facts.json":
            continue
        data = path.read_bytes()
        if zipfile.is_zipfile(io.BytesIO(data)):
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                found += [(f"{path.name}/{i.filename}", archive.read(i))
                          for i in archive.infolist() if not i.is_dir()]
        else:
            found.append((str(path.relative_to(SAMPLES)), data))
    return found


def samples_by_format(max_bytes: int | None = None) -> dict[str, list[tuple[str, bytes]]]:
    """The sample files each format recognises (sniffed as a lone file), cut to ``max_bytes``:
    the seeds the property and fuzz tests start from."""
    from weakties.errors import WeaktiesError
    from weakties.importers.registry import sniff

    by_format: dict[str, list[tuple[str, bytes]]] = {}
    for name, data in sample_files():
        try:
            fmt = sniff(data, name, lone_file=True)
        except WeaktiesError:
            continue
        if fmt is not None:
            by_format.setdefault(fmt.name, []).append((name, data[:max_bytes]))
    return by_format


def tables(G, analysis=None):
    """``(people, ties, meta)`` as the report's pages draw them: people.csv's and ties.csv's
    tables of ``G`` (with ``analysis``' columns) and ``G.graph``."""
    from weakties.outputs.report import people_frame, ties_frame

    return people_frame(G, analysis), ties_frame(G, analysis), G.graph


def write_report_of(G, report, analysis, out, **kw):
    """:func:`weakties.outputs.report.write_report` of a loaded graph, as ``analyze`` calls it:
    the graph's base tables and ``G.graph``."""
    from weakties.graph.tables import people_table, ties_table
    from weakties.outputs.report import write_report

    return write_report(people_table(G), ties_table(G), G.graph, report, analysis, out, **kw)
