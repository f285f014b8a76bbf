"""A kernel websocket frame is checked before anything decodes it (no server needed)."""

from __future__ import annotations

import json

import pytest

from interview_kit.cli.ws_frames import (
    MAX_PARTS,
    POLICY_VIOLATION,
    TOO_BIG,
    UNSUPPORTED_DATA,
    Frame,
    Refusal,
    check_v1_frame,
    comm_open_refusal,
)


def _frame(
    channel: str = "shell",
    header: object = None,
    metadata: object = None,
    content: object = None,
    buffers: int = 0,
) -> bytes:
    header = {"msg_type": "comm_msg", "msg_id": "1"} if header is None else header
    parts = [json.dumps(p).encode() for p in (header, {}, metadata or {}, content or {})]
    parts += [b"x"] * buffers
    chunks = [channel.encode(), *parts]
    offsets = [8 * (len(chunks) + 2)]
    for chunk in chunks:
        offsets.append(offsets[-1] + len(chunk))
    return (
        len(offsets).to_bytes(8, "little")
        + b"".join(o.to_bytes(8, "little") for o in offsets)
        + b"".join(chunks)
    )


def test_a_correct_frame_passes_with_its_parts():
    checked = check_v1_frame(_frame(buffers=2), 1 << 20)
    assert isinstance(checked, Frame)
    assert checked.channel == "shell" and checked.header["msg_type"] == "comm_msg"
    assert len(checked.parts) == 6


@pytest.mark.parametrize(
    ("message", "code"),
    [
        ("a text message", UNSUPPORTED_DATA),
        ((2**40).to_bytes(8, "little"), POLICY_VIOLATION),  # the 8 bytes
        ((2**63).to_bytes(8, "little") + bytes(64), POLICY_VIOLATION),
        (b"\x01", POLICY_VIOLATION),
        ((MAX_PARTS + 3).to_bytes(8, "little") + bytes(8 * (MAX_PARTS + 3)), POLICY_VIOLATION),
        (bytes(2 << 20), TOO_BIG),
    ],
)
def test_a_bad_frame_is_refused_with_a_close_code(message, code):
    checked = check_v1_frame(message, 1 << 20)
    assert isinstance(checked, Refusal) and checked.code == code and checked.reason


def test_offsets_must_rise_and_end_within_the_frame():
    good = bytearray(_frame())
    for index, value in ((1, 0), (2, 10**9), (3, 1)):  # before the head, past the end, falling
        bad = bytearray(good)
        bad[8 * index : 8 * index + 8] = value.to_bytes(8, "little")
        assert isinstance(check_v1_frame(bytes(bad), 1 << 20), Refusal), index
    assert isinstance(check_v1_frame(bytes(good) + b"extra", 1 << 20), Refusal)


def test_channel_and_header_are_checked():
    assert isinstance(check_v1_frame(_frame(channel="iopub"), 1 << 20), Refusal)
    assert isinstance(check_v1_frame(_frame(header=[1, 2]), 1 << 20), Refusal)
    assert isinstance(check_v1_frame(_frame(header={"msg_type": 3}), 1 << 20), Refusal)


def _comm_open(target: object, version: object) -> Frame:
    checked = check_v1_frame(
        _frame(
            header={"msg_type": "comm_open"},
            metadata={"version": version} if version else {},
            content={"comm_id": "c", "target_name": target, "data": {}},
        ),
        1 << 20,
    )
    assert isinstance(checked, Frame)
    return checked


def test_only_the_pages_comm_open_reaches_the_kernel():
    assert comm_open_refusal(_comm_open("jupyter.widget.control", "1.0.0")) is None
    for target, version in (
        ("jupyter.widget.control", "2.0"),
        ("jupyter.widget.control", None),
        ("jupyter.widget", "2.1.0"),
        ("other", "1.0"),
        (None, "1.0"),
    ):
        assert comm_open_refusal(_comm_open(target, version)), (target, version)
    plain = check_v1_frame(_frame(), 1 << 20)
    assert isinstance(plain, Frame) and comm_open_refusal(plain) is None
