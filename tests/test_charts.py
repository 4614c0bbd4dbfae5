"""Pictures: the data behind each picture, and the SVG files drawn from it (charts.py,
networks.py, draw.py, draw_timeline.py, draw_maps.py, geo.py). No MkDocs here; the built
site is checked in test_pictures_site.py.
"""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest

from generator import arcs, charts, draw, draw_maps, geo, indexes, networks, pictures, vocab
from generator.archive import Archive, load_archive
from generator.config import Settings

PROJECT = Path(__file__).resolve().parents[1]
HOSTILE = Path(__file__).parent / "cases" / "hostile" / "accepted"
SEED = "2018-07-10-islamabad-intel-chiefs-meeting"
SVG = "{http://www.w3.org/2000/svg}"
LIMIT = 150_000  # bytes: the size target of one picture


@pytest.fixture(scope="module")
def archive() -> Archive:
    return load_archive(Settings(root=PROJECT))


@pytest.fixture(scope="module")
def files(archive: Archive) -> dict[str, bytes]:
    return pictures.images(archive)


def seed(archive: Archive):
    return archive.by_id[SEED].event


def svg_tree(data: bytes) -> ET.Element:
    root = ET.fromstring(data)
    assert root.tag == f"{SVG}svg"
    return root


def texts(data: bytes) -> list[str]:
    return [t.text or "" for t in svg_tree(data).iter(f"{SVG}text")]


def inert(path: str, data: bytes) -> None:
    """No script, no foreign content, no event handler, no link out of the file."""
    for element in svg_tree(data).iter():
        assert element.tag.removeprefix(SVG) not in {"script", "foreignObject", "a"}, path
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (path, name)
            if name.endswith("href"):
                assert value.startswith("#"), (path, value)


# ---- which pictures exist ----------------------------------------------------------------


def test_the_example_archive_gets_every_picture(archive, files):
    expected = {charts.MAP, charts.TIMELINE, networks.ACTORS, networks.NETWORK_KEY}
    expected |= {charts.country_timeline(code) for code in indexes.build(archive).countries}
    for record in archive.published:
        expected.add(charts.locator(record.event))
        expected.add(networks.event_network(record.event))
    assert set(files) == expected


def test_every_picture_is_small_inert_svg(files):
    for path, data in files.items():
        assert len(data) < LIMIT, path
        inert(path, data)


def test_pictures_are_the_same_bytes_every_time(archive, files):
    assert pictures.images(archive) == files


def test_an_empty_archive_has_no_pictures():
    assert pictures.images(Archive((), {})) == {}


# ---- timeline ----------------------------------------------------------------------------


def test_timeline_counts_events_per_month_and_type(archive):
    months = charts.timeline(archive.published)
    assert [m.key for m in months] == ["2017-12", "2018-07", "2021-09", "2023-04"]
    july = months[1]
    assert july.total == 3
    assert july.by_type == "Explosions/Remote violence 1, Strategic developments 2"
    assert july.label == "July 2018"


def test_timeline_draws_every_month_between_first_and_last(archive):
    months = charts.timeline(archive.published)
    drawn = charts._month_range(months[0].key, months[-1].key)
    assert drawn[:3] == ["2017-12", "2018-01", "2018-02"] and drawn[-1] == "2023-04"
    assert len(drawn) == 65


def test_timeline_labels_the_years_on_its_axis(files):
    labels = texts(files[charts.TIMELINE])
    assert {"2018", "2020", "2023"} <= set(labels)
    assert "Strategic developments" in labels  # the legend names the event types


# ---- maps --------------------------------------------------------------------------------


def test_countries_are_counted_as_on_the_by_country_pages(archive):
    index = indexes.build(archive)
    rows = charts.country_counts(index)
    assert rows[0].code == "PK" and rows[0].held == 2  # the two Islamabad meetings
    assert rows[0].events == len(index.countries["PK"])
    assert {r.code: r.events for r in rows} == {k: len(v) for k, v in index.countries.items()}
    held = {r.code: r.held for r in rows if r.held}
    assert held == dict(Counter(r.event.location.country for r in archive.published))
    assert all(r.on_map for r in rows)


def test_the_map_shades_where_events_were_held_and_outlines_the_others(archive):
    places, involved, points, _ = charts.map_args(indexes.build(archive), archive.published)
    assert places == {"PK": 2, "AF": 1, "US": 1, "RU": 1, "UZ": 1}
    assert {"CN", "IN", "IR"} <= set(involved) and not set(involved) & set(places)
    data = draw_maps.world_map(places, involved, points, "Events by country")
    fills = {p.get("style", "") for p in svg_tree(data).iter(f"{SVG}path")}
    shades = {c for c in draw_maps.SHADES if any(f"fill: {c}" in f for f in fills)}
    assert shades == {c.colour for c in draw_maps.bins(2)}  # one shade per class, no more
    assert any(f"stroke: {draw_maps.INVOLVED}" in f and "fill: none" in f for f in fills)
    # The dots: one marker for single events, a larger one for Islamabad's two.
    assert data.count(draw_maps.MARKER.encode()) >= 2


def test_map_points_merge_nearby_events(archive):
    points = charts.map_points(archive.published)
    assert (73.0, 33.5, 2) in points  # the two Islamabad meetings
    assert sum(n for _, _, n in points) == 6


def test_country_shapes_come_with_the_package_and_project_inside_the_world():
    shapes = geo.shapes()
    assert {"AF", "PK", "RU", "US", "NO"} <= set(shapes)
    assert "AQ" not in shapes
    x, y = geo.project(180, 0)
    assert x == pytest.approx(2.7066, abs=1e-3) and y == 0
    assert geo.project(0, 90)[1] == pytest.approx(1.3174, abs=1e-3)


def test_count_classes_cover_every_count():
    for largest in (1, 2, 3, 7, 40, 10_000):
        classes = draw_maps.bins(largest)
        for n in range(1, min(largest, 300) + 1):
            assert draw_maps._colour(n, classes) in draw_maps.SHADES
        assert classes[0].low == 1 and len(classes) <= len(draw_maps.SHADES)


def test_locator_images_are_shared_by_events_at_the_same_place(archive):
    event = seed(archive)
    assert charts.locator(event) == "img/places/pk-33.5n-73.0e.svg"
    moved = event.model_copy(update={"location": event.location.model_copy(update={"lat": None})})
    assert charts.locator(moved) == "img/places/pk.svg"
    west = event.location.model_copy(update={"lat": -12.04, "lon": -77.03, "country": "PE"})
    assert charts.locator(event.model_copy(update={"location": west})).endswith("12.0s-77.0w.svg")


def marker(data: bytes) -> tuple[float, float] | None:
    group = next((g for g in svg_tree(data).iter(f"{SVG}g") if g.get("id") == "event-marker"), None)
    if group is None:
        return None
    use = next(group.iter(f"{SVG}use"))
    return float(use.get("x")), float(use.get("y"))


def test_a_locator_moves_the_marker_of_one_drawn_map():
    locators = draw_maps.Locators()
    islamabad = marker(locators.svg("PK", (73.0, 33.7), "Pakistan"))
    karachi = marker(locators.svg("PK", (67.0, 24.9), "Pakistan"))
    assert islamabad and karachi
    assert karachi[0] < islamabad[0] and karachi[1] > islamabad[1]  # west and south
    assert (
        0 < islamabad[0] < draw_maps.Locators.WIDTH and 0 < islamabad[1] < draw_maps.Locators.HEIGHT
    )
    assert marker(locators.svg("PK", None, "Pakistan")) is None
    assert len(locators._bases) == 2  # one map with a marker, one without


def test_a_place_far_from_the_mainland_gets_a_world_locator():
    locators = draw_maps.Locators()
    hawaii = marker(locators.svg("US", (-157.9, 21.3), "United States"))
    assert hawaii and 0 < hawaii[0] < draw_maps.Locators.WIDTH


# ---- networks ----------------------------------------------------------------------------


def test_links_of_a_brief_come_from_membership_actions_and_relayed_statements(archive):
    links = {(link.a, link.relation, link.b) for link in networks.event_links(seed(archive))}
    assert ("ru_naryshkin", "member of", "ru_svr") in links
    assert ("ru_svr", "acts towards", "pk_intel") in links
    assert ("pk_intel", "acts about", "islamic_state") in links
    assert ("nation_sources", "relays", "ru_svr") in links
    assert not any(r == "acts together with" for _, r, _ in links)


def test_a_brief_network_needs_two_actors(archive):
    event = seed(archive)
    assert networks.has_network(event)
    one = dict(list(event.actors.items())[:1])
    assert not networks.has_network(event.model_copy(update={"actors": one}))


def test_members_sit_next_to_their_organisation(archive):
    order = networks._circle_order(seed(archive))
    assert order[:3] == ["ru_svr", "ru_naryshkin", "ru_svr_ivanov"]
    assert order.index("pk_mofa_faisal") == order.index("pk_mofa") + 1


def test_the_archive_network_links_actors_of_the_same_events(archive):
    index = indexes.build(archive)
    network = networks.archive_network(index)
    assert 2 <= len(network.actors) <= networks.NETWORK_SIZE
    assert all(
        a in network.actors and b in network.actors
        for a, b, _ in ((p.a, p.b, p.events) for p in network.pairs)
    )
    top = network.pairs[0]
    assert top.events >= 2  # e.g. Islamic State and António Guterres meet in two briefs
    events_a = {r.event.id for r, _, _ in index.actors[top.a].appearances}
    events_b = {r.event.id for r, _, _ in index.actors[top.b].appearances}
    assert len(events_a & events_b) == top.events
    assert networks.archive_network(index) is network  # worked out once per archive
    assert networks.archive_network(indexes.build(load_archive(Settings(root=PROJECT)))) == network


def test_long_names_are_drawn_by_their_shortest_alias():
    assert (
        networks.short_name("Foreign Intelligence Service of the Russian Federation", ["SVR"])
        == "SVR"
    )
    assert networks.short_name("Sergei Naryshkin", []) == "Sergei Naryshkin"
    long = networks.short_name("A" * 40, [])
    assert len(long) == 30 and long.endswith("…")


def test_hostile_actor_names_are_text_in_the_svg(archive):
    event = seed(archive)
    hostile = '<script>alert(1)</script><img src=x onerror="alert(2)"> & "quoted"'
    actors = dict(event.actors)
    actors["ru_svr"] = actors["ru_svr"].model_copy(update={"name": hostile, "aliases": []})
    data = networks.event_network_svg(event.model_copy(update={"actors": actors}))
    assert b"<script" not in data and b"<img" not in data
    drawn = texts(data)
    assert any(t.startswith("<script>alert(1)</script>") for t in drawn)  # as text, escaped


def test_remembered_text_sizes_leave_the_bytes_unchanged():
    def picture(size: int) -> bytes:  # right-aligned: where the text starts needs its width
        with draw.figure(3, 1) as fig:
            fig.text(0.9, 0.5, "Sergei Naryshkin", ha="right", fontsize=size)
            return draw.svg(fig, "Sizes")

    draw.TEXT_SIZES.clear()
    small = picture(8)
    draw.TEXT_SIZES.clear()
    large = picture(7)
    assert draw.TEXT_SIZES  # measured once, then remembered across pictures
    assert small != large
    assert picture(8) == small  # same text, another size: not mixed up
    assert picture(7) == large


def test_a_network_is_svg_with_a_dot_a_name_and_an_arc_each(archive):
    nodes, edges, title = networks.event_network_args(seed(archive))
    data = arcs.network(nodes, edges, title)
    tree = svg_tree(data)
    circles = list(tree.iter(f"{SVG}circle"))
    paths = list(tree.iter(f"{SVG}path"))
    assert [c.get("fill") for c in circles] == [n.colour for n in nodes]
    assert " ".join(texts(data)) == " ".join(n.label for n in nodes)  # whole, some in 2 lines
    assert len(paths) == len(edges) > 0
    for path, edge in zip(paths, edges, strict=True):
        assert path.get("stroke") == edge.colour
        dashed = path.get("stroke-dasharray")
        assert (dashed is None) == (edge.style == "-")
    assert next(tree.iter(f"{SVG}title")).text == title
    assert arcs.network(nodes, edges, title) == data  # deterministic


def test_network_names_never_overlap_and_fit_the_picture(archive):
    long = "Delhi Sikh Gurdwara Management Committee of Northern India"
    nodes = [arcs.Node(name, "#000000") for name in ("SVR", long, "W" * 80, "Sergei Naryshkin")]
    tree = svg_tree(arcs.network(nodes, [arcs.Edge(0, 3, 1.6, "--", "#0072b2")], "t"))
    ys = [float(t.get("y")) for t in tree.iter(f"{SVG}text")]
    assert ys == sorted(ys) and min(b - a for a, b in itertools.pairwise(ys)) >= arcs.LINE - 0.01
    for text in tree.iter(f"{SVG}text"):
        right = float(text.get("x")) + draw.text_width(text.text, arcs.SIZE)
        assert right <= arcs.WIDTH, text.text
    drawn = texts(arcs.network(nodes, [], "t"))
    assert drawn[1:3] == ["Delhi Sikh Gurdwara Management", "Committee of Northern India"]
    assert drawn[3].endswith("…") and len(drawn) == 5  # what two lines cannot hold is cut


def test_link_styles_differ_in_colour_width_and_dash():
    styles = [*networks._STYLES.values(), networks._ARCHIVE_STYLE]
    for part in range(3):  # width, dash, colour: each tells every relation apart
        assert len({style[part] for style in styles[:4]}) >= 3
    assert len({style[2] for style in styles}) == len(styles)
    assert len({(style[0], style[1]) for style in styles[:4]}) == 4


def test_colours_are_okabe_ito_without_look_alikes():
    okabe_ito = set(draw.PALETTE) | {"#000000"}
    types = list(charts._TYPE_COLOURS.values())
    assert len(set(types)) == len(types) == len(vocab.EventType)
    assert set(types) <= okabe_ito and "#f0e442" not in types  # no yellow on white
    assert not {"#e69f00", "#d55e00"} <= set(types)  # orange and vermillion: one of them
    assert {style[2] for style in networks._STYLES.values()} <= okabe_ito


def _font_sizes(tree: ET.Element) -> list[float]:
    """Every text's font size in the picture's own units: its style (matplotlib) or the
    font-size of its group (arcs.py)."""
    parents = {child: parent for parent in tree.iter() for child in parent}
    found = []
    for text in tree.iter(f"{SVG}text"):
        match = re.search(r"font(?:-size)?: (?:\w+ )*([\d.]+)px", text.get("style", ""))
        size = match.group(1) if match else None
        node: ET.Element | None = text
        while size is None and node is not None:
            size, node = node.get("font-size"), parents.get(node)
        assert size is not None, ET.tostring(text)
        found.append(float(size))
    return found


def test_picture_text_is_readable_on_a_phone(files):
    """Shown PHONE_COLUMN px wide, no text of any picture is smaller than MIN_TEXT px."""
    for path, data in files.items():
        tree = svg_tree(data)
        width = float(tree.get("viewBox").split()[2])
        sizes = _font_sizes(tree)
        if "places/" in path:
            assert sizes == [], path  # locator maps hold no text
            continue
        assert sizes, path
        smallest = min(sizes) * draw.PHONE_COLUMN / width
        assert smallest >= draw.MIN_TEXT, (path, smallest)


def test_text_xml_cannot_hold_becomes_a_replacement_character():
    data = arcs.network([arcs.Node("a\x01b\ufffec", "#000000")] * 2, [], "t\x0bt")
    assert texts(data) == ["a\ufffdb\ufffdc"] * 2
    assert next(svg_tree(data).iter(f"{SVG}title")).text == "t\ufffdt"


def test_the_hostile_corpus_draws_only_inert_svg():
    archive = load_archive(Settings(root=HOSTILE))
    found = pictures.images(archive)
    assert len(found) > 30
    for path, data in found.items():
        inert(path, data)  # and well-formed: no value broke out of its element


def test_timelines_count_what_each_record_says(tmp_path):
    import sys
    from collections import Counter

    sys.path.insert(0, str(PROJECT / "benchmarks"))
    import synth

    synthetic = load_archive(Settings(root=synth.write_archive(tmp_path / "synthetic", 150)))
    for records in [synthetic.published, *indexes.build(synthetic).countries.values()]:
        expected = Counter((r.event.date.month_key, r.event.event_type) for r in records)
        months = charts.timeline(records)
        assert [m.key for m in months] == sorted({month for month, _ in expected})
        found = Counter({(m.key, t): n for m in months for t, n in m.counts.items()})
        assert found == expected
        for m in months:  # types in the vocabulary's order, as the charts' legends
            assert list(m.counts) == [t for t in vocab.EventType if t in m.counts]
