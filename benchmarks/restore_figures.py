"""Issue 22's journal figures, measured through the command line as a user runs it:

* the largest JSON export that ``journal import`` takes back (and whether its export
  imports again exactly);
* how many damaged journals with a live ``-wal`` a refusing command changed (main
  file, ``-wal`` or ``-shm``), over 11 damaged positions;
* backups written by three failed upgrade attempts;
* the id after importing id 2**53-1, and whether that journal's export imports;
* listing and exporting a journal this process may not write (run as root, the
  permission bits are ignored: the script then runs the CLI as uid 65534 when it can);
* export to another disk from a journal on a full disk (a 1 MiB tmpfs; root only).

    .venv/bin/python benchmarks/restore_figures.py [--code DIR]

``--code DIR`` runs the CLI from another checkout (e.g. ``git archive main``), for a
before/after comparison. Not a test: it prints figures.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from journal_helpers import sample  # noqa: E402

CODE = ROOT


def cli(
    *args: object, stdin: str | None = None, user: int | None = None
) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "INTERVIEW_KIT_JOURNAL"}
    env["PYTHONPATH"] = str(CODE)
    argv = [sys.executable, "-c", "from interview_kit.cli.main import run; run()", *map(str, args)]
    if user is not None:
        argv = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups", *argv]
    return subprocess.run(
        argv, capture_output=True, text=True, input=stdin, env=env, timeout=600, cwd="/"
    )


def export_of(n: int) -> str:
    records = [{**sample(k), "id": k + 1} for k in range(n)]
    return json.dumps(
        {"format": "interview_kit.journal", "version": 1, "interviews": records}, ensure_ascii=False
    )


def restores(folder: Path, n: int) -> tuple[bool, int, float]:
    """Import an export of ``n`` interviews into an empty journal, export it, import
    that into another empty journal: (exact round trip, export bytes, seconds)."""
    first, second = folder / f"a{n}.sqlite3", folder / f"b{n}.sqlite3"
    start = time.perf_counter()
    seeded = cli("journal", "import", "-", "--journal", first, stdin=export_of(n))
    exported = cli("journal", "export", "--journal", first)
    if seeded.returncode or exported.returncode:
        return False, 0, 0.0
    again = cli("journal", "import", "-", "--journal", second, stdin=exported.stdout)
    ok = (
        again.returncode == 0
        and cli("journal", "export", "--journal", second).stdout == exported.stdout
    )
    return ok, len(exported.stdout.encode()), time.perf_counter() - start


def largest_export(folder: Path) -> None:
    for n in (1_000, 1_400, 1_500, 3_000, 30_000):
        ok, size, took = restores(folder, n)
        print(
            f"  {n:>6} interviews: export {size / 1e6:5.2f} MB -> "
            f"{'imports back exactly' if ok else 'REFUSED or changed'} ({took:.1f} s)"
        )


def _digests(path: Path) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for suffix in ("", "-wal", "-shm"):
        side = Path(f"{path}{suffix}")
        out[suffix or "main"] = (
            hashlib.sha256(side.read_bytes()).hexdigest() if side.exists() else None
        )
    return out


def damaged_with_wal(folder: Path) -> None:
    """A journal as a crash leaves it (main, -wal, -shm), then damaged at one page."""
    source = folder / "live.sqlite3"
    seeded = cli("journal", "import", "-", "--journal", source, stdin=export_of(300))
    assert seeded.returncode == 0, seeded.stderr
    live = sqlite3.connect(source, isolation_level=None)
    live.execute("PRAGMA wal_autocheckpoint = 0")
    live.execute(
        "UPDATE interviews SET updated = ? WHERE id % 97 = 0", ("2026-12-01T00:00:00.000000+00:00",)
    )  # pages the -wal holds anew
    pages = os.path.getsize(source) // 4096
    changed = refused = 0
    commands = [
        ("journal", "list"),
        ("journal", "export"),
        ("journal", "show", "1"),
        ("due",),
        ("profile", "list"),
        ("journal", "add", ROOT / "examples" / "interview.json"),
    ]
    positions = [int(pages * k / 11) + 1 for k in range(11)]
    damaged = 0
    for position in positions:
        target = folder / f"damaged{position}.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            shutil.copyfile(f"{source}{suffix}", f"{target}{suffix}")
        with open(target, "r+b") as handle:
            handle.seek(position * 4096 + 8)
            handle.write(b"\xff" * 200)
        moved = seen = False
        for command in commands:
            before = _digests(target)
            result = cli(*command, "--journal", target)
            if result.returncode == 0:  # the -wal holds that page anew: healthy as read
                continue
            refused += 1
            seen = True
            if _digests(target) != before and not moved:
                print(
                    f"    page {position}: changed by a refused {' '.join(map(str, command[:2]))}"
                )
                moved = True
        changed += moved
        damaged += seen
    live.close()
    print(
        f"  {changed} of {damaged} refused damaged journals with a -wal changed (main, -wal "
        f"or -shm) by a refusing command ({len(commands)} commands each, "
        f"{refused} refusals); {len(positions) - damaged} damaged pages were superseded "
        "by the -wal (read as healthy)"
    )


def failed_upgrades(folder: Path) -> None:
    path = folder / "v2.sqlite3"
    shutil.copyfile(ROOT / "tests" / "fixtures" / "journal-schema2.sqlite3", path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE interviews SET data = '{\"scheduled_minutes\": -4}' WHERE id = 2")
    conn.commit()
    conn.close()
    lines = {cli("journal", "list", "--journal", path).stderr.strip() for _ in range(3)}
    backups = [
        p for p in folder.iterdir() if p.name.startswith("v2.sqlite3.") and p.name.endswith(".bak")
    ]
    print(
        f"  3 failed upgrade attempts wrote {len(backups)} backup(s); said: "
        f"{' | '.join(sorted(lines))[:160]}"
    )


def id_edge(folder: Path) -> None:
    path = folder / "edge.sqlite3"
    edge = json.dumps(
        {
            "format": "interview_kit.journal",
            "version": 1,
            "interviews": [{**sample(1), "id": 2**53 - 1}],
        }
    )
    cli("journal", "import", "-", "--journal", path, stdin=edge)
    added = cli("journal", "add", "-", "--journal", path, stdin=json.dumps(sample(2)))
    exported = cli("journal", "export", "--journal", path)
    back = cli(
        "journal", "import", "-", "--journal", folder / "edge2.sqlite3", stdin=exported.stdout
    )
    print(
        f"  after importing id 2**53-1, the next add: exit {added.returncode} "
        f"{(added.stdout.strip() or added.stderr.strip())[:110]}; its export imports: "
        f"{'yes' if back.returncode == 0 else 'NO: ' + back.stderr.strip()[:80]}"
    )


def read_only(folder: Path) -> None:
    box = folder / "ro"
    box.mkdir()
    path = box / "j.sqlite3"
    cli("journal", "import", "-", "--journal", path, stdin=export_of(20))
    user = None
    if os.geteuid() == 0 and shutil.which("setpriv"):
        user = 65534
        os.chown(box, user, user)
        os.chown(path, user, user)
        for p in (folder, folder.parent):
            os.chmod(p, os.stat(p).st_mode | 0o011)  # let that user reach the folder
    os.chmod(path, 0o400)
    os.chmod(box, 0o500)
    listed = cli("journal", "list", "--journal", path, user=user)
    exported = cli("journal", "export", "--journal", path, user=user)
    added = cli("journal", "add", "-", "--journal", path, stdin=json.dumps(sample(3)), user=user)
    who = "as uid 65534" if user is not None else "as this user (root ignores the bits)"
    print(
        f"  read-only file and folder ({who}): list exit {listed.returncode}, export exit "
        f"{exported.returncode} ({len(exported.stdout)} chars), add exit {added.returncode}: "
        f"{(listed.stderr or added.stderr).strip()[:120]}"
    )
    os.chmod(box, 0o700)


def fill(path: Path) -> None:
    """Write zeros to ``path`` until its disk is full."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError:
        pass
    finally:
        os.close(fd)


def full_disk(folder: Path) -> None:
    if os.geteuid() != 0:
        print("  full disk: skipped (needs root to mount a small tmpfs)")
        return
    disk = folder / "disk"
    disk.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(disk)]).returncode:
        print("  full disk: skipped (mount failed)")
        return
    try:
        path = disk / "j.sqlite3"
        cli("journal", "import", "-", "--journal", path, stdin=export_of(40))
        fill(disk / "fill")
        out = folder / "elsewhere.json"
        exported = cli("journal", "export", out, "--journal", path)
        listed = cli("journal", "list", "--journal", path)
        added = cli("journal", "add", "-", "--journal", path, stdin=json.dumps(sample(3)))
        (disk / "fill").unlink()
        path.unlink()
        for suffix in ("-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        fill(disk / "fill")
        created = cli("journal", "add", "-", "--journal", path, stdin=json.dumps(sample(4)))
        print(
            f"  journal on a full disk: export to another disk exit {exported.returncode} "
            f"({out.stat().st_size if out.exists() else 0} bytes), list exit "
            f"{listed.returncode}, add exit {added.returncode}, creating one exit "
            f"{created.returncode}: {(exported.stderr or added.stderr).strip()[:120]}; "
            f"{created.stderr.strip().splitlines()[-1][:120] if created.stderr else ''}"
        )
    finally:
        subprocess.run(["umount", str(disk)])


def main() -> None:
    global CODE
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--code", type=Path, default=ROOT, help="checkout whose CLI runs")
    parser.add_argument("--only", nargs="*", default=None, help="figures to measure")
    args = parser.parse_args()
    CODE = args.code.resolve()
    print(f"code: {CODE}")
    figures = {
        "export": largest_export,
        "damaged": damaged_with_wal,
        "upgrade": failed_upgrades,
        "ids": id_edge,
        "readonly": read_only,
        "fulldisk": full_disk,
    }
    for name, measure in figures.items():
        if args.only is None or name in args.only:
            with tempfile.TemporaryDirectory(prefix=f"ik-{name}-") as scratch:
                print(f"{name}:")
                measure(Path(scratch))


if __name__ == "__main__":
    main()
