"""The national occupational classification (职业分类大典, 2022 edition): loading it, and the
lookups vacancies, seekers and the pickers use.

Codes are the book's: a major group is one digit (4), a medium group adds two (4-02), a minor
group two more (4-02-01) and an occupation two more (4-02-01-01); a parent's code is its
child's code without the last part. The data is `data/occupations_2022.json` (its source in
`data/README.md`), loaded by migration 0003 with `load`; loading again changes only what
differs, so a corrected file is shipped by a new migration that calls `load_file` again.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from django.db.models import Q, QuerySet

from nuanxin.jobs.choices import OccupationLevel

DATA_FILE = Path(__file__).resolve().parent / "data" / "occupations_2022.json"

_CODE = {
    OccupationLevel.MAJOR: re.compile(r"[1-8]"),
    OccupationLevel.MEDIUM: re.compile(r"[1-8]-\d\d"),
    OccupationLevel.MINOR: re.compile(r"[1-8]-\d\d-\d\d"),
    OccupationLevel.OCCUPATION: re.compile(r"[1-8]-\d\d-\d\d-\d\d"),
}
_LEVEL_ORDER = [OccupationLevel.MAJOR, OccupationLevel.MEDIUM, OccupationLevel.MINOR, OccupationLevel.OCCUPATION]
# A code a person may type to narrow a search: a whole group's code ("4", "4-02", "4-02-01").
CODE_PREFIX = re.compile(r"[1-8](-\d\d){0,3}")


class BadData(ValueError):
    """The file holds something that is not a classification entry (nothing is loaded)."""


def level_of(code: str) -> str | None:
    for level, pattern in _CODE.items():
        if pattern.fullmatch(code):
            return level
    return None


def parent_code(code: str) -> str | None:
    return code.rsplit("-", 1)[0] if "-" in code else None


def checked_items(items: list[dict]) -> list[dict]:
    """The entries, each {"code", "name", "level", "parent"}, parents before children; BadData
    naming the first entry whose code, level, name or parent is wrong. Nothing is made up: an
    entry must say all four, and they must agree with each other."""
    seen: dict[str, str] = {}
    out = []
    for item in items:
        code, name, level = item.get("code"), (item.get("name") or "").strip(), item.get("level")
        if not isinstance(code, str) or level not in _CODE or not _CODE[level].fullmatch(code):
            raise BadData(f"entry {item!r}: the code does not fit the level")
        if not name or len(name) > 80:
            raise BadData(f"entry {code}: no name, or a name longer than 80 characters")
        if item.get("parent") != parent_code(code):
            raise BadData(f"entry {code}: its parent should be {parent_code(code)}")
        if code in seen:
            raise BadData(f"entry {code}: listed twice")
        seen[code] = level
        out.append({"code": code, "name": name, "level": level, "parent": parent_code(code)})
    for row in out:
        if row["parent"] is not None and row["parent"] not in seen:
            raise BadData(f"entry {row['code']}: its parent {row['parent']} is not in the file")
    out.sort(key=lambda r: (_LEVEL_ORDER.index(r["level"]), r["code"]))
    return out


def load(model, items: list[dict]) -> dict[str, int]:
    """Create or update every entry by its code (the current model or a migration's), then set
    parents: {"created", "updated", "unchanged"}. Running it twice changes nothing."""
    rows = checked_items(items)
    existing = {o.code: o for o in model.objects.all()}
    new, changed = [], []
    for row in rows:
        obj = existing.get(row["code"])
        if obj is None:
            new.append(model(code=row["code"], name=row["name"], level=row["level"]))
        elif (obj.name, obj.level) != (row["name"], row["level"]):
            obj.name, obj.level = row["name"], row["level"]
            changed.append(obj)
    model.objects.bulk_create(new, batch_size=500)
    model.objects.bulk_update(changed, ["name", "level"], batch_size=500)
    ids = dict(model.objects.values_list("code", "pk"))
    reparent = []
    for obj in model.objects.all():
        want = ids.get(parent_code(obj.code)) if parent_code(obj.code) else None
        if obj.parent_id != want:
            obj.parent_id = want
            reparent.append(obj)
    model.objects.bulk_update(reparent, ["parent"], batch_size=500)
    touched = {o.code for o in changed} | {o.code for o in reparent}
    return {"created": len(new), "updated": len(touched - {o.code for o in new}),
            "unchanged": len(rows) - len(new) - len(touched - {o.code for o in new})}


def read_file(path: Path = DATA_FILE) -> dict:
    with path.open(encoding="utf-8") as f:
        return json.load(f)


def load_file(model, path: Path = DATA_FILE) -> dict[str, int]:
    return load(model, read_file(path)["items"])


# --- lookups (the app's own model) ------------------------------------------------------------


def _model():
    from nuanxin.jobs.models import Occupation

    return Occupation


def by_code(code: str | None):
    """The group or occupation with this code, or None."""
    if not code or not isinstance(code, str) or len(code) > 12:
        return None
    return _model().objects.filter(code=code).first()


def children_of(code: str | None) -> QuerySet:
    """The groups or occupations directly under `code`; the eight major groups for None."""
    qs = _model().objects.order_by("code")
    if not code:
        return qs.filter(parent__isnull=True)
    return qs.filter(parent__code=code)


def under(code: str) -> Q:
    """A filter on an `occupation__code` for `code` and everything under it ("4-02" finds
    4-02 and every 4-02-xx, never 4-020); pass the field's path as prefix with `under_field`."""
    return Q(code=code) | Q(code__startswith=code + "-")


def under_field(field: str, code: str) -> Q:
    return Q(**{f"{field}__code": code}) | Q(**{f"{field}__code__startswith": code + "-"})


def search(q: str | None, *, level: str | None = None) -> QuerySet:
    """Entries whose name holds `q` (e.g. 保洁, 焊工), or whose code starts with it (6-29):
    what a picker offers as someone types."""
    qs = _model().objects.order_by("code")
    if level:
        qs = qs.filter(level=level)
    q = (q or "").strip()
    if not q:
        return qs
    if CODE_PREFIX.fullmatch(q):
        return qs.filter(under(q))
    return qs.filter(name__contains=q[:40])


def groups_for_picker() -> list[tuple[str, str, str]]:
    """(code, name, level) of the major and medium groups, in code order: the search page's
    select, small enough to send whole."""
    return list(_model().objects.filter(level__in=[OccupationLevel.MAJOR, OccupationLevel.MEDIUM])
                .order_by("code").values_list("code", "name", "level"))
