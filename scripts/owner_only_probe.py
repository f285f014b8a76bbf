"""Issue 22's server figures, measured on a real dashboard (preheated, as launched).

Run by hand: ``.venv/bin/python scripts/owner_only_probe.py`` (add ``--skip-frame`` to
leave out the 8-byte frame, which freezes a server without the fix for good). To
measure another version of the kit, point ``PYTHONPATH`` at its tree: the server
started here imports the kit from there too. Prints one line per figure:

* whether ``/voila/query/<kernel id>`` answers a client without credentials, and
  whether the token is in what it says;
* log lines holding the token after 20 requests carrying it;
* kernels running before and 20 s after three pages opened a socket and closed it;
* the 8-byte frame claiming 2^40 parts: does HTTP answer within 1 s, the server's
  growth over 5 s, and what the socket got;
* 100 clients on one page's kernel, each asking once for every widget's state: the
  server's growth.
"""

from __future__ import annotations

import http.client
import json
import re
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import psutil
import websocket

V1 = "v1.kernel.websocket.jupyter.org"


def _frame(msg_type: str, content: dict, metadata: dict | None = None) -> bytes:
    header = {
        "msg_id": uuid.uuid4().hex,
        "msg_type": msg_type,
        "session": "s",
        "username": "",
        "version": "5.3",
        "date": "2026-01-01T00:00:00Z",
    }
    chunks = [b"shell", *(json.dumps(p).encode() for p in (header, {}, metadata or {}, content))]
    offsets = [8 * (len(chunks) + 2)]
    for chunk in chunks:
        offsets.append(offsets[-1] + len(chunk))
    return (
        len(offsets).to_bytes(8, "little")
        + b"".join(o.to_bytes(8, "little") for o in offsets)
        + b"".join(chunks)
    )


class Probe:
    def __init__(self, url: str, server: psutil.Process) -> None:
        self.port = urlsplit(url).port
        self.query = urlsplit(url).query
        self.token = self.query.partition("token=")[2]
        self.server = server

    def get(
        self, path: str, cookie: str | None = None, timeout: float = 120
    ) -> tuple[int, http.client.HTTPResponse, bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        response = conn.getresponse()
        body = response.read()
        conn.close()
        return response.status, response, body

    def page(self, cookie: str | None = None) -> tuple[str, str]:
        """(cookie, kernel id) of a page opened as a browser does."""
        if cookie is None:
            _, response, body = self.get(f"/?{self.query}")
            cookie = (response.getheader("Set-Cookie") or "").split(";")[0]
            if response.status in (301, 302):
                _, _, body = self.get(response.getheader("Location") or "/", cookie)
        else:
            _, _, body = self.get("/", cookie)
        return cookie, re.search(r'"kernelId": "([0-9a-f-]{36})"', body.decode()).group(1)

    def socket(self, kernel: str, cookie: str) -> websocket.WebSocket:
        return websocket.create_connection(
            f"ws://127.0.0.1:{self.port}/api/kernels/{kernel}/channels"
            f"?session_id={uuid.uuid4().hex}",
            cookie=cookie,
            subprotocols=[V1],
            origin=f"http://127.0.0.1:{self.port}",
            timeout=60,
        )

    def growth(self, start: int, seconds: float) -> float:
        peak = start
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            peak = max(peak, self.server.memory_info().rss)
            time.sleep(0.2)
        return (peak - start) / 2**20


def main() -> None:
    from interview_kit.cli.launch import DASHBOARD, PREHEAT_FLAGS, start_voila, stop

    folder = Path(tempfile.mkdtemp(prefix="owner-only-probe-"))
    log = folder / "voila.log"
    process, url = start_voila(
        DASHBOARD,
        None,
        *PREHEAT_FLAGS,
        log=log,
        env={"INTERVIEW_KIT_JOURNAL": str(folder / "j.sqlite3")},
    )
    probe = Probe(url, psutil.Process(process.pid))
    try:
        time.sleep(8)  # the warm kernel
        cookie, kernel = probe.page()
        try:
            ws = websocket.create_connection(
                f"ws://127.0.0.1:{probe.port}/voila/query/{kernel}", timeout=5
            )
            said = ws.recv()
            ws.close()
            print(f"query socket: answered without credentials; token in it: {probe.token in said}")
        except websocket.WebSocketException as refused:
            print(f"query socket: refused ({getattr(refused, 'status_code', refused)})")
        for _ in range(20):
            probe.get(f"/voila/static/nothing?token={probe.token}")
        time.sleep(1)
        lines = log.read_text(errors="replace").splitlines()
        print(f"log lines holding the token: {sum(probe.token in line for line in lines)}")
        before = len(probe.server.children())
        for _ in range(3):
            _, tab = probe.page(cookie)
            probe.socket(tab, cookie).close()
        time.sleep(20)
        print(
            f"kernels: {before} before three pages, {len(probe.server.children())} "
            "20 s after they closed"
        )
        if "--skip-frame" not in sys.argv:
            ws = probe.socket(kernel, cookie)
            start = probe.server.memory_info().rss
            ws.send_binary((2**40).to_bytes(8, "little"))
            time.sleep(0.3)
            try:
                status = probe.get("/voila/static/x", timeout=1)[0]
                print(f"8-byte frame: HTTP answered ({status}) within 1 s")
            except OSError:
                print("8-byte frame: HTTP not answered within 1 s")
            print(f"8-byte frame: server grew {probe.growth(start, 5):.0f} MB in 5 s")
            ws.settimeout(2)
            try:
                print(f"8-byte frame: the socket got {ws.recv_data()}")
            except (websocket.WebSocketException, OSError) as error:
                print(f"8-byte frame: the socket got nothing ({type(error).__name__})")
        _, kernel = probe.page(cookie)
        start = probe.server.memory_info().rss
        sockets = []
        for _ in range(100):
            ws = probe.socket(kernel, cookie)
            comm = uuid.uuid4().hex
            try:
                ws.send_binary(
                    _frame(
                        "comm_open",
                        {"comm_id": comm, "data": {}, "target_name": "jupyter.widget.control"},
                        {"version": "1.0.0"},
                    )
                )
                ws.send_binary(
                    _frame("comm_msg", {"comm_id": comm, "data": {"method": "request_states"}})
                )
            except (websocket.WebSocketException, OSError):
                pass  # refused
            sockets.append(ws)
        print(f"100 clients: server grew {probe.growth(start, 5):.0f} MB")
        for ws in sockets:
            ws.close()
    finally:
        stop(process)


if __name__ == "__main__":
    main()
