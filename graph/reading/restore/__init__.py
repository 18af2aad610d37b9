"""Restore: text whose PDF layer lost Vietnamese letters -> edits that put them back.

Takes laid-out text; gives restoration edits (each restored word marked) chosen by the syllable model.
"""
