"""HTML pages and RSS/Atom feeds into Documents.

An HTML page is one Document: its main text as trafilatura finds it, without navigation, headers, footers, sidebars,
cookie banners or share links, paragraphs separated by blank lines; its title, date and canonical URL from the page's
metadata. A feed (RSS 2.0, RSS 1.0/RDF, Atom) is one Document an entry, its text the entry's content (or summary)
with the markup taken out. Nothing here touches the network: trafilatura and feedparser get the bytes already read.
"""

from __future__ import annotations

import codecs
import io
import re
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from lxml import etree

from readout.errors import InputError, InputWarning
from readout.formats.documents import Item, decode, is_utf8, stem
from readout.records import Document, calendar_day

_NOT_ARTICLE = "not(.//article or .//main)"
#: Page parts dropped before trafilatura looks for the main text, so that its fallback extractors (used on short
#: pages) do not take them in. Parts that hold the article are kept whatever they are called. (Cookie banners,
#: share links and the like are found by trafilatura's own rules, by their class and id names.)
PRUNE_XPATH = [
    f"//nav[{_NOT_ARTICLE}]",
    f"//aside[{_NOT_ARTICLE}]",
    f"//footer[{_NOT_ARTICLE}]",
    f"//header[not(ancestor::article or ancestor::main) and {_NOT_ARTICLE}]",
    f"//*[@role='navigation' or @role='banner' or @role='contentinfo' or @role='complementary'][{_NOT_ARTICLE}]",
]
#: trafilatura options: favor_recall keeps short pages (a readout of three paragraphs) whole; comments, images and
#: links are not text to code; tables are (lists of participants, agreements signed). The date comes from the page's
#: markup (meta tags, <time>, elements marked as dates), not from dates mentioned in the text.
EXTRACT_OPTIONS: dict[str, Any] = {
    "favor_recall": True, "include_comments": False, "include_tables": True, "include_images": False,
    "include_links": False, "include_formatting": False, "deduplicate": False, "with_metadata": True,
    "date_extraction_params": {"extensive_search": False, "original_date": True},
}
#: Elements that start a paragraph, in HTML and in trafilatura's XML.
BLOCKS = frozenset("""p div section article main body blockquote pre ul ol dl li dt dd table tr thead tbody tfoot
    caption h1 h2 h3 h4 h5 h6 hr figure figcaption address details summary header footer nav aside form fieldset
    head list item quote row code""".split())
SKIP = frozenset("script style noscript template iframe object svg math button select".split())
LINE_BREAKS = frozenset(("br", "lb"))
CELLS = frozenset(("td", "th", "cell"))
_BREAK, _LINE = "\x1e", "\x1f"
_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)|<\?xml[^>]+encoding\s*=\s*["']"""
                         rb"""([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_QUIET = ("CharacterEncodingOverride", "NonXMLContentType")


def read_html(name: str, data: bytes, date: str | None, encoding: str = "utf-8") -> Iterator[Item]:
    """One Document for an HTML page, or one InputError if it cannot be decoded or has no main text.

    ``encoding`` decodes the page; when it is the default (UTF-8) and the bytes are not UTF-8, the charset the page
    declares is used. ``date`` is the date if the page's metadata has none.
    """
    html = decode_html(name, data, encoding)
    if isinstance(html, InputError):
        yield html
        return
    if not html.strip():
        yield InputError(name, "empty file: no text to code")
        return
    import trafilatura

    try:
        page = trafilatura.bare_extraction(html, prune_xpath=PRUNE_XPATH, **EXTRACT_OPTIONS)
    except Exception as err:  # a third-party parser on arbitrary input: one page must not stop the run
        yield InputError(name, f"cannot read the HTML page: {type(err).__name__}: {err}")
        return
    assert not isinstance(page, dict)  # trafilatura returns a dict only when asked to (as_dict=True)
    text = element_text(page.body) if page is not None and page.body is not None else ""
    if page is None or not text:
        yield InputError(name, "no main text found in the HTML page")
        return
    page_date = page.date if calendar_day(page.date) else None
    url = page.url or ""
    meta = {k: v for k, v in (("author", page.author), ("description", page.description)) if v}
    yield Document(text=text, id=stem(name), title=" ".join((page.title or "").split()), url=url,
                   source=page.sitename or urlsplit(url).hostname or name, date=page_date or date, meta=meta)


def decode_html(name: str, data: bytes, encoding: str = "utf-8") -> str | InputError:
    """The page as text in ``encoding``; for the default UTF-8, in the page's declared charset if not UTF-8."""
    text = decode(name, data, encoding)
    if isinstance(text, InputError) and is_utf8(encoding) and b"\x00" not in data[:8192]:
        declared = declared_charset(data)
        if declared is not None:
            try:
                return data.decode(declared)
            except UnicodeDecodeError as err:
                return InputError(name, f"not utf-8 text, nor {declared} as the page declares: byte "
                                        f"0x{data[err.start]:02x} at offset {err.start}; pass --encoding")
    return text


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its first 4 KB (``<meta charset>``, ``http-equiv``, ``<?xml``), if it is
    one Python knows and not UTF-8."""
    found = _CHARSET_RE.search(data[:4096])
    if found is None:
        return None
    charset = (found.group(1) or found.group(2)).decode("ascii")
    try:
        name = codecs.lookup(charset).name
    except LookupError:
        return None
    return None if name == "utf-8" else name


def read_feed(name: str, data: bytes, date: str | None, encoding: str = "utf-8") -> Iterator[Item]:
    """One Document for each entry of an RSS or Atom feed; an InputError for each entry without text (named
    ``file:entry N``, counting from 1), or one for the file if it is not a feed.

    A feed declares its own encoding; a non-default ``encoding`` overrides it. ``date`` is the date of entries that
    have none.
    """
    import feedparser

    headers = None
    if not is_utf8(encoding):
        try:
            codecs.lookup(encoding)
        except LookupError:
            yield InputError(name, f"unknown encoding {encoding!r}")
            return
        headers = {"content-type": f"application/xml; charset={encoding}"}
    try:
        parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)  # a stream: never a URL to fetch
    except (ValueError, RecursionError, LookupError) as err:  # the parser's own failures ("&#1114112;")
        yield InputError(name, f"the feed cannot be parsed ({type(err).__name__}: {err})")
        return
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if problem is not None and type(problem).__name__ in _QUIET:
        problem = None
    if not parsed.entries:
        yield InputError(name, f"not a feed: {_parse_message(problem, data)}" if problem is not None
                         else "no entries: not an RSS or Atom feed, or an empty one")
        return
    if problem is not None:
        yield InputWarning(name, f"the feed is not well-formed ({_parse_message(problem, data)}); its entries "
                                 "were read by a lenient parser")
    feed = parsed.feed
    source = " ".join(feed.get("title", "").split()) or urlsplit(feed.get("link", "")).hostname or name
    for n, entry in enumerate(parsed.entries, start=1):
        text = entry_text(entry)
        if not text:
            yield InputError(f"{name}:entry {n}", "no text: the entry has no content, summary or description")
            continue
        link = entry.get("link", "")
        meta = {"author": entry["author"]} if entry.get("author") else {}
        yield Document(text=text, id=entry.get("id") or link or f"{stem(name)}:{n}", title=_entry_title(entry),
                       url=link, source=source, date=_entry_date(entry) or date, meta=meta)


def _parse_message(problem: BaseException, data: bytes) -> str:
    """The XML parser's message and where; feedparser puts an XML declaration in front of data that has none."""
    if hasattr(problem, "getMessage") and hasattr(problem, "getLineNumber") and hasattr(problem, "getColumnNumber"):
        line = problem.getLineNumber() - (0 if re.match(rb"(\xef\xbb\xbf)?<\?xml", data) else 1)
        return f"{problem.getMessage()} at line {max(line, 1)}, column {problem.getColumnNumber()}"
    return str(problem) or type(problem).__name__


def entry_text(entry: Any) -> str:
    """A feed entry's text: its full content if it has any, else its summary (description), as plain text."""
    for part in [*entry.get("content", []), entry.get("summary_detail")]:
        if part and (part.get("value") or "").strip():
            value = part["value"]
            text = value.strip() if part.get("type") == "text/plain" else html_to_text(value)
            if text:
                return text
    return ""


def _entry_title(entry: Any) -> str:
    title = entry.get("title", "")
    if (entry.get("title_detail") or {}).get("type") in ("text/html", "application/xhtml+xml"):
        title = html_to_text(title)
    return " ".join(title.split())


def _entry_date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            return time.strftime("%Y-%m-%d", parsed)
    return None


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment: paragraphs (p, div, li, headings, ...) separated by a blank line, ``<br>``
    kept as a line break, other white space collapsed, scripts and styles dropped."""
    if not fragment.strip():
        return ""
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return " ".join(re.sub(r"<[^>]*>", " ", fragment).split())
    return element_text(root)


def element_text(root: Any) -> str:
    """Plain text of an lxml element (HTML, or trafilatura's XML), paragraphs separated by blank lines."""
    parts: list[str] = []
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:  # a loop, not recursion: pages can nest deeper than Python's recursion limit
        el, closing = stack.pop()
        tag = el.tag.rsplit("}", 1)[-1].lower() if isinstance(el.tag, str) else ""
        if closing:
            if tag in BLOCKS:
                parts.append(_BREAK)
            elif tag in CELLS:
                parts.append(" ")
            parts.append(el.tail or "")
            continue
        if not tag or tag in SKIP:  # comments, processing instructions, scripts: only their tail is text
            parts.append(el.tail or "")
            continue
        parts.append(_BREAK if tag in BLOCKS else _LINE if tag in LINE_BREAKS else "")
        parts.append(el.text or "")
        stack.append((el, True))
        stack.extend((child, False) for child in reversed(el))
    paragraphs = []
    for chunk in "".join(parts).split(_BREAK):
        lines = (" ".join(line.split()) for line in chunk.split(_LINE))
        paragraph = "\n".join(line for line in lines if line)
        if paragraph:
            paragraphs.append(paragraph)
    return "\n\n".join(paragraphs)
