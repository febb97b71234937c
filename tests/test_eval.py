import json

from readout.evaluate import Item, evaluate, match


def item(s, t, code, plover=None, date=None, place=None):
    return Item(s, t, code, plover, date, place, "asserted")


def test_matching_is_one_to_one_per_level():
    gold = [item("USA", "JPN", "042"), item("JPN", "USA", "043"), item("USA", "CHN", "111")]
    pred = [item("USA", "JPN", "040"), item("USA", "JPN", "040"), item("USA", "CHN", "112")]
    root, _ = match(gold, pred, "root")
    assert (root.tp, root.gold, root.pred) == (2, 3, 3)
    code, _ = match(gold, pred, "code")
    assert code.tp == 0
    dyad, _ = match(gold, pred, "dyad")
    assert dyad.tp == 2
    assert round(root.precision, 3) == 0.667 and round(root.recall, 3) == 0.667


def test_evaluate_scores_an_inline_gold_file(tmp_path, coder):
    gold = tmp_path / "g.jsonl"
    gold.write_text(json.dumps({
        "id": "t1", "date": "2021-03-16",
        "text": "Secretary of State Antony Blinken met with Japanese Foreign Minister Toshimitsu Motegi in Tokyo. "
                "Blinken condemned North Korea's missile launches.",
        "events": [
            {"source": ["USA"], "target": ["JPN"], "cameo": "042", "plover": "CONSULT", "date": "2021-03-16",
             "place": "JPN"},
            {"source": ["JPN"], "target": ["USA"], "cameo": "043", "plover": "CONSULT", "date": "2021-03-16",
             "place": "JPN"},
            {"source": ["USA"], "target": ["PRK"], "cameo": "111", "plover": "ACCUSE", "date": "2021-03-16"},
        ]}) + "\n" + "{not json\n")
    report, errors = evaluate(gold, coder)
    expected = f"{gold}:2: invalid JSON at column 2: Expecting property name enclosed in double quotes"
    assert [str(e) for e in errors] == [expected]
    root = report.levels["root"]
    assert root.gold == 3
    assert root.tp == 3 and root.pred == 3
    assert report.fields["place"]["correct"] == 2
    assert report.roots["11"].tp == 1
