"""The servers' kernel websockets: no delay, a bounded send buffer, and (the dashboard's)
the v1 protocol only.

Loaded by the Voila server (``--Voila.kernel_websocket_connection_class``) and by
JupyterLab (``--ServerApp.kernel_websocket_connection_class``), both set by
:mod:`interview_kit.cli.launch`, and by the hub's single-user servers
(``deploy/jupyterhub/jupyter-config``); never by the CLI itself.

Why v1 only. Voila's websocket handler (``VoilaKernelWebsocketHandler.write_message``
in ``voila/tornado/kernel_websocket_handler.py``, voila 0.5) reads the header of
every binary message it sends as if it were in the v1 format, to drop
``execute_input`` messages. A client that asks for no subprotocol gets the legacy
format instead, whose first 8 bytes (a big-endian part count and first offset),
read as a little-endian count, come to about 10^17: the list comprehension that
collects that many "offsets" runs on the server's event loop, which then serves
nobody and grows by tens of MB a second until memory runs out. The first widget
message with binary buffers (a chart's PNG) sets it off.
``scripts/voila_legacy_ws_repro.py`` reproduces it in a few lines. The browser's
Voila page always asks for v1, so refusing the legacy handshake costs it nothing.

Why a bounded buffer. Tornado queues whatever the server sends to a client that
does not read; the queue has no limit by default. A client that stops reading
while asking for chart after chart is disconnected once it owes
:data:`MAX_UNREAD_BYTES`.

Why no delay. Tornado leaves Nagle's algorithm on for a websocket (its
``set_nodelay`` docstring warns of the stalls), and neither jupyter_server nor Voila
turns it off. A change sends the page a burst of small messages (the kernel's busy
status, then the chart and the reading); with Nagle on, the ones after the first
wait for the browser's delayed ACK, about 40 ms on Linux: key press to new chart,
25–40 ms otherwise, took 60–75 ms on 9 of 12 quick presses of one page (timed in
the page, as ``benchmarks/probe_keypress.py`` does). Each message now goes at once.
"""

from __future__ import annotations

from typing import Any

from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection
from tornado import web
from tornado.iostream import StreamBufferFullError
from tornado.websocket import WebSocketClosedError, WebSocketHandler

V1_PROTOCOL = "v1.kernel.websocket.jupyter.org"
#: What a client may leave unread before it is disconnected (a chart PNG is ~100 kB).
MAX_UNREAD_BYTES = 32 * 1024 * 1024


def offered_protocols(header: str | None) -> list[str]:
    """The subprotocols a websocket handshake offers (``Sec-WebSocket-Protocol``)."""
    return [part.strip() for part in (header or "").split(",") if part.strip()]


def tune_stream(handler: WebSocketHandler) -> None:
    """Settings of an open kernel websocket: unread output capped (tornado raises
    ``StreamBufferFullError`` past it), and each message sent at once ("Why no
    delay" above)."""
    connection = handler.ws_connection
    stream = getattr(connection, "stream", None)
    if stream is None:
        return
    stream.max_write_buffer_size = MAX_UNREAD_BYTES
    handler.set_nodelay(True)


class TunedConnection(ZMQChannelsWebsocketConnection):
    """A kernel connection that sends each message at once and caps unread output
    (:func:`tune_stream`): what JupyterLab (``interview-kit lab``) and the hub's
    servers use. Jupyter Server's own handler reads the legacy protocol correctly."""

    def connect(self) -> Any:
        tune_stream(self.websocket_handler)
        return super().connect()

    @property
    def write_message(self) -> Any:
        handler = self.websocket_handler

        def write(message: Any, binary: bool = False) -> Any:
            try:
                return handler.write_message(message, binary=binary)
            except StreamBufferFullError:
                # No close frame: it would not fit in the full buffer either.
                self.log.warning("Dropped a kernel websocket that left over %d bytes unread",
                                 MAX_UNREAD_BYTES)
                stream = getattr(handler.ws_connection, "stream", None)
                if stream is not None:
                    stream.close()
            except WebSocketClosedError:
                pass  # closed meanwhile: nothing to deliver to
            return None

        return write


class V1OnlyConnection(TunedConnection):
    """A tuned kernel connection that also refuses the legacy protocol: what the
    dashboard's Voila gets (see "Why v1 only")."""

    async def prepare(self) -> None:
        offered = offered_protocols(
            self.websocket_handler.request.headers.get("Sec-WebSocket-Protocol"))
        if V1_PROTOCOL not in offered:
            self.log.warning("Refused a kernel websocket that does not ask for %s",
                             V1_PROTOCOL)
            raise web.HTTPError(400, f"this server speaks only {V1_PROTOCOL}")
        await super().prepare()
