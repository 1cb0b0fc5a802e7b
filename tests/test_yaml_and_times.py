"""The two places where content is most easily misread: YAML scalars and times.

No Pelican here: these call the loader and the time functions directly.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from varde.parsing.yamlsource import YamlSyntaxError, load
from varde.times import TimeValueError, build_now, localize, parse_time

OSLO = ZoneInfo("Europe/Oslo")


# -- YAML: only true/false/null are guessed ---------------------------------


@pytest.mark.parametrize(
    "scalar",
    [
        "10:30",
        "no",
        "yes",
        "on",
        "off",
        "No",
        "1.10",
        "2024",
        "0x1F",
        "1e3",
        "0777",
        "2024-06-06",
        "2024-06-06 10:57",
        ".inf",
        ".nan",
        "=",
        "<<",
    ],
)
def test_scalars_other_than_booleans_and_null_stay_text(scalar):
    """`10:30` is not 630 minutes, `no` is not False (the Norway problem),
    `1.10` is not 1.1: a value reaches the schema exactly as written."""
    data = load(f"key: {scalar}\n", "f.yaml")
    assert data == {"key": scalar}
    assert type(data["key"]) is str


@pytest.mark.parametrize(
    "scalar, expected",
    [
        ("true", True),
        ("True", True),
        ("TRUE", True),
        ("false", False),
        ("False", False),
        ("FALSE", False),
    ],
)
def test_true_and_false_are_booleans(scalar, expected):
    """Flags such as `only_show_if_affected: true` are booleans."""
    assert load(f"key: {scalar}\n", "f.yaml")["key"] is expected


@pytest.mark.parametrize(
    "text",
    ["key: ~\n", "key: null\n", "key: Null\n", "key:\n", "key: \n"],
    ids=["tilde", "null", "Null", "empty", "blank"],
)
def test_null_forms_are_none(text):
    """An empty value, `~` and `null` all mean "not given"."""
    data = load(text, "f.yaml")
    assert "key" in data and data["key"] is None


def test_quoted_values_stay_text_even_when_they_look_boolean():
    """Quoting is how a person says "this is text"."""
    assert load("a: \"true\"\nb: 'null'\n", "f.yaml") == {"a": "true", "b": "null"}


def test_an_empty_document_is_none():
    assert load("", "f.yaml") is None


def test_duplicate_keys_are_refused_naming_both_lines():
    """YAML would silently keep the last `title`; the person must hear of both."""
    with pytest.raises(YamlSyntaxError) as caught:
        load("title: One\nimpact: none\ntitle: Two\n", "content/incidents/x.md", first_line=2)
    problem = caught.value.problem
    assert problem.origin.path == "content/incidents/x.md"
    assert problem.origin.line == 4
    assert "'title'" in problem.message
    assert "first on line 2" in problem.message


def test_duplicate_keys_in_a_nested_mapping_are_refused():
    with pytest.raises(YamlSyntaxError) as caught:
        load("affected:\n  login: major_outage\n  login: degraded_performance\n", "x.md", first_line=2)
    assert caught.value.problem.origin.line == 4
    assert "first on line 3" in caught.value.problem.message


def test_lines_of_keys_and_list_items_are_file_lines():
    """Front matter starts on line 2 of the file (after `---`); every key and
    item knows its file line, so problems point where the person must look."""
    text = (
        "title: Login is down\n"  # 2
        "affected:\n"  # 3
        "  login: major_outage\n"  # 4
        "  network: partial_outage\n"  # 5
        "updates:\n"  # 6
        "  - at: 2026-03-12 08:05\n"  # 7
        "    status: investigating\n"  # 8
        "\n"  # 9
        "  - at: 2026-03-12 09:00\n"  # 10
        "    status: resolved\n"  # 11
        "tags: [a, b]\n"  # 12
    )
    data = load(text, "x.md", first_line=2)
    assert data.line == 2
    assert data.line_of("title") == 2
    assert data.line_of("updates") == 6
    assert data["affected"].line_of("login") == 4
    assert data["affected"].line_of("network") == 5
    assert data["updates"].lines == [7, 10]
    assert data["updates"][1].line_of("status") == 11
    assert data["tags"].lines == [12, 12]


def test_a_syntax_error_names_the_file_line():
    """A YAML error's line counts from the file's first line, not the front matter's."""
    with pytest.raises(YamlSyntaxError) as caught:
        load("title: ok\ntext: a: b\n", "content/incidents/x.md", first_line=2)
    assert caught.value.problem.origin.path == "content/incidents/x.md"
    assert caught.value.problem.origin.line == 3
    assert "not valid YAML" in caught.value.problem.message


@pytest.mark.parametrize(
    ("block", "mistake"),
    [
        ("affected:\n    login: major_outage\n  portal: degraded_performance\n", 7),  # a key too far in
        ("updates:\n    - at: 2026-03-12 10:00\n    status: investigating\n", 7),  # an item too far in
        ("affected:\nlogin: major_outage\n  portal: degraded_performance\n", 7),  # a key not in at all
        ("affected:\n  login: major_outage\n    portal: degraded_performance\n", 8),  # the second one too far
        ("affected:\n  login: major_outage\n portal: degraded_performance\n", 8),  # the second one not far enough
    ],
)
def test_an_indentation_error_names_the_line_of_the_mistake(block, mistake):
    """Issue 22, item 5: the first key of a block indented too far was
    reported on the line after it, whose indentation is right."""
    text = "title: Login fails\nupdates:\n  - at: 2026-03-12 10:00\n    status: investigating\n" + block
    with pytest.raises(YamlSyntaxError) as caught:
        load(text, "content/incidents/x.md", first_line=2)
    assert caught.value.problem.origin.line == mistake


@pytest.mark.parametrize(
    "text",
    [
        "key: !!python/object:os.system echo\n",
        "key: !!python/object:os.system {}\n",
        "key: !!python/object/apply:os.system [echo hi]\n",
        "key: !!python/name:os.system\n",
        "key: !!binary aGk=\n",
        "key: !custom value\n",
        "!!set {a, b}\n",
        "key: !!omap [a: 1]\n",
    ],
    ids=[
        "python-object-scalar",
        "python-object-mapping",
        "python-apply-sequence",
        "python-name",
        "binary",
        "local-tag",
        "set-document",
        "omap",
    ],
)
def test_explicit_tags_are_refused(text):
    """Content is plain data: a tag asking for a Python object (or any other
    type the schema does not know) is an error, never silently accepted."""
    with pytest.raises(YamlSyntaxError) as caught:
        load(text, "x.md", first_line=2)
    assert "tag" in caught.value.problem.message


# -- Times ------------------------------------------------------------------


def in_oslo(moment: datetime) -> tuple[datetime, timedelta]:
    """What a reader in Oslo sees: the wall-clock time and its offset (whatever
    tzinfo object carries them)."""
    assert moment.tzinfo is not None, "times must be timezone-aware"
    return moment.replace(tzinfo=None), moment.utcoffset()


@pytest.mark.parametrize(
    "value, wall",
    [
        ("2024-06-06T10:57:00+02:00", datetime(2024, 6, 6, 10, 57)),
        ("2024-06-06 10:57+02:00", datetime(2024, 6, 6, 10, 57)),
        ("2024-06-06 10:57", datetime(2024, 6, 6, 10, 57)),
        ("2024-06-06 10:57:30", datetime(2024, 6, 6, 10, 57, 30)),
        (" 2024-06-06 10:57 ", datetime(2024, 6, 6, 10, 57)),
    ],
    ids=["iso-T-offset", "space-offset", "local", "local-seconds", "surrounding-spaces"],
)
def test_every_documented_time_form_is_accepted(value, wall):
    """The forms content-format.md promises all parse, to a time in the site's zone."""
    moment = parse_time(value, OSLO)
    assert in_oslo(moment) == (wall, timedelta(hours=2))
    assert moment == (wall - timedelta(hours=2)).replace(tzinfo=UTC)


def test_a_naive_datetime_is_local_time():
    """YAML may hand over a datetime: without a zone it is the site's wall clock."""
    moment = parse_time(datetime(2024, 1, 15, 9, 0), OSLO)
    assert in_oslo(moment) == (datetime(2024, 1, 15, 9, 0), timedelta(hours=1))
    assert moment.astimezone(UTC) == datetime(2024, 1, 15, 8, 0, tzinfo=UTC)


def test_an_aware_datetime_keeps_its_instant_in_the_site_zone():
    moment = parse_time(datetime(2024, 6, 6, 8, 57, tzinfo=UTC), OSLO)
    assert in_oslo(moment) == (datetime(2024, 6, 6, 10, 57), timedelta(hours=2))


@pytest.mark.parametrize(
    "value, offset",
    [
        ("2024-06-06 10:57", timedelta(hours=2)),
        ("2024-01-15 10:57", timedelta(hours=1)),
    ],
    ids=["june-cest", "january-cet"],
)
def test_a_local_time_gets_the_zones_offset_for_its_date(value, offset):
    """Summer time is CEST (+02:00), winter time CET (+01:00)."""
    assert parse_time(value, OSLO).utcoffset() == offset


def test_an_explicit_offset_is_converted_into_the_site_zone():
    """A time written with another offset is the same instant, shown as Oslo time."""
    moment = parse_time("2024-06-06 08:57+00:00", OSLO)
    assert in_oslo(moment) == (datetime(2024, 6, 6, 10, 57), timedelta(hours=2))
    assert moment == datetime(2024, 6, 6, 8, 57, tzinfo=UTC)
    assert parse_time("2024-06-06T03:57:00-05:00", OSLO) == moment


def test_the_autumn_fall_back_hour_means_its_first_occurrence():
    """02:30 happens twice on 2026-10-25 in Oslo; the first (still CEST) is meant."""
    moment = parse_time("2026-10-25 02:30", OSLO)
    assert in_oslo(moment) == (datetime(2026, 10, 25, 2, 30), timedelta(hours=2))
    assert moment.astimezone(UTC) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    localized = localize(datetime(2026, 10, 25, 2, 30), OSLO)
    assert localized.utcoffset() == timedelta(hours=2)
    assert localized.astimezone(UTC) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)


def test_a_time_in_the_spring_forward_gap_is_an_error():
    """02:30 on 2026-03-29 never happened in Oslo; guessing would shift the timeline."""
    with pytest.raises(TimeValueError, match="does not exist in Europe/Oslo"):
        parse_time("2026-03-29 02:30", OSLO)
    with pytest.raises(TimeValueError):
        localize(datetime(2026, 3, 29, 2, 30), OSLO)


def test_times_around_the_spring_gap_are_fine():
    """The gap is one hour: 01:59 and 03:00 exist (negative control)."""
    assert parse_time("2026-03-29 01:59", OSLO).utcoffset() == timedelta(hours=1)
    assert parse_time("2026-03-29 03:00", OSLO).utcoffset() == timedelta(hours=2)


@pytest.mark.parametrize(
    "value",
    [
        "yesterday",
        "2026-13-40 10:00",
        "2026-02-30 10:00",
        "2024-06-06 25:00",
        "2024-06-06",
        "10:57",
        "06.06.2024 10:57",
        "2024-06-06 10:57+99:99",
        "",
    ],
)
def test_a_time_that_does_not_parse_is_a_time_value_error(value):
    """The message is for a person: it raises TimeValueError, which the reader
    turns into `path:line: ...`."""
    with pytest.raises(TimeValueError):
        parse_time(value, OSLO)


@pytest.mark.parametrize(
    "value",
    ["0001-01-01 00:00", "0001-01-01 00:00+14:00", "9999-12-31 23:59-14:00"],
    ids=["year-1-local", "year-1-offset", "year-9999-offset"],
)
def test_a_time_beyond_the_calendar_is_a_time_value_error_not_a_crash(value):
    """Matching the pattern is not enough: a time whose instant Python cannot
    hold must still be a TimeValueError (else `varde check` shows a traceback)."""
    with pytest.raises(TimeValueError):
        parse_time(value, OSLO)


# -- Now --------------------------------------------------------------------


def _clock_not_to_be_read() -> float:
    raise AssertionError("the clock was read although SOURCE_DATE_EPOCH was set")


def test_source_date_epoch_is_now_and_the_clock_is_not_read():
    """A build with SOURCE_DATE_EPOCH=T shows the site as it stood at T."""
    now = build_now({"SOURCE_DATE_EPOCH": "1700000000"}, _clock_not_to_be_read)
    assert now == datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)
    assert now.tzinfo is not None


def test_without_source_date_epoch_the_clock_is_now():
    now = build_now({}, lambda: 5.0)
    assert now == datetime(1970, 1, 1, 0, 0, 5, tzinfo=UTC)


@pytest.mark.parametrize("raw", ["yesterday", "1.5e9", "1700000000.5", "12abc", "99999999999999999999999"])
def test_an_invalid_source_date_epoch_is_a_time_value_error(raw):
    """A bad value is reported, never taken as "no value" (that would build
    a site for the wrong instant without a word)."""
    with pytest.raises(TimeValueError, match="SOURCE_DATE_EPOCH"):
        build_now({"SOURCE_DATE_EPOCH": raw}, _clock_not_to_be_read)
