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

from .errors import Problem
from .model import Origin


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


class _StrictLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """Only the YAML 1.2 core schema's booleans and null are implicit.

    libyaml's parser when PyYAML has it (about ten times faster); the
    resolvers, and so the strictness, are the same either way."""


_StrictLoader.yaml_implicit_resolvers = {}
_StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)
_StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:null",
    re.compile(r"^(?:~|null|Null|NULL|)$"),
    ["~", "n", "N", ""],
)

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
        line = mark.line + first_line if mark else None
        what = error.problem or "the YAML is not valid"
        raise YamlSyntaxError(
            Problem(
                Origin(path, line),
                f"this is not valid YAML ({what}); check the indentation and "
                "quote values that contain ': ' or start with a special character.",
            )
        ) from None
    except yaml.YAMLError as error:  # reader errors: control characters and the like
        raise YamlSyntaxError(
            Problem(Origin(path), f"this is not valid YAML ({error}).")
        ) from None
    if node is None:
        return None
    return _Builder(path, first_line).build(node)


class _Builder:
    def __init__(self, path: str, first_line: int):
        self.path = path
        self.first_line = first_line

    def line(self, node: yaml.Node) -> int:
        return node.start_mark.line + self.first_line

    def fail(self, node: yaml.Node, message: str):
        raise YamlSyntaxError(Problem(Origin(self.path, self.line(node)), message))

    def build(self, node: yaml.Node):
        if node.tag not in _PLAIN_TAGS:
            self.fail(node, f"the YAML tag {node.tag!r} is not supported here; remove it.")
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node)
        if isinstance(node, yaml.SequenceNode):
            items = YamlList(self.line(node))
            for child in node.value:
                items.append(self.build(child))
                items.lines.append(self.line(child))
            return items
        if node.tag == "tag:yaml.org,2002:null":
            return None
        if node.tag == "tag:yaml.org,2002:bool":
            return node.value in ("true", "True", "TRUE")
        return node.value

    def mapping(self, node: yaml.MappingNode) -> YamlMap:
        result = YamlMap(self.line(node))
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.fail(key_node, "a key must be a plain word; remove the brackets or braces.")
            key = key_node.value
            if key in result:
                self.fail(
                    key_node,
                    f"the key {key!r} appears twice (first on line {result.lines[key]}); "
                    "keep one of them.",
                )
            result[key] = self.build(value_node)
            result.lines[key] = self.line(key_node)
        return result
