"""Keyset paging helpers: pages are bounded and stable under concurrent inserts."""

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200


def page_size(requested: int | None) -> int:
    if requested is None:
        return DEFAULT_PAGE_SIZE
    return max(1, min(int(requested), MAX_PAGE_SIZE))
