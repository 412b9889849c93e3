"""Writing reports safely: atomically, privately, and never over the case file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .problems import InputError, Problem


class OutputError(Exception):
    """The report could not be written; nothing partial was left behind."""


def default_report_path(case_path: Path, as_of: str, fmt: str, redacted: bool = False) -> Path:
    suffix = "-redacted" if redacted else ""
    return case_path.with_name(f"{case_path.stem}.{as_of}{suffix}.report.{fmt}")


def write_private(path: Path, data: str | bytes, *, inputs: list[Path] = ()) -> None:
    """Write `data` to `path` atomically with mode 0600, refusing to overwrite an input.

    The report appears whole or not at all: it is written to a private temporary file in
    the same folder, synced, then renamed over `path`. On any failure (a full disk, a
    folder that vanished) the temporary file is removed and OutputError says why.
    """
    for source in inputs:
        if _same_file(path, source):
            raise InputError([Problem(str(path), 1, 1, "", "refusing to overwrite the case file",
                                      "choose another output path with -o")])
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise OutputError(f"cannot write {path}: the folder {directory} does not exist")
    if path.is_dir():
        raise OutputError(f"cannot write {path}: it is a folder")
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
