"""Mail (mbox, .eml) and calendar (.ics) importers, on files written by hand.

Each test says in a comment which ties it expects and why; weights are Newman's 1/(n-1) over the
non-owner participants of each message or meeting (docs/formats.md, co-participation).
"""

from __future__ import annotations

import io
import zipfile

import pytest
from click.testing import CliRunner
from helpers import tree_hashes

import weakties
from weakties.cli import cli
from weakties.importers import limits
from weakties.importers.ical import parse_ics
from weakties.importers.mail import MAX_HEADER_BYTES, parse_eml, parse_mbox, sniff_mbox

EVA, ANN, BOB, CAT, FRANK = ("email:eva@example.org", "email:ann@x.org", "email:bob@x.org",
                             "email:cat@x.org", "email:frank@x.org")


def msg(frm: str, to: str, *, labels: str = "", extra: str = "", date: str =
        "Mon, 1 Jan 2024 10:00:00 +0000", mid: str = "", body: str = "Hello\n") -> str:
    head = "From 1@xxx Mon Jan 01 10:00:00 +0000 2024\nX-GM-THRID: 1\n"
    if labels:
        head += f"X-Gmail-Labels: {labels}\n"
    head += f"From: {frm}\nTo: {to}\nDate: {date}\n"
    if mid:
        head += f"Message-ID: <{mid}>\n"
    return head + extra + "Subject: not stored\n\n" + body


def mbox(*messages: str, crlf: bool = True) -> bytes:
    text = "\n".join(messages)
    return (text.replace("\n", "\r\n") if crlf else text).encode("utf-8")


TAKEOUT = mbox(
    # 1: Eva sent to Ann and Bob, Cc Cat: non-owner {ann, bob, cat}, n=3 -> each pair 1/2.
    msg("Eva Example <eva@example.org>", "Ann <ann@x.org>, Bob <bob@x.org>", labels="Sent",
        extra="Cc: Cat <cat@x.org>\n", mid="m1",
        body=">From the body, escaped by the writer\n>>From here\nbody line\n"),
    # 2: Ann to Eva and Bob: {ann, bob}, n=2 -> ann-bob += 1 (so 1.5 in all).
    msg("Ann <ANN@x.org>", "eva@example.org, bob@x.org", labels="Inbox,Important", mid="m2",
        date="Tue, 2 Jan 2024 10:00:00 +0100 (CET)"),
    # 3-6: spam, trash, a newsletter, a no-reply sender: no ties.
    msg("Dan <dan@x.org>", "eva@example.org, ann@x.org", labels="Spam", mid="m3"),
    msg("Dan <dan@x.org>", "eva@example.org, ann@x.org", labels="Trash", mid="m4"),
    msg("News <news@x.org>", "eva@example.org, ann@x.org", labels="Inbox", mid="m5",
        extra="List-Unsubscribe: <mailto:u@x.org>\n"),
    msg("Shop <no-reply@shop.example>", "eva@example.org, ann@x.org", mid="m6"),
    msg("Bulk <b@x.org>", "eva@example.org, ann@x.org", mid="m7", extra="Precedence: bulk\n"),
    # 8: Eva sent to Ann and Frank, whose encoded name is folded onto a second line:
    # {ann, frank}, n=2 -> ann-frank += 1. A malformed address is left out, counted.
    msg("eva@example.org", "Ann <ann@x.org>,\n\t=?ISO-8859-1?Q?Frank_J=F6rg?= <frank@x.org>, "
        "broken@@x.org", labels="Sent", mid="m8", date="not a date"),
    # 9: the same Message-ID as 1: read once.
    msg("Eva Example <eva@example.org>", "Ann <ann@x.org>, Bob <bob@x.org>", labels="Sent",
        mid="m1"),
)


@pytest.fixture
def takeout(tmp_path):
    path = tmp_path / "takeout.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("Takeout/Mail/All mail Including Spam and Trash.mbox", TAKEOUT)
        z.writestr("Takeout/YouTube and YouTube Music/history/watch-history.json", "[]")
        z.writestr("Takeout/YouTube and YouTube Music/subscriptions.csv", "a,b\n")
        z.writestr("Takeout/archive_browser.html", "<html></html>")
    return path


def test_mbox_weights_drops_and_owner(takeout):
    G, report = weakties.load([takeout])
    (mail,) = [i for i in report.inputs if i["format"] == "mbox"]
    assert mail["skipped_reasons"] == {
        "messages labelled Spam": 1, "messages labelled Trash": 1,
        "bulk mail: mailing lists and newsletters (List-Id, List-Unsubscribe)": 1,
        "bulk mail: no-reply or mailer-daemon senders": 1,
        "bulk mail: Precedence bulk, list or junk": 1,
        "malformed addresses (left out)": 1,
        "messages with a missing or malformed Date (kept, undated)": 1,
        "the same message twice (same Message-ID)": 1,
    }
    assert mail["notes"] == ["9 messages read, 3 kept (headers only)"]
    assert G.graph["owners"] == [EVA]
    assert G.nodes[EVA]["name"] == "Eva Example"
    ab = G.edges[ANN, BOB]
    assert (ab["coparticipation"], ab["shared_events"]) == (1.5, 2)
    assert (ab["first_seen"], ab["last_seen"]) == ("2024-01-01", "2024-01-02")
    assert G.edges[ANN, CAT]["coparticipation"] == 0.5
    assert G.edges[ANN, FRANK]["coparticipation"] == 1.0
    assert G.nodes[FRANK]["name"] == "Frank Jörg"
    # Eva's messages 1 and 8 reached Ann; Ann's message 2 reached Eva.
    assert G.edges[EVA, ANN]["sent"] == {EVA: 2, ANN: 1}
    assert G.edges[EVA, CAT]["sent"] == {EVA: 1}
    assert "email:dan@x.org" not in G and "email:news@x.org" not in G
    # YouTube is one line of counts, not a line per file.
    yt = [i for i in report.ignored_files if "YouTube" in i]
    assert yt == [f"{takeout}/Takeout/YouTube and YouTube Music (2 files of a Takeout product "
                  "weakties does not read)"]


def test_mbox_never_stores_bodies_or_subjects(takeout, tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["analyze", str(takeout), "--out", str(out), "-q"])
    assert result.exit_code == 0, result.output
    for f in out.iterdir():
        text = f.read_bytes()
        assert b"not stored" not in text and b"escaped by the writer" not in text


def test_mbox_streams_past_the_member_limit(takeout, monkeypatch):
    # An mbox is read as a stream: a member far over the in-memory limit still reads.
    monkeypatch.setattr(limits, "MAX_MEMBER_BYTES", 100)
    monkeypatch.setattr(limits, "MAX_INPUT_BYTES", 100)
    G, _ = weakties.load([takeout])
    assert G.edges[ANN, BOB]["coparticipation"] == 1.5


def test_lone_mbox_file_streams_past_the_file_limit(tmp_path, monkeypatch):
    path = tmp_path / "Inbox"  # Thunderbird: no suffix, LF line ends
    path.write_bytes(mbox(msg("ann@x.org", "eva@example.org, bob@x.org"), crlf=False))
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 10)
    G, _ = weakties.load([path], owner="Eva", owner_emails=["Eva@Example.org"])
    assert G.edges[ANN, BOB]["coparticipation"] == 1.0
    assert G.graph["owners"] == [EVA]


def test_mbox_body_lines_and_line_numbers():
    data = mbox(msg("a@x.org", "b@x.org, c@x.org", body="x\n>From y\nFromage\n"),
                msg("d@x.org", "e@x.org"), crlf=False)
    t = parse_mbox(data, "m")
    # 6 header lines, a blank, 3 body lines, the blank that separates: the second is line 12.
    assert t.frame.groupby("event")["line"].first().tolist() == [1, 12]
    assert sorted(set(t.frame["email"])) == ["a@x.org", "b@x.org", "c@x.org", "d@x.org",
                                             "e@x.org"]


def test_truncated_mbox_counts_the_cut_message():
    whole = mbox(msg("a@x.org", "b@x.org, c@x.org"), msg("d@x.org", "e@x.org"))
    cut = whole[: whole.rindex(b"Date:")]  # the last message ends inside its headers
    t = parse_mbox(cut, "m")
    assert t.skipped == {"last message cut inside its headers (truncated file; skipped)": 1}
    assert set(t.frame["event"]) == {"1"}
    cut_in_body = whole[:-3]
    assert set(parse_mbox(cut_in_body, "m").frame["event"]) == {"1", "2"}


def test_nul_bytes_and_a_huge_header_line():
    huge = msg("a@x.org", "b@x.org", extra="X-Junk: " + "y" * (MAX_HEADER_BYTES + 10) + "\n")
    nul = msg("f\x00@x.org", "g@x.org, h@x.org", body="\x00\x00binary\x00\n")
    t = parse_mbox(mbox(huge, nul, msg("d@x.org", "e@x.org")), "m")
    assert t.skipped[f"messages with a header block over {MAX_HEADER_BYTES // 1024} KiB "
                     "(skipped)"] == 1
    assert t.skipped["malformed addresses (left out)"] == 1
    assert set(t.frame["email"]) == {"g@x.org", "h@x.org", "d@x.org", "e@x.org"}


def test_eml_file():
    data = (b"From: Ann <ann@x.org>\r\nTo: b@x.org\r\nCc: =?UTF-8?B?w4lsaXNl?= <e@x.org>\r\n"
            b"Date: Mon, 1 Jan 2024 10:00:00 +0000\r\n\r\nbody\r\n")
    t = parse_eml(data, "a.eml")
    assert list(zip(t.frame["role"], t.frame["name"], t.frame["email"], strict=True)) == [
        ("from", "Ann", "ann@x.org"), ("to", "", "b@x.org"), ("cc", "Élise", "e@x.org")]


def test_starts_like_mbox_but_is_not(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_bytes(b"From the desk of Anne, 2024\nTo do: everything\n\nmore text\n")
    assert not sniff_mbox(path.read_bytes(), "notes.txt")
    result = CliRunner().invoke(cli, ["analyze", str(path), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {path}: not a recognised export")
    assert result.output.count("\n") == 1


def test_takeout_without_mail_or_calendar(tmp_path):
    path = tmp_path / "takeout.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("Takeout/Drive/a.json", "{}")
        z.writestr("Takeout/YouTube and YouTube Music/subscriptions.csv", "x\n")
    before = tree_hashes(tmp_path)
    result = CliRunner().invoke(cli, ["analyze", str(path), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {path}: a Google Takeout archive without Mail, Calendar or Contacts (found "
        "Drive, YouTube and YouTube Music); export again with Mail, Calendar and Contacts "
        "selected at takeout.google.com\n")
    assert tree_hashes(tmp_path) == before


ICS = b"""BEGIN:VCALENDAR\r
VERSION:2.0\r
X-WR-CALNAME:eva@example.org\r
BEGIN:VEVENT\r
UID:weekly\r
DTSTART:20240105T090000Z\r
RRULE:FREQ=WEEKLY\r
ORGANIZER;CN=Eva:mailto:eva@example.org\r
ATTENDEE;CN="Ann: A.";PARTSTAT=ACCEPTED:mailto:ann@x.o\r
 rg\r
ATTENDEE;CN=Bob;PARTSTAT=DECLINED:mailto:bob@x.org\r
ATTENDEE;CUTYPE=ROOM;CN=Room 1:mailto:room1@x.org\r
ATTENDEE;CN=Big room:mailto:c_123@resource.calendar.google.com\r
ATTENDEE;EMAIL=cat@x.org;CN=Cat:urn:uuid:123\r
BEGIN:VALARM\r
ACTION:EMAIL\r
ATTENDEE:mailto:dan@x.org\r
END:VALARM\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:weekly\r
RECURRENCE-ID:20240112T090000Z\r
DTSTART:20240112T100000Z\r
ATTENDEE;CN=Ann:mailto:ann@x.org\r
ATTENDEE;CN=Cat:mailto:cat@x.org\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:lunch\r
DTSTART;VALUE=DATE:20240201\r
ATTENDEE;CN=Bob:mailto:bob@x.org\r
ATTENDEE;CN=Frank:mailto:frank@x.org\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:cut\r
DTSTART:20240301T100000Z\r
ATTENDEE:mailto:zed@x.org\r
ATTENDEE:mailto:yan@x.org\r
"""


def test_ics_participants_and_damage():
    t = parse_ics(ICS, "eva@example.org.ics")
    assert t.skipped == {
        "attendees who declined": 1, "rooms and resources (not people)": 2,
        "attendees inside an alarm (who is reminded, not a participant)": 1,
        "VEVENT not closed by END:VEVENT (skipped)": 1,
    }
    assert "1 recurring series, each counted as one event" in t.notes
    # The fold split Ann's address; unfolded it is whole.
    assert sorted(set(t.frame["email"])) == ["ann@x.org", "bob@x.org", "cat@x.org",
                                             "eva@example.org", "frank@x.org"]
    assert t.frame.loc[t.frame["email"] == "eva@example.org", "owner"].all()


def test_ics_ties(tmp_path):
    # weekly (one event, moved occurrence included): non-owner {ann, cat} -> ann-cat = 1, not 2.
    # lunch: {bob, frank} -> 1. Bob declined the weekly: no bob-ann tie. The cut event: none.
    path = tmp_path / "eva@example.org.ics"
    path.write_bytes(ICS)
    G, _ = weakties.load([path])
    assert G.graph["owners"] == [EVA]
    assert G.edges[ANN, CAT]["coparticipation"] == 1.0
    assert G.edges[ANN, CAT]["shared_events"] == 1
    assert G.edges["email:bob@x.org", FRANK]["coparticipation"] == 1.0
    assert not G.has_edge(ANN, BOB)
    assert "email:zed@x.org" not in G and "email:dan@x.org" not in G
    assert G.edges[EVA, ANN]["meetings"] == 1
    assert G.edges[EVA, ANN]["kinds"] == ["meeting"]


def test_streamed_zip_member_still_checks_the_ratio(tmp_path):
    # 2 MB of one byte deflates ~1000:1: a bomb, even when read as a stream.
    data = mbox(msg("a@x.org", "b@x.org, c@x.org", body="A" * 3_000_000))
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("Takeout/Mail/All mail.mbox", data)
    with pytest.raises(weakties.InputError, match="compression"):
        weakties.load([path])


def test_mbox_in_a_nested_zip(tmp_path):
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as z:
        z.writestr("Takeout/Mail/All mail.mbox", TAKEOUT)
    path = tmp_path / "outer.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("takeout-001.zip", inner.getvalue())
    G, _ = weakties.load([path])
    assert G.edges[ANN, BOB]["coparticipation"] == 1.5


def test_a_folder_of_eml_files_is_one_mailbox(tmp_path):
    # Three saved messages: eva -> ann, bob (ann-bob += 1); ann -> eva, bob, cat (each pair of
    # {ann, bob, cat} += 1/2); the same file copied under another name (read once).
    box = tmp_path / "saved"
    box.mkdir()
    first = ("From: Eva <eva@example.org>\r\nTo: ann@x.org, bob@x.org\r\nMessage-ID: <1@x>\r\n"
             "Date: Mon, 1 Jan 2024 10:00:00 +0000\r\n\r\nhi\r\n")
    (box / "1.eml").write_text(first)
    (box / "1 copy.eml").write_text(first)
    (box / "2.eml").write_text(
        "From: Ann <ann@x.org>\r\nTo: eva@example.org, bob@x.org\r\nCc: cat@x.org\r\n"
        "Message-ID: <2@x>\r\nDate: Tue, 2 Jan 2024 10:00:00 +0000\r\n\r\nhello\r\n")
    G, report = weakties.load([box], owner_emails=["eva@example.org"])
    assert G.graph["owners"] == [EVA]
    assert G.edges[ANN, BOB]["coparticipation"] == 1.5
    assert G.edges[BOB, CAT]["coparticipation"] == 0.5
    assert any("same bytes" in f for f in report.ignored_files)
