"""YAML without YAML 1.1's surprises, keeping the line of every value.

PyYAML's safe loader turns `10:30` into 630, `no` into False and `1.10` into
1.1.  In content written by people under stress every such guess is a bug,
so this loader resolves only `true`/`false` and null and leaves every other
scalar a string for the schema to interpret.  Mappings and sequences remember
the file line of each key and item, so errors can point at them; duplicate
keys are refused instead of silently keeping the last one.
"""

from __future__ import annotations

import re

import yaml

from varde.errors import Problem
from varde.model import Origin


class YamlMap(dict):
    """A YAML mapping: plain dict, plus the line of the mapping and of each key."""

    def __init__(self, line: int):
        super().__init__()
        self.line = line
        self.lines: dict[str, int] = {}

    def line_of(self, key: str) -> int:
        return self.lines.get(key, self.line)


class YamlList(list):
    """A YAML sequence: plain list, plus the line of the sequence and of each item."""

    def __init__(self, line: int):
        super().__init__()
        self.line = line
        self.lines: list[int] = []


class YamlSyntaxError(Exception):
    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"

#: The only plain scalars that are not text: the YAML 1.2 core schema's
#: booleans and null.
_IMPLICIT = {
    **dict.fromkeys(("true", "True", "TRUE", "false", "False", "FALSE"), _BOOL),
    **dict.fromkeys(("~", "null", "Null", "NULL", ""), _NULL),
}


try:
    from yaml.cyaml import CParser as _Parser  # libyaml's parser: about ten times faster
except ImportError:  # PyYAML built without libyaml: the same nodes, in Python
    _Parser = yaml.SafeLoader


class _StrictLoader(_Parser):
    """Composes nodes (never Python objects: _Builder does that) with only
    the YAML 1.2 core schema's booleans and null implicit.

    The strictness is the resolver's, the same with either parser.
    PyYAML's resolver tries a list of regular expressions for every scalar,
    in Python, a large share of composing a front matter; with only
    `_IMPLICIT` to recognise, one dict lookup gives the same answer.  With
    libyaml, only its parser is used, not the constructor and resolver that
    CSafeLoader would also set up for every file."""

    def resolve(self, kind, value, implicit) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0]:
                # As PyYAML's `^(?:...)$` with re.match, which also accepts
                # a word followed by one newline (but not a lone newline).
                tag = _IMPLICIT.get(value[:-1] if len(value) > 1 and value[-1] == "\n" else value)
                if tag is not None:
                    return tag
            return _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP

    def descend_resolver(self, current_node, current_index) -> None:
        """Nothing to do: there are no path resolvers."""

    def ascend_resolver(self) -> None:
        """As descend_resolver."""


_PLAIN_TAGS = {
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:timestamp",
}


def load(text: str, path: str, first_line: int = 1):
    """Parse `text`, which starts at line `first_line` of `path`.

    Returns YamlMap / YamlList / str / bool / None; raises YamlSyntaxError.
    """
    try:
        node = yaml.compose(text, Loader=_StrictLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = _mistaken_line(text.splitlines(), mark.line) + first_line if mark else None
        what = error.problem or "the YAML is not valid"
        raise YamlSyntaxError(
            Problem(
                Origin(path, line),
                f"this is not valid YAML ({what}); check the indentation and "
                "quote values that contain ': ' or start with a special character.",
            )
        ) from None
    except yaml.YAMLError as error:  # reader errors: control characters and the like
        raise YamlSyntaxError(Problem(Origin(path), f"this is not valid YAML ({error}).")) from None
    if node is None:
        return None
    if "&" in text or "\\" in text:  # only an anchor makes an alias, only an escape a control character
        _refuse_aliases_and_controls(node, text, path, first_line)
    return _Builder(path, first_line).build(node)


def _mistaken_line(lines: list[str], found: int) -> int:
    """The line (0-based) to name for a syntax error found on line `found`.

    An error of indentation often shows only on the line after the mistake:
    the first key or item of a block indented too far (or not at all) reads
    as valid until the next line does not line up with it.  When that first
    line is off the file's usual step of indentation, it is the one to fix."""
    content = [number for number in range(min(found, len(lines))) if lines[number].strip()[:1] not in ("", "#")]
    if not content or found >= len(lines):
        return found
    first = content[-1]
    if len(content) > 1:
        parent = lines[content[-2]].split(" #")[0].rstrip()
        if not parent.endswith((":", "-")):  # `first` is not the first line of a block
            return found
        parent_indent = _indent(parent)
    else:
        parent_indent = -_STEP  # the first line of all: at the margin
    step = _indent(lines[first]) - parent_indent
    fitting = {_STEP, 0} if lines[first].lstrip().startswith("-") else {_STEP}
    return found if step in fitting else first


#: The indentation step people write (and varde writes) in front matter.
_STEP = 2


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


#: Characters no page, feed or API document can carry (XML 1.0 forbids them).
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def control_character(text: str) -> str | None:
    """The first character of `text` that no output can carry, as U+XXXX."""
    found = CONTROL.search(text)
    return f"U+{ord(found.group()):04X}" if found else None


def _refuse_aliases_and_controls(root: yaml.Node, text: str, path: str, first_line: int) -> None:
    """Refuse a value used twice through an alias (`*name`): ten lines of
    nested aliases expand to millions of values, and one that contains
    itself never ends.  Refuse a control character written as an escape
    (`"\\e"`), which the feeds cannot carry."""
    seen: set[int] = set()
    pending: list[yaml.Node] = [root]
    while pending:
        node = pending.pop()
        if id(node) in seen:
            raise YamlSyntaxError(
                Problem(
                    Origin(path, _first_alias_line(text) + first_line),
                    "YAML aliases (`*name`) are not supported here; write the value out instead.",
                )
            )
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            if (character := control_character(node.value)) is not None:
                raise YamlSyntaxError(
                    Problem(
                        Origin(path, node.start_mark.line + first_line),
                        f"this value holds the control character {character}, which no page or feed can show; "
                        "remove it.",
                    )
                )
        elif isinstance(node, yaml.SequenceNode):
            pending.extend(node.value)
        else:
            pending.extend(part for pair in node.value for part in pair)


def _first_alias_line(text: str) -> int:
    """The line of the first alias in `text` (composed nodes keep only their
    anchor's place)."""
    for event in yaml.parse(text, Loader=_StrictLoader):
        if isinstance(event, yaml.AliasEvent):
            return event.start_mark.line
    return 0


class _Builder:
    """Nodes into YamlMap / YamlList / str / bool / None.

    Runs for every node of every file of a site, so the common cases (a
    text scalar, a mapping's keys) are handled inline rather than by a call
    per node."""

    def __init__(self, path: str, first_line: int):
        self.path = path
        self.first_line = first_line

    def line(self, node: yaml.Node) -> int:
        return node.start_mark.line + self.first_line

    def fail(self, node: yaml.Node, message: str):
        raise YamlSyntaxError(Problem(Origin(self.path, self.line(node)), message))

    def build(self, node: yaml.Node):
        tag = node.tag
        if tag == _STR and node.__class__ is _SCALAR:
            return node.value
        if tag not in _PLAIN_TAGS:
            self.fail(node, f"the YAML tag {tag!r} is not supported here; remove it.")
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node)
        if isinstance(node, yaml.SequenceNode):
            first = self.first_line
            items = YamlList(node.start_mark.line + first)
            lines = items.lines
            for child in node.value:
                items.append(self.build(child))
                lines.append(child.start_mark.line + first)
            return items
        if tag == _NULL:
            return None
        if tag == _BOOL:
            return node.value in ("true", "True", "TRUE")
        return node.value

    def mapping(self, node: yaml.MappingNode) -> YamlMap:
        first = self.first_line
        result = YamlMap(node.start_mark.line + first)
        lines = result.lines
        for key_node, value_node in node.value:
            if key_node.__class__ is not _SCALAR and not isinstance(key_node, yaml.ScalarNode):
                self.fail(key_node, "a key must be a plain word; remove the brackets or braces.")
            key = key_node.value
            if key in result:
                self.fail(
                    key_node,
                    f"the key {key!r} appears twice (first on line {lines[key]}); keep one of them.",
                )
            if value_node.tag == _STR and value_node.__class__ is _SCALAR:
                result[key] = value_node.value
            else:
                result[key] = self.build(value_node)
            lines[key] = key_node.start_mark.line + first
        return result


_SCALAR = yaml.ScalarNode
