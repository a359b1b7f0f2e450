"""Find every string marked for translation, without GNU gettext.

``makemessages`` needs xgettext, which a fresh machine may not have; the test
that keeps the Pashto and Dari catalogues complete must run everywhere. This
reads the same sources ``makemessages`` does (see ``make messages``): Python
files through ``ast`` with Django's gettext keywords, templates through Django's
own ``templatize`` (which turns ``{% translate %}`` and ``{% blocktranslate %}``
into gettext calls, exactly as for xgettext).
"""

import ast
import io
import tokenize
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation.template import templatize

# Directories makemessages is told to skip (``make messages``), and ones it never reads.
IGNORED_DIRS = {"tests", "seeds", "var", "staticfiles", "media", "node_modules", "locale", "__pycache__"}

# keyword -> (argument index of the context or None, of the singular, of the plural or None)
KEYWORDS = {
    "gettext": (None, 0, None),
    "gettext_lazy": (None, 0, None),
    "gettext_noop": (None, 0, None),
    "_": (None, 0, None),
    "ngettext": (None, 0, 1),
    "ngettext_lazy": (None, 0, 1),
    "pgettext": (0, 1, None),
    "pgettext_lazy": (0, 1, None),
    "npgettext": (0, 1, 2),
    "npgettext_lazy": (0, 1, 2),
}


@dataclass(frozen=True)
class Message:
    context: str | None
    msgid: str
    plural: str | None
    source: str  # "path:line", for the error message

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.context, self.msgid)


def _message(name: str, args: list, source: str) -> Message | None:
    context_at, singular_at, plural_at = KEYWORDS[name]
    needed = max(i for i in (context_at, singular_at, plural_at) if i is not None)
    if len(args) <= needed or any(not isinstance(args[i], str) for i in (context_at, singular_at, plural_at) if i is not None):
        return None  # a variable, not a literal: nothing to extract (xgettext skips it too)
    return Message(
        context=args[context_at] if context_at is not None else None,
        msgid=args[singular_at],
        plural=args[plural_at] if plural_at is not None else None,
        source=source,
    )


def python_messages(code: str, path: str = "<string>") -> list[Message]:
    messages = []
    for node in ast.walk(ast.parse(code, filename=path)):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
        if name not in KEYWORDS:
            continue
        args = [arg.value if isinstance(arg, ast.Constant) else None for arg in node.args]
        if message := _message(name, args, f"{path}:{node.lineno}"):
            messages.append(message)
    return messages


def template_messages(source: str, path: str = "<template>") -> list[Message]:
    """Messages in a template, read from ``templatize``'s xgettext input, one line at a time
    (it writes each call on one line; the rest is blanked out with letters)."""
    messages = []
    for lineno, line in enumerate(templatize(source, origin=path).splitlines(), start=1):
        if "(" not in line:
            continue
        try:
            tokens = [t for t in tokenize.generate_tokens(io.StringIO(line.strip() + "\n").readline)]
        except (tokenize.TokenError, IndentationError, SyntaxError):
            continue
        for i, token in enumerate(tokens):
            if token.type != tokenize.NAME or token.string not in KEYWORDS:
                continue
            if i + 1 >= len(tokens) or tokens[i + 1].string != "(":
                continue
            args, j = [], i + 2
            while j < len(tokens) and tokens[j].string != ")":
                if tokens[j].type == tokenize.STRING:
                    args.append(ast.literal_eval(tokens[j].string))
                elif tokens[j].string != ",":
                    args.append(None)
                j += 1
            if message := _message(token.string, args, f"{path}:{lineno}"):
                messages.append(message)
    return messages


def source_files(root: Path):
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if any(part.startswith(".") or part in IGNORED_DIRS for part in relative.parts[:-1]):
            continue
        if path.is_file() and path.suffix in {".py", ".html", ".txt"}:
            yield path


def project_messages(root: Path) -> list[Message]:
    """Every message marked in the project's Python files and templates under ``root``."""
    messages = []
    for path in source_files(root):
        text = path.read_text(encoding="utf-8")
        relative = str(path.relative_to(root))
        if path.suffix == ".py":
            messages += python_messages(text, relative)
        else:
            messages += template_messages(text, relative)
    return messages
