"""The scorer: gold files in, precision / recall / F1 out.

A gold file has one document a line: its text (or a corpus id and file), its date, and the events an expert coder
found (see ``docs/coding-guide.md`` and the README). Events, gold and coded, are expanded into directed dyads (one
per source country and target country) and matched one to one within each document, at several levels:
``dyad`` (source and target), ``root`` (+ CAMEO root), ``code`` (+ full CAMEO code), ``plover`` (+ PLOVER type).
Over the dyads matched at root level, the date, place and modality are scored as accuracies.
"""

from __future__ import annotations

import gzip
import json
import os
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from readout.errors import InputError
from readout.evaluate_actors import FIELDS as ACTOR_FIELDS
from readout.evaluate_actors import ActorScores, format_actor_misses, format_actor_report, score_actors
from readout.evaluate_misses import MISS_KINDS, miss_kind
from readout.knowledge import KnowledgeBase
from readout.ontology import cameo
from readout.records import CodedDocument, Document, Event, expand_dyads

LEVELS = ("dyad", "root", "code", "plover")


@dataclass
class GoldDoc:
    id: str
    text: str
    date: str | None
    events: list[dict[str, Any]] | None  # None: the line scores actors only
    corpus: str = ""
    title: str = ""
    source: str = ""
    actors: list[dict[str, Any]] | None = None


@dataclass(frozen=True)
class Item:
    """One directed dyad of one event."""

    source: str
    target: str
    code: str
    plover: str | None
    date: str | None
    place: str | None
    modality: str

    def key(self, level: str) -> tuple:
        base = (self.source, self.target)
        return {"dyad": base, "root": (*base, self.code[:2]), "code": (*base, self.code),
                "plover": (*base, self.plover)}[level]


def corpus_dirs(gold_path: Path) -> list[Path]:
    env = os.environ.get("READOUT_CORPUS")
    found = [Path(env)] if env else []
    parents = gold_path.resolve().parents  # tests/gold/x.jsonl in a checkout: ../shared/corpus beside the project
    beside = [parents[2].parent / "shared" / "corpus"] if len(parents) > 2 else []
    return found + beside + [Path("../shared/corpus")]


class CorpusIndex:
    """Texts of corpus documents by file and id, read on demand."""

    def __init__(self, dirs: list[Path]):
        self.dirs = dirs
        self.files: dict[str, dict[str, dict]] = {}

    def get(self, corpus: str, doc_id: str) -> dict | None:
        if corpus not in self.files:
            found = next((d / corpus for d in self.dirs if (d / corpus).exists()), None)
            self.files[corpus] = {str(obj.get("id")): obj for obj in corpus_records(found)} if found else {}
        return self.files[corpus].get(doc_id)


def corpus_records(path: Path) -> Iterator[dict[str, Any]]:
    """The records of a corpus file, one JSON object a line (``.gz``: gzipped)."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            yield json.loads(line)


def read_gold(path: str | Path) -> Iterator[GoldDoc | InputError]:
    path = Path(path)
    index = CorpusIndex(corpus_dirs(path))
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            where = f"{path}:{lineno}"
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as err:
                yield InputError(where, f"invalid JSON at column {err.colno}: {err.msg}")
                continue
            text = obj.get("text")
            title, source = obj.get("title", ""), obj.get("source", "")
            if text is None and obj.get("corpus"):
                found = index.get(obj["corpus"], str(obj.get("id")))
                if found is None:
                    yield InputError(where, f"document {obj.get('id')!r} not found in corpus file {obj['corpus']!r} "
                                            "(set READOUT_CORPUS to the corpus folder)")
                    continue
                text, title, source = found["text"], found.get("title", ""), found.get("source", "")
            if not isinstance(text, str):
                yield InputError(where, "no text and no corpus reference")
                continue
            events = obj.get("events", None if "actors" in obj else [])
            yield GoldDoc(str(obj.get("id", lineno)), text, obj.get("date"), events, obj.get("corpus", ""),
                          title or "", source or "", obj.get("actors"))


def gold_items(doc: GoldDoc) -> list[Item]:
    out = []
    for e in doc.events or []:
        for s, t in expand_dyads(e.get("source") or [], e.get("target") or []):
            out.append(Item(s, t, e["cameo"], e.get("plover"), e.get("date"), e.get("place"),
                            e.get("modality", "asserted")))
    return out


def coded_items(events: Iterable[Event]) -> list[Item]:
    out = []
    for e in events:
        for s, t in e.dyads():
            out.append(Item(s, t, e.cameo, e.plover_type, e.when.value if e.when else None,
                            e.where.country if e.where else None, e.modality))
    return out


@dataclass
class Counts:
    tp: int = 0
    gold: int = 0
    pred: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.gold += other.gold
        self.pred += other.pred

    @property
    def precision(self) -> float:
        return self.tp / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "tp": self.tp, "gold": self.gold, "predicted": self.pred}

    def row(self) -> str:
        """Precision, recall, F1, true positives, gold and coded, as the scorer's tables print them."""
        return f"{self.precision:9.3f} {self.recall:7.3f} {self.f1:6.3f} {self.tp:5d} {self.gold:5d} {self.pred:6d}"


# -- documents annotated twice, apart -----------------------------------------------------------------------------
# Two careful annotators disagree on many dyads, so one annotation alone is a noisy judge. Over documents two files
# annotate apart (matched by id; the gold the coder is scored on is their adjudication), at root level: the recall of
# the dyads *both* annotators wrote (the dyads the two annotations match one to one), and the precision *against
# either* (a coded dyad is right when it matches a dyad of the first annotation, or else one of the second that the
# first has no match for); and the annotators' own agreement, which bounds what can be measured.

DOUBLE_LEVEL = "root"


@dataclass
class DoubleScores:
    documents: int = 0
    both: Counts = field(default_factory=Counts)  # tp: coded dyads matching a dyad both wrote; gold: dyads both wrote
    either: Counts = field(default_factory=Counts)  # tp: coded dyads matching either annotation; pred: coded dyads
    agreement: Counts = field(default_factory=Counts)  # the first annotation as gold, the second as coded

    def add(self, first: list[Item], second: list[Item], coded: list[Item]) -> None:
        self.documents += 1
        agreed_counts, agreed = match(first, second, DOUBLE_LEVEL)
        self.agreement.add(agreed_counts)
        self.both.add(match([a for a, _ in agreed], coded, DOUBLE_LEVEL)[0])
        on_first = match(first, coded, DOUBLE_LEVEL)[1]
        rest = [c for c in coded if all(c is not p for _, p in on_first)]
        on_second = match(second, rest, DOUBLE_LEVEL)[1]
        self.either.add(Counts(len(on_first) + len(on_second), 0, len(coded)))

    def as_dict(self) -> dict[str, Any]:
        return {"documents": self.documents, "recall_of_both": round(self.both.recall, 4), "both": self.both.gold,
                "precision_against_either": round(self.either.precision, 4), "coded": self.either.pred,
                "annotators_root_f1": round(self.agreement.f1, 4)}

    def format(self) -> str:
        return (f"documents annotated twice: {self.documents}   annotators' agreement (root F1): "
                f"{self.agreement.f1:.3f}\n"
                f"  recall of the dyads both annotators wrote   {self.both.recall:6.3f}  "
                f"({self.both.tp} of {self.both.gold})\n"
                f"  precision against either annotation        {self.either.precision:6.3f}  "
                f"({self.either.tp} of {self.either.pred})\n")


@dataclass
class Report:
    documents: int = 0
    levels: dict[str, Counts] = field(default_factory=lambda: {lv: Counts() for lv in LEVELS})
    roots: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    fields: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    per_doc: list[dict[str, Any]] = field(default_factory=list)
    # (doc, [(missed, its kind)], spurious)
    misses: list[tuple[str, list[tuple[Item, str]], list[Item]]] = field(default_factory=list)
    miss_kinds: Counter = field(default_factory=Counter)  # missed dyads at root level by ``miss_kind``
    event_documents: int = 0
    actors: ActorScores = field(default_factory=ActorScores)
    double: DoubleScores | None = None  # over the documents two annotations (``evaluate``'s ``both``) cover

    def as_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "actors": self.actors.as_dict(),
            "events": {lv: c.as_dict() for lv, c in self.levels.items()},
            "roots": {r: c.as_dict() for r, c in sorted(self.roots.items())},
            "fields": {f: {"correct": c["correct"], "total": c["total"],
                           "accuracy": round(c["correct"] / c["total"], 4) if c["total"] else None}
                       for f, c in sorted(self.fields.items())},
            "missed": {k: self.miss_kinds[k] for k in MISS_KINDS},
            **({"double": self.double.as_dict()} if self.double is not None else {}),
        }


def match(gold: list[Item], pred: list[Item], level: str) -> tuple[Counts, list[tuple[Item, Item]]]:
    """One-to-one matching of items on the key of ``level``; returns counts and the matched pairs."""
    pool: dict[tuple, list[Item]] = defaultdict(list)
    for p in pred:
        pool[p.key(level)].append(p)
    pairs = []
    for g in gold:
        candidates = pool.get(g.key(level))
        if candidates:
            best = max(candidates, key=lambda p: (p.code == g.code, p.date == g.date, p.place == g.place))
            candidates.remove(best)
            pairs.append((g, best))
    return Counts(len(pairs), len(gold), len(pred)), pairs


def score_document(report: Report, doc: GoldDoc, coded: CodedDocument, kb: KnowledgeBase) -> None:
    """Add a coded document's scores to ``report``; ``kb``: the knowledge base it was coded with."""
    report.documents += 1
    if doc.actors is not None:
        score_actors(report.actors, doc.id, doc.actors, coded, kb)
    if doc.events is None:
        return
    report.event_documents += 1
    gold, pred = gold_items(doc), coded_items(coded.events)
    doc_counts = {}
    for level in LEVELS:
        counts, pairs = match(gold, pred, level)
        report.levels[level].add(counts)
        doc_counts[level] = counts
        if level == "root":
            matched_gold = {id(g) for g, _ in pairs}
            matched_pred = {id(p) for _, p in pairs}
            missed = [g for g in gold if id(g) not in matched_gold]
            mentioned = {a.country for a in coded.actors if a.country}
            kinds = [miss_kind(g, pred, mentioned) for g in missed]
            report.miss_kinds.update(kinds)
            report.misses.append((doc.id, list(zip(missed, kinds, strict=True)),
                                  [p for p in pred if id(p) not in matched_pred]))
            for g, p in pairs:
                for name, want, got in (("date", g.date, p.date), ("place", g.place, p.place),
                                        ("modality", g.modality, p.modality)):
                    if want is not None:
                        report.fields[name]["total"] += 1
                        report.fields[name]["correct"] += int(want == got)
            for root in {i.code[:2] for i in gold} | {i.code[:2] for i in pred}:
                g_r = [i for i in gold if i.code[:2] == root]
                p_r = [i for i in pred if i.code[:2] == root]
                report.roots[root].add(match(g_r, p_r, "root")[0])
    report.per_doc.append({"id": doc.id, **{lv: c.as_dict() for lv, c in doc_counts.items()}})


def evaluate(gold_path: str | Path, coder: Any = None,
             both: tuple[dict[str, GoldDoc], dict[str, GoldDoc]] | None = None) -> tuple[Report, list[InputError]]:
    """Code every gold document and score it. ``both``: two independent annotations of some of the documents, by id
    (``read_docs``), the coding of those documents scored against them as well (``Report.double``). Returns the
    report and the gold lines that could not be read."""
    if coder is None:
        from readout.coder import Coder

        coder = Coder()
    docs, errors = read_docs(gold_path)
    report = Report()
    documents = [Document(text=d.text, id=d.id, date=d.date, title=d.title, source=d.source) for d in docs]
    for d, coded in zip(docs, coder.code_many(documents), strict=True):
        score_document(report, d, coded, coder.kb)
        first, second = (both[0].get(d.id), both[1].get(d.id)) if both else (None, None)
        if first is not None and second is not None:
            report.double = report.double or DoubleScores()
            report.double.add(gold_items(first), gold_items(second), coded_items(coded.events))
    return report, errors


def read_docs(path: str | Path) -> tuple[list[GoldDoc], list[InputError]]:
    """The documents of a gold file, and the lines that could not be read."""
    docs: list[GoldDoc] = []
    errors: list[InputError] = []
    for item in read_gold(path):
        if isinstance(item, InputError):
            errors.append(item)
        else:
            docs.append(item)
    return docs, errors


def format_misses(report: Report) -> str:
    """Per document, the gold dyads the coder missed (with why, ``miss_kind``) and the coded dyads gold does not have
    (root level), then the missed dyads by kind, and the actor mentions resolved wrongly."""
    if report.actors.totals["found"] and not report.event_documents:
        return format_actor_misses(report.actors)
    lines = []
    for doc_id, missed, spurious in report.misses:
        if not missed and not spurious:
            continue
        lines.append(doc_id)
        lines += [f"  missed   {i.source}->{i.target} {i.code} {i.date or ''}  ({kind})" for i, kind in missed]
        lines += [f"  spurious {i.source}->{i.target} {i.code} {i.date or ''}" for i in spurious]
    total = sum(report.miss_kinds.values())
    lines += ["", f"missed dyads (root level) by why: {total}"]
    lines += [f"  {k:<18} {report.miss_kinds[k]:5d}  {report.miss_kinds[k] / total if total else 0:.2f}"
              for k in MISS_KINDS]
    text = "\n".join(lines) + "\n"
    return text + ("\n" + format_actor_misses(report.actors) if report.actors.totals["found"] else "")


def format_report(report: Report) -> str:
    lines = [f"documents: {report.documents}"]
    if report.actors.totals["found"]:
        lines += ["", format_actor_report(report.actors).rstrip()]
    if not report.event_documents:
        return "\n".join(lines) + "\n"
    lines += ["", "events (dyads)   precision  recall     f1    tp  gold  coded"]
    for level, c in report.levels.items():
        lines.append(f"  {level:<14} {c.row()}")
    lines += ["", "per CAMEO root    precision  recall     f1    tp  gold  coded"]
    for root, c in sorted(report.roots.items()):
        label = cameo.roots().get(root, ("?", 0))[0][:10]
        lines.append(f"  {root} {label:<11} {c.row()}")
    lines += ["", "fields (of dyads matched at root level)   accuracy  correct / total"]
    for name, tally in sorted(report.fields.items()):
        acc = tally["correct"] / tally["total"] if tally["total"] else 0.0
        lines.append(f"  {name:<40} {acc:8.3f}  {tally['correct']:5d} / {tally['total']}")
    if report.double is not None:
        lines += ["", report.double.format().rstrip()]
    return "\n".join(lines) + "\n"


def format_side_by_side(reports: dict[str, Report]) -> str:
    """Several gold files' scores, one row a file and level (``readout eval dev.jsonl test.jsonl``): events for
    the files with events, actor mentions for the files with actors."""
    lines: list[str] = []
    events = {name: r for name, r in reports.items() if r.event_documents}
    if events:
        lines.append("events (dyads)    file                          precision  recall     f1  gold  coded")
        for level in LEVELS:
            for name, r in events.items():
                c = r.levels[level]
                lines.append(f"  {level:<15} {name[-28:]:<28} {c.precision:9.3f} {c.recall:7.3f} {c.f1:6.3f} "
                             f"{c.gold:5d} {c.pred:6d}")
    actors = {name: r.actors for name, r in reports.items() if r.actors.totals["found"]}
    if actors:
        head = "actors (gold mentions)  file                          accuracy  correct / total"
        lines += [""] * bool(lines) + [head]
        for field_name in ACTOR_FIELDS:
            for name, a in actors.items():
                lines.append(f"  {field_name:<21} {name[-28:]:<28} {a.accuracy(field_name):9.3f}  "
                             f"{a.correct[field_name]:5d} / {a.totals[field_name]}")
    for name, r in reports.items():
        if r.double is not None:
            lines += ["", f"{name}: " + r.double.format().rstrip()]
    return "\n".join(lines) + "\n"
