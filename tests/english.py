"""English UI text an office worker met in the Chinese admin and the public pages (issue 12)."""

import re
from html.parser import HTMLParser

# Each entry was seen on a main screen of Wagtail 8.0.1 under zh-hans before the project's catalogue.
KNOWN_ENGLISH = [
    "Saved",
    "The page could not be saved due to validation errors",
    "Go to the first error",
    "Root",
    "Pages created here will not be accessible",
    "Search all pages",
    "Layout",
    "new items in this menu",
    "new item in this menu",
    "editor guide",
    "to insert a block",
    "Insert a block",
    "Moderators approval",
    "Editors",
    "Moderators",
    "Actions",
    "Pages",
    "Images",
    "Documents",
    "Privacy and access",
    "Scheduling",
    "Schedule to publish",
    "Choose parent",
    "Date updated",
    "Page type",
    "Edited by",
    "Locked by",
    "Shortcuts",
    "Content metrics",
    "Grid layout",
    "List layout",
    "Show disabled",
    "Wagtail upgrade available",
    "Your pages and snippets in a workflow",
    "across entire site",
    "No results",
    "Autosave",
    "Theme preferences",
    "Checks",
    "Compare",
    "Maximum filesize",
    "Inspect",
    "True",
    "False",
    "None",
]
_KNOWN = re.compile(r"(?<![A-Za-z])(" + "|".join(re.escape(s) for s in KNOWN_ENGLISH) + r")(?![A-Za-z])")
_SKIP = {"script", "style", "template", "svg", "noscript"}
_ATTRS = {"placeholder", "title", "aria-label", "alt"}


_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Text(HTMLParser):
    """Collects text outside scripts, icons and `hidden` elements."""

    def __init__(self):
        super().__init__()
        self.parts, self.stack = [], []

    @property
    def skipping(self):
        return any(hidden for _, hidden in self.stack)

    def handle_starttag(self, tag, attrs):
        hidden = tag in _SKIP or any(k == "hidden" for k, _ in attrs)
        if not (self.skipping or hidden):
            self.parts.extend(v for k, v in attrs if k in _ATTRS and v)
        if tag not in _VOID:
            self.stack.append((tag, hidden))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        if not self.skipping and data.strip():
            self.parts.append(data.strip())


def visible_text(html):
    """What a user reads or hears: text outside scripts and icons, plus placeholders, titles and labels."""
    parser = _Text()
    parser.feed(html)
    return parser.parts


def english_in(html):
    """The known English strings present in the page's visible text."""
    return sorted({m.group(1) for part in visible_text(html) for m in _KNOWN.finditer(part)})


def english_in_text(text):
    return sorted({m.group(1) for m in _KNOWN.finditer(text)})
