"""byline: turn a pile of news articles into a sourced dossier."""

__version__ = "0.1.0"
