"""The graph's vocabulary: labels, relationship types and levels, as legal staff write them.

One place for these strings, so the networkx store, the Cypher files and the HTML legend agree.
"""

from __future__ import annotations

# Node labels
DOCUMENT = "Document"
LEGAL_BASIS = "LegalBasis"  # extra label of a document cited as a basis
AGENCY = "Agency"
TARGET = "Target"
PROJECT = "Project"
NODE_LABELS = (DOCUMENT, LEGAL_BASIS, AGENCY, TARGET, PROJECT)

# Relationship types (Document -> Document unless said otherwise)
CAN_CU = "CĂN_CỨ"  # legal basis (preamble)
THUC_HIEN = "THỰC_HIỆN"  # implements
HUONG_DAN = "HƯỚNG_DẪN"  # guides / details
SUA_DOI = "SỬA_ĐỔI"  # amends / supplements
SUPERSEDES = "SUPERSEDES"  # replaces or repeals
DAN_CHIEU = "DẪN_CHIẾU"  # any other citation in the body
BAN_HANH_KEM_THEO = "BAN_HÀNH_KÈM_THEO"  # decision -> the plan it issues / approves
BAN_HANH = "BAN_HÀNH"  # Agency -> Document: issued
DE_NGHI = "ĐỀ_NGHỊ"  # Agency -> Document: proposed it
CHU_TRI = "CHỦ_TRÌ"  # Agency -> Project | Document: leads
PHOI_HOP = "PHỐI_HỢP"  # Agency -> Project | Document: coordinates
DE_RA = "ĐỀ_RA"  # Document -> Target
GOM = "GỒM"  # Document -> Project
KE_THUA = "KẾ_THỪA"  # Agency -> Agency: the successor of a merged or renamed unit (date, legal basis)

DOCUMENT_RELATIONS = (CAN_CU, THUC_HIEN, HUONG_DAN, SUA_DOI, SUPERSEDES, DAN_CHIEU, BAN_HANH_KEM_THEO)
RELATIONSHIP_TYPES = (*DOCUMENT_RELATIONS, BAN_HANH, DE_NGHI, CHU_TRI, PHOI_HOP, DE_RA, GOM, KE_THUA)

# Relation of a nested document to the basis it hangs on -> relationship type (basis -> nested)
NESTED_RELATION_TYPES = {
    "amends": SUA_DOI,
    "amended_by": SUA_DOI,  # drawn the other way: the named document amends the basis (NESTED_FROM_NAMED)
    "guides": HUONG_DAN,
    "implements": THUC_HIEN,
    "mentions": DAN_CHIEU,
}
#: the nested relations whose relationship runs from the named document to the basis
NESTED_FROM_NAMED = frozenset({"amended_by"})

# Document levels
CENTRAL, PROVINCIAL, PARTY = "central", "provincial", "party"
LEVELS = (CENTRAL, PROVINCIAL, PARTY)
