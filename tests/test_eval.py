import json

from readout.evaluate import Item, evaluate, match
from readout.evaluate_misses import miss_kind


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


def test_a_missed_dyad_is_told_why_from_what_the_coding_holds():
    coded = [item("USA", "JPN", "040"), item("CHN", "USA", "111"), item("RUS", "---", "112")]
    mentioned = {"USA", "JPN", "CHN", "RUS", "KOR"}
    assert miss_kind(item("USA", "JPN", "036"), coded, mentioned) == "other root"
    assert miss_kind(item("USA", "CHN", "112"), coded, mentioned) == "reversed"
    assert miss_kind(item("USA", "CHN", "057"), coded, mentioned) == "not linked"
    assert miss_kind(item("RUS", "JPN", "111"), coded, mentioned) == "not linked"
    assert miss_kind(item("KOR", "JPN", "042"), coded, mentioned) == "actor in no event"
    assert miss_kind(item("PRK", "USA", "190"), coded, mentioned) == "actor not found"
    assert miss_kind(item("USA", "---", "020"), coded, mentioned) == "not linked"  # an unknown side is never absent


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


def test_actor_scoring_matches_mentions_people_and_offices():
    from readout.evaluate_actors import ActorScores, locate, same_person, same_role, score_actors
    from readout.knowledge import load
    from readout.records import Actor, CodedDocument, Document

    assert same_role("President", "President of the European Council")
    assert same_role("Head of State", "King")
    assert not same_role("President", "Vice President") and not same_role("Prime Minister", "Minister")
    assert same_person("Joe Biden", "Joseph R. Biden") and same_person("Volodymyr Zelenskyy", "Volodymyr Zelensky")
    assert not same_person("Joe Biden", "Kamala Harris")
    text = "Foreign Minister Wang Yi met Minister Lavrov. Wang Yi said China supports Russia."
    assert locate(text, "Wang Yi", 2) == (text.rindex("Wang Yi"), text.rindex("Wang Yi") + 7)
    assert locate(text, "Wang Yi", 3) is None
    first = text.index("Foreign Minister Wang Yi")
    coded = CodedDocument(Document(text=text), actors=[
        Actor(text="Foreign Minister Wang Yi", country="CHN", sector="GOV", person="Wang Yi", role="Foreign Minister",
              span=(first, first + 24)),
        Actor(text="China", country="CHN", span=(text.index("China"), text.index("China") + 5))])
    gold = [{"text": "Foreign Minister Wang Yi", "n": 1, "country": "CHN", "sector": "GOV", "person": "Wang Yi",
             "role": "Foreign Minister"},
            {"text": "Minister Lavrov", "n": 1, "country": "RUS", "sector": "GOV", "person": "Sergey Lavrov",
             "role": "Foreign Minister"},
            {"text": "China", "n": 1, "country": "CHN", "sector": None, "person": None, "role": None},
            {"text": "nowhere in the text", "n": 1, "country": "USA", "sector": None, "person": None, "role": None}]
    scores = ActorScores()
    score_actors(scores, "d1", gold, coded, load())
    assert scores.totals == {"found": 3, "country": 3, "sector": 3, "person+role": 2}
    assert scores.correct == {"found": 2, "country": 2, "sector": 2, "person+role": 1}
    assert scores.unplaced == [("d1", "nowhere in the text")]


def test_a_double_annotation_scores_recall_of_both_and_precision_against_either():
    from readout.evaluate import DoubleScores

    first = [item("USA", "JPN", "042"), item("USA", "CHN", "111")]
    second = [item("USA", "JPN", "040"), item("RUS", "UKR", "190")]
    coded = [item("USA", "JPN", "042"), item("RUS", "UKR", "193"), item("FRA", "DEU", "010")]
    scores = DoubleScores()
    scores.add(first, second, coded)
    assert (scores.agreement.tp, scores.agreement.gold, scores.agreement.pred) == (1, 2, 2)  # USA->JPN 04 only
    assert (scores.both.tp, scores.both.gold) == (1, 1)  # the one dyad both wrote is found
    assert (scores.either.tp, scores.either.pred) == (2, 3)  # USA->JPN on the first, RUS->UKR on the second
    assert scores.as_dict()["precision_against_either"] == 0.6667


def test_eval_scores_files_side_by_side_with_a_second_annotation(tmp_path, capsys):
    from readout.cli import main

    text = "Secretary of State Antony Blinken met with Japanese Foreign Minister Toshimitsu Motegi in Tokyo."
    events = [{"source": ["USA"], "target": ["JPN"], "cameo": "042", "date": "2021-03-16", "place": "JPN",
               "modality": "asserted"},
              {"source": ["JPN"], "target": ["USA"], "cameo": "043", "date": "2021-03-16", "place": "JPN",
               "modality": "asserted"}]  # a visit: guest and host
    for name, evs in (("a.jsonl", events), ("b.jsonl", events + [{**events[0], "target": ["CHN"]}]),
                      ("second.jsonl", [{**events[0], "cameo": "040"}])):
        (tmp_path / name).write_text(json.dumps({"id": "t1", "date": "2021-03-16", "text": text, "events": evs})
                                     + "\n")
    args = ["eval", str(tmp_path / "a.jsonl"), str(tmp_path / "b.jsonl"),
            "--both", str(tmp_path / "a.jsonl"), str(tmp_path / "second.jsonl")]
    assert main(args) == 0
    out = capsys.readouterr().out
    rows = {tuple(line.split()[:2]): line.split()[2:] for line in out.splitlines() if line.startswith("  root ")}
    assert rows[("root", str(tmp_path / "a.jsonl")[-28:])][:3] == ["1.000", "1.000", "1.000"]
    assert rows[("root", str(tmp_path / "b.jsonl")[-28:])][:3] == ["1.000", "0.667", "0.800"]
    assert "recall of the dyads both annotators wrote    1.000  (1 of 1)" in out
    assert main(["eval", str(tmp_path / "b.jsonl"), "--misses"]) == 0
    out = capsys.readouterr().out
    assert "missed   USA->CHN 042 2021-03-16  (actor not found)" in out  # the text never names China
    assert "  actor not found        1  1.00" in out
    assert main([*args, "--format", "json"]) == 0
    scores = json.loads(capsys.readouterr().out)
    assert scores[str(tmp_path / "a.jsonl")]["double"]["annotators_root_f1"] == 0.6667  # 1 of 2 and 1 of 1


def test_eval_scores_actor_files_side_by_side(tmp_path, capsys):
    from readout.cli import main

    text = "Kenyan police arrested two Ugandan soldiers near Busia."
    right = [{"text": "Kenyan police", "n": 1, "country": "KEN", "sector": "COP", "person": None, "role": None}]
    wrong = [{**right[0], "country": "TZA"}]
    for name, actors in (("right.jsonl", right), ("wrong.jsonl", wrong)):
        (tmp_path / name).write_text(json.dumps({"id": "k1", "text": text, "actors": actors}) + "\n")
    assert main(["eval", str(tmp_path / "right.jsonl"), str(tmp_path / "wrong.jsonl")]) == 0
    out = capsys.readouterr().out
    assert "events (dyads)" not in out  # neither file has events
    rows = {tuple(line.split()[:2]): line.split()[2:] for line in out.splitlines() if line.startswith("  ")}
    assert rows[("country", str(tmp_path / "right.jsonl")[-28:])] == ["1.000", "1", "/", "1"]
    assert rows[("country", str(tmp_path / "wrong.jsonl")[-28:])] == ["0.000", "0", "/", "1"]
    assert rows[("sector", str(tmp_path / "wrong.jsonl")[-28:])] == ["1.000", "1", "/", "1"]
