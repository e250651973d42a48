"""Paging for the public lists: plain links (上一页 / 下一页 and page numbers) that keep the
current filters and work without JavaScript.

A page number comes from the address, so anything can arrive: words, zero, minus signs,
fifty digits. Anything that is not a page number gives page 1; a number past the last page
gives the last page, with a note saying so. Never an error page, and never an OFFSET the
database cannot take.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.utils.translation import gettext as _

MAX_PAGE = 100_000  # beyond any list we have; keeps offsets small whatever is typed


def page_number(raw: str | None) -> int:
    """The page asked for, from 1 to MAX_PAGE: anything that is not a whole number (words,
    minus signs, decimals, full-width digits) is page 1, and a huge number is MAX_PAGE, which
    paged() turns into the last page."""
    raw = (raw or "").strip()
    if not (raw.isascii() and raw.isdigit()):
        return 1
    return MAX_PAGE if len(raw) > 6 else min(max(int(raw), 1), MAX_PAGE)


def list_url(query: dict[str, list[str]], *, page: int = 1, **changes: str) -> str:
    """A link to the same list with the same filters (and `changes`), at `page`."""
    params = [(k, v) for k, values in {**query, **{k: [v] for k, v in changes.items()}}.items()
              for v in values if v not in ("", None)]
    if page > 1:
        params.append(("page", str(page)))
    return "?" + urlencode(params) if params else "?"


@dataclass
class Pager:
    number: int
    size: int
    count: int
    query: dict = field(default_factory=dict)  # the filters to keep in every link
    note: str = ""

    @property
    def pages(self) -> int:
        return max(1, -(-self.count // self.size))

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.size

    def url(self, number: int) -> str:
        return list_url(self.query, page=number)

    @property
    def previous_url(self) -> str | None:
        return self.url(self.number - 1) if self.number > 1 else None

    @property
    def next_url(self) -> str | None:
        return self.url(self.number + 1) if self.number < self.pages else None

    def links(self) -> list[dict]:
        """Page numbers to show: the first, the last, and two either side of this one, with
        gaps marked (at most 7 links, so the row fits a 360 px screen)."""
        wanted = sorted({1, self.pages, *range(self.number - 1, self.number + 2)} & set(range(1, self.pages + 1)))
        out, last = [], 0
        for n in wanted:
            if n - last > 1:
                out.append({"gap": True})
            out.append({"number": n, "url": self.url(n), "current": n == self.number})
            last = n
        return out


def paged(request, fetch, *, size: int, keep: tuple[str, ...]):
    """Run `fetch(limit, offset) -> (items, count)` for the page the request asks for.

    A page past the end is fetched again as the last page (one extra query, only then).
    Returns (items, pager)."""
    number = page_number(request.GET.get("page"))
    items, count = fetch(size, (number - 1) * size)
    query = {k: request.GET.getlist(k) for k in keep if k in request.GET}
    pager = Pager(number, size, count, query)
    if number > pager.pages:
        asked = number
        pager.number = pager.pages
        items, count = fetch(size, pager.offset)
        pager.count = count
        if count:
            pager.note = _("There is no page %(asked)s: this is the last page.") % {
                "asked": asked if asked < MAX_PAGE else "…"}
    return items, pager
