// How many documents the store holds (an empty store gets the hint "run lineage ingest first").
MATCH (d:Document) RETURN count(d) AS n
