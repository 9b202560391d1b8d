"""Small text helpers for the registry's page generation: safe URLs, dates, escaping.

Slugs live in ``registry.model.slugify`` (one rule for the whole project).

Everything here is plain Python without MkDocs, so tests and scripts can use it directly.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

MONTHS_DA = (
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
)


# Whitespace (Unicode included), quotes, angle brackets, backtick, backslash, control characters.
_UNSAFE_IN_URL = re.compile(r"[\s\"'<>`\\\x00-\x1f]")


def https_url(value: object) -> str | None:
    """Return ``value`` if it is a plain absolute https URL, else None.

    Only what this returns may reach an ``href``: ``javascript:``, ``data:``, ``http:`` and
    anything with whitespace, quotes or angle brackets is refused (the loader rejects such
    URLs too; this is the second line of defence at the point of output).
    """
    if not isinstance(value, str):
        return None
    url = value.strip()
    if not url or _UNSAFE_IN_URL.search(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() != "https" or not parts.netloc or "@" in parts.netloc:
        return None
    return url


def url_host(url: str) -> str:
    """Host of a URL without ``www.``, for short link texts."""
    host = urlsplit(url).hostname or url
    return host[4:] if host.startswith("www.") else host


_MAILBOX = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$")


def mailto(address: object) -> str | None:
    """``mailto:`` URL for a well-formed mailbox, else None."""
    if isinstance(address, str) and _MAILBOX.match(address.strip()):
        return "mailto:" + address.strip()
    return None


def issue_url(repo_url: str | None, template: str, **params: str) -> str | None:
    """Link to a GitHub issue form with pre-filled fields, or None without an https repo."""
    base = https_url(repo_url)
    if base is None:
        return None
    query = "&".join(
        f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in {"template": template, **params}.items()
    )
    return f"{base.rstrip('/')}/issues/new?{query}"


def repo_file_url(repo_url: str | None, edit_uri: str | None, path: str, action: str = "edit") -> str | None:
    """GitHub URL to view/edit a file at the repository root (branch taken from ``edit_uri``).

    ``edit_uri`` is MkDocs' setting such as ``edit/main/docs/``; its branch is reused.
    """
    base = https_url(repo_url)
    if base is None:
        return None
    branch = "main"
    if edit_uri:
        parts = [p for p in edit_uri.split("/") if p]
        if len(parts) >= 2 and parts[0] in ("edit", "blob"):
            branch = parts[1]
    return f"{base.rstrip('/')}/{action}/{quote(branch)}/{quote(path)}"


def format_date(value: object) -> str | None:
    """Danish rendering of a partial ISO date: ``2022`` / ``juni 2022`` / ``5. juni 2022``."""
    if value is None:
        return None
    text = str(value)
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text)
    if not m:
        return text
    year, month, day = m.groups()
    if month is None or not 1 <= int(month) <= 12:
        return year
    if day is None:
        return f"{MONTHS_DA[int(month) - 1]} {year}"
    return f"{int(day)}. {MONTHS_DA[int(month) - 1]} {year}"


def md_escape(text: object) -> str:
    """Escape text for use inside Markdown (headings, link texts).

    HTML specials become entities first (so nothing becomes a tag), then Markdown
    punctuation is backslash-escaped so nothing becomes emphasis, a link or an attribute list.
    Only characters Python-Markdown accepts after a backslash are escaped (its ESCAPED_CHARS
    with the tables extension): a backslash before "=" or "~" would be shown as written.
    Line breaks become spaces, so a text never ends a heading or starts a new block.
    """
    s = re.sub(r"\s*\n\s*", " ", str(text)).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    # Escape the Markdown punctuation that is not part of an entity we just wrote.
    out = []
    for part in re.split(r"(&(?:amp|lt|gt|quot);)", s):
        if part.startswith("&") and part.endswith(";"):
            out.append(part)
        else:
            out.append(re.sub(r"([\\`*_{}\[\]()#+!|])", r"\\\1", part))
    return "".join(out)


def plain(text: object) -> str:
    """Text safe in places MkDocs' theme prints without escaping (page title, meta description).

    Drops characters that could open markup or a template expression.
    """
    s = re.sub(r"[<>&\"'`{}\\]", "", str(text))
    return re.sub(r"\s+", " ", s).strip()


_DA_SORT = str.maketrans({"æ": "{", "ø": "|", "å": "}", "é": "e", "ü": "y", "ö": "|", "ä": "{"})


def danish_sort_key(text: object) -> str:
    """Key that sorts Danish names in alphabetical order with plain code-point comparison
    (as tablesort does): æ, ø, å after z, and a leading "Aa" as å (Aabenraa, Aalborg, Aarhus)."""
    s = str(text).strip().lower()
    if s.startswith("aa"):
        s = "å" + s[2:]
    return s.translate(_DA_SORT)
