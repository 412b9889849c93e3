"""Writing reports safely: atomically, privately, and never over the case file."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path
from typing import Iterable

from .problems import InputError, Problem


class OutputError(Exception):
    """The report could not be written; nothing partial was left behind."""


def default_report_path(case_path: Path, as_of: str, fmt: str, redacted: bool = False) -> Path:
    suffix = "-redacted" if redacted else ""
    return case_path.with_name(f"{case_path.stem}.{as_of}{suffix}.report.{fmt}")


def write_private(path: Path, data: str | bytes, *, inputs: Iterable[Path | tuple[Path, str]] = ()) -> None:
    """Write `data` to `path` with mode 0600, refusing to overwrite an input.

    `inputs`: every file the command read (the case files, those a folder or glob expanded
    to, a scenario, a previous summary), each a path or (path, what it is).

    A regular file (new or existing) is replaced atomically: the report is written to a
    private temporary file in the same folder, synced, then renamed over it, so it appears
    whole or not at all. A symbolic link is followed: the file it points to is replaced and
    the link stays. Anything that is not a regular file (a device such as /dev/null, a pipe,
    /dev/stdout) is written through, never replaced: renaming over /dev/null as root would
    put a private regular file where every program expects the null device.
    """
    try:
        status = os.stat(path)  # follows links: what a write would reach
    except FileNotFoundError:
        status = None
    except OSError as error:
        raise OutputError(f"cannot write {path}: {error.strerror or error}") from None
    if status is not None and stat.S_ISDIR(status.st_mode):
        raise OutputError(f"cannot write {path}: it is a folder")
    if status is not None and not stat.S_ISREG(status.st_mode):
        _write_through(path, data)
        return
    for source in inputs:
        source, what = source if isinstance(source, tuple) else (source, "the case file")
        if _same_file(path, source):
            raise InputError([Problem(str(path), 1, 1, "", f"refusing to overwrite {what}",
                                      "choose another output path with -o")])
    if os.path.islink(path):
        real = Path(os.path.realpath(path))
        if status is not None and not (real.exists() and os.path.samefile(real, path)):
            # a link into /proc (a file descriptor, a deleted file): write through it
            _write_through(path, data)
            return
        path = real
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise OutputError(f"cannot write {path}: the folder {directory} does not exist")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        # mkstemp creates the file 0600 whatever the umask: case files describe asylum seekers
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=directory)
    except OSError as error:
        raise OutputError(f"cannot write {path}: {error.strerror or error}") from None
    try:
        try:
            os.fchmod(fd, 0o600)
            _write_all(fd, payload)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
    except BaseException as error:
        try:
            os.unlink(temp)
        except FileNotFoundError:
            pass
        if isinstance(error, OSError):
            raise OutputError(f"cannot write {path}: {error.strerror or error}") from None
        raise


def _write_through(path: Path, data: str | bytes) -> None:
    """Write into an existing device, pipe or descriptor link without replacing it."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        # no O_CREAT: the target exists and is not ours to create or replace
        fd = os.open(path, os.O_WRONLY | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise OutputError(f"cannot write {path}: {error.strerror or error}") from None
    try:
        _write_all(fd, payload)
    except OSError as error:
        raise OutputError(f"cannot write {path}: {error.strerror or error}") from None
    finally:
        os.close(fd)


def _write_all(fd: int, payload: bytes) -> None:
    # os.write may write less than asked (a signal, a nearly full disk); loop until done
    view = memoryview(payload)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False
