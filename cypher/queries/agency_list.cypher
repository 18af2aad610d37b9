// agency: every agency (their names are matched in Python, insensitive to diacritics and case).
MATCH (a:Agency)
RETURN properties(a) AS props, labels(a) AS labels
