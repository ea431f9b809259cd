"""The fields of Telegram Desktop's ``result.json`` that :mod:`weakties.importers.telegram`
decodes, as msgspec Structs: message texts are never decoded, let alone kept.

Apart from the parser so that sniffing a file (and ``weakties formats``) does not import msgspec.
"""

from __future__ import annotations

from typing import Any

import msgspec

from weakties.errors import InputError


class Entity(msgspec.Struct):
    type: Any = None
    user_id: Any = None


class Recent(msgspec.Struct):
    from_: Any = msgspec.field(default=None, name="from")
    from_id: Any = None


class Reaction(msgspec.Struct):
    recent: list[Recent] | None = None


class Message(msgspec.Struct):
    id: Any = None
    type: Any = None
    date: Any = None
    from_: Any = msgspec.field(default=None, name="from")
    from_id: Any = None
    actor: Any = None
    actor_id: Any = None
    action: Any = None
    members: Any = None
    inviter: Any = None
    reply_to_message_id: Any = None
    text_entities: list[Entity] | None = None
    reactions: list[Reaction] | None = None


class Chat(msgspec.Struct):
    name: Any = None
    type: Any = None
    id: Any = None
    messages: list[Message] | None = None


class ChatList(msgspec.Struct):
    items: list[Chat] | None = msgspec.field(default=None, name="list")


class Person(msgspec.Struct):
    user_id: Any = None
    first_name: Any = None
    last_name: Any = None
    phone_number: Any = None


class People(msgspec.Struct):
    items: list[Person] | None = msgspec.field(default=None, name="list")


class Export(msgspec.Struct):
    personal_information: Person | None = None
    contacts: People | None = None
    chats: ChatList | None = None
    left_chats: ChatList | None = None
    name: Any = None
    type: Any = None
    id: Any = None
    messages: list[Message] | None = None


def load(data: bytes, path: str) -> Export:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return msgspec.json.decode(data, type=Export)
    except msgspec.ValidationError as err:
        raise InputError(path, f"expected a Telegram Desktop export (result.json), found "
                               f"another JSON schema ({err}); export again with 'Export chat "
                               "history' or 'Export Telegram data', format JSON") from err
    except RecursionError as err:  # msgspec's own guard against nesting
        raise InputError(path, "expected Telegram Desktop JSON, found values nested too deep "
                               "to be an export; export it again") from err
    except msgspec.DecodeError as err:
        raise InputError(path, f"expected Telegram Desktop JSON, found invalid JSON ({err}); the "
                               "file is damaged or cut short: export it again") from err
