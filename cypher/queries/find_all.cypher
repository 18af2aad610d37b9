// find: every document, for a search by words of the title (folded in Python: Cypher has no
// diacritics-insensitive comparison), and for compare of two provinces.
MATCH (d:Document)
RETURN properties(d) AS props, labels(d) AS labels
