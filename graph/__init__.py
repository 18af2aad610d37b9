"""policy-lineage: the lineage graph of Vietnamese policy documents.

Data flows one way: file -> text -> extraction (:mod:`graph.model`) -> store -> query result.
"""

__version__ = "0.1.0"
