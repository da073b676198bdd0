"""`clean_text`: raw article text -> canonical cleaned text, removed blocks, provenance and authors.

Blocks are classified by what they say (cue phrases, `cues.py`), their shape (separators, short
labels, attribution lines, bios) and where they stand.  The head zone runs from the start to the
first real body paragraph, the tail zone from after the last one to the end; there a block with
enough cue evidence goes.  Between the two only very strong short blocks go (separators, a lone
'Subscribe to our newsletter', an image credit line).  When in doubt a block stays: dropping a
piece of the article body is the one mistake the cleaner must not make.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from spinlens.clean import cues
from spinlens.clean.attribution import (
    Attribution,
    Bio,
    Copyright,
    looks_like_name,
    parse_attribution,
    parse_bio,
    parse_byline,
    parse_copyright,
)
from spinlens.clean.normalize import (
    SENTENCE_END,
    normalize_line,
    normalize_text,
    split_blocks,
)
from spinlens.model import Provenance, RemovedBlock
from spinlens.text.words import count_words

#: Blocks (past the title) a real body paragraph must have at least this many words, or end a
#: sentence with at least `_MIN_SENTENCE_WORDS`, to bound the head and tail zones.
_BODY_WORDS = 8
_MIN_SENTENCE_WORDS = 3
_TITLE_MAX_WORDS = 25
_LONG_BLOCK_COVERAGE = 0.2
#: How far into the text the title (or its duplicate) is looked for.
_TITLE_LOOKAHEAD = 3

_LABEL_WORDS = re.compile(
    r"\b(?:report|reports|dossier|analysis|opinion|editorial|exclusive|update|updates|breaking|"
    r"watch|listen|video|photos|sources|references|notes|tags|topics|related|share|about the author|"
    r"in-depth|in depth|special|feature|interview|commentary|analyse|rubrique|thema|themen|"
    r"тема|рубрика|tema|temat)\b", re.IGNORECASE)
_ABOUT_LABEL = re.compile(
    r"^(?:about the authors?|about the writer|à propos de l'auteur|über (?:den |die )?autor(?:in)?|"
    r"об авторе|sobre el autor|sull'autore|o autorze|tags|topics|related|share this)\s*:?$",
    re.IGNORECASE)
# "Reuters reports:", "From TPM:", "He said:" introduce quoted body text: never labels.
_QUOTE_LEAD_IN = re.compile(
    r"(?:\s(?:reports?|reported|writes?|wrote|says?|said|notes?|noted|explains?|explained|adds?|added|"
    r"tweets?|tweeted|posts?|posted|states?|stated|argues?|argued|asks?|asked|claims?|claimed)|"
    r"^(?i:from|via|according to|per)\b.*)\s*:$")  # lower-case verbs: 'In-depth Report:' is a label
_SMALL_WORDS = frozenset("of the and to in on for a an at by with from de du des la le les et "
                         "und der die das von zu y el los las e il lo di i w z na".split())
_KEY = re.compile(r"[\W_]+")
_SITE_SUFFIX = re.compile(r"\s[|–—\-:•·]\s")
_STRONG_SHORT_KINDS = frozenset({cues.NEWSLETTER, cues.SHARE, cues.DONATION, cues.COMMENTS,
                                 cues.TRANSLATION})


@dataclass
class CleanedText:
    """The cleaner's result.  `text` is the title (if any) then each kept paragraph, joined by a
    blank line; `paragraph_offsets` slice `text` exactly, title included."""

    title: str | None
    text: str
    title_span: tuple[int, int] | None
    paragraph_offsets: list[tuple[int, int]]
    removed: list[RemovedBlock] = field(default_factory=list)
    provenance: Provenance = field(default_factory=Provenance)
    authors: list[str] = field(default_factory=list)
    author_bios: list[str] = field(default_factory=list)
    #: True when `authors` came only from a person-like copyright holder (no byline or bio).
    authors_from_copyright: bool = False
    #: Every normalised block after the title, kept or not: what `is_repeated` is asked about and
    #: what the library should index for the repeated-block counts.
    blocks: list[str] = field(default_factory=list)

    @property
    def paragraphs(self) -> list[str]:
        """Every paragraph's text, the title first."""
        return [self.text[s:e] for s, e in self.paragraph_offsets]

    @property
    def body_paragraphs(self) -> list[str]:
        """The paragraphs after the title."""
        return self.paragraphs[1:] if self.title is not None else self.paragraphs

    @property
    def body_word_count(self) -> int:
        """Words in the cleaned text, the title excluded."""
        return sum(count_words(p) for p in self.body_paragraphs)


class _Block:
    """One block and what it looks like.  Features are computed lazily: the long paragraphs in
    the middle of the body (most of the text) never need their cues scored."""

    def __init__(self, text: str):
        self.text = text
        self.words = count_words(text)
        self.separator = not any(c.isalnum() for c in text)
        self.advert = not self.separator and cues.is_advertisement(text)
        self.repeated = False

    @cached_property
    def cue(self) -> cues.CueScore:
        return cues.CueScore() if self.separator or self.advert else cues.score_block(self.text)

    @cached_property
    def cued(self) -> bool:
        """Enough cue evidence for its length to be boilerplate in the head or tail zone."""
        cue = self.cue
        if cue.reason is None or cue.score < cues.needed_score(self.words):
            return False
        # A long block also needs its cues to cover a fair part of it, unless it opens with a
        # heading such as 'Disclaimer:' (a body paragraph that opens with 'Follow us on Twitter,
        # the leaflets urged, ...' is not a prompt).
        return self.words <= 20 or cue.heading or cue.coverage >= _LONG_BLOCK_COVERAGE

    @cached_property
    def strong(self) -> bool:
        """Boilerplate even in the middle of the body: a short block that is nothing but a cue."""
        # Every strong kind needs an anchored cue: test that first, without scoring the block.
        if self.words > 20 or not cues.starts_with_cue(self.text) or not self.cued:
            return False
        cue = self.cue
        if cue.reason == cues.IMAGE_CREDIT:
            return cue.anchored and self.words <= 15
        if cue.reason == cues.READ_MORE:
            return cue.anchored and (cue.score >= 3 or self.words <= 12)
        return (cue.reason in _STRONG_SHORT_KINDS and cue.anchored and cue.score >= 2.5
                and cue.coverage >= (0.5 if self.words <= 10 else 0.4))

    @cached_property
    def label(self) -> bool:
        return not self.separator and _is_label(self.text, self.words)

    @cached_property
    def _attribution(self) -> tuple[Attribution | None, bool]:
        if self.separator or self.words > 40:
            return None, False
        found = parse_attribution(self.text, allow_source=False)
        if found is not None:
            return found, False
        found = parse_attribution(self.text, allow_source=True)
        return found, found is not None

    @property
    def attribution(self) -> Attribution | None:
        return self._attribution[0]

    @property
    def source_line(self) -> bool:
        """A 'Source: X' attribution, which only counts in the tail zone."""
        return self._attribution[1]

    @cached_property
    def copyright(self) -> Copyright | None:
        if self.separator or self.words > 40:
            return None
        lower = self.text.lower()
        if "©" in lower or "copyright" in lower or "(c)" in lower:
            return parse_copyright(self.text)
        return None

    @cached_property
    def byline(self) -> list[str]:
        return parse_byline(self.text) if self.words <= 15 and not self.separator else []

    @cached_property
    def bio(self) -> Bio | None:
        if self.separator or self.attribution is not None or self.copyright is not None:
            return None
        return parse_bio(self.text)

    @property
    def anchoring(self) -> bool:
        """Looks like real body text by size (bounds the head and tail zones unless boilerplate)."""
        if self.words >= _BODY_WORDS:
            return True
        return self.words >= _MIN_SENTENCE_WORDS and self.text[-1] in SENTENCE_END

    @property
    def shaped(self) -> bool:
        """Boilerplate by content or shape in either zone."""
        return (self.separator or self.advert or self.label or self.cued
                or (self.attribution is not None and not self.source_line)
                or self.copyright is not None)


def _is_label(text: str, words: int) -> bool:
    if _ABOUT_LABEL.match(text):
        return True
    if words > 5 or not text.endswith(":") or len(text) < 3 or _QUOTE_LEAD_IN.search(text):
        return False
    if _LABEL_WORDS.search(text):
        return True
    tokens = text[:-1].split()
    return all(t[0].isupper() or not t[0].isalpha() or t.casefold() in _SMALL_WORDS for t in tokens)


def _title_key(text: str) -> str:
    return _KEY.sub("", text.casefold())


def _same_title(block: str, title: str) -> bool:
    """Equal ignoring case, spacing and punctuation, or the title is the block plus a site suffix."""
    b, t = _title_key(block), _title_key(title)
    if not b:
        return False
    if b == t:
        return True
    # One of them is the other plus a site name: 'Title | Example News', 'Title - Example'.
    longer, key = (title, b) if len(t) > len(b) else (block, t)
    if len(key) >= 10:
        for m in _SITE_SUFFIX.finditer(longer):
            if _title_key(longer[:m.start()]) == key:
                return True
    return False


def _title_like(block: _Block) -> bool:
    """Short, with words, not a date line, not ending like a lead-in (':') or a long sentence."""
    text = block.text
    if block.words > _TITLE_MAX_WORDS or text[-1] in ":;,":
        return False
    alpha = sum(1 for w in text.split() if any(c.isalpha() for c in w))
    if alpha == 0 or (alpha <= 2 and any(c.isdigit() for c in text)):
        return False  # a number or a date line ('May 3, 2023', 'Updated 14.03.2026')
    return not (text.endswith(".") and not text.endswith("...") and block.words > 15)


def _boilerplate_for_title(block: _Block) -> bool:
    return (block.separator or block.advert or block.cued or block.label or bool(block.byline)
            or block.attribution is not None or block.copyright is not None)


def clean_text(raw: str, *, title: str | None = None,
               is_repeated: Callable[[str], bool] | None = None,
               language: str | None = None) -> CleanedText:
    """Turn an article's raw text into its canonical cleaned text (pure: no I/O).

    `title` is the known title, if any: a leading block equal to it is dropped as a duplicate; when
    None, a short first block becomes the title.  `is_repeated(block)` says whether a block recurs
    in other articles of the same outlet; such blocks go when they stand in the head or tail zone,
    unless half or more of the article repeats (then it is a copy and its body stays).  If
    `is_repeated` has a `prefetch(blocks)` method, it is called once with every candidate block
    first.  `language` is accepted for the pipeline's sake: the cues are multilingual anyway.
    """
    del language  # cue patterns cover all supported languages at once
    blocks = [_Block(t) for t in split_blocks(normalize_text(raw or ""))]
    removed_at: dict[int, str] = {}
    known_title = normalize_line(title) if title else ""
    found_title: str | None = known_title or None

    # -- title -------------------------------------------------------------------------------
    for i, block in enumerate(blocks[:_TITLE_LOOKAHEAD]):
        if known_title:
            if _same_title(block.text, known_title):
                removed_at[i] = cues.DUPLICATE_TITLE
                break
            if block.anchoring and not _boilerplate_for_title(block):
                break
        else:
            if _boilerplate_for_title(block):
                continue
            if _title_like(block):
                found_title = normalize_line(block.text)  # one line: tabs and line breaks folded
                removed_at[i] = ""  # the title: not a removal, not a body block
            break
    body = [i for i in range(len(blocks)) if i not in removed_at]
    texts = [blocks[i].text for i in body]

    # -- repeated outlet blocks ---------------------------------------------------------------
    if is_repeated is not None and body:
        prefetch = getattr(is_repeated, "prefetch", None)
        if callable(prefetch):
            prefetch(list(dict.fromkeys(texts)))
        flags = [bool(is_repeated(t)) for t in texts]
        if 2 * sum(flags) < len(flags):
            for i, flag in zip(body, flags):
                blocks[i].repeated = flag

    # -- zones --------------------------------------------------------------------------------
    def extends_head(b: _Block) -> bool:
        return not b.anchoring or b.repeated or b.shaped or bool(b.byline)

    def extends_tail(b: _Block) -> bool:
        return not b.anchoring or b.repeated or b.shaped or b.attribution is not None or b.bio is not None

    head_end = len(body)  # body[:head_end] is the head zone
    for k, i in enumerate(body):
        if not extends_head(blocks[i]):
            head_end = k
            break
    tail_start = 0  # body[tail_start:] is the tail zone
    for k in range(len(body) - 1, -1, -1):
        if not extends_tail(blocks[body[k]]):
            tail_start = k + 1
            break
    # A bio-shaped block without a bio cue right after the body is body text ("X is a journalist
    # who was arrested…"), not a bio: the tail starts after it.
    seen_boilerplate = False
    for k in range(tail_start, len(body)):
        b = blocks[body[k]]
        if (b.bio is not None and not b.bio.explicit and not seen_boilerplate and not b.shaped
                and not b.repeated):
            tail_start = k + 1
            continue
        if b.shaped or b.repeated or b.attribution is not None or b.bio is not None:
            seen_boilerplate = True

    # -- decisions ----------------------------------------------------------------------------
    provenance = Provenance()
    authors: list[str] = []
    bios: list[str] = []

    def add_author(name: str) -> None:
        if name and name not in authors:
            authors.append(name)

    for k, i in enumerate(body):
        b = blocks[i]
        in_head, in_tail = k < head_end, k >= tail_start
        reason = ""
        if b.separator:
            reason = cues.SEPARATOR
        elif b.advert:
            reason = cues.ADVERTISEMENT
        elif b.strong:
            reason = b.cue.reason or ""
        elif in_head or in_tail:
            if b.copyright is not None and (b.copyright.holders or b.copyright.year):
                reason = cues.ATTRIBUTION
                for holder in b.copyright.holders:
                    if holder not in provenance.copyright_holders:
                        provenance.copyright_holders.append(holder)
                if provenance.copyright_year is None:
                    provenance.copyright_year = b.copyright.year
            elif b.attribution is not None and (in_tail or not b.source_line):
                reason = cues.ATTRIBUTION
                if getattr(provenance, b.attribution.field) is None:
                    setattr(provenance, b.attribution.field, b.attribution.value)
                if b.attribution.person:
                    add_author(b.attribution.person)
            elif in_tail and b.bio is not None:
                reason = cues.AUTHOR_BIO
                bios.append(b.text)
                add_author(b.bio.name)
            elif in_head and b.byline:
                reason = cues.BYLINE
                for name in b.byline:
                    add_author(name)
            elif b.label:
                reason = cues.SECTION_LABEL
            elif b.cued:
                reason = b.cue.reason or ""
            elif b.repeated:
                reason = cues.REPEATED
        if reason:
            removed_at[i] = reason

    from_copyright = False
    if not authors:
        for holder in provenance.copyright_holders:
            if looks_like_name(holder, max_words=3):
                add_author(holder)
                from_copyright = True

    # -- assemble -----------------------------------------------------------------------------
    paragraphs = [found_title] if found_title else []
    paragraphs += [blocks[i].text for i in range(len(blocks)) if i not in removed_at]
    removed = [RemovedBlock(text=blocks[i].text, reason=r) for i, r in sorted(removed_at.items()) if r]
    offsets: list[tuple[int, int]] = []
    pos = 0
    for p in paragraphs:
        offsets.append((pos, pos + len(p)))
        pos += len(p) + 2
    return CleanedText(
        title=found_title,
        text="\n\n".join(paragraphs),
        title_span=(0, len(found_title)) if found_title else None,
        paragraph_offsets=offsets,
        removed=removed,
        provenance=provenance,
        authors=authors,
        author_bios=bios,
        authors_from_copyright=from_copyright,
        blocks=texts,
    )


def candidate_blocks(raw: str, *, title: str | None = None) -> list[str]:
    """The normalised blocks of `raw` after the title, in order: what `clean_text` asks
    `is_repeated` about.  The library should index stored articles with this same function (on
    their raw text, not their cleaned text) so that look-ups compare like with like."""
    return clean_text(raw, title=title).blocks
