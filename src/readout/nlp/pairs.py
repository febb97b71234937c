"""What links two actor mentions of a sentence, as features for the pair classifier (``readout.nlp.linker``): the
dependency path between them and the word where it turns, the trigger patterns of ``events.tsv`` on that path (the
rules' knowledge, as evidence rather than as a verdict), what the rules coded for the pair, the words between the
two, negation, and what kind of actor each is. A pair with no second mention (``target`` None) is the first
mention acting alone: its features are its own place in the parse.

The same function makes the features at training time (``readout.training.pairs``) and in the pipeline, so a model
is always scored on the features it was trained on.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from spacy.tokens import Span, Token

MAX_PATH = 6  # steps up from either mention; a longer path is cut (and marked)
CONTENT = ("VERB", "NOUN", "ADJ", "AUX")

Match = Callable[[Token], object]  # a Matcher's ``match``: a pattern with a ``cameo``, or None


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower() or tok.lower_


def _step(tok: Token) -> str:
    """A token's place on a path: its dependency, with the word of a preposition or agent ("prep:with")."""
    if tok.dep_ in ("prep", "agent", "prt") or tok.dep_ == "mark":
        return f"{tok.dep_}:{tok.lower_}"
    return tok.dep_


def path(source: Token, target: Token) -> tuple[list[Token], Token, list[Token]]:
    """The tokens from ``source`` up to the lowest common ancestor (exclusive), the ancestor, and the tokens from it
    down to ``target`` (exclusive of the ancestor, top first)."""
    up = [source, *source.ancestors]
    down = [target, *target.ancestors]
    on_down = {t.i for t in down}
    for n, tok in enumerate(up):
        if tok.i in on_down:
            k = next(m for m, t in enumerate(down) if t.i == tok.i)
            return up[:n], tok, list(reversed(down[:k]))
    return up, up[-1], list(reversed(down))  # different trees: cannot happen inside one sentence


def _trigger_features(tokens: list[Token], match: Match, prefix: str) -> list[str]:
    out = []
    for tok in tokens:
        p = match(tok)
        code = getattr(p, "cameo", None)
        if code:
            out += [f"{prefix}:{code[:2]}", f"{prefix}code:{code}"]
    return out


def _negated(tokens: list[Token]) -> bool:
    return any(c.dep_ == "neg" for t in tokens for c in t.children)


def _kind(span: Span, kind: str) -> list[str]:
    root = span.root
    out = [f"kind:{kind}"]
    if root.pos_ == "NOUN":
        out.append(f"head:{_lemma(root)}")  # "police", "protesters", "militants"
    return out


def stand_in(tok: Token) -> Token:
    """The token whose place in the clause a conjunct or an apposition holds ("China and the ROK maintained": the
    ROK stands where China stands)."""
    for _ in range(8):
        if tok.dep_ not in ("conj", "appos") or tok.head.i == tok.i:
            break
        tok = tok.head
    return tok


def on_the_way(source: Span, target: Span | None) -> list[Token]:
    """The words that tell how the source acts on the target, the one where the relation turns first: the
    predicate above two coordinated mentions, the top of the path between two others (then the words on the path),
    the head of a mention acting alone."""
    if target is None:
        return [source.root.head]
    s_tok, t_tok = stand_in(source.root), stand_in(target.root)
    if s_tok.i == t_tok.i:
        return [s_tok.head, *_objects(s_tok.head)]
    up, top, down = path(s_tok, t_tok)
    return [top, *_objects(top), *up[1:], *down[:-1]]


def pair_vector(source: Span, target: Span | None) -> np.ndarray | None:
    """The pipeline's own contextual vectors (``doc.tensor``, from its tok2vec) of the word where the relation turns
    and of the two mentions' heads, each scaled to unit length: what the parse's labels do not say of a word
    ("shelled" and "bombarded" are near). None where the pipeline leaves no tensor."""
    tensor = source.doc.tensor
    if tensor is None or not getattr(tensor, "size", 0):
        return None
    width = tensor.shape[1]
    parts = []
    for tok in (on_the_way(source, target)[0], source.root, target.root if target is not None else None):
        v = np.asarray(tensor[tok.i], dtype=np.float32) if tok is not None else np.zeros(width, np.float32)
        n = float(np.linalg.norm(v))
        parts.append(v / n if n else v)
    return np.concatenate(parts)


def _objects(tok: Token) -> list[Token]:
    return [c for c in tok.children if c.dep_ in ("dobj", "attr", "oprd")]


def pair_features(source: Span, target: Span | None, match: Match, kinds: tuple[str, str] = ("", ""),
                  rule: str | None = None, rule_back: str | None = None) -> list[str]:
    """The features of the candidate (source, target) in their sentence. ``kinds``: the actor kinds of the two
    mentions (person, country, igo, agent); ``rule``: the CAMEO code the rules coded from source to target, if any;
    ``rule_back``: from target to source."""
    feats = [f"s{f}" for f in _kind(source, kinds[0])]
    feats += [f"rule:{rule[:2]}" if rule else "rule:-", f"rulecode:{rule}" if rule else "rulecode:-"]
    if target is None:
        return feats + _alone(source, match)
    feats += [f"t{f}" for f in _kind(target, kinds[1])]
    feats.append(f"back:{rule_back[:2]}" if rule_back else "back:-")
    s_tok, t_tok = stand_in(source.root), stand_in(target.root)
    feats += ["s-conj"] * (s_tok.i != source.root.i) + ["t-conj"] * (t_tok.i != target.root.i)
    if s_tok.i == t_tok.i:
        feats += _together(s_tok, match)
    else:
        feats += _linked(s_tok, t_tok, match)
    first, last = (source, target) if source.start < target.start else (target, source)
    between = [t for t in source.doc[first.end:last.start] if t.pos_ in CONTENT][:12]
    feats += [f"btw:{_lemma(t)}" for t in between]
    feats += _trigger_features(between, match, "btwtrig")
    feats.append("order:st" if source.start < target.start else "order:ts")
    gap = last.start - first.end
    feats.append(f"gap:{min(gap, 12) // 3}")
    if source.root.dep_ in ("nsubjpass",):
        feats.append("s-passive-subject")
    return feats


def _linked(s_tok: Token, t_tok: Token, match: Match) -> list[str]:
    """Two mentions in different places of the parse: the path between them and the word where it turns."""
    up, top, down = path(s_tok, t_tok)
    cut = len(up) > MAX_PATH or len(down) > MAX_PATH
    up_s = ">".join(_step(t) for t in up[:MAX_PATH]) + ("~" if cut else "")
    down_s = "<".join(_step(t) for t in down[-MAX_PATH:])
    lemma = _lemma(top)
    inside = [t for t in (up[1:] + [top] + down[:-1]) if t.pos_ in CONTENT]
    feats = [f"top:{lemma}", f"toppos:{top.pos_}", f"up:{up_s}", f"down:{down_s}", f"path:{up_s}^{down_s}",
             f"upl:{up_s}^{lemma}", f"downl:{lemma}^{down_s}", f"pathl:{up_s}^{lemma}^{down_s}"]
    feats += [f"on:{_lemma(t)}" for t in inside]
    feats += [f"topobj:{_lemma(o)}" for o in _objects(top)]
    feats += _trigger_features([top], match, "toptrig")
    feats += _trigger_features(inside + _objects(top), match, "trig")
    if _negated([top, *inside]):
        feats.append("neg")
    if any(t.dep_ == "agent" for t in up):
        feats.append("passive-agent")  # "was attacked by X": X is the doer
    return feats


def _together(tok: Token, match: Match) -> list[str]:
    """Two mentions side by side in one place ("China and Russia signed", "Putin, Xi and Modi met"): what the
    predicate above them says of them together."""
    gov = tok.head
    chain = [gov, *gov.ancestors][:3]
    feats = ["coord", f"corole:{tok.dep_}", f"co:{tok.dep_}^{_lemma(gov)}", f"cogov:{_lemma(gov)}"]
    feats += [f"coobj:{_lemma(o)}" for o in _objects(gov)]
    feats += _trigger_features([gov, *_objects(gov)], match, "cotrig")
    feats += _trigger_features(chain[1:], match, "coup")
    if _negated(chain[:1]):
        feats.append("neg")
    return feats


def _alone(source: Span, match: Match) -> list[str]:
    """A mention acting with no target: its place in the clause above it."""
    root = source.root
    chain = [root.head, *root.head.ancestors][:3] if root.head.i != root.i else []
    feats = ["notarget", f"dep:{root.dep_}"]
    if chain:
        feats += [f"gov:{_lemma(chain[0])}", f"depgov:{root.dep_}^{_lemma(chain[0])}"]
        feats += _trigger_features(chain[:1], match, "govtrig")
        feats += _trigger_features(chain[1:], match, "uptrig")
        objects = [c for c in chain[0].children if c.dep_ in ("dobj", "pobj", "attr") and c.i != root.i]
        feats += [f"obj:{_lemma(c)}" for c in objects]
        if _negated(chain[:1]):
            feats.append("neg")
    return feats
