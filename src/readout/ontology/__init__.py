"""The codebooks: CAMEO (codes, labels, Goldstein scores, QuadClass) and PLOVER (types, modes, contexts)."""
