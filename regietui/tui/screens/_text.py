"""Shared helper: user text as literal `Content`, never parsed as markup."""

from __future__ import annotations

from textual.content import Content

from ...model import strip_control


def literal(text: str, style: str = "") -> Content:
    """`text` exactly as written (control characters dropped), optionally in one style."""
    content = Content(strip_control(text))
    return content.stylize(style) if style else content
