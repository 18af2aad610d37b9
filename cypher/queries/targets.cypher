// targets: every quantified target with the document that sets it (filtered by province and metric
// in Python, insensitive to diacritics and case).
MATCH (d:Document)-[r:`ĐỀ_RA`]->(t:Target)
RETURN d.key AS source, t.key AS target, type(r) AS type, properties(r) AS rel,
       properties(d) AS doc, labels(d) AS doc_labels, properties(t) AS node, labels(t) AS node_labels
