"""content/components.yaml: environments, groups and components."""

from __future__ import annotations

from varde.errors import Problem, did_you_mean
from varde.model import Catalog, Component, Environment, Group, Origin, UpstreamPage, UpstreamRef
from varde.parsing.fields import Fields
from varde.parsing.yamlsource import YamlList

DEFAULT_ENVIRONMENT = Environment("production", "Production")

#: Top-level output names that an environment's sub-site folder would clash with.
RESERVED_ENVIRONMENT_IDS = frozenset(
    {"api", "badges", "components", "incidents", "maintenance", "pages", "theme", "history"}
)


def parse_catalog(data: object, path: str, problems: list[Problem]) -> Catalog | None:
    """The catalog, or None when it has problems (they are appended)."""
    before = len(problems)
    top = Fields(data, path, problems, "components.yaml", 1)
    environments = _environments(top, path, problems)
    groups = _groups(top, path, problems)
    upstreams, declared = _upstreams(top, path, problems)
    components = _components(top, path, problems, environments, groups, declared)
    top.finish()
    if len(problems) > before:
        return None
    return Catalog(tuple(environments), tuple(groups), tuple(components), tuple(upstreams))


def _items(top: Fields, key: str, required: bool = False) -> YamlList:
    return top.sequence(key, required) or YamlList(top.line(key))


def _unique(fields: Fields, seen: dict[str, int], ident: str | None, kind: str) -> bool:
    if ident is None:
        return False
    if ident in seen:
        fields.problem(
            fields.line("id"),
            f"the {kind} id {ident!r} is already used on line {seen[ident]}; give each {kind} its own id.",
        )
        return False
    seen[ident] = fields.line("id")
    return True


def _environments(top: Fields, path: str, problems: list[Problem]) -> list[Environment]:
    items = top.sequence("environments")
    if items is None:
        return [DEFAULT_ENVIRONMENT]
    if not items:
        top.problem(top.line("environments"), "`environments` is empty; list at least one, or remove the key.")
    result, seen = [], {}
    for index, (item, line) in enumerate(zip(items, items.lines)):
        fields = Fields(item, path, problems, "an environment", line)
        ident, name = fields.ident("id", required=True), fields.text("name", required=True)
        fields.finish()
        if index > 0 and ident in RESERVED_ENVIRONMENT_IDS:
            fields.problem(
                fields.line("id"),
                f"the environment id {ident!r} is also the name of a folder of the site "
                "(its sub-site would overwrite it); choose another id.",
            )
            continue
        if _unique(fields, seen, ident, "environment") and name is not None:
            result.append(Environment(ident, name))
    return result


def _groups(top: Fields, path: str, problems: list[Problem]) -> list[Group]:
    result, seen = [], {}
    items = _items(top, "groups")
    for item, line in zip(items, items.lines):
        fields = Fields(item, path, problems, "a group", line)
        ident, name = fields.ident("id", required=True), fields.text("name", required=True)
        description = fields.text("description")
        fields.finish()
        if _unique(fields, seen, ident, "group") and name is not None:
            result.append(Group(ident, name, description))
    return result


#: The end of a Statuspage API address; without it, the rest is the page readers are sent to.
SUMMARY_PATH = "/api/v2/summary.json"


def _upstreams(top: Fields, path: str, problems: list[Problem]) -> tuple[list[UpstreamPage], list[str]]:
    """Other organisations' status pages that components mirror, and the
    ids declared (also of those with problems, reported already)."""
    result, seen = [], {}
    items = _items(top, "upstreams")
    for item, line in zip(items, items.lines):
        fields = Fields(item, path, problems, "an upstream page", line)
        ident, name = fields.ident("id", required=True), fields.text("name", required=True)
        url, link = _address(fields, "url", required=True), _address(fields, "link")
        fields.finish()
        if _unique(fields, seen, ident, "upstream page") and fields.ok:
            default_link = url[: -len(SUMMARY_PATH)] + "/" if url.endswith(SUMMARY_PATH) else url
            result.append(UpstreamPage(ident, name, url, link or default_link))
    return result, list(seen)


def _address(fields: Fields, key: str, required: bool = False) -> str | None:
    value = fields.text(key, required)
    if value is not None and not value.startswith(("https://", "http://")):
        fields.problem(fields.line(key), f"`{key}` is {value!r}, which is not an http(s) address; write the full URL.")
        return None
    return value


def _upstream_ref(fields: Fields, path: str, problems: list[Problem], known: list[str]) -> UpstreamRef | None:
    """A component's `upstream: {page: ..., component: ...}` (or `id:` for the component's id there)."""
    value = fields.mapping("upstream")
    if value is None:
        return None
    ref = Fields(value, path, problems, "`upstream`", fields.line("upstream"))
    page, name, ident = ref.ident("page", required=True), ref.text("component"), ref.text("id")
    ref.finish()
    if page is not None and page not in known:
        ref.problem(
            ref.line("page"),
            f"the upstream page {page!r} is not listed under `upstreams`; add it there or fix the spelling."
            + did_you_mean(page, known),
        )
    if (name is None) == (ident is None):
        ref.problem(
            ref.line("page"),
            "`upstream` needs either `component` (its name on the upstream page) or `id` (its id there), not "
            + ("both" if name else "neither")
            + ".",
        )
    return UpstreamRef(page, name, ident) if ref.ok else None


def _components(top, path, problems, environments, groups, upstreams) -> list[Component]:
    environment_ids = [environment.id for environment in environments]
    group_ids = {group.id for group in groups}
    result: list[Component] = []
    seen: dict[str, int] = {}
    dependency_lines: dict[str, int] = {}
    items = _items(top, "components", required=True)
    for item, line in zip(items, items.lines):
        fields = Fields(item, path, problems, "a component", line)
        ident, name = fields.ident("id", required=True), fields.text("name", required=True)
        group = fields.ident("group")
        if group is not None and group not in group_ids:
            fields.problem(
                fields.line("group"),
                f"the group {group!r} is not listed under `groups`; add it there or fix the spelling.",
            )
        environment = fields.ident("environment") or (environment_ids[0] if environment_ids else None)
        if environment is not None and environment not in environment_ids:
            fields.problem(
                fields.line("environment"),
                f"the environment {environment!r} is not listed under `environments`; "
                "add it there or fix the spelling.",
            )
        depends_on = _id_list(fields, "depends_on")
        component = Component(
            id=ident or "",
            name=name or "",
            environment=environment or "",
            group=group,
            description=fields.text("description"),
            depends_on=depends_on,
            only_show_if_affected=fields.flag("only_show_if_affected"),
            since=fields.date("since"),
            upstream=_upstream_ref(fields, path, problems, upstreams),
        )
        fields.finish()
        if _unique(fields, seen, ident, "component") and fields.ok:
            result.append(component)
            dependency_lines[component.id] = fields.line("depends_on")
    _check_dependencies(result, seen, dependency_lines, path, problems)
    return result


def _id_list(fields: Fields, key: str) -> tuple[str, ...]:
    value = fields.raw(key)
    if value is None:
        return ()
    if isinstance(value, str):
        value = YamlList(fields.line(key)) + [value]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        fields.problem(fields.line(key), f"`{key}` must be a list of component ids, like `[login, network]`.")
        return ()
    return tuple(value)


def _check_dependencies(components, declared, lines, path, problems) -> None:
    by_id = {component.id: component for component in components}
    for component in components:
        for upstream in component.depends_on:
            if upstream == component.id:
                problems.append(
                    Problem(
                        Origin(path, lines[component.id]),
                        f"the component {component.id!r} depends on itself; remove it from its own `depends_on`.",
                    )
                )
            elif upstream not in declared:
                problems.append(
                    Problem(
                        Origin(path, lines[component.id]),
                        f"the component {component.id!r} depends on {upstream!r}, which is not a component; "
                        "fix the id or add that component.",
                    )
                )
    cycle = _find_cycle(by_id)
    if cycle:
        problems.append(
            Problem(
                Origin(path, lines[cycle[0]]),
                "the dependencies form a cycle (" + " → ".join(cycle + [cycle[0]]) + "); "
                "remove one of these `depends_on` entries.",
            )
        )


def _find_cycle(by_id: dict[str, Component]) -> list[str] | None:
    """One dependency cycle (without self-loops, reported apart), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(ident: str) -> list[str] | None:
        state[ident] = 1
        path.append(ident)
        for upstream in by_id[ident].depends_on:
            if upstream not in by_id or upstream == ident:
                continue
            if state.get(upstream) == 1:
                return path[path.index(upstream) :]
            if upstream not in state and (found := visit(upstream)):
                return found
        path.pop()
        state[ident] = 2
        return None

    for ident in by_id:
        if ident not in state and (found := visit(ident)):
            return found
    return None
