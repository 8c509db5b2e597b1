"""Write Outlook .msg files for the tests: a minimal Compound File Binary writer ([MS-CFB],
version 3) holding the property streams of [MS-OXMSG]. Only what fixtures need: Unicode
string, binary, integer and time properties, recipients and attachments."""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from datetime import UTC, datetime

SECTOR = 512
MINI = 64
CUTOFF = 4096
FREE, END, FATSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF

PT_LONG, PT_BOOLEAN, PT_SYSTIME, PT_UNICODE, PT_BINARY = 0x0003, 0x000B, 0x0040, 0x001F, 0x0102
Value = str | bytes | int | bool | datetime


@dataclass
class Node:
    """A storage (children) or a stream (data) of the compound file."""

    name: str
    data: bytes | None = None
    children: list[Node] = field(default_factory=list)

    @property
    def is_stream(self) -> bool:
        return self.data is not None


def _filetime(value: datetime) -> int:
    epoch = datetime(1601, 1, 1, tzinfo=UTC)
    return int((value.astimezone(UTC) - epoch).total_seconds() * 10_000_000)


def _kind(value: Value) -> int:
    if isinstance(value, bool):
        return PT_BOOLEAN
    if isinstance(value, int):
        return PT_LONG
    if isinstance(value, datetime):
        return PT_SYSTIME
    return PT_UNICODE if isinstance(value, str) else PT_BINARY


def property_storage(props: dict[int, Value], header: bytes) -> list[Node]:
    """The ``__properties_version1.0`` stream and one ``__substg1.0_`` stream per variable
    property, for a message, recipient or attachment object."""
    entries = [header]
    streams = []
    for prop_id, value in sorted(props.items()):
        kind = _kind(value)
        tag = (prop_id << 16) | kind
        if kind in (PT_UNICODE, PT_BINARY):
            raw = value.encode("utf-16-le") if isinstance(value, str) else bytes(value)  # type: ignore[arg-type]
            size = len(raw) + (2 if kind == PT_UNICODE else 0)
            entries.append(struct.pack("<IIII", tag, 6, size, 0))
            streams.append(Node(f"__substg1.0_{tag:08X}", raw))
        elif kind == PT_SYSTIME:
            entries.append(struct.pack("<IIQ", tag, 6, _filetime(value)))  # type: ignore[arg-type]
        else:
            entries.append(struct.pack("<IIQ", tag, 6, int(value)))  # type: ignore[arg-type]
    return [Node("__properties_version1.0", b"".join(entries)), *streams]


def build_msg(
    props: dict[int, Value],
    recipients: list[dict[int, Value]],
    attachments: list[dict[int, Value]] | None = None,
) -> bytes:
    attachments = attachments or []
    top = struct.pack(
        "<8sIIII8s", b"", len(recipients), len(attachments), len(recipients), len(attachments), b""
    )
    children = property_storage(props, top)
    children.append(
        Node(
            "__nameid_version1.0",
            children=[Node(f"__substg1.0_000{n}0102", b"") for n in (2, 3, 4)],
        )
    )
    for index, recipient in enumerate(recipients):
        storage = property_storage(recipient, b"\0" * 8)
        children.append(Node(f"__recip_version1.0_#{index:08X}", children=storage))
    for index, attachment in enumerate(attachments):
        storage = property_storage(attachment, b"\0" * 8)
        children.append(Node(f"__attach_version1.0_#{index:08X}", children=storage))
    return write_cfb(Node("Root Entry", children=children))


def _key(node: Node) -> tuple[int, str]:
    return (len(node.name), node.name.upper())


def _pack_mini(
    order: list[Node],
) -> tuple[bytearray, list[int], list[tuple[Node, int]], dict[int, int]]:
    """Small streams into the mini stream (64-byte sectors) with their mini FAT; the rest is
    left for regular sectors."""
    mini = bytearray()
    mini_fat: list[int] = []
    big: list[tuple[Node, int]] = []  # stream, size; placed in regular sectors
    start: dict[int, int] = {}
    for node in order[1:]:
        if node.data is None:
            continue
        if len(node.data) < CUTOFF:
            first = len(mini) // MINI
            count = max(1, -(-len(node.data) // MINI)) if node.data else 0
            start[id(node)] = first if count else END
            mini_fat += [first + i + 1 for i in range(count - 1)] + ([END] if count else [])
            mini += node.data + b"\0" * (count * MINI - len(node.data))
        else:
            big.append((node, len(node.data)))
    return mini, mini_fat, big, start


def write_cfb(root: Node) -> bytes:
    """Serialise a tree of storages and streams as a version 3 compound file."""
    order: list[Node] = [root]
    index_of: dict[int, int] = {id(root): 0}

    def collect(node: Node) -> None:
        for child in node.children:
            index_of[id(child)] = len(order)
            order.append(child)
        for child in node.children:
            collect(child)

    collect(root)
    mini, mini_fat, big, start = _pack_mini(order)
    mini_sectors = -(-len(mini) // SECTOR)
    minifat_sectors = -(-len(mini_fat) * 4 // SECTOR)
    dir_sectors = -(-len(order) * 128 // SECTOR)
    big_sectors = sum(-(-size // SECTOR) for _, size in big)
    fat_sectors = 1
    while True:
        total = fat_sectors + dir_sectors + minifat_sectors + mini_sectors + big_sectors
        if fat_sectors * SECTOR // 4 >= total:
            break
        fat_sectors += 1
    fat = [FATSECT] * fat_sectors
    body = bytearray()

    def chain(data: bytes) -> int:
        count = -(-len(data) // SECTOR)
        first = len(fat)
        fat.extend([first + i + 1 for i in range(count - 1)] + [END])
        body.extend(data + b"\0" * (count * SECTOR - len(data)))
        return first

    dir_start = len(fat)
    fat.extend([dir_start + i + 1 for i in range(dir_sectors - 1)] + [END])
    body.extend(b"\0" * (dir_sectors * SECTOR))
    minifat_start = chain(b"".join(struct.pack("<I", v) for v in mini_fat)) if mini_fat else END
    mini_start = chain(bytes(mini)) if mini else END
    for node, _ in big:
        start[id(node)] = chain(node.data or b"")
    start[id(root)] = mini_start
    directory = bytearray()
    links = _tree_links(order, index_of)
    for node in order:
        size = len(mini) if node is root else len(node.data or b"")
        directory += _dir_entry(node, node is root, links[id(node)], start.get(id(node), END), size)
    body[: len(directory)] = directory
    fat += [FREE] * (fat_sectors * SECTOR // 4 - len(fat))
    header = _header(fat_sectors, dir_start, minifat_start, minifat_sectors if mini_fat else 0)
    fat_bytes = struct.pack(f"<{len(fat)}I", *fat)
    return header + fat_bytes + bytes(body)


def _header(fat_sectors: int, dir_start: int, minifat_start: int, minifat_sectors: int) -> bytes:
    """The 512-byte header of a version 3 file whose FAT sectors come first."""
    difat = list(range(fat_sectors)) + [FREE] * (109 - fat_sectors)
    fields = (0x003E, 0x0003, 0xFFFE, 9, 6, b"", 0, fat_sectors, dir_start, 0, CUTOFF)
    return struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        bytes.fromhex("D0CF11E0A1B11AE1"),
        b"",
        *fields,
        minifat_start,
        minifat_sectors,
        END,
        0,
    ) + struct.pack("<109I", *difat)


def _tree_links(
    order: list[Node], index_of: dict[int, int]
) -> dict[int, tuple[int, int, int, int]]:
    """Left, right, child and colour of each entry: each storage's children as a balanced
    binary search tree (red at the deepest level of an incomplete tree, black elsewhere)."""
    links = {id(node): (NOSTREAM, NOSTREAM, NOSTREAM, 1) for node in order}

    def place(nodes: list[Node], depth: int, red_depth: int) -> int:
        if not nodes:
            return NOSTREAM
        middle = len(nodes) // 2
        node = nodes[middle]
        left = place(nodes[:middle], depth + 1, red_depth)
        right = place(nodes[middle + 1 :], depth + 1, red_depth)
        _, _, child, _ = links[id(node)]
        links[id(node)] = (left, right, child, 0 if depth == red_depth else 1)
        return index_of[id(node)]

    for node in order:
        if node.children:
            kids = sorted(node.children, key=_key)
            height = len(kids).bit_length()
            full = len(kids) == 2**height - 1
            root_id = place(kids, 1, height if not full else -1)
            left, right, _, colour = links[id(node)]
            links[id(node)] = (left, right, root_id, colour)
    return links


def _dir_entry(
    node: Node, is_root: bool, link: tuple[int, int, int, int], first: int, size: int
) -> bytes:
    name = node.name.encode("utf-16-le")
    kind = 5 if is_root else (2 if node.is_stream else 1)
    left, right, child, colour = link
    if node.is_stream and not node.data:
        first = END if not is_root else first
    return struct.pack(
        "<64sHBBIII16sIQQIQ",
        name + b"\0\0",
        len(name) + 2,
        kind,
        colour,
        left,
        right,
        child,
        b"",
        0,
        0,
        0,
        first if (node.is_stream or is_root) else 0,
        size,
    )
