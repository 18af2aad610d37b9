// Read the whole graph back (graph.stores.neo4j_store.read_graph): nodes, then relationships.
MATCH (n)
RETURN n.key AS key, labels(n) AS labels, properties(n) AS props;

MATCH (a)-[r]->(b)
RETURN a.key AS source, type(r) AS type, b.key AS target, properties(r) AS props;
