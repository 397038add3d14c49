"""Provenance: which article copies, spins or rewrites which; origin groups; story clusters."""

from byline.provenance.build import ProvenanceResult, build_provenance
from byline.provenance.signature import DocSignature, document_signature

__all__ = ["DocSignature", "ProvenanceResult", "build_provenance", "document_signature"]
