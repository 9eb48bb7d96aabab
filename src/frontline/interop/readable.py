"""Turning a record's JSON content into labelled lines a reader can follow in a PDF."""

LIST_LIMIT = 200


def readable_lines(content, prefix: str = "") -> list[tuple[str, str]]:
    """Flatten nested content into (label, value) pairs: `persons 1 name`, `outcome`, ..."""
    lines: list[tuple[str, str]] = []
    if isinstance(content, dict):
        for key, value in content.items():
            label = f"{prefix} {key.replace('_', ' ')}".strip()
            lines += readable_lines(value, label)
    elif isinstance(content, list):
        if not content:
            lines.append((prefix, "none"))
        for index, value in enumerate(content[:LIST_LIMIT], start=1):
            lines += readable_lines(value, f"{prefix} {index}")
    else:
        lines.append((prefix, _text(content)))
    return lines


def _text(value) -> str:
    if value is None or value == "":
        return "—"
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return str(value)
