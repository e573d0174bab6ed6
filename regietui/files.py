"""Reading and writing the files a user names: one place decides how, and what to say when it fails.

- `read_text` reads a board, an import or the settings: only a regular file, never more than
  `MAX_BYTES`, so a FIFO, `/dev/zero` or a huge special file gets a sentence instead of a hang.
- `write_output` writes whatever a command produces to what the path names: through a symlink to
  its target, as a stream to a FIFO or a device, and only a regular (or new) file is replaced,
  atomically.
- `atomic_write` replaces a regular file; its temp files carry a name tied to the file
  (`temp_prefix`), so `clean_temps` can remove the ones a killed writer left behind.

Every OS error becomes one sentence naming the file (`problem`), raised as the caller's own error
class, so the board store, the importer and the settings each keep their error type; so do JSON
and TOML that the parsers cannot take (`parse_json`, `parse_toml`).
"""

from __future__ import annotations

import errno
import json
import os
import re
import stat
import tempfile
import tomllib
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import Any

from .wording import Phrase, phrase

MAX_BYTES = 64 * 1024 * 1024
"""The largest file regietui reads (a board of 10,000 cards is a few MB)."""

ErrorType = type[Exception]

_REASONS = {
    errno.EACCES: "file.denied",
    errno.EPERM: "file.denied",
    errno.ELOOP: "file.loop",
    errno.ENAMETOOLONG: "file.too_long_name",
    errno.ENOTDIR: "file.not_dir",
    errno.ENOENT: "file.missing",
    errno.ENOSPC: "file.full",
}


def problem(err: OSError) -> Phrase | str:
    """The reason of an OS error in a few words (`permission denied`, `a symbolic link loop`):
    every OS error any file of regietui meets is worded here."""
    key = _REASONS.get(err.errno or 0)
    return phrase(key) if key else err.strerror or str(err)


def _kind(mode: int) -> Phrase:
    if stat.S_ISFIFO(mode):
        return phrase("file.fifo")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return phrase("file.device")
    if stat.S_ISSOCK(mode):
        return phrase("file.socket")
    return phrase("file.special")


def read_text(
    path: Path,
    error: ErrorType,
    missing: Phrase | str = "",
    encoding: str = "utf-8",
    limit: int = MAX_BYTES,
) -> str:
    """The text of a regular file, or `error` with one sentence naming `path` and what is wrong.

    The type is checked before the file is opened (and again on the open file, which is opened
    non-blocking), and at most `limit` bytes are read: neither a FIFO nor a device can hang us.
    `missing` is added to the sentence for a file that does not exist (say how to create one).
    """
    try:
        mode = os.stat(path).st_mode
        if stat.S_ISREG(mode):
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise error(phrase("file.does_not_exist", path=path, missing=missing)) from None
    except OSError as err:
        raise error(phrase("file.unreadable", path=path, why=problem(err))) from None
    if stat.S_ISDIR(mode):
        raise error(phrase("file.folder", path=path))
    if not stat.S_ISREG(mode):
        raise error(phrase("file.not_regular", path=path, kind=_kind(mode)))
    too_large = phrase("file.too_large", path=path, mb=limit // 2**20)
    with open(fd, "rb") as handle:
        try:
            opened = os.fstat(handle.fileno())
            if not stat.S_ISREG(opened.st_mode):
                raise error(phrase("file.not_regular", path=path, kind=_kind(opened.st_mode)))
            if opened.st_size > limit:
                raise error(too_large)
            data = handle.read(limit + 1)  # it may have grown since
        except OSError as err:
            raise error(phrase("file.unreadable", path=path, why=problem(err))) from None
    if len(data) > limit:
        raise error(too_large)
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        raise error(phrase("file.not_utf8", path=path, byte=str(err.start))) from None


def read_if_exists(path: Path, error: ErrorType, missing: Phrase | str = "") -> str | None:
    """Like `read_text`, but None when there is no file (a symlink to nowhere counts as none)."""
    try:
        os.stat(path)
    except FileNotFoundError:
        return None
    except OSError:
        pass  # read_text names the problem
    return read_text(path, error, missing)


def temp_prefix(path: Path) -> str:
    """The start of the name of `path`'s temp files: `.coop.json.regietui-` (then random, .tmp)."""
    return f".{path.name}.regietui-"


def clean_temps(path: Path) -> None:
    """Remove temp files that a killed writer of `path` left in its folder.

    Only call this while holding the lock every writer of `path` takes: then no live writer of
    `path` has a temp file open.
    """
    prefix = temp_prefix(path)
    try:
        names = os.listdir(path.parent)
    except OSError:
        return
    for name in names:
        if name.startswith(prefix) and name.endswith(".tmp"):
            # another user's file in a shared folder stays: the save goes on
            with suppress(OSError):
                os.unlink(path.parent / name)


def atomic_write(path: Path, data: bytes, error: ErrorType) -> None:
    """Replace the regular file `path` (or create it): a temp file in the same folder, fsync,
    the original mode kept, then `os.replace`. A failure at any point (a full disk, a kill)
    leaves the original file as it was."""
    try:
        mode = os.stat(path).st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    except OSError as err:
        raise error(phrase("file.not_saved", path=path, why=problem(err))) from None
    tmp = ""
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=temp_prefix(path), suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
        _fsync_dir(path.parent)
    except BaseException as err:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        if isinstance(err, OSError):
            raise error(phrase("file.not_saved", path=path, why=problem(err))) from None
        raise


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_output(path: Path, data: bytes, error: ErrorType) -> None:
    """Write a command's output to what `path` names (see the module docstring)."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        mode = None  # new, or a symlink to a file not there yet: realpath names the target
    except OSError as err:
        raise error(phrase("file.unwritable", path=path, why=problem(err))) from None
    if mode is not None and stat.S_ISDIR(mode):
        raise error(phrase("file.write_folder", path=path))
    if mode is not None and not stat.S_ISREG(mode):
        try:
            with open(path, "wb") as stream:
                stream.write(data)
        except OSError as err:
            raise error(phrase("file.unwritable", path=path, why=problem(err))) from None
        return
    target = Path(os.path.realpath(path))
    if not target.parent.is_dir():
        raise error(phrase("file.no_folder", path=path, folder=target.parent))
    atomic_write(target, data, error)


def parse_json(
    text: str, where: Path | str, error: ErrorType, pairs_hook: Callable | None = None
) -> Any:
    """Strict JSON (no NaN or Infinity), or `error` with one sentence: also for nesting too deep
    for the parser and integers longer than Python converts."""
    try:
        return json.loads(text, object_pairs_hook=pairs_hook, parse_constant=_no_constant)
    except json.JSONDecodeError as err:
        place = f"{where}:{err.lineno}:{err.colno}"
        raise error(phrase("file.bad_json", where=place, why=err.msg)) from None
    except _Constant as err:
        place = _constant_place(text, str(err), where)
        why = phrase("file.json_constant", name=str(err))
        raise error(phrase("file.bad_json", where=place, why=why)) from None
    except RecursionError:
        why = phrase("file.deep")
        raise error(phrase("file.bad_json", where=where, why=why)) from None
    except ValueError:  # the int-string conversion limit
        why = phrase("file.digits")
        raise error(phrase("file.bad_json", where=where, why=why)) from None


def parse_toml(text: str, where: Path | str, error: ErrorType) -> dict[str, Any]:
    """TOML, or `error` with one sentence (also for nesting or numbers beyond the parser)."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise error(phrase("file.bad_toml", where=where, why=str(err))) from None
    except RecursionError:
        raise error(phrase("file.bad_toml", where=where, why=phrase("file.deep"))) from None
    except ValueError:
        raise error(phrase("file.bad_toml", where=where, why=phrase("file.digits"))) from None


class _Constant(ValueError):
    pass


def _constant_place(text: str, name: str, where: Path | str) -> Phrase | str:
    """`WHERE:LINE, field NAME` of the first `"name": Infinity` (or NaN) in `text`, else WHERE."""
    value = re.compile(rf'"((?:[^"\\]|\\.)*)"\s*:\s*-?{name.lstrip("-")}\b')
    for number, line in enumerate(text.splitlines(), 1):
        found = value.search(line)
        if found:
            return phrase("import.field", where=f"{where}:{number}", field=found[1])
    return str(where)


def _no_constant(name: str) -> Any:
    raise _Constant(name)
