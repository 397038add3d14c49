"""Entity mentions of one document: spaCy NER, mended by rules where the small model is weak.

Rules add what NER misses or mislabels: quoted nicknames inside names, acronyms introduced in
parentheses or with ", or", numbered group names ("XY-12"), titles kept out of names, and
context cues that settle a label better than the model ("the X gang" is an organisation,
"President X" a person). Labels are then made consistent within the document (one name, one
label), because the small model tags the same name differently from sentence to sentence.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span, Token
from wordfreq import zipf_frequency

from byline.extract.layout import heading_spans, inside
from byline.extract.names import (
    clean_surface,
    country_of,
    initials,
    is_acronym,
    is_title,
    name_key,
    parse_nickname,
)
from byline.extract.nlp import doc_text
from byline.extract.places import known_place, place_cue
from byline.model import Mention

KEPT_LABELS = frozenset("PERSON NORP FAC ORG GPE LOC PRODUCT EVENT WORK_OF_ART LAW LANGUAGE".split())
# Head nouns that make the name they modify an organisation or a facility.
ORG_NOUNS = frozenset(
    "gang group organisation organization cartel syndicate mafia militia faction network "
    "movement party army guerrilla guerrillas rebels insurgency clan band crew company firm "
    "corporation bank agency department ministry union association federation coalition "
    "alliance council committee club team institute university college court outfit "
    "brotherhood enterprise member members".split()
)
FAC_NOUNS = frozenset(
    "prison penitentiary jail gaol facility airport stadium hospital bridge square station "
    "camp base port harbour harbor mine plant factory".split()
)
ROLE_NOUNS = frozenset("member leader boss chief founder head commander ringleader".split())
_LONG_FORM_LABELS = frozenset("ORG GPE LOC FAC PERSON NORP EVENT LAW".split())
COMMON_ZIPF = 4.5  # "fire" 5.3, "new" 6.3 are words; "hector" 3.6, "maria" 4.3 names
CUE_SOURCES = frozenset({"context", "title", "nickname", "numbered", "acronym"})
RULE_SOURCES = frozenset({"title", "nickname", "numbered", "acronym"})
# Last words of agency names that NER cuts at an inner "and" ("Fish and Wildlife Service").
INSTITUTION_HEADS = frozenset(
    "protection enforcement service services security affairs development control administration "
    "management safety welfare defense defence justice health education research prevention "
    "investigation investigations immigration trade commerce industry agriculture energy "
    "transport transportation environment planning finance works resources relations "
    "communications standards statistics".split()
)
UNRELIABLE_IN_HEADINGS = frozenset({"ORG", "PERSON", "WORK_OF_ART", "PRODUCT"})
MIN_SECTIONS = 2  # section headings besides the first line that make a text sectioned

_NUMBERED = re.compile(r"\b[A-Z]{1,4}-\d{1,3}\b")
# starts only at a whitespace run's first character and takes the run whole: linear (unanchored,
# finditer re-scanned a long run of spaces or newlines from each of its characters)
_ACRONYM_PAREN = re.compile(r"(?<!\s)\s*+\(\s*([A-Z][A-Z.&]{1,9})\s*\)")
_ACRONYM_OR = re.compile(r",\s+or\s+(?:the\s+)?([A-Z][A-Z.&]{1,9})\b")
_NICK_START = re.compile(r"[\"“‘']")
_CAPWORD = re.compile(r"[A-ZÀ-Þ][\w\-]*")
_BEFORE_AND = re.compile(r"(?<![\w\-])([A-ZÀ-Þ][\w\-]*(?: [A-ZÀ-Þ][\w\-]*)?) (?:and|&) $")


@dataclass
class _Cand:
    start: int
    end: int
    label: str
    source: str
    alias_to: tuple[int, int] | None = None  # span of the mention this one is an alias of
    cues: list[str] = field(default_factory=list)


def find_mentions(sdoc: Doc) -> list[Mention]:
    """Mentions in view offsets, sorted, with aliases pointing at their long forms. O(n)."""
    text = doc_text(sdoc)
    ner = [c for ent in sdoc.ents for c in _from_ent(sdoc, ent)]
    rules = _nicknames(text) + _numbered(text)
    cands = _merge(_merge(rules, ner), _class_noun_names(sdoc))
    cands = _join_coordinated(text, _merge(_acronyms(text, cands), cands))
    for cand in cands:
        _context_cue(sdoc, cand)
    _place_cues(sdoc, cands)
    cands = _drop_heading_names(text, cands)
    _harmonise(text, cands)
    cands.sort(key=lambda c: (c.start, c.end))
    index = {(c.start, c.end): i for i, c in enumerate(cands)}
    return [
        Mention(
            start=c.start,
            end=c.end,
            text=text[c.start : c.end],
            label=c.label,
            source=c.source,
            alias_of=index.get(c.alias_to) if c.alias_to else None,
        )
        for c in cands
    ]


def _from_ent(sdoc: Doc, ent: Span) -> list[_Cand]:
    """An NER span split at line breaks, colons and brackets (a name holds none), each part
    trimmed of articles, titles and possessives; nothing for numbers and dates."""
    if ent.label_ not in KEPT_LABELS:
        return []
    parts: list[list[Token]] = [[]]
    for tok in ent:
        if "\n" in tok.text or tok.text in (":", "(", ")"):
            parts.append([])
        else:
            parts[-1].append(tok)
    return [c for part in parts if (c := _from_tokens(sdoc, part, ent.label_)) is not None]


def _from_tokens(sdoc: Doc, tokens: list[Token], ent_label: str) -> _Cand | None:
    while tokens and tokens[0].lower_ in ("the", "a", "an"):
        tokens = tokens[1:]
    source, label = "ner", ent_label
    if label == "PERSON":  # "Team Director Ana Ruiz": the name follows the last title word
        last_title = max((i for i, t in enumerate(tokens[:-1]) if is_title(t.text)), default=-1)
        if last_title >= 0:
            tokens = tokens[last_title + 1 :]
            source = "title"
    while tokens and (tokens[-1].is_punct and tokens[-1].text not in ".'’" or tokens[-1].tag_ == "POS"):
        tokens = tokens[:-1]
    if not tokens or all(t.is_punct or t.is_space for t in tokens):
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    first = tokens[0]
    if first.i > 0 and is_title(sdoc[first.i - 1].text) and label in ("PERSON", "ORG", "WORK_OF_ART"):
        source, label = "title", "PERSON"
    if label == "PERSON":  # the model often drops a first given name: extend leftwards
        i = first.i - 1
        while (
            i >= 0
            and sdoc[i].pos_ == "PROPN"
            and sdoc[i].text[:1].isupper()
            and not is_title(sdoc[i].text)
            and sdoc[i].ent_type_ in ("", "PERSON")
            and "\n" not in sdoc[i].whitespace_
            and not sdoc[i].is_sent_start
            and not _common_word(sdoc[i].lower_)
        ):
            start = sdoc[i].idx
            i -= 1
    return _Cand(start, end, label, source)


@lru_cache(maxsize=65536)
def _common_word(word: str) -> bool:
    """A frequent English word ("Fire", "New") is no given name to glue onto a person."""
    return zipf_frequency(word, "en") >= COMMON_ZIPF


def _nicknames(text: str) -> list[_Cand]:
    """'Given "Nick" Surname' and '"Nick" Surname': the person and the nickname as an alias."""
    found: list[_Cand] = []
    for m in _NICK_START.finditer(text):
        q = m.start()
        if q > 0 and text[q - 1].isalnum():
            continue  # an apostrophe inside a word
        line_start = text.rfind("\n", 0, q) + 1
        before = text[line_start:q].split(" ")
        given_words: list[str] = []
        for w in reversed(before[:-1] if before and before[-1] == "" else before):
            if _CAPWORD.fullmatch(w) and not is_title(w) and len(given_words) < 3:
                given_words.insert(0, w)
            else:
                break
        line_end = text.find("\n", q)
        window_end = len(text) if line_end < 0 else line_end
        window = text[q : min(window_end, q + 90)]
        start = q - (len(" ".join(given_words)) + 1 if given_words else 0)
        for cut in range(len(window), 0, -1):
            if not window[cut - 1].isalnum():
                continue
            if cut < len(window) and (window[cut].isalnum() or window[cut] in "-"):
                continue
            candidate = text[start : q + cut]
            nick = parse_nickname(candidate)
            if nick and nick.nick[:1].isupper():
                person = _Cand(start, q + cut, "PERSON", "nickname")
                n_start = text.find(nick.nick, q)
                found.append(person)
                found.append(
                    _Cand(n_start, n_start + len(nick.nick), "PERSON", "nickname", alias_to=(start, q + cut))
                )
                break
    return found


def _class_noun_names(sdoc: Doc) -> list[_Cand]:
    """Names NER missed behind a class noun: 'the cartel Los Xs', 'the Y prison'. O(n)."""
    found: list[_Cand] = []
    for tok in sdoc:
        lemma = tok.lemma_.lower()
        if tok.pos_ != "NOUN" or (lemma not in ORG_NOUNS and lemma not in FAC_NOUNS):
            continue
        head = tok.head
        if tok.dep_ != "compound" or head.pos_ != "PROPN" or head.ent_type_ or head.i < tok.i:
            continue
        first = tok.i + 1
        if first > head.i or not sdoc[first].text[:1].isupper():
            continue
        label = "FAC" if lemma in FAC_NOUNS else "ORG"
        found.append(_Cand(sdoc[first].idx, head.idx + len(head.text), label, "context", cues=[label]))
    return found


def _numbered(text: str) -> list[_Cand]:
    return [_Cand(m.start(), m.end(), "ORG", "numbered") for m in _NUMBERED.finditer(text)]


def _acronyms(text: str, cands: list[_Cand]) -> list[_Cand]:
    """'Long Form (LF)' and 'Long Form group, or LF': the acronym as an alias of the long form."""
    found: list[_Cand] = []
    ends = sorted(cands, key=lambda c: c.end)
    for pattern in (_ACRONYM_PAREN, _ACRONYM_OR):
        for m in pattern.finditer(text):
            acr = m.group(1)
            if not is_acronym(acr):
                continue
            head = text[max(0, m.start() - 60) : m.start()]
            gap = re.search(r"((?:\s+[a-z][\w\-]*){0,3})\s*$", head)
            long_end = m.start() - (len(gap.group(1)) if gap else 0)
            long_form = next((c for c in reversed(ends) if c.end == long_end and not c.alias_to), None)
            if long_form is None or long_form.label not in _LONG_FORM_LABELS:
                continue
            label = "ORG" if long_form.label in ("PERSON", "NORP") else long_form.label
            long_form.label = label
            found.append(
                _Cand(m.start(1), m.end(1), label, "acronym", alias_to=(long_form.start, long_form.end))
            )
            if initials(text[long_form.start : long_form.end]) == acr.replace(".", ""):
                long_form.cues.append(label)
    return found


def _join_coordinated(text: str, cands: list[_Cand]) -> list[_Cand]:
    """'Fish' + 'and' + 'Wildlife Service' -> one agency: an ORG ending in an institutional
    head word takes the one or two capitalised words before its 'and' (an ORG of its own or
    words NER skipped) unless those words stand alone as a name elsewhere in the document."""
    alone = Counter(name_key(text[c.start : c.end]) for c in cands)
    by_span = {(c.start, c.end): c for c in cands}
    dropped: set[int] = set()
    joined: list[_Cand] = []
    for b in cands:
        name = text[b.start : b.end]
        if b.label != "ORG" or b.alias_to or name.split()[-1].lower() not in INSTITUTION_HEADS:
            continue
        m = _BEFORE_AND.search(text, max(0, b.start - 40), b.start)
        if m is None:
            continue
        a = by_span.get((m.start(1), m.end(1)))
        if a is None and any(c.start < m.end(1) and m.start(1) < c.end for c in cands):
            continue  # the words belong to some other name
        if a is not None and (a.label != "ORG" or alone[name_key(m.group(1))] > 1):
            continue
        if m.start(1) > 0 and not (text[m.start(1) - 1].isspace() or text[m.start(1) - 1] in "(\"“'"):
            continue
        dropped.update(id(c) for c in (a, b) if c is not None)
        joined.append(_Cand(m.start(1), b.end, "ORG", "context", cues=["ORG"]))
    return [c for c in cands if id(c) not in dropped] + joined


def _place_cues(sdoc: Doc, cands: list[_Cand]) -> None:
    """A GPE cue for names the context calls a place: 'the port of X' or 'X, <country>' always,
    'in/at/near X' when the gazetteer knows X. Rule-found names and names with a cue keep theirs."""
    text = doc_text(sdoc)  # Doc.text joins every token: read it once, not once per candidate
    countries = [
        s
        for c in cands
        if c.label == "GPE"
        and country_of(text[c.start : c.end], "GPE")
        and (s := sdoc.char_span(c.start, c.end, alignment_mode="expand")) is not None
    ]
    person_words = {
        text[c.start : c.end].split()[-1]
        for c in cands
        if c.label == "PERSON" and len(text[c.start : c.end].split()) > 1
    }
    for cand in cands:
        if cand.label in ("GPE", "LOC", "NORP") or cand.source in RULE_SOURCES or cand.cues:
            continue
        span = sdoc.char_span(cand.start, cand.end, alignment_mode="expand")
        if span is None or len(span) == 0 or len(span) > 3:
            continue
        name = clean_surface(span.text)
        if cand.label == "PERSON" and name not in person_words and country_of(name, "GPE") is not None:
            cand.cues.append("GPE")  # "Mali's junta": a country, unless a full name ends so
            continue
        cue = place_cue(span, countries)
        if cue == "strong" or cue == "weak" and known_place(span.text):
            cand.cues.append("GPE")


def _drop_heading_names(text: str, cands: list[_Cand]) -> list[_Cand]:
    """Names NER finds only in Title Case headings are dropped: there every word looks like a
    name. A name also written in running text is kept. Only in an article with section
    headings (MIN_SECTIONS or more besides the first line): a lone Title Case headline names
    real people and organisations far more often than not. O(n + m * h) for h heading lines."""
    headings = heading_spans(text)
    first_line = len(text) - len(text.lstrip())
    if sum(s != first_line for s, _ in headings) < MIN_SECTIONS:
        return cands
    running = text
    for s, e in headings:
        running = running[:s] + " " * (e - s) + running[e:]
    kept: list[_Cand] = []
    for c in cands:
        if c.label in UNRELIABLE_IN_HEADINGS and c.source == "ner" and inside(c.start, c.end, headings):
            name = clean_surface(text[c.start : c.end])
            if c.label == "PERSON" and len(name.split()) > 1:
                name = name.split()[-1]  # a surname in the running text is the same person
            if not name or not re.search(rf"(?<!\w){re.escape(name)}(?!\w)", running):
                continue
        kept.append(c)
    return kept


def _merge(first: list[_Cand], second: list[_Cand]) -> list[_Cand]:
    """``first`` wins where spans overlap. O((a + b) log(a + b))."""
    taken = sorted((c.start, c.end) for c in first)
    kept = list(first)
    for cand in second:
        if not any(s < cand.end and cand.start < e for s, e in taken):
            kept.append(cand)
    return kept


def _context_cue(sdoc: Doc, cand: _Cand) -> None:
    """Label evidence from the words around the name ("the X gang", "X, a gang", "President X")."""
    if cand.source in ("nickname", "title"):
        cand.cues.append("PERSON")
        return
    if cand.source == "numbered":
        cand.cues.append("ORG")
    span = sdoc.char_span(cand.start, cand.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return
    root: Token = span.root
    nouns: list[Token] = []
    place = cand.label in ("GPE", "LOC", "NORP")  # "US state department" says nothing of "US"
    if (
        root.dep_ in ("compound", "appos", "nmod")
        and not place
        and root.head.i not in range(span.start, span.end)
    ):
        nouns.append(root.head)
    nouns.extend(
        c
        for c in root.children
        if c.dep_ in ("appos", "compound") and c.i < span.start or c.dep_ == "appos" and not place
    )
    role = root.head.head if root.dep_ == "pobj" and root.head.lower_ == "of" else root.head
    if not place and root.dep_ in ("pobj", "poss") and role.lemma_.lower() in ROLE_NOUNS:
        cand.cues.append("ORG")  # "members of X", "the leader of X", "X's boss"
    for noun in nouns:
        if noun.dep_ == "appos" and noun.lemma_.lower() in ROLE_NOUNS:
            continue  # "X, a member of ..." says X is a person
        if noun.pos_ not in ("NOUN",):
            continue
        if noun.lemma_.lower() in FAC_NOUNS:
            cand.cues.append("FAC")
        elif noun.lemma_.lower() in ORG_NOUNS or noun.lower_ in ORG_NOUNS:
            cand.cues.append("ORG")
    last = span[-1]
    if last.lower_ in FAC_NOUNS and len(span) > 1:
        cand.cues.append("FAC")
    elif last.lower_ in ORG_NOUNS and len(span) > 1 and cand.label not in ("GPE", "LOC"):
        cand.cues.append("ORG")
    after = sdoc[span.end : span.end + 3]
    if (
        len(after) == 3
        and after[0].text == ","
        and after[1].like_num
        and after[2].text == ","
        and cand.label in ("PERSON", "ORG", "WORK_OF_ART")
    ):
        cand.cues.append("PERSON")  # "Name, 41," gives an age


def _harmonise(text: str, cands: list[_Cand]) -> None:
    """One name, one label in a document: context cues win, then full names lend surnames theirs."""
    groups: dict[str, list[_Cand]] = {}
    for cand in cands:
        groups.setdefault(name_key(text[cand.start : cand.end]), []).append(cand)
    for group in groups.values():
        cues = Counter(cue for c in group for cue in c.cues)
        if cues:
            label = max(sorted(cues), key=lambda k: cues[k])
            for c in group:
                if c.label != label:
                    c.label = label
                    if c.source == "ner":
                        c.source = "context"
    persons = {k for k, g in groups.items() if len(k.split()) > 1 and g[0].label == "PERSON"}
    surname_of = Counter(k.split()[-1] for k in persons)
    cores = {_core(k): g[0].label for k, g in groups.items() if g[0].label == "FAC" and _core(k) != k}
    for key, group in groups.items():
        if (
            len(key.split()) == 1
            and surname_of.get(key)
            and all(c.label in ("PERSON", "ORG", "WORK_OF_ART", "NORP", "PRODUCT") for c in group)
        ):
            for c in group:
                c.label, c.source = "PERSON", ("context" if c.source == "ner" else c.source)
        elif key in cores and not any(c.cues for c in group):
            for c in group:
                c.label, c.source = cores[key], ("context" if c.source == "ner" else c.source)


def _core(key: str) -> str:
    """A name without its trailing class noun: 'x prison' -> 'x'."""
    words = key.split()
    if len(words) > 1 and (words[-1] in FAC_NOUNS or words[-1] in ORG_NOUNS):
        return " ".join(words[:-1])
    return key


def surface(text: str) -> str:
    """Readable name form used by resolution (re-exported for callers)."""
    return clean_surface(text)
