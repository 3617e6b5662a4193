"""What a mutating service changed, so a window can tell each view once and let it decide."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Changes:
    created: dict[str, set[int]] = field(default_factory=dict)
    updated: dict[str, set[int]] = field(default_factory=dict)
    deleted: dict[str, set[int]] = field(default_factory=dict)

    def add(self, kind: str, table: str, record_id: int) -> Changes:
        getattr(self, kind).setdefault(table, set()).add(record_id)
        return self

    def merge(self, other: Changes) -> Changes:
        for kind in ("created", "updated", "deleted"):
            mine = getattr(self, kind)
            for table, ids in getattr(other, kind).items():
                mine.setdefault(table, set()).update(ids)
        return self

    def touches(self, *tables: str) -> bool:
        return any(t in part for part in (self.created, self.updated, self.deleted) for t in tables)

    def __bool__(self) -> bool:
        return bool(self.created or self.updated or self.deleted)
