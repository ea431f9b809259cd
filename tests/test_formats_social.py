"""Facebook friends, Mastodon follows and X/Twitter follows: the owner's contacts.

Samples from sample_exports/formats/make_formats.py (the rows are listed there).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import weakties
from weakties.cli import cli
from weakties.importers.registry import sniff
from weakties.importers.social import parse_facebook, parse_mastodon, parse_x

SAMPLES = Path(__file__).resolve().parent.parent / "sample_exports" / "formats"
FACEBOOK = {
    "2024": SAMPLES / "facebook" / "connections" / "friends" / "your_friends.json",
    "2022": SAMPLES / "facebook_2022" / "friends_and_followers" / "friends.json",
    "2019": SAMPLES / "facebook_2019" / "friends" / "friends.json",
}


def run(*args: str):
    return CliRunner().invoke(cli, list(args), prog_name="weakties")


# --- Facebook ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("era", "key", "rows", "skipped"), [
    ("2024", "friends_v2", 5, 0),
    ("2022", "friends_v2", 3, 0),
    ("2019", "friends", 2, 1),  # an entry without a name
])
def test_facebook_every_path_and_key(era, key, rows, skipped):
    data = FACEBOOK[era].read_bytes()
    assert json.loads(data).keys() == {key}
    assert sniff(data, "anything.json").name == "facebook-friends"
    table = parse_facebook(data, str(FACEBOOK[era]))
    assert (table.rows, table.skipped_total) == (rows, skipped)


def test_facebook_mojibake_is_repaired():
    data = FACEBOOK["2024"].read_bytes()
    assert b"\\u00c3\\u00a9" in data  # "é" written as two Latin-1 escapes
    table = parse_facebook(data, "your_friends.json")
    assert table.frame["name"].tolist() == ["Renée Dubois", "Sam Taylor", "Sam Taylor",
                                            "Łukasz Wróbel", "José Núñez"]
    # The friendship dates (timestamps in seconds); each row's line is its entry's "{".
    assert table.frame["date"].dt.year.tolist() == [2024, 2023, 2021, 2020, 2019]
    assert table.frame["line"].tolist() == [3, 7, 11, 15, 19]


def test_facebook_friends_with_one_name_are_two_people():
    G, _ = weakties.load(FACEBOOK["2024"])
    # The owner is named after the export folder, above connections/friends/.
    (owner,) = G.graph["owners"]
    assert G.nodes[owner]["name"] == "facebook"
    # 5 friends (two "Sam Taylor") + the owner; 5 "friend" ties.
    assert (G.number_of_nodes(), G.number_of_edges()) == (6, 5)
    sams = sorted(n for n, name in G.nodes(data="name") if name == "Sam Taylor")
    assert sams == ["name:sam taylor@facebook", "name:sam taylor@facebook#2"]
    assert G.edges[owner, sams[1]]["kinds"] == ["friend"]
    assert G.graph["as_of"] == "2024-01-01"


def test_facebook_zip_is_read_by_structure(tmp_path):
    import zipfile

    path = tmp_path / "facebook-alice.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("connections/friends/your_friends.json", FACEBOOK["2024"].read_bytes())
        archive.writestr("connections/friends/removed_friends.json",
                         '{"deleted_friends_v2": []}')  # another list: ignored
        archive.writestr("messages/inbox/x/message_1.json", '{"participants": []}')
    G, report = weakties.load(path)
    assert G.number_of_nodes() == 6
    assert G.nodes[G.graph["owners"][0]]["name"] == "facebook-alice"
    assert len(report.ignored_files) == 2


# --- Mastodon ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "rows", "first_line"), [
    ("mastodon_following_accounts.csv", 3, 2),  # Account address,Show boosts,Notify…,Languages
    ("mastodon_2019_following_accounts.csv", 2, 2),  # Account address,Show boosts
    ("mastodon_2017_following_accounts.csv", 2, 1),  # no header: one address a line
])
def test_mastodon_every_header_variant(name, rows, first_line):
    path = SAMPLES / name
    assert sniff(path.read_bytes(), name).name == "mastodon-following"
    table = parse_mastodon(path.read_bytes(), str(path))
    assert (table.rows, int(table.frame["line"][0])) == (rows, first_line)


def test_mastodon_addresses_become_profile_urls():
    table = parse_mastodon((SAMPLES / "mastodon_2017_following_accounts.csv").read_bytes(), "f")
    # Case does not matter to Mastodon: Dave@Social.Example is dave@social.example.
    assert table.frame[["address", "url"]].values.tolist() == [
        ["carol@mastodon.example", "https://mastodon.example/@carol"],
        ["dave@social.example", "https://social.example/@dave"]]


def test_two_mastodon_exports_share_an_account():
    G, _ = weakties.load([SAMPLES / "mastodon_following_accounts.csv",
                          SAMPLES / "mastodon_2019_following_accounts.csv"])
    # Owners "mastodon" and "mastodon_2019"; alice@mastodon.example is followed by both: one
    # person. People: 2 owners + 3 + 2 - 1 shared = 6; ties: 3 + 2 = 5 "follow".
    assert (G.number_of_nodes(), G.number_of_edges()) == (6, 5)
    alice = "https://mastodon.example/@alice"
    assert G.nodes[alice]["name"] == "@alice@mastodon.example"
    assert G.degree(alice) == 2


def test_a_bad_address_is_skipped():
    data = b"Account address,Show boosts\nalice@mastodon.example,true\nnot an address,true\n"
    table = parse_mastodon(data, "following_accounts.csv")
    assert (table.rows, dict(table.skipped)) == (1, {"not a user@domain account address": 1})


# --- X / Twitter ---------------------------------------------------------------------------------


def test_x_ids_stay_strings():
    path = SAMPLES / "x_archive" / "data" / "following.js"
    table = parse_x(path.read_bytes(), str(path))
    # 1450000000000000001 does not fit a float: kept as written.
    assert table.frame["account_id"].tolist() == ["1450000000000000001", "783214", "12"]
    assert set(table.frame["direction"]) == {"following"}
    assert table.frame["line"].tolist() == [2, 8, 14]


def test_x_numeric_ids_are_turned_into_exact_strings():
    data = b'window.YTD.follower.part0 = [{"follower": {"accountId": 1450000000000000001}}]'
    assert parse_x(data, "follower.js").frame["account_id"].tolist() == ["1450000000000000001"]


def test_x_archive_folder():
    G, report = weakties.load(SAMPLES / "x_archive")
    # following.js: 3 accounts; follower.js: 2, of which 783214 is also followed (mutual).
    # People: the owner + 4 accounts; ties: 4 (the mutual follow is one tie).
    assert (G.number_of_nodes(), G.number_of_edges()) == (5, 4)
    (owner,) = G.graph["owners"]
    assert G.nodes[owner]["name"] == "x_archive"  # not "data": the folder above it
    mutual = "https://x.com/i/user/783214"
    assert G.nodes[mutual]["name"] == "783214"
    assert G.edges[owner, mutual]["kinds"] == ["follow"]
    assert sorted(i["format"] for i in report.inputs) == ["x-follows", "x-follows"]


# --- malformed files: one line, exit 1 -----------------------------------------------------------


@pytest.mark.parametrize(("name", "content", "message"), [
    ("your_friends.json", b'{"friends_v2": [{"name": "A", "timestamp": 1},\n {"name": \n',
     "{path}:3: expected Facebook friends JSON, found invalid JSON (Expecting value); the file "
     "is damaged or cut short: download the export again"),
    ("following.js", b'window.YTD.following.part0 = [ {"following" : {"accountId" : "1"}}, \n',
     "{path}:2: expected X archive JSON, found invalid JSON (Expecting value); the file is "
     "damaged or cut short: download the export again"),
    ("following_accounts.csv", b'Account address,Show boosts\n"alice@m.example,true\n',
     "{path}:2: expected every quoted field to end with a closing '\"', found a quote that is "
     "never closed from here on; fix the quotes on that row or re-export the file"),
    ("friends.json", b'{"friends": []}',
     "{path}: has the Facebook friends list (JSON) header but no rows; export it again"),
])
def test_malformed_social_file_is_one_error_line(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    result = run("export", str(path), "-o", str(tmp_path / "g.graphml"))
    assert result.exit_code == 1
    assert result.output == "Error: " + message.format(path=path) + "\n"
