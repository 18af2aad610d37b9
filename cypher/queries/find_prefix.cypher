// find: documents whose number starts with a prefix ("1891/"), on the number index. Parameters: $prefix.
MATCH (d:Document)
WHERE d.number STARTS WITH $prefix
RETURN properties(d) AS props, labels(d) AS labels
