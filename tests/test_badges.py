"""badges/*.svg: a status badge per component and one for the whole page."""

from __future__ import annotations

from builds import REPO, build_at
from lxml import etree
from support import SITES, copy_site, epoch, pelican

from varde.presentation.badges import INDICATOR_COLOURS, LABEL_COLOUR, STATUS_COLOURS, status_badges

SVG = "{http://www.w3.org/2000/svg}"


def badges_at(at: str, environment: int = 0, site=SITES / "healthnet", **settings) -> dict[str, str]:
    build = build_at(at, site, **settings)
    return status_badges(build, build.snapshots[environment])


def parsed(svg: str) -> etree._Element:
    return etree.fromstring(svg.encode("utf-8"), etree.XMLParser(resolve_entities=False, no_network=True))


def fill(svg: str) -> str:
    """The colour of the badge's status half."""
    return parsed(svg).findall(f"{SVG}rect")[1].get("fill")


def contrast(colour: str, other: str = "#ffffff") -> float:
    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(colour), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_one_badge_per_component_and_one_for_the_page():
    files = badges_at("2026-03-12T08:30+01:00")
    assert sorted(files) == sorted(
        [
            f"badges/{ident}.svg"
            for ident in (
                "network",
                "login",
                "portal",
                "record",
                "messaging",
                "catalogue",
                "prescribing",
                "customer-portal",
                "docstore",
            )
        ]
        + ["badges/status.svg"]
    )
    assert sorted(badges_at("2026-03-12T08:30+01:00", 1)) == ["badges/status.svg", "badges/test-login.svg"]


def test_a_badge_says_the_status_in_words_in_its_title_and_text():
    files = badges_at("2026-03-12T08:30+01:00")
    login = parsed(files["badges/login.svg"])
    assert login.find(f"{SVG}title").text == "National login: Major outage"
    assert login.get("role") == "img" and login.get("aria-label") == "National login: Major outage"
    assert [t.text for t in login.iter(f"{SVG}text")] == ["National login", "Major outage"]
    page = parsed(files["badges/status.svg"])
    assert page.find(f"{SVG}title").text == "Healthnet status: Partial System Outage"


def test_the_colour_follows_the_status():
    outage = badges_at("2026-03-12T08:30+01:00")
    assert fill(outage["badges/login.svg"]) == STATUS_COLOURS["major_outage"]
    assert fill(outage["badges/portal.svg"]) == STATUS_COLOURS["partial_outage"]
    assert fill(outage["badges/record.svg"]) == STATUS_COLOURS["degraded_performance"]
    assert fill(outage["badges/docstore.svg"]) == STATUS_COLOURS["operational"]
    assert fill(outage["badges/status.svg"]) == INDICATOR_COLOURS["major"]
    maintenance = badges_at("2026-05-20T17:00+02:00")
    assert fill(maintenance["badges/customer-portal.svg"]) == STATUS_COLOURS["under_maintenance"]
    assert fill(maintenance["badges/status.svg"]) == INDICATOR_COLOURS["maintenance"]
    quiet = badges_at("2026-08-01T12:00+02:00")
    assert {fill(svg) for svg in quiet.values()} == {STATUS_COLOURS["operational"]}
    assert len(set(STATUS_COLOURS.values())) == len(STATUS_COLOURS)


def test_white_text_is_readable_on_every_colour():
    for colour in (*STATUS_COLOURS.values(), LABEL_COLOUR):
        assert contrast(colour) >= 4.5, colour
    svg = parsed(badges_at("2026-03-12T08:30+01:00")["badges/login.svg"])
    assert svg.find(f"{SVG}g").get("fill") == "#ffffff"


def test_the_text_fits_its_half():
    for svg in badges_at("2026-03-12T08:30+01:00").values():
        root = parsed(svg)
        label_rect, value_rect = root.findall(f"{SVG}rect")
        label, value = root.iter(f"{SVG}text")
        assert int(label.get("textLength")) < int(label_rect.get("width"))
        assert int(value.get("textLength")) < int(value_rect.get("width"))
        assert int(label_rect.get("width")) + int(value_rect.get("width")) == int(root.get("width"))


def test_badges_are_small_self_contained_and_safe():
    for path, svg in badges_at("2026-03-12T08:30+01:00").items():
        root = parsed(svg)
        assert len(svg.encode()) < 2048, path
        tags = {element.tag for element in root.iter()}
        assert tags <= {f"{SVG}{name}" for name in ("svg", "title", "rect", "g", "text")}, path
        values = [value for element in root.iter() for value in element.attrib.values()]
        assert not any("http" in value or "url(" in value for value in values), path  # only xmlns is a URL
        assert "script" not in svg and "@font-face" not in svg and "href" not in svg


def test_names_with_markup_characters_are_escaped(tmp_path):
    site = copy_site("minimal", tmp_path)
    catalog = site / "content/components.yaml"
    catalog.write_text(catalog.read_text().replace("name: Citizen portal", 'name: "Portal <b> & \\"co\\""'))
    svg = badges_at("2026-04-01T12:00+02:00", site=site)["badges/portal.svg"]
    assert parsed(svg).find(f"{SVG}title").text == 'Portal <b> & "co": Operational'


def test_badges_speak_the_site_language_and_a_build_writes_them(tmp_path):
    files = badges_at("2026-11-22T12:00+01:00", site=REPO, site_name="Nordhelse driftsstatus", language="nb")
    assert parsed(files["badges/status.svg"]).find(f"{SVG}title").text == (
        "Nordhelse driftsstatus: Redusert ytelse i enkelte tjenester"
    )
    assert "Redusert ytelse" in files["badges/meldingstjeneste.svg"]
    site = copy_site("healthnet", tmp_path)
    run = pelican(site, at=epoch("2026-03-12T08:30+01:00"))
    assert run.returncode == 0, run.output
    assert "Major outage" in (site / "output/badges/login.svg").read_text()
    assert "Operational" in (site / "output/test/badges/test-login.svg").read_text()
