"""Regenerate weakties' synthetic samples of the non-LinkedIn formats (sample_exports/formats/).

Every person is invented (e-mail domains are example.com/.org/.net or *.example); what is real is
the byte-level structure of each format (docs/formats.md §2-4): BOMs, code pages, quoting, repeated
column groups, quoted-printable, folded lines, JSON wrappers, SNAP's doubled edges. Alice's
address books (alice_contacts.*) name people of sample_exports/team/alice.zip, so a test can
merge them with her LinkedIn archive. No randomness: every run writes the same bytes.

    python sample_exports/formats/make_formats.py
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import networkx as nx

HERE = Path(__file__).resolve().parent
IN = "https://www.linkedin.com/in/"


def csv_text(rows, *, eol="\n", quote_all=False, ending=True) -> str:
    buf = io.StringIO()
    quoting = csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL
    csv.writer(buf, lineterminator=eol, quoting=quoting).writerows(rows)
    text = buf.getvalue()
    return text if ending else text[: -len(eol)]


def write(name: str, data: str | bytes, encoding: str = "utf-8") -> None:
    path = HERE / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode(encoding))


def row(header: list[str], **values: str) -> list[str]:
    """A row of ``header`` with the named cells filled (keys are header cells)."""
    unknown = set(values) - set(header)
    assert not unknown, unknown
    return [values.get(h, "") for h in header]


# --- Google Contacts, current layout (2023+): Alice's address book -------------------------------

GOOGLE = ["First Name", "Middle Name", "Last Name", "Phonetic First Name", "Phonetic Middle Name",
          "Phonetic Last Name", "Name Prefix", "Name Suffix", "Nickname", "File As",
          "Organization Name", "Organization Title", "Organization Department", "Birthday",
          "Notes", "Photo", "Labels", "E-mail 1 - Label", "E-mail 1 - Value", "E-mail 2 - Label",
          "E-mail 2 - Value", "Phone 1 - Label", "Phone 1 - Value", "Website 1 - Label",
          "Website 1 - Value"]


def google_current() -> None:
    rows = [
        # Wei: his work address (as in Alice's Connections.csv) is the *second* e-mail.
        row(GOOGLE, **{"First Name": "Wei", "Last Name": "Chen",
                       "Organization Name": "Kelpie Labs", "Labels": "* myContacts",
                       "E-mail 1 - Label": "* Home", "E-mail 1 - Value": "wei.home@example.net",
                       "E-mail 2 - Label": "Work",
                       "E-mail 2 - Value": "wei.chen@kelpielabs.example"}),
        # Eun-ji: same e-mail as her LinkedIn row, another spelling of her employer.
        row(GOOGLE, **{"First Name": "Eun-ji", "Last Name": "Björk",
                       "Organization Name": "Kelpie Labs GmbH", "Labels": "* myContacts",
                       "E-mail 1 - Label": "* Work",
                       "E-mail 1 - Value": "Eun.Ji.Bjork@example.org"}),
        # Anne: no nickname here; her LinkedIn URL (percent-encoded, trailing slash) as website.
        row(GOOGLE, **{"First Name": "Anne", "Last Name": "O’Neil",
                       "Organization Name": "Brightline Marketing", "Labels": "* myContacts",
                       "Website 1 - Label": "LinkedIn",
                       "Website 1 - Value": IN + "anne-o%E2%80%99neil-4b2a91/"}),
        # Maria Garcia at St. Aurelia: Alice's archive has two (different URLs): ambiguous.
        row(GOOGLE, **{"First Name": "Maria", "Last Name": "Garcia",
                       "Organization Name": "St. Aurelia Hospital", "Labels": "* myContacts",
                       "Phone 1 - Label": "Mobile", "Phone 1 - Value": "+31 6 0000 0001"}),
        # Kwame: name + organisation only.
        row(GOOGLE, **{"First Name": "Kwame", "Last Name": "Mensah",
                       "Organization Name": "OpenHarvest Foundation",
                       "Organization Title": "Programme Director", "Labels": "* myContacts"}),
        # Jonas: not on LinkedIn; also in Alice's vCard file (same address).
        row(GOOGLE, **{"First Name": "Jonas", "Last Name": "Weber",
                       "Organization Name": "Helix Analytics",
                       "Organization Title": "Data Engineer",
                       "Labels": "* myContacts ::: Friends", "E-mail 1 - Label": "* Work",
                       "E-mail 1 - Value": "jonas.weber@example.com"}),
        # Mum: a File As name, two addresses in one cell (Google's " ::: ").
        row(GOOGLE, **{"File As": "Mum", "Labels": "* myContacts ::: Family",
                       "E-mail 1 - Label": "* Home",
                       "E-mail 1 - Value": "mum@family.example ::: mum.work@example.net"}),
        # A phone number only: no name, e-mail or organisation -> skipped.
        row(GOOGLE, **{"Labels": "* myContacts", "Phone 1 - Label": "Mobile",
                       "Phone 1 - Value": "+31 6 0000 0002"}),
    ]
    # Google Takeout writes UTF-8 with a BOM and CRLF.
    write("alice_contacts.csv", "\ufeff" + csv_text([GOOGLE, *rows], eol="\r\n"))


# --- Google Contacts, legacy layout (Gmail's "Google CSV" until 2023) ----------------------------

LEGACY = ["Name", "Given Name", "Additional Name", "Family Name", "Yomi Name", "Given Name Yomi",
          "Additional Name Yomi", "Family Name Yomi", "Name Prefix", "Name Suffix", "Initials",
          "Nickname", "Short Name", "Maiden Name", "Birthday", "Gender", "Location",
          "Billing Information", "Directory Server", "Mileage", "Occupation", "Hobby",
          "Sensitivity", "Priority", "Subject", "Notes", "Language", "Photo", "Group Membership",
          "E-mail 1 - Type", "E-mail 1 - Value", "E-mail 2 - Type", "E-mail 2 - Value",
          "E-mail 3 - Type", "E-mail 3 - Value", "Phone 1 - Type", "Phone 1 - Value",
          "Organization 1 - Type", "Organization 1 - Name", "Organization 1 - Yomi Name",
          "Organization 1 - Title", "Organization 1 - Department", "Organization 1 - Symbol",
          "Organization 1 - Location", "Organization 1 - Job Description",
          "Organization 2 - Type", "Organization 2 - Name", "Organization 2 - Title",
          "Website 1 - Type", "Website 1 - Value"]


def google_legacy() -> None:
    rows = [
        row(LEGACY, Name="Hannah Okoro", **{"Given Name": "Hannah", "Family Name": "Okoro",
            "Group Membership": "* myContacts", "E-mail 1 - Type": "* Work",
            "E-mail 1 - Value": "hannah.okoro@example.com",
            "Organization 1 - Name": "Riverbend Analytics", "Organization 1 - Title": "CTO"}),
        # Name empty: built from the parts. Three addresses over two groups.
        row(LEGACY, **{"Given Name": "Tomás", "Additional Name": "J.", "Family Name": "Reyes",
            "Group Membership": "* myContacts ::: Work",
            "E-mail 1 - Type": "* Home ::: Other",
            "E-mail 1 - Value": "tomas@reyes.example ::: tj.reyes@example.net",
            "E-mail 2 - Type": "Work", "E-mail 2 - Value": "t.reyes@example.org",
            "Organization 1 - Name": "Lumen Bank", "Organization 1 - Title": "Analyst"}),
        # The second organisation group only (the first is empty): found by pattern.
        row(LEGACY, Name="Ines Duarte", **{"Given Name": "Ines", "Family Name": "Duarte",
            "Location": "Lisbon", "Group Membership": "* myContacts",
            "Organization 2 - Name": "Atlântico Labs", "Organization 2 - Title": "Founder",
            "Website 1 - Type": "Profile",
            "Website 1 - Value": "https://www.linkedin.com/in/ines-duarte-pt"}),
        # An organisation without a person: named after the organisation.
        row(LEGACY, **{"Group Membership": "* myContacts",
            "Organization 1 - Name": "Northwind Catering",
            "E-mail 1 - Type": "* Work", "E-mail 1 - Value": "orders@northwind.example"}),
        row(LEGACY, **{"Group Membership": "* myContacts", "Notes": "no name, no address"}),
    ]
    write("google_contacts_legacy.csv", "\ufeff" + csv_text([LEGACY, *rows]))


# --- Outlook -------------------------------------------------------------------------------------

OUTLOOK_COM = ["First Name", "Middle Name", "Last Name", "Title", "Suffix", "Nickname",
               "Given Yomi", "Surname Yomi", "E-mail Address", "E-mail 2 Address",
               "E-mail 3 Address", "Home Phone", "Home Phone 2", "Business Phone",
               "Business Phone 2", "Mobile Phone", "Car Phone", "Other Phone", "Primary Phone",
               "Pager", "Business Fax", "Home Fax", "Other Fax", "Company Main Phone",
               "Callback", "Radio Phone", "Telex", "TTY/TDD Phone", "IMAddress", "Job Title",
               "Department", "Company", "Office Location", "Manager's Name",
               "Assistant's Name", "Assistant's Phone", "Company Yomi", "Business Street",
               "Business City", "Business State", "Business Postal Code",
               "Business Country/Region", "Home Street", "Home City", "Home State",
               "Home Postal Code", "Home Country/Region", "Other Street", "Other City",
               "Other State", "Other Postal Code", "Other Country/Region", "Personal Web Page",
               "Spouse", "Schools", "Hobby", "Location", "Web Page", "Birthday", "Anniversary",
               "Notes"]

OUTLOOK_DESKTOP = ["Title", "First Name", "Middle Name", "Last Name", "Suffix", "Company",
                   "Department", "Job Title", "Business Street", "Business Street 2",
                   "Business Street 3", "Business City", "Business State",
                   "Business Postal Code", "Business Country/Region", "Home Street",
                   "Home Street 2", "Home Street 3", "Home City", "Home State",
                   "Home Postal Code", "Home Country/Region", "Other Street", "Other Street 2",
                   "Other Street 3", "Other City", "Other State", "Other Postal Code",
                   "Other Country/Region", "Assistant's Phone", "Business Fax",
                   "Business Phone", "Business Phone 2", "Callback", "Car Phone",
                   "Company Main Phone", "Home Fax", "Home Phone", "Home Phone 2", "ISDN",
                   "Mobile Phone", "Other Fax", "Other Phone", "Pager", "Primary Phone",
                   "Radio Phone", "TTY/TDD Phone", "Telex", "Account", "Anniversary",
                   "Assistant's Name", "Billing Information", "Birthday",
                   "Business Address PO Box", "Categories", "Children", "Directory Server",
                   "E-mail Address", "E-mail Type", "E-mail Display Name", "E-mail 2 Address",
                   "E-mail 2 Type", "E-mail 2 Display Name", "E-mail 3 Address",
                   "E-mail 3 Type", "E-mail 3 Display Name", "Gender", "Government ID Number",
                   "Hobby", "Home Address PO Box", "Initials", "Internet Free Busy", "Keywords",
                   "Language", "Location", "Manager's Name", "Mileage", "Notes",
                   "Office Location", "Organizational ID Number", "Other Address PO Box",
                   "Priority", "Private", "Profession", "Referred By", "Sensitivity", "Spouse",
                   "User 1", "User 2", "User 3", "User 4", "Web Page"]


def outlook() -> None:
    rows = [
        row(OUTLOOK_COM, **{"First Name": "Grace", "Last Name": "Mwangi",
            "E-mail Address": "grace.mwangi@example.com", "Job Title": "Product Manager",
            "Company": "Savanna Software", "Business City": "Nairobi"}),
        row(OUTLOOK_COM, **{"First Name": "Piotr", "Middle Name": "K.", "Last Name": "Zieliński",
            "E-mail Address": "piotr@zielinski.example", "E-mail 2 Address": "pz@example.org",
            "Company": "Wisła Logistics"}),
        row(OUTLOOK_COM, **{"First Name": "Lea", "Last Name": "Hoffmann", "Title": "Dr.",
            "Job Title": "Researcher", "Company": "Institut für Netzwerkforschung",
            "Web Page": "https://de.linkedin.com/in/lea-hoffmann-inf"}),
        row(OUTLOOK_COM, **{"Notes": "empty card"}),
    ]
    write("outlook_contacts.csv", csv_text([OUTLOOK_COM, *rows], eol="\r\n"))
    rows = [
        row(OUTLOOK_DESKTOP, **{"Title": "Mr.", "First Name": "François", "Last Name": "Lemaître",
            "Company": "Crédit Côtier", "Job Title": "Directeur financier",
            "Business City": "Nantes", "E-mail Address": "f.lemaitre@credit-cotier.example",
            "E-mail Type": "SMTP",
            "E-mail Display Name": "François Lemaître (f.lemaitre@credit-cotier.example)"}),
        # An Exchange entry: an X.500 path, not an address, in "E-mail Address".
        row(OUTLOOK_DESKTOP, **{"First Name": "Søren", "Last Name": "Bækgaard",
            "Company": "Nordlys A/S", "Job Title": "Head of Sales",
            "E-mail Address": "/o=ExchangeLabs/ou=Exchange Administrative Group/cn=Recipients/"
                              "cn=soren.baekgaard", "E-mail Type": "EX",
            "E-mail 2 Address": "soren@nordlys.example", "E-mail 2 Type": "SMTP"}),
        row(OUTLOOK_DESKTOP, **{"First Name": "Zoë", "Last Name": "Ångström",
            "Company": "Fjäll & Co", "Categories": "Suppliers"}),
    ]
    # Desktop Outlook: every field quoted, the Windows code page, CRLF.
    write("outlook_desktop_contacts.csv",
          csv_text([OUTLOOK_DESKTOP, *rows], eol="\r\n", quote_all=True), encoding="cp1252")


# --- Thunderbird ---------------------------------------------------------------------------------

THUNDERBIRD = ["First Name", "Last Name", "Display Name", "Nickname", "Primary Email",
               "Secondary Email", "Screen Name", "Work Phone", "Home Phone", "Fax Number",
               "Pager Number", "Mobile Number", "Home Address", "Home Address 2", "Home City",
               "Home State", "Home ZipCode", "Home Country", "Work Address", "Work Address 2",
               "Work City", "Work State", "Work ZipCode", "Work Country", "Job Title",
               "Department", "Organization", "Web Page 1", "Web Page 2", "Birth Year",
               "Birth Month", "Birth Day", "Custom 1", "Custom 2", "Custom 3", "Custom 4",
               "Notes"]


def thunderbird() -> None:
    rows = [
        row(THUNDERBIRD, **{"First Name": "Aroha", "Last Name": "Ngata",
            "Display Name": "Aroha Ngata", "Primary Email": "aroha@ngata.example",
            "Organization": "Kōwhai Design", "Job Title": "Designer", "Work City": "Wellington"}),
        row(THUNDERBIRD, **{"Display Name": "Build Server", "Primary Email": "ci@example.org"}),
        row(THUNDERBIRD, **{"First Name": "Kenji", "Last Name": "Mori",
            "Primary Email": "kenji.mori@example.com", "Secondary Email": "kmori@example.net",
            "Organization": "Sakura Robotics"}),
    ]
    write("thunderbird_contacts.csv", csv_text([THUNDERBIRD, *rows]))


# --- any CSV -------------------------------------------------------------------------------------


def generic() -> None:
    write("crm_people.csv", csv_text([
        ["Full Name", "Company", "E-mail", "Role", "Phone"],
        ["Olga Petrenko", "Dnipro Data", "olga@dnipro.example", "Data Scientist", "555-0101"],
        ["Marco Bellini", "Vela Consulting", "marco.bellini@example.com; marco@bellini.example",
         "Partner", ""],
        ["", "Vela Consulting", "", "", "555-0102"],  # an organisation only: named after it
        ["", "", "", "", "555-0103"],  # nothing to know anyone by: skipped
    ]))
    # A header no mapping guesses: read with --columns name=Contact Person,
    # organisation=Works At,email=Reach Me At
    write("custom_columns.csv", csv_text([
        ["Contact Person", "Works At", "Reach Me At", "Met"],
        ["Yara Haddad", "Cedar Health", "yara@cedar.example", "2023 conference"],
        ["Bram de Wit", "Polder Energy", "bram@polder.example", "via Yara"],
    ]))


# --- vCard ---------------------------------------------------------------------------------------

PHOTO = "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4n" * 3


def vcards() -> None:
    # Apple/iCloud 3.0: item groups, "\:" escapes, folded lines, a photo, a card without FN, a
    # blank line inside a card, LF. Alice's own address book (people of her LinkedIn archive).
    photo = "PHOTO;ENCODING=b;TYPE=JPEG:" + PHOTO
    folded = "\n ".join(photo[i:i + 74] for i in range(0, len(photo), 74))
    cards = [
        ["N:Jansen;Pieter;;;", "FN:Pieter Jansen", "ORG:TalentBridge Recruiting;",
         "item1.URL;type=pref:https\\://www.linkedin.com/in/pieter-jansen-phr",
         "item1.X-ABLabel:_$!<HomePage>!$_"],
        ["N:Chen;Wei;;;", "FN:Wei Chen", "EMAIL;type=INTERNET;type=HOME;type=pref:wei.home@exam"
         "\n ple.net"],
        ["N:Weber;Jonas;;;", "FN:Jonas Weber", "ORG:Helix Analytics;",
         "TITLE:Data Engineer", "EMAIL;type=INTERNET;type=WORK:jonas.weber@example.com"],
        # No FN: the name comes from N. An escaped comma inside ORG.
        ["N:Hernández;Sofía;;;", "ORG:Acme\\, Inc;Sales", "TEL;type=CELL:+34 600 000 001"],
        # A blank line inside the card (some exporters write one before END).
        ["N:Müller;Lukas;;;", "FN:Lukas Müller", "ORG:Institut für Netzwerkforschung;",
         "EMAIL;type=INTERNET:lukas@privat.example", ""],
        ["N:de Vries;Jan;;;", "FN:Jan de Vries", "ORG:Northbridge University;",
         "TITLE:Professor of Sociology"],
        ["N:Kim;Grace;;;", "FN:Grace Kim", "EMAIL;type=INTERNET:grace.kim@example.com", folded],
        [],  # an empty card: skipped
    ]
    text = "".join("BEGIN:VCARD\nVERSION:3.0\nPRODID:-//Apple Inc.//iPhone OS 17.0//EN\n"
                   + "".join(line + "\n" for line in card) + "END:VCARD\n" for card in cards)
    write("alice_contacts.vcf", text)

    # Android/Outlook 2.1: quoted-printable UTF-8 with "=" soft line breaks, CRLF.
    v21 = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\n"
        "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=98stergaard;Mette;;;\r\n"
        "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Mette =C3=98stergaard\r\n"
        "TEL;CELL:+4520000001\r\n"
        "EMAIL;HOME:mette@oestergaard.example\r\n"
        "ORG;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:K=C3=B8benhavns Kommune\r\n"
        "END:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:2.1\r\n"
        "N:Ade;Tunde;;;\r\n"
        "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:"
        "Tunde Ade (=E2=80=9CTJ=E2=80=9D) of the Lag=\r\n"
        "os office\r\n"
        "TITLE:Engineer\r\n"
        "EMAIL;WORK;PREF:tunde.ade@example.com\r\n"
        "EMAIL;HOME:tj@ade.example\r\n"
        "END:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:2.1\r\n"
        "N:;;;;\r\n"
        "TEL;HOME:+4520000002\r\n"
        "END:VCARD\r\n"
    )
    write("contacts_android_21.vcf", v21)

    v40 = (
        "BEGIN:VCARD\nVERSION:4.0\nFN:Nadia Rahimi\nN:Rahimi;Nadia;;;\n"
        "EMAIL;TYPE=work:nadia.rahimi@example.org\nORG:Zagros Health;Research\n"
        "TITLE:Epidemiologist\nADR;TYPE=work:;;12 Main St;Utrecht;;3511;Netherlands\n"
        "URL:https://www.linkedin.com/in/nadia-rahimi\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:4.0\nKIND:group\nFN:Book club\n"
        "MEMBER:urn:uuid:03a0e51f-d1aa-4385-8a53-e29025acd8af\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:4.0\nFN:Leo Park\nEMAIL:leo.park@example.com\nEND:VCARD\n"
    )
    write("contacts_v40.vcf", v40)


# --- Facebook ------------------------------------------------------------------------------------


def mojibake(text: str) -> str:
    """What Facebook writes: each UTF-8 byte as its own \\u00XX escape."""
    return text.encode("utf-8").decode("latin-1")


def facebook() -> None:
    friends = [("Renée Dubois", 1704067200), ("Sam Taylor", 1672531200),
               ("Sam Taylor", 1609459200), ("Łukasz Wróbel", 1577836800),
               ("José Núñez", 1546300800)]
    entries = [{"name": mojibake(n), "timestamp": t} for n, t in friends]
    # 2024+: connections/friends/your_friends.json, key friends_v2, pretty-printed.
    write("facebook/connections/friends/your_friends.json",
          json.dumps({"friends_v2": entries}, indent=2))
    # 2021-2023: friends_and_followers/friends.json, key friends_v2.
    write("facebook_2022/friends_and_followers/friends.json",
          json.dumps({"friends_v2": entries[:3]}, indent=2))
    # 2018-2020: friends/friends.json, key friends; an entry without a name.
    write("facebook_2019/friends/friends.json",
          json.dumps({"friends": [*entries[3:], {"timestamp": 1514764800}]}, indent=2))


# --- Mastodon, X ---------------------------------------------------------------------------------


def mastodon() -> None:
    write("mastodon_following_accounts.csv", csv_text([
        ["Account address", "Show boosts", "Notify on new posts", "Languages"],
        ["alice@mastodon.example", "true", "false", ""],
        ["Gargron@mastodon.social", "true", "true", "en"],
        ["news@journa.host", "false", "false", "en,de"],
    ]))
    write("mastodon_2019_following_accounts.csv", csv_text([
        ["Account address", "Show boosts"],
        ["alice@mastodon.example", "true"],
        ["bob@fosstodon.example", "true"],
    ]))
    write("mastodon_2017_following_accounts.csv",
          "carol@mastodon.example\nDave@Social.Example\n")


def x_archive() -> None:
    ids = ["1450000000000000001", "783214", "12"]
    following = [{"following": {"accountId": i,
                                "userLink": f"https://twitter.com/intent/user?user_id={i}"}}
                 for i in ids]
    follower = [{"follower": {"accountId": i,
                              "userLink": f"https://twitter.com/intent/user?user_id={i}"}}
                for i in ["783214", "99887766"]]
    write("x_archive/data/following.js",
          "window.YTD.following.part0 = " + json.dumps(following, indent=2).replace(
              '": ', '" : '))
    write("x_archive/data/follower.js",
          "window.YTD.follower.part0 = " + json.dumps(follower, indent=2).replace('": ', '" : '))


# --- Edge lists, SNAP ----------------------------------------------------------------------------


def edge_lists() -> None:
    G = nx.karate_club_graph()
    lines = ["# Zachary's karate club (W. Zachary, 1977): 34 members, 78 ties",
             "# node node weight (interaction count)"]
    lines += [f"{u} {v} {w}" for u, v, w in G.edges(data="weight")]
    write("karate.txt", "\n".join(lines) + "\n")

    F = nx.florentine_families_graph()
    rows = [["Source", "Target", "Type", "Id", "Label", "timeset", "Weight"]]
    rows += [[u, v, "Undirected", str(i), "", "", "1.0"] for i, (u, v) in enumerate(F.edges)]
    write("florentine_gephi.csv", csv_text(rows))

    # SNAP ego network of ego 0 (facebook layout): each tie among alters listed twice.
    ties = [(1, 2), (1, 3), (2, 3), (3, 4), (5, 6), (6, 7), (5, 7), (7, 8), (9, 10), (4, 9)]
    lines = [f"{u} {v}" for a, b in ties for u, v in ((a, b), (b, a))]
    write("snap/0.edges", "\n".join(lines) + "\n")
    circles = [("circle0", [1, 2, 3, 4]), ("circle1", [5, 6, 7, 8]), ("circle2", [4, 9, 11]),
               ("circle3", [])]
    write("snap/0.circles",
          "".join(f"{name}\t" + "\t".join(map(str, members)) + "\n" for name, members in circles))


# --- Chats: WhatsApp (Android and iOS), Telegram Desktop, Slack -------------------------------


def chats() -> None:
    """One small export of each chat format (the sample person of sample_exports/eva/ has the
    full set); message texts are filler: weakties never reads them beyond mentions."""
    lrm, nnbsp = "\u200e", "\u202f"
    write("WhatsApp Chat with Climbing Tuesdays.txt", "\n".join([
        "05/03/2024, 18:02 - Messages and calls are end-to-end encrypted. No one outside of "
        "this chat, not even WhatsApp, can read or listen to them. Tap to learn more.",
        "05/03/2024, 18:02 - Alice Lindqvist created group \"Climbing Tuesdays\"",
        "05/03/2024, 18:03 - Alice Lindqvist added Tomasz Nowak",
        "05/03/2024, 18:04 - \u202a+46 70 123 45 67\u202c joined using this group's invite link",
        "05/03/2024, 18:10 - Alice Lindqvist: Wall at 7?",
        "05/03/2024, 18:12 - Tomasz Nowak: <Media omitted>",
        "05/03/2024, 18:13 - \u202a+46 70 123 45 67\u202c: yes, see you @\u2068Tomasz Nowak\u2069",
        "and a second line",
        "19/03/2024, 19:40 - Tomasz Nowak: ok",
    ]) + "\n")
    # iOS: the zip's _chat.txt; system text after U+200E, a narrow no-break space before PM.
    write("whatsapp_ios/_chat.txt", "\n".join([
        f"[3/5/24, 6:02:11{nnbsp}PM] Tomasz Nowak: {lrm}Messages and calls are end-to-end "
        "encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them.",
        f"[3/5/24, 6:05:40{nnbsp}PM] Alice Lindqvist: Rope?",
        f"{lrm}[3/5/24, 6:06:02{nnbsp}PM] Tomasz Nowak: {lrm}image omitted",
        f"[3/14/24, 9:15:00{nnbsp}AM] Tomasz Nowak: thanks",
    ]) + "\n")
    msg = {"id": 0, "type": "message", "date": "2024-03-01T10:00:00",
           "date_unixtime": "1709287200", "from": "", "from_id": "", "text": "…",
           "text_entities": [{"type": "plain", "text": "…"}]}
    export = {
        "about": "Here is the data you requested. Remember: Telegram is ad free, it doesn't "
                 "collect or use your data for advertising.",
        "personal_information": {"user_id": 5001, "first_name": "Alice", "last_name":
                                 "Lindqvist", "phone_number": "+46 70 111 22 33",
                                 "username": "@alice_l", "bio": ""},
        "contacts": {"about": "", "list": [
            {"first_name": "Tomasz", "last_name": "Nowak", "phone_number": "+46701234567",
             "date": "2022-05-01T12:00:00", "date_unixtime": "1651406400"}]},
        "chats": {"about": "", "list": [
            {"name": "Tomasz Nowak", "type": "personal_chat", "id": 5002, "messages": [
                {**msg, "id": 11, "from": "Tomasz Nowak", "from_id": "user5002"},
                {**msg, "id": 12, "date": "2024-03-01T10:05:00", "from": "Alice Lindqvist",
                 "from_id": "user5001", "reply_to_message_id": 11}]},
            {"name": "Book club", "type": "private_group", "id": 6001, "messages": [
                {"id": 1, "type": "service", "date": "2024-02-01T09:00:00",
                 "date_unixtime": "1706778000", "actor": "Alice Lindqvist",
                 "actor_id": "user5001", "action": "invite_members",
                 "members": ["Tomasz Nowak", "Ingrid Sørensen"], "text": ""},
                {**msg, "id": 2, "from": "Ingrid Sørensen", "from_id": "user5003"},
                {**msg, "id": 3, "from": None, "from_id": "user5999"}]},
            {"name": "Climbing news", "type": "public_channel", "id": 7001, "messages": [
                {**msg, "id": 1, "from": "Climbing news", "from_id": "channel7001"}]},
        ]},
    }
    write("telegram/result.json", json.dumps(export, indent=1, ensure_ascii=False) + "\n")
    users = [
        {"id": "U05ALICE01", "team_id": "T05CLIMB", "name": "alice", "deleted": False,
         "real_name": "Alice Lindqvist", "is_bot": False,
         "profile": {"real_name": "Alice Lindqvist", "display_name": "alice",
                     "email": "alice.lindqvist@example.com"}},
        {"id": "U05TOMASZ1", "team_id": "T05CLIMB", "name": "tomasz", "deleted": False,
         "real_name": "Tomasz Nowak", "is_bot": False,
         "profile": {"real_name": "Tomasz Nowak", "email": "tomasz@example.org"}},
        {"id": "U05GONE001", "team_id": "T05CLIMB", "name": "sam", "deleted": True,
         "real_name": "Sam R", "is_bot": False, "profile": {"real_name": "Sam R"}},
        {"id": "U05BOT0001", "team_id": "T05CLIMB", "name": "gearbot", "deleted": False,
         "is_bot": True, "profile": {"real_name": "Gear bot", "bot_id": "B05GEAR"}},
    ]
    write("slack/users.json", json.dumps(users, indent=4) + "\n")
    write("slack/channels.json", json.dumps([
        {"id": "C05GENERAL", "name": "general", "created": 1704067200, "creator": "U05ALICE01",
         "is_archived": False, "is_general": True,
         "members": ["U05ALICE01", "U05TOMASZ1", "U05GONE001", "U05OTHERWS"]}], indent=4) + "\n")
    write("slack/general/2024-03-01.json", json.dumps([
        {"type": "message", "subtype": "channel_join", "user": "U05TOMASZ1", "text": "joined",
         "ts": "1709287200.000100"},
        {"type": "message", "user": "U05ALICE01", "text": "Route setting <@U05TOMASZ1>?",
         "ts": "1709287260.000200", "reactions": [
             {"name": "+1", "users": ["U05TOMASZ1", "U05GONE001"], "count": 2}]},
        {"type": "message", "user": "U05TOMASZ1", "text": "sure", "ts": "1709287320.000300",
         "thread_ts": "1709287260.000200", "parent_user_id": "U05ALICE01"},
        {"type": "message", "user": "U05OTHERWS", "text": "hi", "ts": "1709287380.000400"},
        {"type": "message", "subtype": "bot_message", "bot_id": "B05GEAR", "text": "gear",
         "ts": "1709287440.000500"},
    ], indent=4) + "\n")


# --- A ties file for Alice's LinkedIn archive (sample_exports/team/alice.zip) ------------------


def mail_and_calendar() -> None:
    """Mail headers and calendar events of Alice's own mailbox (docs/formats.md: mbox, .eml, .ics).
    Bodies are placeholders; weakties never reads them."""
    def message(n: int, labels: str, frm: str, to: str, cc: str, date: str, extra: str = "") -> str:
        head = (f"From 17{n:02d}@xxx Mon Mar 04 09:00:00 +0000 2024\n"
                f"X-GM-THRID: 17{n:02d}\nX-Gmail-Labels: {labels}\n"
                f"Delivered-To: alice.lindqvist@example.com\nFrom: {frm}\nTo: {to}\n")
        head += f"Cc: {cc}\n" if cc else ""
        return (head + f"Date: {date}\nMessage-ID: <m{n}@mail.example.com>\n{extra}"
                "Subject: (placeholder)\nContent-Type: text/plain; charset=UTF-8\n\n"
                "(body: never read)\n>From the escaped body line\n\n")
    alice = "Alice Lindqvist <alice.lindqvist@example.com>"
    mbox = "".join([
        message(1, "Sent,Important", alice, "Anne O'Neil <anne.oneil@kelpielabs.example>",
                "=?UTF-8?Q?Tomasz_Nowak?= <tomasz@kelpielabs.example>",
                "Mon, 4 Mar 2024 09:00:00 +0100"),
        message(2, "Inbox,Opened", "Anne O'Neil <anne.oneil@kelpielabs.example>",
                alice + ",\n Wei Chen <wei.chen@kelpie.example>", "",
                "Tue, 5 Mar 2024 10:30:00 +0100 (CET)"),
        message(3, "Inbox", "Kelpie News <news@kelpielabs.example>", alice, "",
                "Wed, 6 Mar 2024 08:00:00 +0000",
                extra="List-Unsubscribe: <mailto:unsubscribe@kelpielabs.example>\n"),
        message(4, "Spam", "Prize <win@spam.example>", alice, "",
                "Thu, 7 Mar 2024 08:00:00 +0000"),
    ])
    write("takeout_mail/All mail Including Spam and Trash.mbox", mbox.replace("\n", "\r\n"))
    write("message.eml", "From: Wei Chen <wei.chen@kelpie.example>\r\nTo: " + alice +
          "\r\nCc: Anne O'Neil <anne.oneil@kelpielabs.example>\r\n"
          "Date: Fri, 8 Mar 2024 12:00:00 +0000\r\nMessage-ID: <e1@kelpie.example>\r\n"
          "Subject: (placeholder)\r\n\r\n(body: never read)\r\n")
    write("alice.lindqvist@example.com.ics", "\r\n".join([
        "BEGIN:VCALENDAR", "PRODID:-//Google Inc//Google Calendar 70.9054//EN", "VERSION:2.0",
        "X-WR-CALNAME:alice.lindqvist@example.com", "BEGIN:VEVENT",
        "DTSTART:20240311T090000Z", "RRULE:FREQ=WEEKLY;BYDAY=MO",
        "UID:standup@google.com",
        "ORGANIZER;CN=Alice Lindqvist:mailto:alice.lindqvist@example.com",
        "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Anne O'Neil;X-NUM",
        " -GUESTS=0:mailto:anne.oneil@kelpielabs.example",
        "ATTENDEE;CUTYPE=INDIVIDUAL;PARTSTAT=DECLINED;CN=Wei Chen:mailto:wei.chen@kelpie.ex",
        " ample",
        "ATTENDEE;CUTYPE=RESOURCE;CN=Room Fjord:mailto:c_1@resource.calendar.google.com",
        "ATTENDEE;CUTYPE=INDIVIDUAL;PARTSTAT=TENTATIVE;CN=Tomasz Nowak:mailto:tomasz@kelpiel",
        " abs.example",
        "BEGIN:VALARM", "ACTION:EMAIL", "ATTENDEE:mailto:alice.lindqvist@example.com",
        "END:VALARM", "END:VEVENT", "END:VCALENDAR", ""]))


def ties_file() -> None:
    write("alice_ties.csv", csv_text([
        ["person_a", "person_b", "strength", "note"],
        # by URL (scheme-less, as endorsements write them) and by e-mail
        ["www.linkedin.com/in/kwame-mensah-ohf", "wei.chen@kelpielabs.example", "3",
         "co-organised a hackathon"],
        # by name (nickname left out) and by percent-encoded URL
        ["Anne O’Neil", IN + "tomasz-nowak-", "", "met at my birthday"],
        # by name: accents and case do not matter
        ["rahul iyer", "Ingrid Sørensen", "1.5", ""],
        # two Maria Garcias in the archive: ambiguous, not guessed
        ["Maria Garcia", "Kwame Mensah", "2", ""],
        # nobody of that name
        ["Wei Chen", "Nobody Known", "", ""],
        # a person is missing: skipped by the parser
        ["Lukas Müller", "", "", "unfinished row"],
    ]))


def main() -> None:
    google_current()
    google_legacy()
    outlook()
    thunderbird()
    generic()
    vcards()
    facebook()
    mastodon()
    x_archive()
    edge_lists()
    chats()
    mail_and_calendar()
    ties_file()
    print(f"wrote the format samples under {HERE}")


if __name__ == "__main__":
    main()
