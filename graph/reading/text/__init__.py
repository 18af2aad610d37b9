"""Text: bytes -> one NFC string with its lines and tables repaired, and a map back to the input.

Takes raw bytes (UTF-8/16, Windows-1258, TCVN3, VNI); gives decoded text, repaired layout (lines, tables,
run-ons) and :class:`.prepared.PreparedText` with its span map. Also the syllable model of Vietnamese.
"""
