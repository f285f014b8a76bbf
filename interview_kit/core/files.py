"""Reading a user's file (or stdin) and writing one, with every failure an :class:`InputError`.

Reading never blocks on a named pipe nobody writes to; writing goes to a temporary
file beside the target that is flushed, synced and renamed into place, so a full
disk leaves the old file (or none), never a truncated one reported as written.
"""

from __future__ import annotations

import contextlib
import errno
import os
import select
import stat
import sys
import tempfile
from pathlib import Path

from .errors import InputError

#: An interview or weights file is a few kilobytes; refuse to swallow more than this
#: (``/dev/zero`` or a mistyped path to a big file must not hang the command).
MAX_FILE_BYTES = 1_000_000
#: How long a named pipe may stay silent before it is taken as having no writer.
PIPE_WAIT_SECONDS = 1.0


def os_reason(error: OSError) -> str:
    """An OSError in the user's words: a full disk is said as such."""
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"the disk is full ({error.strerror})"
    return error.strerror or type(error).__name__


def _is_anonymous_pipe(fd: int) -> bool:
    """A pipe a shell made (``<(...)``, ``|``): it has a writer by construction."""
    try:
        return os.readlink(f"/proc/self/fd/{fd}").startswith("pipe:")
    except OSError:  # no /proc: treat it as a named pipe (the safe, bounded choice)
        return False


def _wait_for_writer(fd: int, field: str, shown: str) -> None:
    """Return once a named pipe has data (or a writer came and went); else refuse."""
    if _is_anonymous_pipe(fd):
        return
    ready, _, _ = select.select([fd], [], [], PIPE_WAIT_SECONDS)
    if not ready:
        raise InputError(
            field,
            shown,
            f"is a named pipe with nothing writing to it (waited {PIPE_WAIT_SECONDS:g} s)",
        )


def _read_path(path: str | Path, field: str, shown: str, limit: int) -> bytes:
    # O_NONBLOCK: opening a named pipe returns at once, even with no writer.
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        if stat.S_ISFIFO(os.fstat(fd).st_mode):
            _wait_for_writer(fd, field, shown)
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read(limit + 1)  # read in the buffer's chunks, bounded
    finally:
        os.close(fd)


def read_text(
    path: str | Path, field: str = "file", *, limit: int = MAX_FILE_BYTES, limit_words: str = ""
) -> str:
    """The UTF-8 text of ``path`` (``-`` = stdin); a byte-order mark is dropped.

    Raises :class:`InputError` naming ``field`` and the path when the file
    cannot be read, is not UTF-8, is larger than ``limit`` bytes (default
    :data:`MAX_FILE_BYTES`; a journal export has a larger one, said in
    ``limit_words``), or is a named pipe that nothing writes to within
    :data:`PIPE_WAIT_SECONDS`.
    """
    shown = str(path)
    try:
        if shown == "-":
            stream = getattr(sys.stdin, "buffer", None)
            if stream is None:  # stdin replaced by a text stream (a notebook, a test)
                return sys.stdin.read(limit + 1).removeprefix("\ufeff")
            data = stream.read(limit + 1)
        else:
            data = _read_path(path, field, shown, limit)
    except OSError as error:
        raise InputError(field, shown, f"cannot read file: {os_reason(error)}") from None
    if len(data) > limit:
        raise InputError(field, shown, f"file is larger than {limit:,} bytes{limit_words}")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(field, shown, f"not UTF-8 text (bad byte at {error.start})") from None


#: Write failures that are the disk's (full, a quota, a file size limit, an I/O error).
DISK_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO})


def write_atomic(
    path: str | Path,
    text: str,
    *,
    field: str = "file",
    force: bool = False,
    newline: str | None = None,
) -> None:
    """Write ``text`` to ``path`` as a new owner-only (0600) file, all or nothing.

    The text goes to a temporary file in the target's folder, is flushed and
    synced, then renamed over the target (and the folder synced): a full disk or a
    crash leaves the previous file, never a truncated one. An existing target needs
    ``force``; one that is not a regular file (a folder, a device, a pipe, or a
    symlink to one) is refused even with ``force``, never replaced.
    """
    target = Path(path)
    shown = str(path)
    try:
        info = os.stat(target)
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise InputError(field, shown, f"cannot write: {os_reason(error)}") from None
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise InputError(field, shown, "is a folder")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(
                field, shown, "is not a regular file (a device, pipe or socket); left as it is"
            )
        if not force:
            raise InputError(field, shown, "already exists (add --force to replace it)")
    folder = target.parent
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
        tmp = None
        _sync_folder(folder)
    except OSError as error:
        failed = InputError(field, shown, f"cannot write: {os_reason(error)}; nothing was written")
        failed.disk = error.errno in DISK_ERRNOS
        raise failed from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _sync_folder(folder: Path) -> None:
    """Make the rename durable (POSIX); a platform without folder fds skips it."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
