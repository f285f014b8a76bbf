"""Kernel websocket messages checked before anything decodes them.

Pure functions over a client's bytes, used by :mod:`interview_kit.cli.kernel_socket`.

Why. Jupyter Server decodes a v1 kernel frame (``deserialize_msg_from_ws_v1`` in
``jupyter_server/services/kernels/connection/base.py``) by reading a part count from
the client's first 8 bytes and building that many offsets, with no bound, on the
event loop: one 8-byte message claiming 2^40 parts stops the server for everyone and
grows it until it is killed (issue 22, ``scripts/jupyter_v1_frame_repro.py``). Here
the part count and every offset are bounded by the frame's own length first, and so
is the message's size; a frame that fails gets a close code and a reason:

* 1003 (unsupported data): a text message on the v1 protocol, which is binary only;
* 1009 (too big): over the server's per-message cap;
* 1008 (policy): anything malformed (counts, offsets, channel, header).

Comm messages the kernel would answer with a traceback are refused here too: a
``comm_open`` to a target or protocol version the page never sends makes ipywidgets
raise, and the kernel's traceback travels back over iopub (issue 22, item 8).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

#: Close codes (RFC 6455).
UNSUPPORTED_DATA = 1003
POLICY_VIOLATION = 1008
TOO_BIG = 1009

#: Channels a client may send on (iopub flows only from the kernel).
CLIENT_CHANNELS = frozenset({"shell", "control", "stdin"})
#: Most parts a message may have: header, parent header, metadata, content and
#: binary buffers (a page sends none; 64 leaves room for any widget).
MAX_PARTS = 4 + 64
#: The comm targets the page opens, with the major protocol version it speaks
#: (ipywidgets 8's control channel; the page never creates a widget in the kernel).
COMM_TARGETS = {"jupyter.widget.control": "1"}


@dataclass(frozen=True)
class Refusal:
    """Why a client's message is not passed on: a close code and its reason in words."""

    code: int
    reason: str


@dataclass(frozen=True)
class Frame:
    """A v1 frame that passed the checks: its channel, header and raw parts."""

    channel: str
    header: dict[str, Any]
    parts: tuple[bytes, ...]


def _json_object(raw: bytes) -> dict[str, Any] | None:
    try:
        value = json.loads(raw)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None
    return value if isinstance(value, dict) else None


def check_v1_frame(message: bytes | str, max_bytes: int) -> Frame | Refusal:
    """``message`` as a checked v1 frame, or why it is refused.

    The layout: an 8-byte little-endian count ``n`` of offsets, ``n`` 8-byte offsets,
    then the channel name and the message parts, each from one offset to the next.
    Nothing is read past the frame, and no more than :data:`MAX_PARTS` offsets.
    """
    if isinstance(message, str):
        return Refusal(UNSUPPORTED_DATA, "this server reads only binary v1 kernel messages")
    size = len(message)
    if size > max_bytes:
        return Refusal(TOO_BIG, f"a message may be at most {max_bytes} bytes")
    if size < 8:
        return Refusal(POLICY_VIOLATION, "a kernel message must start with its part count")
    count = int.from_bytes(message[:8], "little")
    if not 6 <= count <= MAX_PARTS + 2 or 8 * (count + 1) > size:
        return Refusal(POLICY_VIOLATION, "a kernel message's part count does not fit it")
    offsets = [int.from_bytes(message[8 * (i + 1) : 8 * (i + 2)], "little") for i in range(count)]
    if (
        offsets[0] != 8 * (count + 1)
        or offsets[-1] != size
        or any(later < earlier for earlier, later in pairwise(offsets))
    ):
        return Refusal(POLICY_VIOLATION, "a kernel message's offsets do not fit it")
    try:
        channel = message[offsets[0] : offsets[1]].decode("ascii")
    except UnicodeDecodeError:
        channel = ""
    if channel not in CLIENT_CHANNELS:
        return Refusal(POLICY_VIOLATION, "a kernel message names no channel a client may use")
    parts = tuple(message[offsets[i] : offsets[i + 1]] for i in range(1, count - 1))
    header = _json_object(parts[0])
    if header is None or not isinstance(header.get("msg_type"), str):
        return Refusal(
            POLICY_VIOLATION, "a kernel message's header is not a JSON object with a msg_type"
        )
    return Frame(channel, header, parts)


def comm_open_refusal(frame: Frame) -> str | None:
    """Why a ``comm_open`` is not passed to the kernel (``None``: it may go).

    Only the targets the page opens (:data:`COMM_TARGETS`), with their protocol's
    major version: anything else would make the kernel raise and send its traceback.
    """
    if frame.header.get("msg_type") != "comm_open":
        return None
    metadata = _json_object(frame.parts[2]) or {}
    content = _json_object(frame.parts[3]) or {}
    target = content.get("target_name")
    version = metadata.get("version")
    if not isinstance(target, str) or target not in COMM_TARGETS:
        return f"a comm_open to target {str(target)[:40]!r}, which the page never opens"
    major = COMM_TARGETS[target]
    if not isinstance(version, str) or version.split(".")[0] != major:
        return (
            f"a comm_open to {target} with protocol version {str(version)[:20]!r} "
            f"(this kernel speaks {major}.x)"
        )
    if not isinstance(content.get("comm_id"), str):
        return "a comm_open without a comm_id"
    return None
