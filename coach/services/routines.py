"""The routine files: read and checked once, and again only when one has changed."""

from __future__ import annotations

from pathlib import Path

from coach.core.catalogue import Catalogue, load_catalogue
from coach.resources import Resources

Fingerprint = tuple[tuple[str, int, int], ...]


class RoutineFiles:
    """The catalogue of the shipped routines and the person's own, kept until a file in
    either folder changes (or :meth:`reload` is asked for: F5)."""

    def __init__(self, resources: Resources, own: Path) -> None:
        self._resources = resources
        self.own = own
        self._catalogue: Catalogue | None = None
        self._seen: Fingerprint = ()

    def catalogue(self) -> Catalogue:
        seen = self._fingerprint()
        if self._catalogue is None or seen != self._seen:
            self._catalogue = load_catalogue(
                self._resources.routines, self.own, picture_dirs=[self._resources.pictures]
            )
            self._seen = seen
        return self._catalogue

    def reload(self) -> Catalogue:
        self._catalogue = None
        return self.catalogue()

    def exercise_name(self, exercise_id: str) -> str:
        exercise = self.catalogue().exercises.get(exercise_id)
        return exercise.name if exercise else exercise_id

    def _fingerprint(self) -> Fingerprint:
        """Each folder and each routine file in it, with its size and time of change."""
        seen = []
        for folder in (self._resources.routines, self.own):
            try:
                paths = [folder, *sorted(folder.glob("*.toml"))]
                for path in paths:
                    stat = path.stat()
                    seen.append((str(path), stat.st_mtime_ns, stat.st_size))
            except OSError:
                seen.append((str(folder), -1, -1))  # gone or unreadable: read again
        return tuple(seen)
