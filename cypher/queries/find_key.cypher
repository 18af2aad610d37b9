// find: documents by key (anchored on the key index). Parameters: $keys (list of strings).
UNWIND $keys AS k
MATCH (d:Document {key: k})
RETURN properties(d) AS props, labels(d) AS labels
