"""Reading: a file's bytes -> :class:`graph.model.FileExtraction` (its documents and their facts).

Takes files or text; gives pydantic facts with the citing words and line of each. Stages in pipeline order:
``text`` (decode, layout) -> ``restore`` (lost letters) -> ``documents`` (split, header, citations) ->
``tasks`` (assignments, projects, targets); :mod:`.prepare` runs the first two, :mod:`.extract` all.
"""
