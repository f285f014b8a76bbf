"""The dashboard server's kernel websocket: the v1 protocol only, and a bounded send buffer.

Loaded by the Voila server (``--Voila.kernel_websocket_connection_class``, set by
:mod:`interview_kit.cli.launch`), never by the CLI itself.

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
"""

from __future__ import annotations

from typing import Any

from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection
from tornado import web
from tornado.iostream import StreamBufferFullError
from tornado.websocket import WebSocketClosedError

V1_PROTOCOL = "v1.kernel.websocket.jupyter.org"
#: What a client may leave unread before it is disconnected (a chart PNG is ~100 kB).
MAX_UNREAD_BYTES = 32 * 1024 * 1024


def offered_protocols(header: str | None) -> list[str]:
    """The subprotocols a websocket handshake offers (``Sec-WebSocket-Protocol``)."""
    return [part.strip() for part in (header or "").split(",") if part.strip()]


class V1OnlyConnection(ZMQChannelsWebsocketConnection):
    """A kernel connection that refuses the legacy protocol and caps unread output."""

    async def prepare(self) -> None:
        offered = offered_protocols(
            self.websocket_handler.request.headers.get("Sec-WebSocket-Protocol"))
        if V1_PROTOCOL not in offered:
            self.log.warning("Refused a kernel websocket that does not ask for %s",
                             V1_PROTOCOL)
            raise web.HTTPError(400, f"this server speaks only {V1_PROTOCOL}")
        await super().prepare()

    def connect(self) -> Any:
        stream = getattr(self.websocket_handler.ws_connection, "stream", None)
        if stream is not None:  # tornado raises StreamBufferFullError past this size
            stream.max_write_buffer_size = MAX_UNREAD_BYTES
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
