"""The one writer of the importers and ``klantbeleving new edition``: all files or none.

Each target folder (a *root*) is built complete in a sibling folder on the same file system (a copy
of the existing root with the new files over it) and then put in place by renaming folders: a new
root by one ``os.rename``; an existing one is moved aside first and moved back if anything fails or
the user interrupts. While it works, the writer holds an exclusive lock on each root's parent folder,
so a second import into the same place fails at once instead of mixing its files in.
"""

from __future__ import annotations

import errno
import fcntl
import os
import secrets
import shutil
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

Plan = dict[Path, dict[str, str]]
"""Root folder → {path relative to the root: text}."""
Conflicts = Callable[[Path, dict[str, str]], list[str]]
"""Extra refusals for an existing root (checked under the lock): root, its files → messages."""


class WriteError(Exception):
    """Files that cannot (or may not) be written; the message is Dutch."""


@dataclass
class _Swap:
    root: Path
    stage: Path
    aside: Path
    existed: bool
    moved_aside: bool = False
    placed: bool = False


def write_folders(plan: Plan, *, force: bool, conflicts: Conflicts | None = None) -> list[Path]:
    """Write every file of ``plan``, or none of them.

    Args:
        plan: root folder → {relative path: text}.
        force: replace files that exist (otherwise an existing file is refused).
        conflicts: further refusals for a root that exists, checked while the lock is held.

    Returns:
        The paths written, in plan order.

    Raises:
        WriteError: when a path is blocked or exists (without ``force``), another import holds
            the folder, or writing fails; nothing has changed then.
    """
    roots = [Path(os.path.abspath(root)) for root in plan]
    files = {Path(os.path.abspath(root)): texts for root, texts in plan.items()}
    _refuse_layout(roots, files)
    parents = sorted({root.parent for root in roots})
    created = [folder for parent in parents for folder in _make_folders(parent)]
    with ExitStack() as stack:
        for parent in parents:
            stack.enter_context(_locked(parent))
        swaps: list[_Swap] = []
        done = False
        try:
            _refuse_existing(roots, files, force, conflicts)
            for root in roots:
                swaps.append(_stage(root, files[root]))
            _commit(swaps)
            done = True
        finally:
            for swap in swaps:
                shutil.rmtree(swap.stage, ignore_errors=True)
                if done:
                    shutil.rmtree(swap.aside, ignore_errors=True)
            if not done:  # only while the lock is held: another writer may be waiting to use them
                for folder in reversed(created):
                    _remove_empty(folder)
    return [root / rel for root in roots for rel in files[root]]


def _refuse_layout(roots: list[Path], files: Plan) -> None:
    blocked: list[str] = []
    for root in roots:
        for other in roots:
            if other != root and other.is_relative_to(root):
                blocked.append(f"{other} ligt in {root}: twee doelmappen mogen elkaar niet overlappen")
        for folder in [root, *root.parents]:
            if folder.exists() and not folder.is_dir():
                blocked.append(f"{folder} bestaat al en is geen map")
                break
        for rel in files[root]:
            if Path(rel).is_absolute() or ".." in Path(rel).parts or not rel:
                blocked.append(f"{root / rel} valt buiten {root}")
    if blocked:
        raise WriteError("\n".join(dict.fromkeys(blocked)))


def _refuse_existing(roots: list[Path], files: Plan, force: bool, conflicts: Conflicts | None) -> None:
    blocked: list[str] = []
    for root in roots:
        if not root.exists():
            continue
        for rel in files[root]:
            target = root / rel
            blocker = next((f for f in target.parents if f != root and f.is_relative_to(root) and f.exists()
                            and not f.is_dir()), None)
            if blocker is not None:
                blocked.append(f"{blocker} bestaat al en is geen map")
            elif target.is_dir():
                blocked.append(f"{target} is een map")
            elif target.exists() and not force:
                blocked.append(f"{target} bestaat al (gebruik --force om te overschrijven)")
        if conflicts is not None:
            blocked += conflicts(root, files[root])
    if blocked:
        raise WriteError("\n".join(dict.fromkeys(blocked)))


def _make_folders(folder: Path) -> list[Path]:
    """Create ``folder`` and its missing parents; return the ones created, outermost first."""
    missing = [f for f in [folder, *folder.parents] if not f.exists()]
    made = []
    try:
        for path in reversed(missing):
            try:
                path.mkdir()
                made.append(path)
            except FileExistsError:
                pass  # made by another writer just now
    except OSError as exc:
        raise WriteError(f"kan map {path} niet maken: {exc.strerror or exc}") from None
    return made


def _remove_empty(folder: Path) -> None:
    try:
        folder.rmdir()
    except OSError:
        pass  # not empty (another writer's files) or already gone


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """An exclusive lock on ``folder`` for as long as the block runs; refused at once if held."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError as exc:
        raise WriteError(f"{folder}: kan de map niet openen: {exc.strerror or exc}") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise WriteError(
                    f"{folder}: een andere import schrijft hier op dit moment; probeer het opnieuw als die klaar is"
                ) from None
            raise WriteError(f"{folder}: kan de map niet vergrendelen: {exc.strerror or exc}") from None
        try:
            same = os.path.samestat(os.fstat(fd), os.stat(folder))
        except OSError:
            same = False
        if not same:
            raise WriteError(f"{folder}: de map is intussen verwijderd of vervangen; probeer het opnieuw")
        yield
    finally:
        os.close(fd)


def _stage(root: Path, files: dict[str, str]) -> _Swap:
    """The complete new root, built next to it: the old contents with the new files over them."""
    token = secrets.token_hex(4)
    stage = root.parent / f".{root.name}.nieuw-{token}"
    swap = _Swap(root, stage, root.parent / f".{root.name}.oud-{token}", root.exists())
    try:
        if swap.existed:
            shutil.copytree(root, stage, symlinks=True)
        else:
            stage.mkdir()
        for rel, text in files.items():
            path = stage / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if path.is_symlink():
                path.unlink()
            path.write_text(text, encoding="utf-8", newline="\n")
    except (OSError, shutil.Error) as exc:
        shutil.rmtree(stage, ignore_errors=True)
        raise WriteError(f"schrijven mislukt, niets gewijzigd: {_reason(exc)}") from None
    return swap


def _commit(swaps: list[_Swap]) -> None:
    """Put every staged root in place; on any failure or interrupt, put every old root back."""
    try:
        for swap in swaps:
            if swap.existed:
                os.rename(swap.root, swap.aside)
                swap.moved_aside = True
            os.rename(swap.stage, swap.root)
            swap.placed = True
    except BaseException as exc:
        for swap in reversed(swaps):
            if swap.placed:
                os.rename(swap.root, swap.stage)
            if swap.moved_aside:
                os.rename(swap.aside, swap.root)
        if isinstance(exc, OSError):
            raise WriteError(f"schrijven mislukt, niets gewijzigd: {_reason(exc)}") from None
        raise


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.errno in (errno.EEXIST, errno.ENOTEMPTY):
        return f"{exc.filename2 or exc.filename} is intussen door iets anders aangemaakt"
    if isinstance(exc, OSError):
        return f"{exc.strerror or exc}" + (f": {exc.filename}" if exc.filename else "")
    return str(exc)
