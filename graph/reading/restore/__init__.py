"""Restore: text whose PDF layer lost Vietnamese letters -> edits that put them back.

Takes laid-out text; gives restoration edits (each restored word marked) chosen by the syllable model.

A PDF whose font lost its glyphs for many Vietnamese letters gives "Quy t nh" for "Quyết định",
"318/Q -UBND" for "318/QĐ-UBND". Every word has a *skeleton*, the fragments it leaves once damaged
("Quyết" -> "Quy", "t"), and a damaged run of fragments is read back as the likeliest sequence of
vocabulary words whose skeletons spell it. Modules, in order: :mod:`.damage` (the damage model and its
detection), :mod:`.index` (words by skeleton), :mod:`.search` (the best reading of a run),
:mod:`.edits` (the edits, the entry point), :mod:`.apply` (the edits applied, with the map of where
each character came from); :mod:`.compiled` switches their hot loops to the compiled core (``_beam``, C)
when it is built.
"""
