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
    """Write `data` to `path` atomically with mode 0600, refusing to overwrite an input."""
    for source in inputs:
        if _same_file(path, source):
            raise InputError([Problem(str(path), 1, 1, "", "refusing to overwrite the case file",
                                      "choose another output path with -o")])
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise OutputError(f"cannot write {path}: the folder {directory} does not exist")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=directory)
    try:
        os.fchmod(fd, 0o600)  # private from the first byte: case files describe asylum seekers
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException as error:
        try:
            os.unlink(temp)
        except FileNotFoundError:
            pass
        if isinstance(error, OSError):
            raise OutputError(f"cannot write {path}: {error.strerror or error}") from None
        raise


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False
