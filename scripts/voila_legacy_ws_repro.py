"""Minimal reproducer of an upstream Voila bug (voila 0.5.x, jupyter_server 2.x):
a kernel websocket without the v1 subprotocol makes the server's memory grow without end.

Run by hand: ``.venv/bin/python scripts/voila_legacy_ws_repro.py``.

The cause: ``VoilaKernelWebsocketHandler.write_message``
(``voila/tornado/kernel_websocket_handler.py``) passes every binary message it sends
through ``read_header_from_binary_message``, which assumes the v1 format: the first 8
bytes are a little-endian count of offsets. A client that negotiated no subprotocol
gets jupyter_server's legacy format instead (``serialize_binary_message``: a
big-endian 4-byte part count, then 4-byte offsets). Read as a little-endian 8-byte
count, those bytes come to about 10^17, and ``[... for i in range(count)]`` then runs
on the server's only event loop, appending to a list until memory runs out. Any
widget message carrying binary buffers (an ``Image`` widget's PNG) triggers it.

This script feeds Voila's own function one message of each format, in a child
process allowed 256 MB more address space and 30 seconds, and prints what happened:

    v1 message: header read ({'msg_id': '1', 'msg_type': 'comm_msg', ...}) [offset count ...]
    legacy message: ran away (MemoryError after ... s) [offset count read as 8.65e+17]

interview_kit's dashboard avoids it by refusing the legacy handshake
(``interview_kit/cli/kernel_socket.py``); an upstream fix would check that the
message is v1 (the selected subprotocol) before parsing it.
"""

from __future__ import annotations

import multiprocessing
import resource
import time

#: Address space the reader may add to what the imports took.
MEMORY_LIMIT = 256 << 20
TIME_LIMIT = 30.0


def _message() -> dict:
    header = {
        "msg_id": "1",
        "msg_type": "comm_msg",
        "session": "s",
        "username": "",
        "version": "5.3",
        "date": "2026-01-01T00:00:00Z",
    }
    return {
        "header": header,
        "parent_header": {},
        "metadata": {},
        "channel": "iopub",
        "content": {"comm_id": "c", "data": {"method": "update"}},
        "buffers": [b"\x89PNG" + bytes(1000)],
    }


def _read(kind: str, out: multiprocessing.Queue) -> None:
    from jupyter_server.services.kernels.connection.base import (
        serialize_binary_message,
        serialize_msg_to_ws_v1,
    )
    from voila.tornado.kernel_websocket_handler import read_header_from_binary_message

    with open("/proc/self/statm") as statm:  # pages of address space in use now
        used = int(statm.read().split()[0]) * resource.getpagesize()
    resource.setrlimit(resource.RLIMIT_AS, (used + MEMORY_LIMIT, used + MEMORY_LIMIT))
    msg = _message()
    if kind == "v1":
        import json

        parts = [
            json.dumps(msg[k]).encode() for k in ("header", "parent_header", "metadata", "content")
        ]
        data = serialize_msg_to_ws_v1([*parts, *msg["buffers"]], msg["channel"])
    else:
        data = serialize_binary_message(msg)
    count = int.from_bytes(data[:8], "little")
    out.put(f"offset count read as {count:.2e}")
    start = time.monotonic()
    try:
        header = read_header_from_binary_message(data)
    except MemoryError:
        out.put(f"ran away (MemoryError after {time.monotonic() - start:.1f} s)")
        return
    out.put(f"header read ({header})")


def run(kind: str) -> str:
    out: multiprocessing.Queue = multiprocessing.Queue()
    child = multiprocessing.get_context("fork").Process(target=_read, args=(kind, out))
    start = time.monotonic()
    child.start()
    child.join(TIME_LIMIT)
    notes = []
    while not out.empty():
        notes.append(out.get())
    if child.is_alive():
        child.kill()
        child.join()
        notes.append(f"ran away (still going after {time.monotonic() - start:.0f} s)")
    return "; ".join(notes)


def main() -> None:
    for kind in ("v1", "legacy"):
        count, _, outcome = run(kind).partition("; ")
        print(f"{kind} message: {outcome or 'no answer'} [{count}]")


if __name__ == "__main__":
    main()
