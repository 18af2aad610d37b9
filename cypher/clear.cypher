// Delete the graph in bounded transactions (repeat until it returns 0). Constraints and indexes stay.
MATCH (n)
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS count;
