"""Minimal reproducer of an upstream Jupyter Server bug (jupyter_server 2.x): one 8-byte
kernel websocket message makes the server build an unbounded list on its event loop.

Run by hand: ``.venv/bin/python scripts/jupyter_v1_frame_repro.py``.

The cause: ``deserialize_msg_from_ws_v1``
(``jupyter_server/services/kernels/connection/base.py``) reads a part count from the
client's first 8 bytes and builds that many offsets (``[... for i in range(count)]``)
before looking at the frame's length. A client that claims 2^40 parts sends 8 bytes;
the server then appends offsets on its only event loop until memory runs out, and
serves nobody meanwhile (issue 22: 5 of 5 HTTP probes unanswered, +44 MiB/s).

This script feeds Jupyter Server's own function that 8-byte message and a correct
one, in a child process allowed 256 MB more address space and 30 seconds, and the
kit's check (:func:`interview_kit.cli.ws_frames.check_v1_frame`) the same two:

    jupyter_server, a correct frame: decoded (channel 'shell', 4 parts)
    jupyter_server, 8 bytes claiming 2^40 parts: ran away (MemoryError after ... s)
    interview_kit check, 8 bytes claiming 2^40 parts: refused (1008: ...)

interview_kit's servers check every frame first (``interview_kit/cli/kernel_socket.py``);
an upstream fix would bound the count by ``len(ws_msg) // 8 - 1`` and check that
offsets rise and end within the message, before building anything.
"""

from __future__ import annotations

import json
import multiprocessing
import resource
import time

MEMORY_LIMIT = 256 << 20
TIME_LIMIT = 30.0
HOSTILE = (2**40).to_bytes(8, "little")


def _frame() -> bytes:
    """A correct v1 frame, as the browser sends it."""
    parts = [
        json.dumps(p).encode()
        for p in (
            {
                "msg_id": "1",
                "msg_type": "kernel_info_request",
                "session": "s",
                "username": "",
                "version": "5.3",
                "date": "2026-01-01T00:00:00Z",
            },
            {},
            {},
            {},
        )
    ]
    offsets = [8 * (1 + len(parts) + 2)]
    for chunk in (b"shell", *parts):
        offsets.append(offsets[-1] + len(chunk))
    head = len(offsets).to_bytes(8, "little") + b"".join(o.to_bytes(8, "little") for o in offsets)
    return head + b"shell" + b"".join(parts)


def _decode(data: bytes, out: multiprocessing.Queue) -> None:
    from jupyter_server.services.kernels.connection.base import deserialize_msg_from_ws_v1

    with open("/proc/self/statm") as statm:
        used = int(statm.read().split()[0]) * resource.getpagesize()
    resource.setrlimit(resource.RLIMIT_AS, (used + MEMORY_LIMIT, used + MEMORY_LIMIT))
    start = time.monotonic()
    try:
        channel, parts = deserialize_msg_from_ws_v1(data)
    except MemoryError:
        out.put(f"ran away (MemoryError after {time.monotonic() - start:.1f} s)")
        return
    out.put(f"decoded (channel {channel!r}, {len(parts)} parts)")


def upstream(data: bytes) -> str:
    out: multiprocessing.Queue = multiprocessing.Queue()
    child = multiprocessing.get_context("fork").Process(target=_decode, args=(data, out))
    child.start()
    child.join(TIME_LIMIT)
    if child.is_alive():
        child.kill()
        child.join()
        return f"ran away (still going after {TIME_LIMIT:.0f} s)"
    return out.get() if not out.empty() else "no answer"


def main() -> None:
    from interview_kit.cli.ws_frames import Refusal, check_v1_frame

    print(f"jupyter_server, a correct frame: {upstream(_frame())}")
    print(f"jupyter_server, 8 bytes claiming 2^40 parts: {upstream(HOSTILE)}")
    checked = check_v1_frame(HOSTILE, 1 << 20)
    assert isinstance(checked, Refusal)
    print(
        f"interview_kit check, 8 bytes claiming 2^40 parts: refused "
        f"({checked.code}: {checked.reason})"
    )


if __name__ == "__main__":
    main()
