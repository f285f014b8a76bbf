"""The kit's own Voila server: Voila with every route behind the owner's token, a
masked access log, a cap on kernels, and no math typesetting.

``interview-kit dashboard`` runs ``python -m interview_kit.cli.voila_server`` (see
:func:`interview_kit.cli.launch.voila_command`) with Voila's own flags; the browser
tests and the benchmark start it the same way. Never imported by the CLI itself.

What it changes in Voila 0.5, and why (issue 22):

* Every route is gated (:mod:`interview_kit.cli.owner_gate`): token or login cookie,
  and a loopback ``Host``; the first visit's ``?token=`` becomes the cookie and a
  redirect to the clean URL.
* ``/voila/query/<kernel id>`` is not served. With ``--preheat_kernel`` Voila serves
  it without any check, and hands whoever names a kernel id the query string of the
  page that took that kernel, which Voila keeps in a class-level cache forever.
  Only a notebook that calls ``voila.utils.get_query_string()`` needs it; the
  dashboard reads its query from ``QUERY_STRING`` (a preheated kernel never sees
  one). The cache is not filled either. ``scripts/voila_query_socket_repro.py``
  shows the upstream cause.
* Kernels are capped (:class:`CappedKernelManager`): a page asked for when the server
  already runs :data:`MAX_KERNELS` kernels gets a 503 page in words. A kernel follows
  its page (:mod:`interview_kit.cli.kernel_socket`), and the page's own shutdown on
  unload works: it sends the ``_xsrf`` cookie, which Voila never set, so the request
  met a 403.
* No MathJax: the page config names no MathJax URL, so the page has no typesetter
  and a company called ``\\(\\href{...}{x}\\)`` shows as typed, never as a link.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from tornado import web
from tornado.ioloop import PeriodicCallback
from traitlets import Int
from voila.app import Voila
from voila.request_info_handler import RequestInfoSocketHandler

from .kernel_socket import MAX_MESSAGE_BYTES, connected_ever
from .owner_gate import SAME_SITE, NotFound, OwnerOnly, gate_handlers, gated, log_request

#: The environment variable the launcher hands the token in (see launch.TOKEN_ENV).
TOKEN_ENV = "JUPYTER_TOKEN"
#: Kernels one dashboard server runs at once, the warm spare included (each holds
#: about 110 MB).
MAX_KERNELS = 6
#: Seconds a kernel may live without a page ever connecting to it (a page connects
#: within seconds of its HTML; 2 minutes leave room for a very slow machine).
ORPHAN_TIMEOUT = 120
#: What a page asked for on a full server reads.
FULL = (
    "The dashboard is open in too many tabs right now ({count} pages share this "
    "server). Close a tab you no longer need, then reload this one.\n"
)
#: The kit's own page template (see there): lab's, without links to other hosts.
TEMPLATE = Path(__file__).resolve().parents[1] / "data" / "template"
#: The route Voila serves for preheated kernels' request info (see above).
QUERY_ROUTE = "/voila/query/"


class CappedKernelManager(AsyncMappingKernelManager):
    """Jupyter Server's kernel manager with at most ``max_kernels`` kernels: a start
    past it waits for a kernel to end (the pool's refill does; a page is refused
    before it asks, see :class:`KernelCapped`).

    A page's kernel ends when its page goes (:mod:`interview_kit.cli.kernel_socket`);
    one whose page never connected (a tab closed while loading, a script that only
    fetched the HTML) ends ``orphan_timeout`` seconds after it started, instead of
    holding a place until the idle culler's 15 minutes.
    """

    max_kernels = Int(
        MAX_KERNELS,
        config=True,
        help="Most kernels this server runs at once (the warm spare included).",
    )
    orphan_timeout = Int(
        ORPHAN_TIMEOUT, config=True, help="Seconds a kernel no page ever connected to may live."
    )
    _starting = 0

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._born: dict[str, float] = {}
        self._sweeper = PeriodicCallback(self._end_orphans, 1000 * max(1, self.orphan_timeout) / 4)
        self._sweeper.start()

    def _pooled(self, kernel_id: str) -> bool:
        """Whether ``kernel_id`` is a warm spare no page has taken yet."""
        for pool in getattr(self, "_pools", {}).values():
            for task in pool:
                if (
                    task.done()
                    and not task.cancelled()
                    and task.exception() is None
                    and task.result().get("kernel_id") == kernel_id
                ):
                    return True
        return False

    def _end_orphans(self) -> None:
        now = time.monotonic()
        for kernel_id in self.list_kernel_ids():
            born = self._born.setdefault(kernel_id, now)
            if (
                now - born > self.orphan_timeout
                and not connected_ever(kernel_id)
                and not self._pooled(kernel_id)
            ):
                self.log.info("Shutting down kernel %s: no page connected to it", kernel_id)
                self._born.pop(kernel_id, None)
                task = asyncio.ensure_future(self.shutdown_kernel(kernel_id))
                self._shutdowns.add(task)
                task.add_done_callback(self._shutdowns.discard)
        for kernel_id in set(self._born) - set(self.list_kernel_ids()):
            self._born.pop(kernel_id, None)

    @property
    def _shutdowns(self) -> set[asyncio.Future[Any]]:
        tasks: set[asyncio.Future[Any]] = self.__dict__.setdefault("_shutdown_tasks", set())
        return tasks

    def kernel_count(self) -> int:
        """Kernels running or starting."""
        return len(self.list_kernel_ids()) + self._starting

    def full(self) -> bool:
        return self.kernel_count() >= self.max_kernels

    async def start_kernel(self, *args: Any, **kwargs: Any) -> str:  # type: ignore[override]
        while self.full():
            await asyncio.sleep(0.5)
        self._starting += 1
        try:
            kernel_id = await super().start_kernel(*args, **kwargs)
            self._born[kernel_id] = time.monotonic()
            return kernel_id
        finally:
            self._starting -= 1


class KernelCapped(web.RequestHandler):
    """Put in front of Voila's page handler: a full server answers 503 in words, and
    the page gets the ``_xsrf`` cookie its unload request sends."""

    async def prepare(self) -> None:
        result = super().prepare()
        if isinstance(result, Awaitable):
            await result
        if self._finished or self.request.method != "GET":
            return
        manager = self.settings.get("kernel_manager")
        if isinstance(manager, CappedKernelManager) and manager.full() and not self._pooled():
            self.set_status(503)
            self.set_header("Content-Type", "text/plain; charset=utf-8")
            self.set_header("Retry-After", "30")
            self.finish(FULL.format(count=manager.kernel_count()))
            return
        self.xsrf_token  # noqa: B018 (reading it sets the cookie)

    def _pooled(self) -> bool:
        """Whether a warm kernel is waiting for this page (taking it starts none now)."""
        manager = self.settings.get("kernel_manager")
        if manager is None:
            return False
        notebook = getattr(self, "notebook_path", None) or (
            self.path_args[0] if self.path_args else ""
        )
        try:
            return bool(manager.get_pool_size(notebook))
        except (AttributeError, TypeError):
            return False


def no_typesetting(previous: Callable[..., Any] | None = None) -> Callable[..., Any]:
    """A page-config hook that names no MathJax (after ``previous``, if one is set):
    the kit's server sets it, and so does the hub's Voila
    (``deploy/jupyterhub/jupyter-config/jupyter_server_config.py``)."""

    def hook(page_config: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
        if previous is not None:
            page_config = previous(page_config, **kwargs)
        # Voila's page loads MathJax 3 when both are null, and MathJax 2 from the
        # URL otherwise; an empty URL leaves the page with no typesetter at all.
        page_config["fullMathjaxUrl"] = ""
        page_config["mathjaxConfig"] = ""
        return page_config

    return hook


def _forget_request(cls: Any, msg: dict[str, Any]) -> None:
    """Voila's ``RequestInfoSocketHandler.send_updates``, replaced: nothing serves the
    query route, so nothing is kept for it."""


class OwnerOnlyVoila(Voila):
    """Voila answering only the owner (see the module's docstring)."""

    def initialize(self, argv: Any = None) -> None:
        super().initialize(argv)
        # The launcher's token, taken out of the environment the kernels inherit.
        token = os.environ.pop(TOKEN_ENV, None)
        if token and getattr(self, "token", None) is None:
            setattr(self, "token", token)  # noqa: B010 (a trait Voila declares conditionally)
        RequestInfoSocketHandler.send_updates = classmethod(_forget_request)
        config = self.voila_configuration
        config.page_config_hook = no_typesetting(config.page_config_hook)
        if config.multi_kernel_manager_class is AsyncMappingKernelManager:
            config.multi_kernel_manager_class = CappedKernelManager

    def setup_template_dirs(self) -> None:
        """Voila's, with the kit's page (``interview_kit/data/template``) first when the
        template is ``lab``: lab's page without its links to a public CDN."""
        super().setup_template_dirs()
        if self.voila_configuration.template == "lab" and TEMPLATE.is_dir():
            self.template_paths.insert(0, str(TEMPLATE))

    def init_settings(self) -> dict[str, Any]:
        settings = super().init_settings()
        provider = getattr(self, "identity_provider", None)
        if provider is not None:
            provider.cookie_options = {"samesite": SAME_SITE, **provider.cookie_options}
        settings.update(
            log_function=log_request,
            websocket_max_message_size=MAX_MESSAGE_BYTES,
            default_handler_class=gated(NotFound),
        )
        return settings

    def init_handlers(self) -> list[Any]:
        handlers = []
        for spec in super().init_handlers():
            pattern, cls = spec[0], spec[1]
            if QUERY_ROUTE in pattern:
                continue
            if cls.__name__ in ("TornadoVoilaHandler", "TornadoVoilaTreeHandler"):
                cls = type(f"KernelCapped{cls.__name__}", (KernelCapped, cls), {})
            handlers.append((pattern, cls, *spec[2:]))
        return gate_handlers(handlers)


def served_routes(argv: list[str]) -> list[str]:
    """The URL patterns a server started with ``argv`` serves, each behind the gate
    (for the test that proves none answers without the credential)."""
    app = OwnerOnlyVoila()
    app.initialize(argv)
    app.init_settings()
    routes = []
    for spec in app.init_handlers():
        if not issubclass(spec[1], OwnerOnly):
            raise AssertionError(f"{spec[0]} is not gated")
        routes.append(spec[0])
    return routes


main = OwnerOnlyVoila.launch_instance

if __name__ == "__main__":
    main()
