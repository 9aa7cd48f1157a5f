"""CAMEO and PLOVER tables and their loader."""

from .cameo import GOLDSTEIN_SCHEMES, CameoCode, Codebook, load_codebook

__all__ = ["GOLDSTEIN_SCHEMES", "CameoCode", "Codebook", "load_codebook"]
