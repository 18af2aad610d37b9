// find: documents by number exactly as stored ("749/QĐ-TTg"), on the number index. Parameters: $numbers.
UNWIND $numbers AS n
MATCH (d:Document {number: n})
RETURN properties(d) AS props, labels(d) AS labels
