"""The servers' kernel websockets: no delay, bounded memory, checked input, and (the
dashboard's) the v1 protocol only, a few sockets per kernel, and a kernel that
follows its page.

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

Why bounded buffers, per socket and per server. Tornado queues whatever the server
sends to a client that does not read; the queue has no limit by default. A client
that stops reading while asking for chart after chart is disconnected once it owes
:data:`MAX_UNREAD_BYTES`. That alone bounds nothing per server: a kernel's replies
(a widget state is ~130 kB) go to every socket of that kernel, so 100 sockets each
asking once made the server hold 100 x 100 replies (~740 MB, issue 22). So all
kernel sockets together may owe at most :data:`SERVER_UNREAD_BYTES` (past it, the
socket that owes the most is dropped), the dashboard allows
:data:`MAX_SOCKETS_PER_KERNEL` sockets per kernel (the page needs one; the next is
refused with a close reason in words), and a session dropped for being slow is
not buffered for a reconnect (Jupyter Server otherwise keeps every later message
of that session, without limit, until the kernel ends).

Why checked frames. See :mod:`interview_kit.cli.ws_frames`: a frame's part count
and offsets are bounded by its own length before Jupyter Server decodes it, and a
bad frame closes that socket with a close code and a reason.

Why a kernel follows its page. Voila's page asks for its kernel's shutdown on
unload (authenticated since the page carries the ``_xsrf`` cookie, see
:mod:`interview_kit.cli.voila_server`), but a browser that crashes, or a tab that
is discarded, sends nothing. So when a dashboard kernel's last socket closes and
none comes back within :data:`SHUTDOWN_GRACE` seconds (a reload or a reconnect
comes back sooner), the kernel is shut down.

Why no delay. Tornado leaves Nagle's algorithm on for a websocket (its
``set_nodelay`` docstring warns of the stalls), and neither jupyter_server nor Voila
turns it off. A change sends the page a burst of small messages (the kernel's busy
status, then the chart and the reading); with Nagle on, the ones after the first
wait for the browser's delayed ACK, about 40 ms on Linux: key press to new chart,
25–40 ms otherwise, took 60–75 ms on 9 of 12 quick presses of one page (timed in
the page, as ``benchmarks/probe_keypress.py`` does). Each message now goes at once.
"""

from __future__ import annotations

import asyncio
import weakref
from typing import Any, ClassVar

from jupyter_core.utils import ensure_async
from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection
from tornado import web
from tornado.ioloop import IOLoop
from tornado.iostream import StreamBufferFullError
from tornado.websocket import WebSocketClosedError, WebSocketHandler

from .ws_frames import POLICY_VIOLATION, Frame, Refusal, check_v1_frame, comm_open_refusal

V1_PROTOCOL = "v1.kernel.websocket.jupyter.org"
#: What a client may leave unread before it is disconnected (a chart PNG is ~100 kB).
MAX_UNREAD_BYTES = 32 * 1024 * 1024
#: What all kernel sockets of one server may leave unread together.
SERVER_UNREAD_BYTES = 64 * 1024 * 1024
#: The largest message a dashboard client may send (the page's biggest is a few kB
#: of typed notes); tornado's own default, 10 MiB, stays for JupyterLab.
MAX_MESSAGE_BYTES = 1024 * 1024
#: Kernel websockets one dashboard kernel accepts at once.
MAX_SOCKETS_PER_KERNEL = 4
#: Seconds a dashboard kernel lives on after its last socket closed.
SHUTDOWN_GRACE = 10.0
#: The close code for a socket refused for policy (too many sockets, bad frame).
TOO_MANY_SOCKETS = (
    f"this page's kernel already has {MAX_SOCKETS_PER_KERNEL} connections: "
    "close another tab of it and reload"
)


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


def unread_bytes(handler: WebSocketHandler | None) -> int:
    """What a websocket's client has not read yet: tornado's write buffer (it has no
    public accessor; 0 if that changes)."""
    stream = getattr(getattr(handler, "ws_connection", None), "stream", None)
    buffer = getattr(stream, "_write_buffer", None)
    try:
        return len(buffer) if buffer is not None else 0
    except TypeError:
        return 0


def legacy_binary_refusal(message: bytes) -> str | None:
    """Why a legacy binary message is refused before Jupyter Server decodes it: its
    first 4 bytes are a buffer count that ``struct.unpack`` would otherwise honour."""
    if len(message) < 4:
        return "a binary kernel message must start with its buffer count"
    count = int.from_bytes(message[:4], "big", signed=True)
    if count < 1 or 4 * (count + 1) > len(message):
        return "a binary kernel message's buffer count does not fit it"
    return None


class TunedConnection(ZMQChannelsWebsocketConnection):
    """A kernel connection that sends each message at once, caps unread output per
    socket and per server, and checks a client's frames before they are decoded:
    what JupyterLab (``interview-kit lab``) and the hub's servers use. Jupyter
    Server's own handler reads the legacy protocol correctly."""

    #: Every open tuned connection of this server (for the server-wide cap).
    _tuned: ClassVar[weakref.WeakSet[TunedConnection]] = weakref.WeakSet()
    #: The largest message a client may send (tornado's default).
    max_message_bytes: ClassVar[int] = 10 * 1024 * 1024
    _dropped = False

    def connect(self) -> Any:
        tune_stream(self.websocket_handler)
        TunedConnection._tuned.add(self)
        return super().connect()

    def drop(self, why: str) -> None:
        """Cut this socket off without a close frame (it would not fit a full buffer
        either), and keep nothing for its session."""
        if self._dropped:
            return
        self._dropped = True
        TunedConnection._tuned.discard(self)
        self.log.warning("Dropped a kernel websocket of kernel %s: %s", self.kernel_id, why)
        stream = getattr(self.websocket_handler.ws_connection, "stream", None)
        if stream is not None:
            stream.close()

    def refuse_frame(self, code: int, reason: str) -> None:
        """Close this socket for a message it sent, with a close code and a reason."""
        self.log.warning(
            "Closed a kernel websocket of kernel %s (%d): %s", self.kernel_id, code, reason
        )
        self._dropped = True
        TunedConnection._tuned.discard(self)
        self.websocket_handler.close(code, reason)

    @staticmethod
    def _keep_server_under_cap() -> None:
        """Drop the sockets that owe the most until all owe at most
        :data:`SERVER_UNREAD_BYTES` together."""
        owed = {conn: unread_bytes(conn.websocket_handler) for conn in TunedConnection._tuned}
        total = sum(owed.values())
        for conn in sorted(owed, key=owed.__getitem__, reverse=True):
            if total <= SERVER_UNREAD_BYTES:
                break
            total -= owed[conn]
            conn.drop(
                f"the server's kernel sockets owed over {SERVER_UNREAD_BYTES} bytes "
                f"unread, this one {owed[conn]}"
            )

    @property
    def write_message(self) -> Any:
        handler = self.websocket_handler

        def write(message: Any, binary: bool = False) -> Any:
            if self._dropped:
                return None
            try:
                result = handler.write_message(message, binary=binary)
            except StreamBufferFullError:
                self.drop(f"it left over {MAX_UNREAD_BYTES} bytes unread")
                return None
            except WebSocketClosedError:
                return None  # closed meanwhile: nothing to deliver to
            if isinstance(result, asyncio.Future):
                # A write still queued when the socket is dropped fails with
                # WebSocketClosedError; nobody awaits it, so asyncio would print its
                # traceback into the log ("Task exception was never retrieved").
                result.add_done_callback(_quiet)
            self._keep_server_under_cap()
            return result

        return write

    def handle_incoming_message(self, incoming_msg: Any) -> None:
        if self._dropped:
            return
        if self.subprotocol == V1_PROTOCOL:
            checked = check_v1_frame(incoming_msg, self.max_message_bytes)
            if isinstance(checked, Refusal):
                self.refuse_frame(checked.code, checked.reason)
                return
            if not self.accept_frame(checked):
                return
        elif isinstance(incoming_msg, bytes):
            why = legacy_binary_refusal(incoming_msg)
            if why is not None:
                self.refuse_frame(POLICY_VIOLATION, why)
                return
        try:
            super().handle_incoming_message(incoming_msg)
        except Exception as error:  # e.g. a JSON message whose header is no object
            self.refuse_frame(
                POLICY_VIOLATION, f"a kernel message could not be read ({type(error).__name__})"
            )

    def accept_frame(self, frame: Frame) -> bool:
        """Whether a checked v1 frame goes on to the kernel (a hook for subclasses)."""
        return True

    def disconnect(self) -> Any:
        TunedConnection._tuned.discard(self)
        super().disconnect()
        if self._dropped and self.kernel_id in self.multi_kernel_manager:
            # Jupyter Server starts buffering this session's messages for a
            # reconnect when its last socket closes; a dropped client gets none.
            buffers = getattr(self.multi_kernel_manager, "_kernel_buffers", {})
            info = buffers.get(self.kernel_id) if hasattr(buffers, "get") else None
            if info and info.get("session_key") == self.session_key:
                self.multi_kernel_manager.stop_buffering(self.kernel_id)


class V1OnlyConnection(TunedConnection):
    """A tuned kernel connection that also refuses the legacy protocol, takes at most
    :data:`MAX_SOCKETS_PER_KERNEL` sockets per kernel, passes on only the comm
    messages the page sends, and shuts its kernel down once the page has gone:
    what the dashboard's Voila gets (see "Why v1 only" and the rest above)."""

    #: The open (or opening) dashboard sockets of each kernel.
    _by_kernel: ClassVar[dict[str, set[V1OnlyConnection]]] = {}
    max_message_bytes: ClassVar[int] = MAX_MESSAGE_BYTES
    _refused: str | None = None
    _counted = False

    async def prepare(self) -> None:
        offered = offered_protocols(
            self.websocket_handler.request.headers.get("Sec-WebSocket-Protocol")
        )
        if V1_PROTOCOL not in offered:
            self.log.warning("Refused a kernel websocket that does not ask for %s", V1_PROTOCOL)
            raise web.HTTPError(400, f"this server speaks only {V1_PROTOCOL}")
        sockets = V1OnlyConnection._by_kernel.setdefault(self.kernel_id, set())
        if len(sockets) >= MAX_SOCKETS_PER_KERNEL:
            # Accepted, then closed with the reason: a browser shows a close
            # reason, never the body of a refused handshake.
            self._refused = TOO_MANY_SOCKETS
            return
        sockets.add(self)
        self._counted = True
        _connected.add(self.kernel_id)
        try:
            await super().prepare()
        except BaseException:
            self._release()
            raise

    def connect(self) -> Any:
        if self._refused is not None:
            self.log.warning(
                "Refused a kernel websocket of kernel %s: %s", self.kernel_id, self._refused
            )
            self.websocket_handler.close(POLICY_VIOLATION, self._refused)
            return None
        return super().connect()

    def accept_frame(self, frame: Frame) -> bool:
        why = comm_open_refusal(frame)
        if why is not None:
            self.log.warning("Ignored %s (kernel %s)", why, self.kernel_id)
            return False
        return True

    def _release(self) -> bool:
        """Give back this socket's place; whether it was the kernel's last one."""
        if not self._counted:
            return False
        self._counted = False
        sockets = V1OnlyConnection._by_kernel.get(self.kernel_id, set())
        sockets.discard(self)
        if sockets:
            return False
        V1OnlyConnection._by_kernel.pop(self.kernel_id, None)
        return True

    def disconnect(self) -> Any:
        if self._refused is not None:
            return  # never connected to the kernel: nothing to undo
        last = self._release()
        super().disconnect()
        if last:
            manager = self.multi_kernel_manager
            IOLoop.current().call_later(
                SHUTDOWN_GRACE, _shutdown_if_unused, manager, self.kernel_id, self.log
            )


def _quiet(future: asyncio.Future[Any]) -> None:
    """Retrieve a finished write's exception: a closed socket is no error here."""
    if not future.cancelled():
        future.exception()


#: Every kernel a dashboard page ever connected to (ids are small; kernels are few).
_connected: set[str] = set()


def connected_ever(kernel_id: str) -> bool:
    """Whether a page's socket ever connected to ``kernel_id`` (a kernel no page
    connected to is ended by the kernel manager, not here)."""
    return kernel_id in _connected


def _shutdown_if_unused(manager: Any, kernel_id: str, log: Any) -> None:
    """Shut a dashboard kernel down unless a socket came back to it meanwhile."""
    if V1OnlyConnection._by_kernel.get(kernel_id) or kernel_id not in manager:
        return
    log.info("Shutting down kernel %s: its page has gone", kernel_id)

    async def shut() -> None:
        try:
            await ensure_async(manager.shutdown_kernel(kernel_id))
        except Exception as error:  # already gone
            log.info("Kernel %s was not shut down: %s", kernel_id, error)

    task = asyncio.ensure_future(shut())
    _shutting.add(task)
    task.add_done_callback(_shutting.discard)


#: Shutdowns under way (a task nobody references may be collected before it ends).
_shutting: set[asyncio.Future[None]] = set()
