"""What a Statuspage-webhook channel is told besides the news: one
`component_update` per component whose status the news changed, as
Statuspage sends its subscribers whenever a component's status changes.

The statuses are the engine's, at the news' instant and just before it;
a change goes with the first news at that instant that names the
component, so two entries at one instant never tell the same change twice.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from datetime import datetime

from varde.model import Component, ComponentStatus, Site
from varde.notifying.notice import Notice, delivery_key
from varde.notifying.webhook import component_update_body, statuspage_at
from varde.presentation.build import Build
from varde.presentation.i18n import Language
from varde.settings import Channel
from varde.status import Snapshot, snapshots
from varde.status.changes import JUST_BEFORE


def component_changes(
    build: Build, channel: Channel, environments: Iterable[str], told: list[Notice], language: Language, site: str
) -> list[Notice]:
    """A notice per component of `channel` (its filter, in its environments)
    whose status changed at the instant of a notice in `told`."""
    environments = set(environments)
    wanted = [
        component
        for component in build.site.catalog.components
        if component.environment in environments and (not channel.components or component.id in channel.components)
    ]
    claimed: set[tuple[datetime, str]] = set()
    changes: dict[datetime, dict[str, tuple[ComponentStatus, ComponentStatus]]] = {}
    found = []
    for news in told:
        if news.at not in changes:
            changes[news.at] = _changed_at(build.site, news.at)
        changed = changes[news.at]
        for component in wanted:
            if component.id in news.components and component.id in changed and (news.at, component.id) not in claimed:
                claimed.add((news.at, component.id))
                found.append(_notice(build, channel, news, component, *changed[component.id], language, site))
    return found


def _changed_at(site: Site, at: datetime) -> dict[str, tuple[ComponentStatus, ComponentStatus]]:
    """(old, new) of each component whose status differs at `at` from just
    before it; Statuspage has no `unknown` (a mirrored component's), so a
    change from or to it is not told."""
    before, after = (_statuses(snapshots(site, moment)) for moment in (at - JUST_BEFORE, at))
    return {
        ident: (before[ident], status)
        for ident, status in after.items()
        if before[ident] is not status and ComponentStatus.UNKNOWN not in (before[ident], status)
    }


def _statuses(states: Iterable[Snapshot]) -> dict[str, ComponentStatus]:
    return {state.component.id: state.status for snapshot in states for state in snapshot.components}


def _notice(
    build: Build,
    channel: Channel,
    news: Notice,
    component: Component,
    old: ComponentStatus,
    new: ComponentStatus,
    language: Language,
    site: str,
) -> Notice:
    entry = f"{news.entry}/component/{component.id}"
    return Notice(
        key=delivery_key(site, entry, channel.name),
        entry=entry,
        channel=channel.name,
        event=news.event,
        at=news.at,
        title=f"[{language(new)}] {component.name}",
        body="\n\n".join(_lines(news, component, old, new, language)) + "\n",
        link=news.link,
        webhook=functools.partial(_webhook, build, component, old, new, news),
        components=(component.id,),
    )


def _lines(
    news: Notice, component: Component, old: ComponentStatus, new: ComponentStatus, language: Language
) -> Iterator[str]:
    yield f"{component.name}: {language(old)} → {language(new)}"
    yield news.title
    yield f"{language('Updated')}: {language.moment(news.at)}\n{news.link}"


def _webhook(build: Build, component: Component, old: ComponentStatus, new: ComponentStatus, news: Notice) -> dict:
    api = statuspage_at(build, component.environment, news.at)
    return component_update_body(api, component, old, new, news.entry)
