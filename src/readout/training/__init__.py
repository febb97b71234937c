"""Learning to code events: the candidates a classifier decides on (every ordered pair of actor mentions in a
sentence, and each mention with no target), the data annotated on them, and (to come) the trained component."""
