"""The dashboard server's one door: every route wants the launch token (or its cookie)
and a loopback ``Host``, checked before the route's own code runs.

Loaded only by the kit's Voila server (:mod:`interview_kit.cli.voila_server`), never by
the CLI itself.

Why one gate in front of every route. Voila guards only some of its routes:
its page and kernel routes ask Jupyter Server who the user is, but its static
files, templates, themes and (with ``--preheat_kernel``) ``/voila/query/<kernel
id>`` answer anyone, and the static ones skip the ``Host`` check too. Rather than
trust each route to remember, :func:`gate_handlers` puts :class:`OwnerOnly` in front
of every handler class the server registers: a request with neither the token nor
the login cookie, or with a ``Host`` that is not a loopback name (DNS rebinding), is
refused with a 403 in words before anything else runs. A kernel id is never a
credential: it is in every kernel's command line, which ``ps`` shows to all.

Why a redirect. The first visit carries ``?token=``. Left in the URL, the token stays
in the address bar and the history, goes out in ``Referer`` headers, reaches the
kernel's environment (``QUERY_STRING``, ``VOILA_REQUEST_URL``) and, with a preheated
kernel, Voila's class-level request cache. So a page request that carries the token
sets the login cookie and is redirected to the same URL without it: the page itself
is only ever served to the cookie.

Why a masked log. Tornado's access log writes each request's URL, token included;
:func:`log_request` is Jupyter Server's own, which masks ``token=`` values.
"""

from __future__ import annotations

import hmac
import ipaddress
from collections.abc import Awaitable, Sequence
from typing import Any
from urllib.parse import parse_qsl, urlencode

from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.log import _scrub_uri
from jupyter_server.log import log_request as jupyter_log_request
from tornado import web
from tornado.websocket import WebSocketHandler

#: The Host names answered besides loopback addresses.
LOOPBACK_NAMES = frozenset({"localhost"})
#: What a request without the credential reads (a person who lost the link).
NO_CREDENTIAL = (
    "This dashboard answers only its owner. Open the link that "
    "'interview-kit dashboard' printed (it carries this launch's key) in this "
    "browser; once opened, the browser keeps you in until the server stops.\n"
)
#: What a request under a foreign Host name reads (DNS rebinding, or a proxy).
FOREIGN_HOST = (
    "This dashboard answers only on 127.0.0.1, ::1 and localhost, not under another name.\n"
)
#: The login cookie's SameSite policy: the cookie goes with the owner's own pages and
#: with a top-level link (the launcher's redirect page), never with another site's
#: scripts or forms (``Strict`` would drop it on the first visit's redirect).
SAME_SITE = "Lax"


def loopback_host(host_header: str) -> bool:
    """Whether a ``Host`` header names this machine's loopback (port ignored)."""
    host = host_header.strip()
    if host.startswith("["):  # [::1]:8866
        host = host[1:].partition("]")[0]
    elif host.count(":") == 1:
        host = host.partition(":")[0]
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def without_token(uri: str) -> str:
    """``uri`` with every ``token`` parameter taken out of its query string."""
    path, _, query = uri.partition("?")
    kept = [(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if k != "token"]
    return path + (f"?{urlencode(kept)}" if kept else "")


def log_request(handler: web.RequestHandler) -> None:
    """Jupyter Server's access log line (``token=[secret]``), without its metrics."""
    jupyter_log_request(handler, record_prometheus_metrics=False)


class OwnerOnly(web.RequestHandler):
    """Put in front of a handler class: the request is refused (403, in words) unless
    its ``Host`` is a loopback name and it carries the token or the login cookie.

    A page request (a GET of a Jupyter handler that is not a websocket) carrying
    ``?token=`` gets the cookie and a redirect to its own URL without the token.
    """

    def _identity(self) -> Any:
        return self.settings.get("identity_provider")

    def _has_token(self) -> bool:
        provider = self._identity()
        expected = getattr(provider, "token", "") or ""
        given = provider.get_token(self) if provider is not None else ""
        return (
            bool(expected)
            and bool(given)
            and hmac.compare_digest(given.encode(), expected.encode())
        )

    def _has_cookie(self) -> bool:
        provider = self._identity()
        if provider is None:
            return False
        try:
            user = provider.get_user_cookie(self)
        except Exception:  # a damaged cookie is no cookie
            return False
        return user is not None and not isinstance(user, Awaitable)

    def _refuse(self, status: int, text: str) -> None:
        self.clear()
        self.set_status(status)
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(text)

    def _is_page(self) -> bool:
        return (
            self.request.method == "GET"
            and isinstance(self, JupyterHandler)
            and not isinstance(self, WebSocketHandler)
        )

    async def prepare(self) -> None:
        if not loopback_host(self.request.host or ""):
            self._refuse(403, FOREIGN_HOST)
            return
        token = self._has_token()
        if not token and not self._has_cookie():
            self._refuse(403, NO_CREDENTIAL)
            return
        if token and self._is_page() and "token" in self.request.query_arguments:
            provider = self._identity()
            provider.set_login_cookie(self, provider.generate_anonymous_user(self))
            self.redirect(without_token(self.request.uri or "/"))
            return
        result = super().prepare()
        if isinstance(result, Awaitable):
            await result

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        """A plain error page: Jupyter Server's own needs a ``static_path`` setting
        Voila does not have, and printed a traceback for every 404 it rendered."""
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.finish(f"{status_code} {self._reason}\n")

    def _request_summary(self) -> str:
        """Tornado's summary (in warnings about this request), token masked."""
        return (
            f"{self.request.method} {_scrub_uri(self.request.uri or '')} ({self.request.remote_ip})"
        )


class QuietStatic(web.StaticFileHandler):
    """A static route that answers a path it cannot serve with a plain 404.

    Voila's template route splits ``/voila/templates/<name>/static/<file>`` with an
    ``assert``, and the themes route fails on an empty path: both print a traceback
    into the log for a request such as ``/voila/templates/..`` (issue 22). A path
    with an empty, ``.`` or ``..`` part, or one these handlers fail on, is a 404.
    """

    @staticmethod
    def _bad_path(path: str) -> bool:
        parts = path.replace("\\", "/").split("/")
        return not path or "\0" in path or any(part in ("", ".", "..") for part in parts)

    async def get(self, path: str, include_body: bool = True) -> None:
        if self._bad_path(path):
            raise web.HTTPError(404)
        try:
            await super().get(path, include_body)
        except web.HTTPError:
            raise
        except Exception:
            raise web.HTTPError(404) from None


class NotFound(web.RequestHandler):
    """Any path no route serves: 404 (behind the gate, like every route)."""

    def prepare(self) -> None:
        raise web.HTTPError(404)


#: Each handler class's gated subclass, made once.
_GATED: dict[type, type] = {}


def gated(cls: type) -> type:
    """``cls`` behind the gate (:class:`OwnerOnly`, plus :class:`QuietStatic` for a
    static route); a class already gated is returned as it is."""
    if issubclass(cls, OwnerOnly):
        return cls
    if cls not in _GATED:
        bases: tuple[type, ...] = (OwnerOnly, cls)
        if issubclass(cls, web.StaticFileHandler):
            bases = (OwnerOnly, QuietStatic, cls)
        _GATED[cls] = type(f"OwnerOnly{cls.__name__}", bases, {"__doc__": cls.__doc__})
    return _GATED[cls]


def gate_handlers(handlers: Sequence[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Tornado's ``(pattern, handler class[, kwargs])`` list with every class gated."""
    return [(spec[0], gated(spec[1]), *spec[2:]) for spec in handlers]
