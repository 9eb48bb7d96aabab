"""Inline SVG that a strict Content-Security-Policy (no inline styles) still draws correctly."""

import re
from html import escape

STYLE_ATTRIBUTE = re.compile(r'\sstyle="([^"]*)"')
STYLE_ELEMENT = re.compile(r"<style\b[^>]*>(.*?)</style>", re.S)
UNIVERSAL_RULE = re.compile(r"\*\s*\{([^}]*)\}")
# The SVG properties that are also presentation attributes (SVG 2, section 6.6): CSP does not
# govern attributes, only `style`. matplotlib writes nothing outside this list.
PRESENTATION = frozenset(
    {
        "fill",
        "fill-opacity",
        "fill-rule",
        "font-family",
        "font-size",
        "font-style",
        "font-weight",
        "opacity",
        "stroke",
        "stroke-dasharray",
        "stroke-dashoffset",
        "stroke-linecap",
        "stroke-linejoin",
        "stroke-miterlimit",
        "stroke-opacity",
        "stroke-width",
        "text-anchor",
        "dominant-baseline",
        "clip-rule",
    }
)


def svg_without_inline_styles(svg: str) -> str:
    """Turn every `style="a: b"` into `a="b"` and a `<style>*{...}</style>` into attributes of
    the root element (which inherit); refuse anything that would be lost silently."""
    root_declarations = ""
    for body in STYLE_ELEMENT.findall(svg):
        rules = UNIVERSAL_RULE.findall(body)
        if UNIVERSAL_RULE.sub("", body).strip():
            raise ValueError("only a universal (*) rule can be moved out of an SVG <style>")
        root_declarations += ";".join(rules) + ";"
    svg = STYLE_ELEMENT.sub("", svg)
    svg = STYLE_ATTRIBUTE.sub(lambda match: " " + _attributes(match.group(1)), svg)
    if root_declarations.strip(";"):
        svg = svg.replace("<svg", "<svg " + _attributes(root_declarations), 1)
    return svg


def _attributes(declarations: str) -> str:
    pairs = []
    for declaration in declarations.split(";"):
        if not declaration.strip():
            continue
        name, _, value = declaration.partition(":")
        name = name.strip().lower()
        if name not in PRESENTATION:
            raise ValueError(f"SVG property {name!r} has no presentation attribute")
        pairs.append(f'{name}="{escape(value.strip(), quote=True)}"')
    return " ".join(pairs)
