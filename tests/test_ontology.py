"""The project's own CAMEO and PLOVER tables, cross-checked against the codebooks in ../shared/reference."""

from __future__ import annotations

import re

from readout.ontology import cameo
from tests.conftest import need_shared


def reference_goldstein() -> dict[str, float]:
    lines = need_shared("reference", "cameo-goldstein.tsv").read_text().splitlines()[1:]
    return {c: float(g) for c, g in (line.split("\t") for line in lines)}


def reference_labels() -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for line in need_shared("reference", "cameo-codefile.txt").read_text().splitlines():
        m = re.match(r"LABEL:\s*(\d+)=\s*(.*)", line)
        if m:
            out.setdefault(m.group(1), set()).add(m.group(2).strip())
    return out


def reference_plover() -> dict[str, str]:
    out = {}
    for line in need_shared("reference", "cameo-to-plover-2021.txt").read_text().splitlines():
        m = re.match(r"(\d{3,4}):\s*([A-Z]+)\s*,", line)
        if m:
            out.setdefault(m.group(1), m.group(2))
    return out


def test_every_code_has_the_reference_goldstein_score():
    ref = reference_goldstein()
    checked = 0
    for code, c in cameo.codes().items():
        if code in ref:
            assert c.goldstein == ref[code], code
            checked += 1
    assert checked >= 250


def test_every_labelled_reference_code_is_in_the_table():
    labels = reference_labels()
    ours = cameo.codes()
    missing = [c for c in labels if c not in ours]
    assert not missing
    for code, variants in labels.items():
        assert ours[code].label in variants | {"Make empathetic comment"}, code


def test_plover_types_follow_the_crosswalk():
    ref = reference_plover()
    for code, plover in ref.items():
        if code in cameo.codes():
            assert cameo.plover_type(code) == plover, code


def test_roots_and_quad_classes():
    assert cameo.quad_class("044") == 1
    assert cameo.quad_class("061") == 2
    assert cameo.quad_class("111") == 3
    assert cameo.quad_class("190") == 4
    assert cameo.plover_type("020") == "REQUEST"  # readout's convention for appeals
    assert cameo.plover_type("010") is None  # PLOVER drops statements


def test_intentions_map_to_03x():
    assert cameo.as_intention("040") == "036"
    assert cameo.as_intention("060", {"trade"}) == "0311"
    assert cameo.as_intention("060", {"terrorism"}) == "0312"
    assert cameo.as_intention("060") == "030"
    assert cameo.as_intention("051") == "032"
    assert cameo.as_intention("163") == "1312"
    assert cameo.as_intention("111") == "111"


def test_refusals_map_to_12x():
    assert cameo.as_refusal("085") == "1244"
    assert cameo.as_refusal("040") == "125"
    assert cameo.as_refusal("061") == "1211"
    assert cameo.as_refusal("190") == "190"


def reference_codes() -> set[str]:
    """Every code the CAMEO codebook names: its labelled codes and the roots its headings name ("//02: APPEAL")."""
    text = need_shared("reference", "cameo-codefile.txt").read_text()
    return set(reference_labels()) | set(re.findall(r"^//\s*(\d\d)\s*[:=]", text, re.M))


def test_code_groups_name_codes_of_the_codebook():
    codes = reference_codes()
    groups = cameo.groups()
    assert {"judging", "appeals", "punitive", "patient", "inherit_target", "no_recipient"} <= set(groups)
    for name, members in groups.items():
        assert members, name
        unknown = [c for c in members if c not in codes]
        assert not unknown, f"group {name}: {unknown} are not CAMEO codes"


def test_threat_crosswalk_names_codes_of_the_codebook():
    codes = reference_codes()
    rows = cameo._rows("threat.tsv")
    assert rows
    for r in rows:
        assert r["from"] in codes, r
        assert r["code"] in codes and r["code"].startswith("13"), r  # what it maps to is a threat


def test_threats_take_their_kind_from_what_is_threatened():
    assert cameo.as_threat("163") == "1312"  # sanctions
    assert cameo.as_threat("1631") == "1312"
    assert cameo.as_threat("165") == "131"  # another reduction of relations
    assert cameo.as_threat("190") == "138"  # force
    assert cameo.as_threat("080") == "130"  # anything else: a threat in general


def test_an_unknown_group_is_an_error():
    import pytest

    with pytest.raises(KeyError):
        cameo.group("no such group")
