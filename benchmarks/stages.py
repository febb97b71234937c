"""Where the coder's time goes: each component of the pipeline timed on its own, over every White House readout.

    .venv/bin/python benchmarks/stages.py [--limit N] [--knowledge DIR]

Runs the documents through the full pipeline one component at a time (each component over all documents, in
pipeline order), and prints the seconds each took and its share of the whole; readout's own stages are marked.
The actors stage is actor resolution. Timings are noisy on shared machines: compare shares within one run.

Then what parsing only some sentences could save, at best (issue: "parse only what can hold an event"). The parse
(tok2vec, tagger, parser, attribute ruler, lemmatizer) is the part that a sentence left out would not cost; NER is
needed everywhere for the people, dates and places later sentences refer to. Two selections are counted, in tokens,
over sentences as the parser splits them: those with a word that some event pattern's lemma can take
(``knowledge/data/events.tsv``, with the lemmatizer's exceptions and regular endings: what a cheap pre-filter
would have to parse), and those that hold the evidence of an event the coder coded (an oracle no pre-filter can
beat). The ceiling is the bare pipeline's time over the coder's with that share of the parse left out.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from readout.coder import Coder

HERE = Path(__file__).resolve().parent
DEFAULT = HERE.parent.parent / "shared" / "corpus" / "whitehouse-readouts.jsonl"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--knowledge", help="knowledge folder (e.g. one made by readout kb import)")
    args = ap.parse_args()
    if not args.corpus.exists():
        print(f"{args.corpus} is absent: this benchmark reads ../shared/corpus", file=sys.stderr)
        return 2
    from readout.coder import Coder
    from readout.records import Document

    docs = [json.loads(line) for line in args.corpus.open(encoding="utf-8")]
    if args.limit:
        docs = docs[: args.limit]
    coder = Coder(knowledge=args.knowledge)
    nlp = coder.nlp
    list(coder.code_many(Document(text=d["text"]) for d in docs[:4]))  # warm up
    t0 = time.perf_counter()
    made = [coder.make_doc(Document(text=d["text"], date=d.get("date"), source=d["source"])) for d in docs]
    timings = [("tokenizer (make_doc)", time.perf_counter() - t0, False)]
    for name, proc in nlp.pipeline:
        t0 = time.perf_counter()
        made = list(proc.pipe(made, batch_size=32)) if hasattr(proc, "pipe") else [proc(doc) for doc in made]
        timings.append((name, time.perf_counter() - t0, name.startswith("readout_")))
    total = sum(t for _, t, _ in timings)
    words = sum(len(d["text"].split()) for d in docs)
    print(f"corpus: {args.corpus.name}  documents: {len(docs)}  words: {words}")
    print(f"{'component':<24}{'seconds':>9}{'share':>8}")
    for name, t, ours in timings:
        print(f"{name + (' *' if ours else ''):<24}{t:>9.2f}{100 * t / total:>7.1f}%")
    ours = sum(t for _, t, o in timings if o)
    actors = sum(t for n, t, _ in timings if n in ("readout_gazetteer", "readout_actors"))
    print(f"{'total':<24}{total:>9.2f}")
    print(f"readout's stages (*): {100 * ours / total:.1f}% of the whole; actor resolution (gazetteer + actors): "
          f"{100 * actors / (total - actors):.1f}% on top of the rest")
    seconds = dict((n, t) for n, t, _ in timings)
    parse = sum(seconds.get(n, 0.0) for n in ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"))
    bare = sum(t for n, t, o in timings if not o)  # the bare pipeline: tokenizer and spaCy's own components
    forms = trigger_forms(coder)
    tokens = with_form = holding = 0
    for doc in made:
        evidence = [x.sentence for e in doc._.events or [] for x in e.evidence]
        for sent in doc.sents:
            tokens += len(sent)
            with_form += len(sent) * any(t.lower_ in forms for t in sent)
            holding += len(sent) * any(a < sent.end_char and sent.start_char < b for a, b in evidence)
    print(f"\nparse (tok2vec, tagger, parser, attribute ruler, lemmatizer): {100 * parse / total:.1f}% of the whole; "
          f"the coder now runs at {bare / total:.2f}x the bare pipeline")
    print(f"{'sentences parsed':<48}{'tokens':>8}{'ceiling vs bare':>17}")
    for label, share in (("all (as now)", 1.0), ("with a word an event pattern can take", with_form / tokens),
                         ("holding a coded event's evidence (oracle)", holding / tokens)):
        print(f"{label:<48}{100 * share:>7.1f}%{bare / (total - parse * (1 - share)):>16.2f}x")
    print("command: .venv/bin/python benchmarks/stages.py" + "".join(f" {a}" for a in sys.argv[1:]))
    return 0


def trigger_forms(coder: Coder) -> set[str]:
    """Every lower-case word form an event pattern's lemma can take: the lemma, the lemmatizer's exceptions that
    map to it ("met" for meet) and the regular endings (-s, -es, -d, -ed, -ing, -ies, -ied, a doubled consonant)."""
    import re

    from readout.knowledge import load

    lemmatizer = coder.nlp.get_pipe("lemmatizer")
    exceptions = lemmatizer.lookups.get_table("lemma_exc")
    irregular: dict[str, set[str]] = {}
    for pos in ("verb", "noun", "adj"):
        for form, lemmas in exceptions[pos].items():
            for lemma in lemmas:
                irregular.setdefault(lemma, set()).add(form)
    out: set[str] = set()
    for pattern in load(coder.knowledge).patterns:
        for lemma in pattern.lemmas:
            for w in lemma.lower().split():
                stem = w[:-1] if w.endswith("e") else w
                out |= {w, w + "s", w + "es", w + "d", w + "ed", stem + "ed", stem + "ing", w + "ing"}
                out |= irregular.get(w, set())
                if w.endswith("y"):
                    out |= {w[:-1] + "ies", w[:-1] + "ied"}
                if re.search(r"[^aeiou][aeiou][bdgklmnprt]$", w):
                    out |= {w + w[-1] + "ed", w + w[-1] + "ing"}
    return out


if __name__ == "__main__":
    sys.exit(main())
