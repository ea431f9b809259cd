"""LinkedIn file parsers: every export era and spreadsheet re-save in docs/formats.md §1.

Fixtures are synthetic (fake people) and built inline so the expected counts can be read off
the bytes: each test says how many real, hidden and skipped rows it holds.
"""

from __future__ import annotations

import codecs

import pandas as pd
import pytest

from weakties.errors import InputError
from weakties.importers._csv import decode, parse_dates, parse_dates_counted, sniff_delimiter
from weakties.importers.base import COLUMNS
from weakties.importers.linkedin import (
    DRAFT,
    LINKEDIN_FORMATS,
    LINKEDIN_MEMBER,
    NO_NAME,
    NO_SENDER,
    SPONSORED,
    parse_connections,
    parse_endorsements_given,
    parse_endorsements_received,
    parse_invitations,
    parse_messages,
    parse_profile,
    parse_recommendations_given,
    parse_recommendations_received,
)
from weakties.importers.registry import FORMATS, describe_header, sniff

# LinkedIn's preamble, identical bytes 2020-2026: "Notes:", one quoted sentence, a blank line.
PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are '
    "missing. You will only see email addresses for connections who have allowed their "
    "connections to see or download their email address using this setting "
    "https://www.linkedin.com/psettings/privacy/email. You can learn more here "
    'https://www.linkedin.com/help/linkedin/answer/261"\n'
    "\n"
)
HEADER_6 = "First Name,Last Name,Email Address,Company,Position,Connected On"
HEADER_7 = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"


def lines(*rows: str, end: str = "") -> str:
    """Rows joined by LF; LinkedIn usually writes no newline after the last row."""
    return "\n".join(rows) + end


def ts(text: str) -> pd.Timestamp:
    return pd.Timestamp(text)


# --- Connections.csv, by era ---------------------------------------------------------------------


def test_connections_2018_us_dates_and_member_urns_in_email_column():
    # 3 real rows, no preamble; 2018 puts urn:li:member ids where an email would go.
    data = lines(
        HEADER_6,
        'Anne,Jansen,anne@example.com,Acme,CTO,"1/8/18, 6:14 PM"',
        'Bram,de Vries,urn:li:member:123456,Globex,Engineer,"12/31/17, 11:05 AM"',
        'Carla,Smit,,Initech,,"10/16/18, 8:36 AM"',
    ).encode()
    table = parse_connections(data, "Connections.csv")
    f = table.frame
    assert list(f.columns) == COLUMNS["linkedin-connections"]
    assert (table.rows, table.hidden_members, table.skipped_total) == (3, 0, 0)
    assert f["email"].tolist() == ["anne@example.com", "", ""]
    assert f["connected_on"].tolist() == [
        ts("2018-01-08 18:14"),
        ts("2017-12-31 11:05"),
        ts("2018-10-16 08:36"),
    ]
    assert f["line"].tolist() == [2, 3, 4]
    assert f["url"].tolist() == ["", "", ""]  # no URL column before 2023
    assert table.notes == []


def test_connections_2020_no_preamble():
    # Feb-Oct 2020: same 6 columns, "14 Feb 2020" dates, header on line 1; 2 real rows.
    data = lines(HEADER_6, "Anne,Jansen,,Acme,CTO,14 Feb 2020", "Bram,Bos,,,,01 Mar 2020").encode()
    table = parse_connections(data, "Connections.csv")
    assert table.rows == 2
    assert table.frame["connected_on"].tolist() == [ts("2020-02-14"), ts("2020-03-01")]
    assert table.frame["line"].tolist() == [2, 3]
    assert table.notes == []


def test_connections_2021_preamble_hidden_members_and_nameless_rows():
    # Dec 2020 - May 2023: preamble (3 lines), header on line 4.
    # 2 real rows + 3 hidden members (empty but the date) + 1 row with no name but a company.
    data = (
        PREAMBLE
        + lines(
            HEADER_6,
            "Anne,Jansen,,Acme,CTO,16 Sep 2021",  # line 5
            ",,,,,16 Sep 2021",
            ",,,,,15 Sep 2021",
            ",,,Ghost Company,,14 Sep 2021",  # skipped: no first or last name
            "Bram,Bos,,Globex,Engineer,01 Jan 2021",  # line 9
            ",,,,,01 Jan 2021",
        )
    ).encode()
    table = parse_connections(data, "Connections.csv")
    assert table.rows == 2
    assert table.hidden_members == 3
    assert table.skipped == {NO_NAME: 1}
    assert table.frame["name"].tolist() == ["Anne Jansen", "Bram Bos"]
    assert table.frame["line"].tolist() == [5, 9]
    assert table.notes == []


def test_connections_2024_url_column_quoting_and_percent_encoding():
    # Jul 2023 - 2026: 7 columns with URL. 4 real rows + 2 hidden; file ends with "\n\n".
    data = (
        PREAMBLE
        + lines(
            HEADER_7,
            'Pieter,"Jansen, MSc, MBA, PHR",https://www.linkedin.com/in/pieter-jansen-,,'
            '"Acme, Inc",Head of People,18 Jun 2024',
            '"Anne ""Annie""",O’Neil,https://www.linkedin.com/in/anne-o%E2%80%99neil-4b1a,'
            "anne@example.org,Globex, Engineer ,02 Jan 2024",
            ",,,,,,16 Sep 2021",
            "محمد,李,https://www.linkedin.com/in/m-li,,:),R,07 Jul 2023",
            ",,,,,,07 Jul 2023",
            "R,...,https://www.linkedin.com/in/r-dots,,,,01 Aug 2023",
            end="\n\n",
        )
    ).encode()
    table = parse_connections(data, "Connections.csv")
    f = table.frame
    assert (table.rows, table.hidden_members, table.skipped_total) == (4, 2, 0)
    assert f["last_name"][0] == "Jansen, MSc, MBA, PHR"
    assert f["name"][0] == "Pieter Jansen, MSc, MBA, PHR"
    assert f["organisation"][0] == "Acme, Inc"
    assert f["first_name"][1] == 'Anne "Annie"'
    assert f["url"][1] == "https://www.linkedin.com/in/anne-o%E2%80%99neil-4b1a"  # kept as given
    assert f["url"][0] == "https://www.linkedin.com/in/pieter-jansen-"  # trailing "-" kept
    assert f["position"][1] == "Engineer"  # stray spaces stripped
    assert f["email"].tolist() == ["", "anne@example.org", "", ""]
    assert f["name"][2] == "محمد 李"
    assert f["connected_on"].tolist() == [
        ts("2024-06-18"),
        ts("2024-01-02"),
        ts("2023-07-07"),
        ts("2023-08-01"),
    ]
    assert f["line"].tolist() == [5, 6, 8, 10]
    assert f["connected_on"].dtype == "datetime64[ns]"
    assert f["line"].dtype == "int64"
    assert table.notes == []


# --- Connections.csv, re-saved by a spreadsheet --------------------------------------------------


def test_connections_resaved_excel_crlf_notes_rows_and_short_dates():
    # Excel kept the preamble as "Notes:,,…" rows, wrote CRLF and d-Mon-yy dates.
    # 2 real rows + 1 hidden member.
    text = (
        "\r\n".join(
            [
                "Notes:,,,,,,",
                '"When exporting your connection data, you may notice that some of the email '
                'addresses are missing.",,,,,,',
                ",,,,,,",
                HEADER_7,  # line 4
                "Anne,Jansen,https://www.linkedin.com/in/anne-jansen,,Acme,CTO,9-Sep-22",
                ",,,,,,18-Jun-24",
                "Bram,Bos,https://www.linkedin.com/in/bram-bos,,Globex,,18-Jun-24",
            ]
        )
        + "\r\n"
    )
    table = parse_connections(text.encode(), "Connections.csv")
    assert (table.rows, table.hidden_members) == (2, 1)
    assert table.frame["connected_on"].tolist() == [ts("2022-09-09"), ts("2024-06-18")]
    assert table.frame["line"].tolist() == [5, 7]
    assert table.frame["position"].tolist() == ["CTO", ""]  # no "\r" left in the last column
    assert table.notes == [
        "looks re-saved by a spreadsheet (CRLF, preamble turned into 'Notes:,,' rows, "
        "dates like '9-Sep-22')"
    ]


def test_connections_resaved_european_locale_semicolon_cp1252():
    # Excel in a European locale: ';', cp1252, CRLF, "Connected on", dd.mm.yyyy; preamble gone.
    # 3 real rows + 1 hidden member (";;;;;16.09.2021").
    text = "\r\n".join(
        [
            "First Name;Last Name;Email Address;Company;Position;Connected on",
            "Chloé;Müller;;Café Noir;Barista;16.09.2021",
            "Seán;O’Neil;;Acme, Inc;CTO;01.02.2020",  # a comma is plain text with ';'
            ";;;;;16.09.2021",
            "Zoë;Østergaard;;Globex;;31.12.2019",
        ]
    )
    table = parse_connections(text.encode("cp1252"), "Connections.csv")
    f = table.frame
    assert (table.rows, table.hidden_members) == (3, 1)
    assert f["name"].tolist() == ["Chloé Müller", "Seán O’Neil", "Zoë Østergaard"]
    assert f["organisation"].tolist() == ["Café Noir", "Acme, Inc", "Globex"]
    assert f["connected_on"].tolist() == [ts("2021-09-16"), ts("2020-02-01"), ts("2019-12-31")]
    assert f["line"].tolist() == [2, 3, 5]
    assert table.notes == [
        "looks re-saved by a spreadsheet (';' delimiter, cp1252 encoding, CRLF, "
        "'Connected on' header, dates like '16.09.2021')"
    ]


def test_connections_resaved_mac_roman_spanish_months():
    # Numbers on a Spanish Mac: Mac Roman, d-mmm-yy with Spanish month names. 5 real rows.
    text = "\n".join(
        [
            HEADER_6,
            "José,Müller,,Acme,CTO,30-oct-09",
            "Øystein,Ødegaard,,Acme,CTO,5-ene-10",
            "Inés,García,,Acme,CTO,12-dic-11",
            "Ana,Peña,,Acme,CTO,3-ago.-12",
            "Luis,Gómez,,Acme,CTO,7-abr-13",
        ]
    )
    table = parse_connections(text.encode("mac_roman"), "Connections.csv")
    assert table.frame["name"].tolist() == [
        "José Müller",
        "Øystein Ødegaard",
        "Inés García",
        "Ana Peña",
        "Luis Gómez",
    ]
    assert table.frame["connected_on"].tolist() == [
        ts("2009-10-30"),
        ts("2010-01-05"),
        ts("2011-12-12"),
        ts("2012-08-03"),
        ts("2013-04-07"),
    ]
    assert table.notes == [
        "looks re-saved by a spreadsheet (mac_roman encoding, dates like '9-Sep-22')"
    ]


def test_connections_resaved_with_columns_deleted_and_preamble_deleted():
    # The user deleted Email Address and Position and the preamble; 2 real rows.
    data = lines(
        "First Name,Last Name,URL,Company,Connected On",
        "Anne,Jansen,https://www.linkedin.com/in/anne-jansen,Acme,14 Feb 2024",
        "Bram,Bos,https://www.linkedin.com/in/bram-bos,,15 Feb 2024",
    ).encode()
    table = parse_connections(data, "Connections.csv")
    assert table.rows == 2
    assert table.frame["email"].tolist() == ["", ""]
    assert table.frame["position"].tolist() == ["", ""]
    assert table.notes == [
        "looks re-saved by a spreadsheet (preamble deleted, "
        "column(s) deleted: Email Address, Position)"
    ]


def test_connections_excel_utf8_bom_and_a_few_invalid_bytes():
    # Excel's "CSV UTF-8" adds a BOM; one byte was damaged (\xff) in an otherwise UTF-8 file.
    data = (
        codecs.BOM_UTF8
        + lines(HEADER_6, "Chloé,Müller,,Acme,CTO,14 Feb 2020", "Bad").encode()
        + b"\xffByte,\xc3\x98degaard,,,,15 Feb 2020"  # \xff is never valid UTF-8; Ø is fine
    )
    table = parse_connections(data, "Connections.csv")
    assert table.frame["name"].tolist() == ["Chloé Müller", "Bad\ufffdByte Ødegaard"]
    assert table.notes == [
        "looks re-saved by a spreadsheet (1 invalid UTF-8 byte(s) replaced, UTF-8 BOM)"
    ]


def test_connections_unparseable_dates_are_nat_and_noted():
    # 2 real rows, one date nobody writes.
    data = lines(HEADER_6, "Anne,Jansen,,,,14 Feb 2020", "Bram,Bos,,,,sometime in 2020").encode()
    table = parse_connections(data, "Connections.csv")
    assert table.rows == 2
    assert table.frame["connected_on"].isna().tolist() == [False, True]
    assert table.notes == [
        "1 'Connected On' value(s) not understood as dates (first on line 3: "
        "'sometime in 2020'); left empty"
    ]


def test_connections_header_only_gives_an_empty_frame():
    table = parse_connections((PREAMBLE + HEADER_7 + "\n").encode(), "Connections.csv")
    assert (table.rows, table.hidden_members, table.skipped_total) == (0, 0, 0)
    assert list(table.frame.columns) == COLUMNS["linkedin-connections"]
    assert table.frame["connected_on"].dtype == "datetime64[ns]"


# --- messages.csv --------------------------------------------------------------------------------

MSG_2022 = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER"
)
MSG_2024 = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,"
    "SUBJECT,CONTENT,FOLDER"
)


def test_messages_2018_names_only_with_direction():
    # 2 real rows + 1 from "LinkedIn Member" (no URL column in 2018: always skipped).
    data = lines(
        "From,To,Date,Subject,Content,Direction,Folder",
        'Anne Jansen,Owner Person,"10/16/18, 8:36 AM",Hi,"Hello, there",INCOMING,INBOX',
        'Owner Person,Anne Jansen,"10/17/18, 9:00 PM",Re: Hi,Thanks,OUTGOING,SENT',
        'LinkedIn Member,Owner Person,"10/18/18, 9:00 PM",,Hidden,INCOMING,INBOX',
    ).encode()
    table = parse_messages(data, "Messages.csv")
    f = table.frame
    assert list(f.columns) == COLUMNS["linkedin-messages"]
    assert table.rows == 2
    assert table.skipped == {LINKEDIN_MEMBER: 1}
    assert f["direction"].tolist() == ["INCOMING", "OUTGOING"]
    assert f["sender_name"].tolist() == ["Anne Jansen", "Owner Person"]
    assert f["conversation_id"].tolist() == ["", ""]
    assert f["recipient_urls"].tolist() == [[], []]
    assert f["date"].tolist() == [ts("2018-10-16 08:36"), ts("2018-10-17 21:00")]


def test_messages_2022_and_skip_reasons():
    # 2 real rows; skipped: 1 "LinkedIn Member" without URL, 1 sponsored, 1 with no sender.
    data = lines(
        MSG_2022,
        "c1,,Anne Jansen,https://www.linkedin.com/in/anne-jansen,Owner Person,"
        "2022-03-01 10:00:00 UTC,,Hi,INBOX",
        "c1,,Owner Person,https://www.linkedin.com/in/owner,Anne Jansen,"
        "2022-03-01 11:30:15 UTC,,Hello,INBOX",
        "c2,,LinkedIn Member,,Owner Person,2022-03-02 10:00:00 UTC,,?,INBOX",
        "c3,Sponsored Conversation,Acme Recruiting,https://www.linkedin.com/in/acme-rec,"
        "Owner Person,2022-03-03 10:00:00 UTC,Offer,<p>Hi %FIRSTNAME%</p>,INBOX",
        "c4,,,,Owner Person,2022-03-04 10:00:00 UTC,,orphan,INBOX",
    ).encode()
    table = parse_messages(data, "messages.csv")
    assert table.rows == 2
    assert table.skipped == {LINKEDIN_MEMBER: 1, SPONSORED: 1, NO_SENDER: 1}
    assert table.frame["date"].tolist() == [ts("2022-03-01 10:00"), ts("2022-03-01 11:30:15")]
    assert table.frame["direction"].tolist() == ["", ""]
    assert table.frame["line"].tolist() == [2, 3]


def test_messages_2024_group_conversation_urls_split_but_to_kept_whole():
    # 1 group message to two people whose names contain ", "; 1 one-to-one message.
    data = lines(
        MSG_2024,
        "g1,Project X,Owner Person,https://www.linkedin.com/in/owner,"
        '"Jan Smit, MSc, CPHR,Anne Jansen",'
        '"https://www.linkedin.com/in/jan-smit,https://www.linkedin.com/in/anne-jansen",'
        "2024-05-01 10:00:00 UTC,,Kick-off,INBOX",
        "c2,,Anne Jansen,https://www.linkedin.com/in/anne-jansen,Owner Person,"
        "https://www.linkedin.com/in/owner,2024-05-02 10:00:00 UTC,,Hi,INBOX",
    ).encode()
    f = parse_messages(data, "messages.csv").frame
    assert f["to"][0] == "Jan Smit, MSc, CPHR,Anne Jansen"
    assert f["recipient_urls"].tolist() == [
        ["https://www.linkedin.com/in/jan-smit", "https://www.linkedin.com/in/anne-jansen"],
        ["https://www.linkedin.com/in/owner"],
    ]
    assert f["title"].tolist() == ["Project X", ""]


def test_messages_dec_2024_drafts_dropped():
    # 1 real row + 2 drafts (IS MESSAGE DRAFT = Yes).
    data = lines(
        MSG_2024 + ",IS MESSAGE DRAFT,IS CONVERSATION DRAFT",
        "c1,,Anne Jansen,https://www.linkedin.com/in/anne-jansen,Owner Person,"
        "https://www.linkedin.com/in/owner,2024-12-01 10:00:00 UTC,,Hi,INBOX,No,No",
        "c1,,Owner Person,https://www.linkedin.com/in/owner,Anne Jansen,"
        "https://www.linkedin.com/in/anne-jansen,2024-12-01 11:00:00 UTC,,Draft,DRAFT,Yes,No",
        "c9,,Owner Person,https://www.linkedin.com/in/owner,Bram Bos,"
        "https://www.linkedin.com/in/bram-bos,2024-12-02 11:00:00 UTC,,Draft,DRAFT,Yes,Yes",
    ).encode()
    table = parse_messages(data, "messages.csv")
    assert table.rows == 1
    assert table.skipped == {DRAFT: 2}


def test_messages_2026_all_quoted_with_newlines_in_content():
    # Mar 2026: every field quoted, real newlines in CONTENT (2, 1 of them CRLF, 1, 0), so the
    # rows start on lines 2, 5, 7 and 9. 3 real rows + 1 draft.
    header = MSG_2024 + ",ATTACHMENTS,IS MESSAGE DRAFT"

    def row(cid: str, sender: str, content: str, draft: str = "No") -> str:
        fields = [
            cid,
            "",
            sender,
            f"https://www.linkedin.com/in/{sender.lower()}",
            "Owner",
            "https://www.linkedin.com/in/owner",
            "2026-03-01 09:00:00 UTC",
            "",
            content,
            "INBOX",
            "",
            draft,
        ]
        return ",".join('"' + v.replace('"', '""') + '"' for v in fields)

    data = lines(
        ",".join(f'"{h}"' for h in header.split(",")),
        row("c1", "Anne", 'Hi,\nsee "this"\nthanks'),  # lines 2-4
        row("c1", "Bram", "one\r\ntwo"),  # lines 5-6
        row("c2", "Carla", "draft\ntext", draft="Yes"),  # lines 7-8, dropped
        row("c3", "Dirk", "plain"),  # line 9
    ).encode()
    table = parse_messages(data, "messages.csv")
    assert table.rows == 3
    assert table.skipped == {DRAFT: 1}
    assert table.frame["sender_name"].tolist() == ["Anne", "Bram", "Dirk"]
    assert table.frame["line"].tolist() == [2, 5, 9]


# --- Invitations.csv -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("extra_header", "extra", "from_url"),
    [
        ("", "", ""),  # 2018-2022
        (
            ",inviterProfileUrn,inviteeProfileUrn",
            ",urn:li:fsd_profile:ACoAA1,urn:li:fsd_profile:ACoAA2",
            "",
        ),  # 2023: URNs are not URLs
        (
            ",inviterProfileUrl,inviteeProfileUrl",
            ",https://www.linkedin.com/in/anne-jansen,https://www.linkedin.com/in/owner",
            "https://www.linkedin.com/in/anne-jansen",
        ),  # 2024+
    ],
)
def test_invitations_three_header_variants(extra_header, extra, from_url):
    # 2 real rows + 1 row with neither From nor To.
    data = lines(
        "From,To,Sent At,Message,Direction" + extra_header,
        f'Anne Jansen,Owner Person,"6/14/24, 5:57 AM","Hi, let\'s connect",INCOMING{extra}',
        f'Owner Person,Bram Bos,"1/2/23, 10:00 PM",,OUTGOING{extra}',
        f',,"1/2/23, 10:00 PM",,OUTGOING{extra}',
    ).encode()
    table = parse_invitations(data, "Invitations.csv")
    f = table.frame
    assert list(f.columns) == COLUMNS["linkedin-invitations"]
    assert table.rows == 2
    assert table.skipped == {NO_NAME: 1}
    assert f["sent_at"].tolist() == [ts("2024-06-14 05:57"), ts("2023-01-02 22:00")]
    assert f["direction"].tolist() == ["INCOMING", "OUTGOING"]
    assert f["from_url"][0] == from_url


def test_invitations_narrow_no_break_space_before_am_pm():
    data = lines(
        "From,To,Sent At,Message,Direction", 'Anne,Owner,"6/14/24, 5:57\u202fAM",,INCOMING'
    ).encode()
    assert parse_invitations(data, "Invitations.csv").frame["sent_at"][0] == ts("2024-06-14 05:57")


# --- Endorsements --------------------------------------------------------------------------------

ENDORSED_OLD = (
    "Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,Endorsement Status"
)
ENDORSED_NEW = (
    "Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,Endorser Public Url,"
    "Endorsement Status"
)


def test_endorsements_received_with_public_url():
    # 2 rows (one per skill) from the same endorser; URL without scheme, kept as given.
    data = lines(
        ENDORSED_NEW,
        "2021/08/11 11:00:31 UTC,Python,Anne,Jansen,www.linkedin.com/in/anne-jansen,ACCEPTED",
        "2021/08/11 11:00:32 UTC,SQL,Anne,Jansen,www.linkedin.com/in/anne-jansen,ACCEPTED",
    ).encode()
    table = parse_endorsements_received(data, "Endorsement_Received_Info.csv")
    f = table.frame
    assert list(f.columns) == COLUMNS["linkedin-endorsements-received"]
    assert f["skill"].tolist() == ["Python", "SQL"]
    assert f["name"].tolist() == ["Anne Jansen", "Anne Jansen"]
    assert f["url"][0] == "www.linkedin.com/in/anne-jansen"
    assert f["date"].tolist() == [ts("2021-08-11 11:00:31"), ts("2021-08-11 11:00:32")]
    assert f["status"][0] == "ACCEPTED"


def test_endorsements_received_legacy_utf16le_tab_separated_all_quoted():
    # Legacy "Endorsement Received Info.csv": UTF-16LE with BOM, tabs, every field quoted.
    # 2 real rows + 1 row with no endorser.
    rows = [
        ENDORSED_OLD.split(","),
        ["2019/02/01 09:15:00 UTC", "Project Management", "Zoë", "Østergaard", "ACCEPTED"],
        ["2019/02/02 09:15:00 UTC", "Leadership", "Bram", "Bos", "ACCEPTED"],
        ["2019/02/03 09:15:00 UTC", "Leadership", "", "", "ACCEPTED"],
    ]
    text = "\r\n".join("\t".join(f'"{v}"' for v in row) for row in rows) + "\r\n"
    data = codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    assert sniff(data, "Endorsement Received Info.csv").name == "linkedin-endorsements-received"
    table = parse_endorsements_received(data, "Endorsement Received Info.csv")
    assert table.rows == 2
    assert table.skipped == {NO_NAME: 1}
    assert table.frame["name"].tolist() == ["Zoë Østergaard", "Bram Bos"]
    assert table.frame["url"].tolist() == ["", ""]
    assert table.frame["date"][0] == ts("2019-02-01 09:15")
    assert table.frame["line"].tolist() == [2, 3]
    assert table.notes == []  # UTF-16 and tabs are how LinkedIn wrote it, not a re-save


def test_endorsements_given():
    data = lines(
        ENDORSED_NEW.replace("Endorser", "Endorsee"),
        "2022/01/05 08:00:00 UTC,Negotiation,Bram,Bos,www.linkedin.com/in/bram-bos,ACCEPTED",
    ).encode()
    assert sniff(data, "Endorsement_Given_Info.csv").name == "linkedin-endorsements-given"
    f = parse_endorsements_given(data, "Endorsement_Given_Info.csv").frame
    assert f[["name", "url", "skill"]].values.tolist() == [
        ["Bram Bos", "www.linkedin.com/in/bram-bos", "Negotiation"]
    ]


# --- Recommendations: one header for two files ---------------------------------------------------

RECS = lines(
    "First Name,Last Name,Company,Job Title,Text,Creation Date,Status",
    'Anne,Jansen,"Acme, Inc",CTO,"A great colleague.\nReliable.","04/22/21, 10:03 AM",VISIBLE',
    'Bram,Bos,Globex,Engineer,Solid work,"01/15/20, 06:01 PM",HIDDEN',
).encode()


@pytest.mark.parametrize(
    ("filename", "fmt"),
    [
        ("Recommendations_Received.csv", "linkedin-recommendations-received"),
        ("Recommendations Received.csv", "linkedin-recommendations-received"),
        ("Recommendations_Given.csv", "linkedin-recommendations-given"),
        ("export/Recommendations Given.csv", "linkedin-recommendations-given"),
    ],
)
def test_recommendations_received_or_given_is_told_by_the_file_name(filename, fmt):
    assert sniff(RECS, filename).name == fmt


def test_recommendations_renamed_file_is_an_error_not_a_guess():
    with pytest.raises(InputError, match="rename the file") as err:
        sniff(RECS, "recs.csv")
    assert "\n" not in str(err.value)


def test_recommendations_parse():
    received = parse_recommendations_received(RECS, "Recommendations_Received.csv")
    given = parse_recommendations_given(RECS, "Recommendations_Given.csv")
    assert received.format == "linkedin-recommendations-received"
    assert given.format == "linkedin-recommendations-given"
    f = received.frame
    assert list(f.columns) == COLUMNS["linkedin-recommendations-received"]
    assert f["name"].tolist() == ["Anne Jansen", "Bram Bos"]
    assert f["organisation"][0] == "Acme, Inc"
    assert f["date"].tolist() == [ts("2021-04-22 10:03"), ts("2020-01-15 18:01")]
    assert f["line"].tolist() == [2, 4]  # the first text spans lines 2-3


# --- Profile.csv ---------------------------------------------------------------------------------


def test_profile():
    data = lines(
        "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,"
        "Geo Location,Twitter Handles,Websites,Instant Messengers",
        'Owner,Person,,,,"Data, people & networks","Line 1\nLine 2",Research,,'
        '"Utrecht, Netherlands",,,',
    ).encode()
    table = parse_profile(data, "Profile.csv")
    assert table.frame.to_dict("records") == [
        {
            "name": "Owner Person",
            "headline": "Data, people & networks",
            "industry": "Research",
            "location": "Utrecht, Netherlands",
            "line": 2,
        }
    ]


# --- the registry --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ((PREAMBLE + HEADER_7 + "\n").encode(), "linkedin-connections"),
        (HEADER_6.encode(), "linkedin-connections"),
        (
            "First Name;Last Name;Company;Position;Connected on".encode("cp1252"),
            "linkedin-connections",
        ),
        (b"From,To,Date,Subject,Content,Direction,Folder\n", "linkedin-messages"),
        ((MSG_2024 + ",ATTACHMENTS").encode(), "linkedin-messages"),
        (b"From,To,Sent At,Message,Direction\n", "linkedin-invitations"),
        (ENDORSED_NEW.encode(), "linkedin-endorsements-received"),
        (
            b"First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry",
            "linkedin-profile",
        ),
    ],
)
def test_sniff_finds_each_format(data, expected):
    assert sniff(data, "file.csv").name == expected


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"Source,Target,Weight\n1,2,1\n",
        b"First Name,Last Name,Companies,Title,Emails\n",  # LinkedIn's uploaded address book
        b"First Name,Middle Name,Last Name,Title,Suffix,E-mail Address,Job Title,Company\n",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    ],
)
def test_sniff_gives_no_linkedin_format_to_other_files(data):
    # An edge list and an Outlook address book are formats of their own now (see
    # test_formats_*.py): what matters here is that no LinkedIn parser takes them.
    fmt = sniff(data, "file.csv")
    assert fmt is None or not fmt.name.startswith("linkedin-")


def test_sniff_reads_only_the_head_of_a_large_file():
    # A multi-byte character cut at the 64 KiB boundary must not flip the encoding guess.
    data = (HEADER_6 + "\n" + "Zoë,Ødegaard,,Acme,CTO,14 Feb 2020\n" * 5000).encode()
    assert sniff(data, "Connections.csv").name == "linkedin-connections"


def test_describe_header_shows_the_first_header_like_line():
    assert describe_header(b"Notes:\n\nfoo,bar,baz\n1,2,3\n") == "foo,bar,baz"
    assert describe_header(b"PK\x03\x04rest") == "a zip archive"
    assert describe_header(b"\x00\x01\x02\x03") == "binary data"


def test_every_format_is_registered_and_returns_its_columns_on_a_header_only_file():
    # COLUMNS also lists the other importers' formats (tests/test_formats_*.py check those).
    assert [f.name for f in LINKEDIN_FORMATS] == [k for k in COLUMNS if k.startswith("linkedin-")]
    assert all(f in FORMATS for f in LINKEDIN_FORMATS)
    headers = {
        "linkedin-connections": HEADER_7,
        "linkedin-messages": MSG_2024,
        "linkedin-invitations": "From,To,Sent At,Message,Direction",
        "linkedin-endorsements-received": ENDORSED_NEW,
        "linkedin-endorsements-given": ENDORSED_NEW.replace("Endorser", "Endorsee"),
        "linkedin-recommendations-received": RECS.decode().splitlines()[0],
        "linkedin-recommendations-given": RECS.decode().splitlines()[0],
        "linkedin-profile": "First Name,Last Name,Headline,Industry,Geo Location",
    }
    for fmt in LINKEDIN_FORMATS:
        table = fmt.parse(headers[fmt.name].encode(), "x.csv")
        assert (table.format, table.rows, list(table.frame.columns)) == (
            fmt.name,
            0,
            COLUMNS[fmt.name],
        )


# --- broken inputs -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            lines(
                HEADER_6,
                "Anne,Jansen,,Acme,CTO,14 Feb 2020",
                '"Bram,Bos,,Acme,CTO,14 Feb 2020',
                "Carla,Smit,,Acme,CTO,14 Feb 2020",
            ).encode(),
            "Connections.csv:3: expected every quoted field to end with a closing '\"', found a "
            "quote that is never closed from here on; fix the quotes on that row or re-export "
            "the file",
        ),
        (
            lines(
                HEADER_6, "Anne,Jansen,,Acme,CTO,14 Feb 2020", "Bram,Bos,,Acme, Inc,CTO,14 Feb 2020"
            ).encode(),
            "Connections.csv:3: expected at most 6 fields as in the header, found 7; a field with "
            "a delimiter or quote in it is probably not quoted: fix that row or re-export the file",
        ),
        (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
            "Connections.csv: expected a CSV text file, found binary data (NUL bytes); pass the "
            ".csv file from the export, not a spreadsheet or another file",
        ),
        (
            b"PK\x03\x04\x14\x00\x00\x00",
            "Connections.csv: expected a CSV file, found a zip archive; pass the archive as an "
            "input of its own or unzip it and pass the CSV inside",
        ),
        (
            b"foo,bar\n1,2\n",
            "Connections.csv: expected a LinkedIn Connections.csv header like 'First Name,"
            "Last Name,[URL,]Email Address,Company,Position,Connected On' in the first 30 lines, "
            "found 'foo,bar'; pass the LinkedIn Connections.csv file of the export as LinkedIn "
            "wrote it",
        ),
        (
            b"",
            "Connections.csv: expected a LinkedIn Connections.csv header like 'First Name,"
            "Last Name,[URL,]Email Address,Company,Position,Connected On' in the first 30 lines, "
            "found no text; pass the LinkedIn Connections.csv file of the export as LinkedIn "
            "wrote it",
        ),
    ],
    ids=["unclosed-quote", "too-many-fields", "binary", "zip", "wrong-header", "empty"],
)
def test_broken_connections_files(data, message):
    with pytest.raises(InputError) as err:
        parse_connections(data, "Connections.csv")
    assert str(err.value) == message


def test_broken_messages_line_counts_embedded_newlines():
    # The bad row starts on physical line 4 (row 1 spans lines 2-3).
    data = lines(
        "From,To,Date,Subject,Content,Direction,Folder",
        'Anne,Owner,"10/16/18, 8:36 AM",Hi,"two\nlines",INCOMING,INBOX',
        'Bram,Owner,"10/16/18, 8:36 AM",Hi,oops, a comma,INCOMING,INBOX',
    ).encode()
    with pytest.raises(InputError) as err:
        parse_messages(data, "Messages.csv")
    assert err.value.line == 4


# --- building blocks -----------------------------------------------------------------------------


def test_parse_dates_every_format_in_formats_md():
    values = pd.Series(
        [
            "14 Feb 2020",
            "1/8/18, 6:14 PM",
            "9-Sep-22",
            "18-Jun-24",
            "16.09.2021",
            "30-oct-09",
            "2021/08/11 11:00:31 UTC",
            "2024-05-01 10:00:00 UTC",
            "6/14/24, 5:57 AM",
            "Jun 2018",
            "",
            "not a date",
        ]
    )
    assert parse_dates(values).tolist()[:10] == [
        ts("2020-02-14"),
        ts("2018-01-08 18:14"),
        ts("2022-09-09"),
        ts("2024-06-18"),
        ts("2021-09-16"),
        ts("2009-10-30"),
        ts("2021-08-11 11:00:31"),
        ts("2024-05-01 10:00"),
        ts("2024-06-14 05:57"),
        ts("2018-06-01"),
    ]
    assert parse_dates(values)[10:].isna().all()
    _, used = parse_dates_counted(values)
    assert used["%d-%b-%y"] == 3 and used["%m/%d/%y, %I:%M %p"] == 2


@pytest.mark.parametrize(
    ("encoding", "expected"), [("cp1252", "cp1252"), ("mac_roman", "mac_roman")]
)
def test_decode_tells_cp1252_from_mac_roman(encoding, expected):
    text = "José Müller,Østergaard,Café Noir,Zoë\n"
    decoded = decode(text.encode(encoding))
    assert (decoded.encoding, decoded.text) == (expected, text)


@pytest.mark.parametrize(
    ("line", "delimiter"),
    [(HEADER_6, ","), ("a;b;c", ";"), ("a\tb\tc", "\t"), ('"a,b";c;d', ";"), ("Notes:", ",")],
)
def test_sniff_delimiter(line, delimiter):
    assert sniff_delimiter(line) == delimiter


def test_pyarrow_strips_exactly_the_whitespace_python_strips():
    # read_table strips every cell with pyarrow (utf8_trim_whitespace) where it once asked
    # Python's str.isspace which cells need it: the two must agree on every character.
    import pyarrow as pa
    import pyarrow.compute as pc

    chars = [chr(i) for i in range(0x10000) if not 0xD800 <= i < 0xE000]
    left = pc.utf8_ltrim_whitespace(pa.array([c + "x" for c in chars])).to_pylist()
    right = pc.utf8_rtrim_whitespace(pa.array(["x" + c for c in chars])).to_pylist()
    stripped = {c for c, a, b in zip(chars, left, right, strict=True) if a == b == "x"}
    assert stripped == {c for c in chars if c.isspace()}
    assert {"\u00a0", "\u202f", "\u3000", "\x1c"} <= stripped  # not only ASCII


@pytest.mark.parametrize("bom", [b"", codecs.BOM_UTF8])
def test_a_file_as_linkedin_writes_it_is_read_from_its_bytes(bom):
    # UTF-8 with LF only is handed to the parser as read (no decoded copy): the preamble
    # (lines 1-3) is still found, the header is on line 4, Zoë's row starts on line 5, the
    # quoted position spans lines 6-7, so Ørjan starts on line 8.
    from weakties.importers._csv import _plain_utf8

    data = bom + lines(
        PREAMBLE + HEADER_6,
        " Zoë ,Müller ,,Café Noir,CTO,14 Feb 2020",
        'Anne,Jansen,,Acme,"Head of\nSales",15 Feb 2020',
        "Ørjan,Østergaard,,Acme,CEO,16 Feb 2020",
    ).encode()
    table = parse_connections(data, "Connections.csv")
    assert table.frame["name"].tolist() == ["Zoë Müller", "Anne Jansen", "Ørjan Østergaard"]
    assert table.frame["organisation"].tolist() == ["Café Noir", "Acme", "Acme"]
    assert table.frame["line"].tolist() == [5, 6, 8]
    decoded, text, start, crlf = _plain_utf8(data)
    assert (decoded.encoding, start, crlf) == ("utf-8-sig" if bom else "utf-8", len(bom), False)
    assert text is data  # LF only: the bytes as read, no copy
    if bom:
        assert "UTF-8 BOM" in " ".join(table.notes)
    else:
        assert not table.notes


@pytest.mark.parametrize(
    "data",
    [
        b"First Name,Last Name\nAnne,Jan\x00sen",  # a NUL: refused with its line
        "First Name,Last Name\nJosé,Müller".encode("cp1252"),
        codecs.BOM_UTF16_LE + "First Name,Last Name\nAnne,Jansen".encode("utf-16-le"),
        codecs.BOM_UTF8 + codecs.BOM_UTF8 + b"First Name,Last Name\nAnne,Jansen",
    ],
)
def test_anything_but_plain_utf8_takes_the_decoding_path(data):
    from weakties.importers._csv import _plain_utf8

    assert _plain_utf8(data) is None


def test_recipient_urls_are_split_once_per_distinct_text():
    # A group conversation repeats its member list on every message: one list, shared. Spaces
    # and empty pieces (a spreadsheet's ", ,") are dropped.
    from weakties.importers.linkedin import _split_urls

    urls = pd.Series(["u/a,u/b", "u/a,u/b", " u/a, ,u/b ,", "", "u/c"], dtype="str")
    split = _split_urls(urls)
    assert split.tolist() == [["u/a", "u/b"], ["u/a", "u/b"], ["u/a", "u/b"], [], ["u/c"]]
    assert split[0] is split[1]
    assert split.index.equals(urls.index)


@pytest.mark.parametrize(
    "tail",
    [
        b"", "Zoë’s".encode(), "\U0001f600".encode(),  # valid: 2, 3 and 4 bytes
        b"\xff", b"\xc3", b"\xe2\x80", b"\xc0\x80", b"\xe0\x80\x80",  # bad, cut, overlong
        b"\xed\xa0\x80", b"\x80",  # a surrogate, a lone continuation byte
        b"\xf4\x90\x80\x80", b"\xf8\x88\x80\x80\x80",  # past U+10FFFF
    ],
)
def test_the_utf8_check_without_decoding_agrees_with_python(tail):
    from weakties.importers._csv import _strict_utf8

    for data in (tail, b"Name\n" + tail, tail + b",x\n", codecs.BOM_UTF8 + tail):
        try:
            data.decode("utf-8-sig")
            python = True
        except UnicodeDecodeError:
            python = False
        start = 3 if data.startswith(codecs.BOM_UTF8) else 0
        assert _strict_utf8(data, start) is python, data


def test_message_bodies_are_checked_but_never_kept(monkeypatch):
    # Row 2 (lines 3-4) holds only a two-line CONTENT: not an empty row, so it is counted as
    # "no sender" and Bram's row starts on line 5. A CONTENT over the field limit is refused
    # with its line although the column is never kept.
    from weakties.importers import _csv

    data = lines(
        MSG_2024,
        "c1,,Anne,https://www.linkedin.com/in/anne,Owner,https://www.linkedin.com/in/owner,"
        "2024-05-01 10:00:00 UTC,Re: hi,secret,INBOX",
        ',,,,,,,,"only\nbody",',
        "c1,,Bram,https://www.linkedin.com/in/bram,Owner,https://www.linkedin.com/in/owner,"
        "2024-05-02 10:00:00 UTC,,x,INBOX",
    ).encode()
    raw = _csv.read_table(data, "m.csv", lambda cells: "content" in cells, what="messages",
                          signature="", drop=("subject", "content"))
    assert "content" not in raw.frame.columns and "subject" not in raw.frame.columns
    assert raw.lines.tolist() == [2, 3, 5]
    table = parse_messages(data, "messages.csv")
    assert table.skipped == {NO_SENDER: 1}
    assert table.frame["line"].tolist() == [2, 5]
    assert "secret" not in table.frame.to_csv()
    monkeypatch.setattr(_csv, "MAX_FIELD_CHARS", 40)  # the longest other field: 34
    with pytest.raises(InputError, match=r"^messages\.csv:5: expected fields of at most 40 "
                                         r"characters, found one of 41 in column 'content'"):
        parse_messages(data.replace(b",x,INBOX", b"," + b"x" * 41 + b",INBOX"), "messages.csv")


@pytest.mark.parametrize("ends", ["\n", "\r\n", "\r", "mixed"])
@pytest.mark.parametrize("bom", ["", "\ufeff"])
def test_reading_from_the_bytes_gives_what_decoding_gives(ends, bom, monkeypatch):
    # The same file through both paths of read_table: its bytes (UTF-8, line ends normalised
    # on the bytes) and the decoded text (_plain_utf8 switched off). Line ends: LF, CRLF,
    # classic-Mac CR, and CRLF rows with a lone CR and a CRLF inside quoted fields.
    from weakties.importers import _csv

    rows = [*PREAMBLE.rstrip("\n").split("\n"), HEADER_6, " Zoë ,Müller,,Café,CTO,14 Feb 2020",
            '"Anne","Jansen","","Acme","Head of\rSales\r\nEMEA","15 Feb 2020"', "",
            ",,,,,", "Ørjan,Østergaard,,Acme,CEO,16 Feb 2020"]
    if ends == "mixed":
        text = "\r\n".join(rows[:5]) + "\n" + "\r\n".join(rows[5:]) + "\r\n"
    else:
        text = ends.join(rows).replace("\r\n", ends) if ends != "\r\n" else "\r\n".join(rows)
    data = (bom + text).encode()
    assert _csv._plain_utf8(data) is not None

    def read():
        return _csv.read_table(data, "c.csv", lambda c: "connected on" in c, what="x",
                               signature="y")

    fast = read()
    monkeypatch.setattr(_csv, "_plain_utf8", lambda data: None)
    slow = read()
    assert fast.frame.equals(slow.frame)
    assert fast.lines.tolist() == slow.lines.tolist()
    assert (fast.header, fast.header_line, fast.preamble, fast.crlf, fast.empty_rows) == (
        slow.header, slow.header_line, slow.preamble, slow.crlf, slow.empty_rows)
    assert fast.decoded.encoding == slow.decoded.encoding
    assert fast.frame["first name"].tolist() == ["Zoë", "Anne", "Ørjan"]


def _both_readers(body: bytes, delimiter: str = ",", drop: frozenset = frozenset()):
    """(pyarrow's result or None, pandas' result or the exception it raised) for one body."""
    import warnings

    from weakties.importers import _csv

    fast = _csv._read_arrow(body, "x.csv", 1, delimiter, drop)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            slow = _csv._read_chunks(body, "x.csv", 1, delimiter, None, drop)
    except Exception as err:  # noqa: BLE001 - pandas' refusal is the reference
        slow = err
    return fast, slow


def _same_rows(fast, slow) -> bool:
    (f, f_lines, f_empty), (s, s_lines, s_empty) = fast, slow
    return (list(f.columns) == list(s.columns) and list(map(str, f.dtypes)) == list(
        map(str, s.dtypes)) and f.equals(s) and f_lines.tolist() == s_lines.tolist()
        and f_empty == s_empty)


@pytest.mark.parametrize("body, rows", [
    (b'a,b\n"x,y","he said ""hi"""\n', [["x,y", 'he said "hi"']]),
    (b'a,b\n"ab"cd,2\n', [["abcd", "2"]]),  # text after a closing quote is appended
    (b'a,b\nab"cd,2\n', [['ab"cd', "2"]]),  # a quote inside an unquoted field is text
    (b'a,b\n "ab" ,2\n', [['"ab"', "2"]]),
    (b'a,b\n"x\ny",2\n3,"p\n\nq"\n\n5,6', [["x\ny", "2"], ["3", "p\n\nq"], ["5", "6"]]),
    (b'a,b\n"""",""\n,\n', [['"', ""]]),
    ('"Naam","Stad"\nZoë,Köln\n\u00a0x\u2003,y\n'.encode(), [["Zoë", "Köln"], ["x", "y"]]),
    (b"a,b\n007,NA\n#c,null\n\n\n", [["007", "NA"], ["#c", "null"]]),
    (b"a,b\n", []),
])
def test_pyarrows_csv_reader_reads_what_pandas_reads(body, rows):
    # read_table parses with pyarrow (no Python string per cell); pandas' reader, which it
    # replaces, is the reference: same values, columns, types, line numbers and empty rows.
    fast, slow = _both_readers(body)
    assert fast is not None
    assert fast[0].values.tolist() == rows
    assert _same_rows(fast, slow)


@pytest.mark.parametrize("body", [
    b"a,b\n1\n",  # a short row: pandas fills it with ""
    b"a,b\n1,2,3\n", b"a,b\n1,2,\n",  # a long row: pandas drops or refuses the extra field
    b'a,b\n"x,2\n', b'a,b\n1,"x\n\n', b'a,b\n1,"', b'a,b\n1,"""x',  # a quote left open
    b"a,a\n1,2\n", b"a,,b\n1,2,3\n",  # names pandas changes ("a.1", "Unnamed: 1")
    b'"a\nb",c\n1,2\n',  # a header over two lines
    b"a,b\n  \n1,2\n",  # a line of spaces: one field for pyarrow, an empty row for pandas
])
def test_what_pyarrow_would_read_otherwise_goes_to_pandas(body):
    # pyarrow refuses these or reads them unlike pandas: pandas reads them (or says why not).
    from weakties.importers import _csv

    fast, slow = _both_readers(body)
    assert fast is None
    if isinstance(slow, Exception):
        with pytest.raises(InputError):
            _csv.read_table(body, "x.csv", lambda cells: "a" in cells, what="x", signature="a")


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_pyarrow_and_pandas_agree_on_random_csv(seed, delimiter):
    # Rows of random fields (quoted or not, with quotes, delimiters, newlines, spaces, blank
    # and short rows): whenever pyarrow reads a body, pandas reads the same rows.
    import random

    rng = random.Random(seed)
    pieces = ["a", "b c", " ", "\t", '"', '""', delimiter, "\n", "é", "\u00a0", ""]

    def field():
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 4)))
        if rng.random() < 0.4:
            return '"' + text.replace('"', '""') + '"' + rng.choice(["", "", " ", "z"])
        return text if rng.random() < 0.1 else text.replace(delimiter, "").replace("\n", "")

    read = 0
    for _ in range(400):
        width = rng.randint(1, 4)
        rows = [delimiter.join(f"h{j}" for j in range(width))]
        rows += [delimiter.join(field() for _ in range(width)) if rng.random() < 0.9
                 else rng.choice(["", delimiter, "  "]) for _ in range(rng.randint(0, 6))]
        body = "\n".join(rows).encode() + rng.choice([b"", b"\n", b"\n\n"])
        fast, slow = _both_readers(body, delimiter)
        if fast is not None:
            read += 1
            assert not isinstance(slow, Exception), body
            assert _same_rows(fast, slow), body
    assert read > 150  # most bodies are read by pyarrow


def test_group_conversations_read_by_pyarrow_as_by_pandas(monkeypatch):
    # Long recipient lists (names with ", " and quotes, empty members, the same member twice)
    # on every message, a body dropped, blocks smaller than a row (hostile sizes: pandas then).
    from weakties.importers import _csv

    members = [f"https://www.linkedin.com/in/p{i}" for i in range(40)]
    names = ",".join(f'Smit{i}, MSc ""Jr""' for i in range(40))
    urls = ",".join(members + ["", members[3], " "])
    body = ("CONVERSATION ID,FROM,TO,RECIPIENT PROFILE URLS,CONTENT\n" + "".join(
        f'g{i % 3},Sender {i},"{names}","{urls}","line\n{i}"\n' for i in range(300))).encode()
    fast, slow = _both_readers(body, drop=frozenset({"content"}))
    assert fast is not None and _same_rows(fast, slow)
    assert fast[0].shape == (300, 4) and fast[1][:2].tolist() == [2, 4]
    assert 2000 < len(body) // 300 < 3000
    monkeypatch.setattr(_csv, "ARROW_BLOCK_BYTES", 1024)  # a row is over 2 KB: over a block
    assert _both_readers(body)[0] is None
    monkeypatch.setattr(_csv, "ARROW_BLOCK_BYTES", 64 * 1024)  # several blocks, lines go on
    fast, slow = _both_readers(body, drop=frozenset({"content"}))
    assert fast is not None and _same_rows(fast, slow)


def test_dates_parse_as_each_format_tried_in_turn_on_each_value():
    # parse_dates_counted skips values a format cannot fit and works on pyarrow strings; the
    # result must be the one of trying every format in order on every value by itself.
    import re

    from weakties.importers._csv import _SPANISH_MONTHS, _SPANISH_RE, DATE_FORMATS

    values = ["14 Feb 2020", " 14  feb 2020 ", "1/8/18, 6:14 PM", "6/14/24, 5:57\u202fAM",
              "9-Sep-22", "30-ene-09", "5-ene.-10", "16.09.2021", "Jun 2018", "2021-09-16",
              "2024-05-01 10:00:00 UTC", "2021/08/11 11:00:31 UTC", "2021-09-16 10:00:00",
              "14 Feb 2020, x", "14.Feb.2020", "Feb-2020", "1-2-3", "2020-02-14T10:00:00",
              "1/8/18 6:14 PM", "31.02.2021", "14 Feb 1500", "", "garbage", "14 Feb 2020"]

    def one(value: str):
        value = re.sub("[\u202f\u00a0]", " ", value).strip()
        if not value:
            return pd.NaT, None
        for fmt, spanish in [*((f, False) for f in DATE_FORMATS), ("%d-%b-%y", True)]:
            text, pattern = value, fmt
            if spanish:
                text = re.sub(_SPANISH_RE, lambda m: _SPANISH_MONTHS[m.group(1).lower()], text)
            if fmt.endswith(" UTC"):
                if not text.endswith(" UTC"):
                    continue
                text, pattern = text[:-4], fmt[:-4]
            parsed = pd.to_datetime(pd.Series([text], dtype=object), format=pattern,
                                    errors="coerce")[0]
            if parsed is not pd.NaT and pd.Timestamp.min <= parsed <= pd.Timestamp.max:
                return parsed, fmt
        return pd.NaT, None

    expected = [one(v) for v in values]
    dates, used = parse_dates_counted(pd.Series(values, dtype="str"))
    assert [d if d is not pd.NaT else None for d in dates.tolist()] == [
        d if d is not pd.NaT else None for d, _ in expected]
    from collections import Counter
    assert used == Counter(fmt for _, fmt in expected if fmt)
