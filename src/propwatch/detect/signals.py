"""Signals: typed, validated values found in text (wallets, Telegram links, URLs, phones, ...).

:func:`extract_signals` returns :class:`~propwatch.detect.model.Signal` records sorted by
``start``. Offsets index the *original* text (``text[start:end]`` is what the analyst sees);
``value`` is the canonical, re-fanged form used for grouping and search. Attributes are sorted
``(key, value)`` string pairs. See ``docs/signals.md`` for examples.

Signal types (:data:`SIGNAL_TYPES`):

``btc_address``
    Base58Check P2PKH ``1...`` (version 0x00) / P2SH ``3...`` (0x05), Bech32 ``bc1q...``
    (P2WPKH/P2WSH) and Bech32m ``bc1p...`` (P2TR, future versions). Checksum must hold;
    Bech32 is case-insensitive but never mixed case; value lower-cased for Bech32.
    Attributes ``network=BTC``, ``kind`` (p2pkh, p2sh, p2wpkh, p2wsh, p2tr, witness_vN).
``eth_address``
    ``0x`` + 40 hex. Mixed case must pass EIP-55 (else rejected); all-lower/all-upper is
    accepted with ``checksum=none``. Value is the EIP-55 form. ``network=ETH``, ``kind=account``.
``tron_address``
    34-character Base58Check starting ``T`` with version byte 0x41 (USDT-TRC20 deposits use
    these). ``network=TRON``, ``kind=account``.
``xmr_address``
    Monero mainnet standard (``4``, 95 chars, net byte 18), subaddress (``8``, 95, 42),
    integrated (``4``, 106, 19); Monero Base58 + Keccak-256 checksum. ``network=XMR``.
``telegram_link``
    ``t.me``/``telegram.me``/``telegram.dog`` links to a public username (4-32 chars),
    ``/s/NAME`` previews (``preview=true``), ``/NAME/123`` posts (``post=123``), private
    ``/c/ID/POST`` posts, ``/+DIGITS`` phone links, service paths (``kind=service``) and
    ``tg://resolve?domain=NAME``. Value ``https://t.me/NAME[/POST]`` with the username
    lower-cased (Telegram usernames are case-insensitive); attribute ``username``.
``telegram_invite``
    ``t.me/joinchat/HASH`` and ``t.me/+HASH`` (value ``https://t.me/+HASH``: both forms open
    the same invite; the hash keeps its case), ``t.me/addlist/HASH`` folders,
    ``tg://join?invite=HASH``. Attributes ``hash``, ``form``.
``telegram_handle``
    ``@name``: 5-32 of ``[A-Za-z0-9_]``, starting with a letter, not ending with ``_``, not
    preceded by a word character, ``.``, ``/`` or ``@`` (so never the ``@`` of an e-mail or a
    URL path). Value ``@name`` lower-cased.
``url``
    ``http(s)``/``ftp`` URLs, ``www.`` hosts and bare ``host.tld[/path]`` with a known TLD
    (:data:`TLDS`). Defanged forms are re-fanged (``hxxp``, ``h**p``, ``[.]``, ``(.)``,
    ``{.}``, ``[dot]``, ``(dot)``, ``[:]``, ``[://]``) and flagged ``defanged=true``. Value:
    scheme and host lower-cased, path kept; bare domains get no invented scheme. ``host``
    attribute. "example dot com" (a bare word ``dot``) is **not** re-fanged: "the dot com
    bubble" would become a domain.
``email``
    ``local@host.tld``, local part 1-64 of ``[\\w.%+-]`` without leading/trailing/double dots.
    ``[at]``/``(at)``/``[@]`` are re-fanged (``defanged=true``). Value lower-cased.
``phone``
    Via ``phonenumbers.PhoneNumberMatcher`` at leniency VALID. International numbers
    (``+`` or ``00``) in any country; *domestic* numbers only where a trunk prefix makes them
    unmistakable (``8`` in RU, ``0`` in TR, IR, AF, KG) and only if they are mobile numbers.
    Domestic TJ/UZ numbers have no trunk prefix ("93 555 1234" looks like any amount) and
    are not reported unless written internationally. Value E.164; attributes ``region`` and
    ``form`` (international/national).
``hashtag``
    ``#`` + letters/digits/``_``/combining marks in any script, at least one letter, not
    preceded by a word character, ``&``, ``/`` or ``#`` (URL fragments, ``C#``, HTML
    entities), not a hex colour such as ``#ff0000``. Value lower-cased.

Overlaps: a wallet is always reported (also inside a block-explorer URL). Telegram links,
e-mails and URLs win over handles, phones and hashtags; among themselves the first found in
the order telegram > e-mail > URL wins, so a ``t.me`` link is not also a ``url`` and an
e-mail's domain is not also a ``url``.

Invisible characters (zero-width, bidi controls, soft hyphen; the
:data:`propwatch.normalize.unicode.INVISIBLE` set) are *removed* before matching, so a wallet
or link split by a ZWSP is still found; offsets still point into the original text (the
evidence span includes the invisible characters). **Choice**: removal can join two tokens that
only a ZWSP separated; evasion by inserted invisibles is far more common in this material.

Performance: every pattern is anchored by a look-behind that forbids starting inside a token
and uses bounded repetitions, so the scan is linear in the text length.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Final

import phonenumbers
from phonenumbers import Leniency, PhoneNumberFormat, PhoneNumberMatcher, PhoneNumberType

from propwatch.detect.model import Signal
from propwatch.detect.wallets import classify_wallet
from propwatch.normalize.unicode import INVISIBLE

__all__ = ["AMBIGUOUS_TLDS", "SIGNAL_TYPES", "TLDS", "extract_signals"]

SIGNAL_TYPES: Final[tuple[str, ...]] = (
    "btc_address",
    "eth_address",
    "tron_address",
    "xmr_address",
    "telegram_link",
    "telegram_invite",
    "telegram_handle",
    "url",
    "email",
    "phone",
    "hashtag",
)


def _words(*groups: str) -> frozenset[str]:
    return frozenset(" ".join(groups).split())


_GENERIC_TLDS = (
    "com org net edu gov mil int info biz name pro mobi app dev io ai co me tv xyz online site "
    "top club shop store tech blog news live link click space website fun icu vip cloud media "
    "press onion su ws cc"
)
_COUNTRY_TLDS = (
    "ac ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bm bn bo br "
    "bs bt bw by bz ca cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm do dz ec "
    "ee eg er es et eu fi fj fk fm fo fr ga gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu gw gy "
    "hk hm hn hr ht hu id ie il im in iq ir is it je jm jo jp ke kg kh ki km kn kp kr kw ky kz "
    "la lb lc li lk lr ls lt lu lv ly ma mc md mg mh mk ml mm mn mo mp mq mr ms mt mu mv mw mx "
    "my mz na nc ne nf ng ni nl no np nr nu nz om pa pe pf pg ph pk pl pm pn pr ps pt pw py qa "
    "re ro rs ru rw sa sb sc sd se sg sh si sk sl sm sn so sr ss st sv sx sy sz tc td tf tg th "
    "tj tk tl tm tn to tr tt tw tz ua ug uk us uy uz va vc ve vg vi vn vu wf ws ye yt za zm zw"
)
_IDN_TLDS = "рф рус укр бел қаз срб мкд мон ایران مصر قطر امارات السعودية"

#: Top-level domains accepted for bare (scheme-less) domains. Lower case.
TLDS: Final[frozenset[str]] = _words(_GENERIC_TLDS, _COUNTRY_TLDS, _IDN_TLDS)

#: TLDs that are also common words or file extensions ("done.it", "setup.py", "readme.md"):
#: a bare domain ending in one needs ``www.``, a path, or to be a known host such as ``t.me``.
AMBIGUOUS_TLDS: Final[frozenset[str]] = _words(
    "am as at be by cc ci do et id im in is it la ma md me ml mo ms mu my ne no nu pl pm ps py "
    "rs sc se sh si so st to tv us ws"
)

_KNOWN_HOSTS = _words(
    "t.me telegram.me telegram.dog youtu.be bit.ly goo.gl t.co x.com vk.me ok.ru wa.me"
)
_TELEGRAM_HOSTS = _words("t.me www.t.me telegram.me www.telegram.me telegram.dog www.telegram.dog")
_TG_RESERVED = _words(
    "addemoji addstickers addtheme bg boost confirmphone contact invoice iv login m "
    "proxy setlanguage share socks"
)

# --------------------------------------------------------------------------------------------
# The matching view: invisibles removed, defang markers replaced, offsets mapped back
# --------------------------------------------------------------------------------------------


def _invisible_class() -> str:
    cps = sorted(INVISIBLE)
    parts: list[str] = []
    start = prev = cps[0]
    for cp in [*cps[1:], -1]:
        if cp == prev + 1:
            prev = cp
            continue
        parts.append(f"\\U{start:08x}" if start == prev else f"\\U{start:08x}-\\U{prev:08x}")
        start = prev = cp
    return "[" + "".join(parts) + "]"


_VIEW_RE = re.compile(
    "|".join(
        (
            f"(?P<inv>{_invisible_class()}+)",
            # hxxp:// h**ps:// hXXp[:]// (the scheme letters; "s" stays a plain character)
            r"(?P<scheme>(?<![A-Za-z])[hH](?:[xX]{2}|\*{2}|[tT][xX]|[xX][tT])[pP]"
            r"(?=[sS]?(?::|\[:\]|\[://\])))",
            r"(?P<dot> ?(?:\[ ?(?:\.|dot) ?\]|\( ?(?:\.|dot) ?\)|\{ ?(?:\.|dot) ?\}) ?)",
            r"(?P<colon>\[:\]|\[://\])",
            r"(?P<at> ?(?:\[ ?(?:@|at) ?\]|\( ?(?:@|at) ?\)|\{ ?(?:@|at) ?\}) ?)",
        )
    ),
    re.IGNORECASE,
)


#: What one of ``_VIEW_RE``'s alternatives needs to start with: an invisible character, an
#: opening bracket before a defang marker, or a defanged scheme ("hxxp", "h**p", "htxp",
#: "hxtp"). Brackets alone, or "ht" (right, night), are too common in ordinary text to be
#: the hint; case is spelled out because IGNORECASE slows the big invisible class down.
_VIEW_HINT = re.compile(
    f"{_invisible_class()}|[\\[({{] ?(?:[.:@]|[dD][oO][tT]|[aA][tT])"
    "|[hH](?:[xX]{2}|\\*{2}|[tT][xX]|[xX][tT])[pP]"
)


@dataclass(frozen=True, slots=True)
class _Segment:
    vstart: int  # start in the view
    ostart: int  # start in the original
    oend: int  # end in the original
    replaced: bool  # a defang marker (the view text differs from the original)


class _View:
    """The text the patterns run on, and the map back to original offsets."""

    def __init__(self, text: str) -> None:
        self.original = text
        parts: list[str] = []
        self._segs: list[_Segment] = []
        if not _VIEW_HINT.search(text):
            # No invisible character, bracket or scheme-like "hx"/"h*": the view is the text
            # (one C-speed scan instead of the alternation's lookbehinds at every position).
            self.text = text
            return
        pos = v = 0
        for m in _VIEW_RE.finditer(text):
            if m.start() > pos:
                self._segs.append(_Segment(v, pos, m.start(), False))
                parts.append(text[pos : m.start()])
                v += m.start() - pos
            kind = m.lastgroup
            repl = "" if kind == "inv" else _replacement(kind, m.group())
            if repl:
                self._segs.append(_Segment(v, m.start(), m.end(), True))
                parts.append(repl)
                v += len(repl)
            pos = m.end()
        if not self._segs and pos == 0:
            self.text = text
            return
        if pos < len(text):
            self._segs.append(_Segment(v, pos, len(text), False))
            parts.append(text[pos:])
        self.text = "".join(parts)
        self._vstarts = [s.vstart for s in self._segs]

    def _seg(self, i: int) -> _Segment:
        return self._segs[bisect.bisect_right(self._vstarts, i) - 1]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``(start, end)`` of the view span ``[start, end)`` (non-empty)."""
        if not self._segs:
            return start, end
        first, last = self._seg(start), self._seg(end - 1)
        ostart = first.ostart if first.replaced else first.ostart + (start - first.vstart)
        oend = last.oend if last.replaced else last.ostart + (end - last.vstart)
        return ostart, oend

    def defanged(self, start: int, end: int) -> bool:
        """Whether a defang marker was replaced inside the view span."""
        if not self._segs:
            return False
        lo = bisect.bisect_right(self._vstarts, start) - 1
        hi = bisect.bisect_left(self._vstarts, end)
        return any(s.replaced for s in self._segs[max(lo, 0) : hi])


def _replacement(kind: str | None, matched: str) -> str:
    if kind == "scheme":
        return "http"
    if kind == "dot":
        return "."
    if kind == "colon":
        return matched[1:-1]
    if kind == "at":
        return "@"
    return ""


# --------------------------------------------------------------------------------------------
# Candidates
# --------------------------------------------------------------------------------------------

_Attrs = dict[str, str]


@dataclass(frozen=True, slots=True)
class _Cand:
    type: str
    value: str
    start: int  # view offsets
    end: int
    attrs: tuple[tuple[str, str], ...]


def _cand(type_: str, value: str, start: int, end: int, attrs: _Attrs) -> _Cand:
    return _Cand(type_, value, start, end, tuple(sorted(attrs.items())))


# Wallets: a whole ASCII-alphanumeric run of plausible length.
_WALLET_RE = re.compile(r"(?<![0-9A-Za-z])[0-9A-Za-z]{14,106}(?![0-9A-Za-z])")


#: A run long enough to be a wallet; found without ``_WALLET_RE``'s look-behind.
_WALLET_HINT = re.compile(r"[0-9A-Za-z]{14}")


def _wallets(view: _View) -> Iterator[_Cand]:
    if not _WALLET_HINT.search(view.text):
        return
    for m in _WALLET_RE.finditer(view.text):
        info = classify_wallet(m.group())
        if info is None:
            continue
        attrs = {"network": info.network, "kind": info.kind}
        if info.checksum:
            attrs["checksum"] = info.checksum
        yield _cand(info.type, info.value, m.start(), m.end(), attrs)


_LABEL = r"[^\W_][\w-]{0,62}"
_TLD = r"(?:[^\W\d_]{2,63}|xn--[a-z0-9-]{1,59})"
_PATH_CHARS = r"[^\s<>\"'«»“”‘’\[\]{}|\\^`]"
_TRAILING = ".,;:!?*'\"»…"

_SCHEME_URL_RE = re.compile(
    rf"(?<![A-Za-z0-9+.-])(?:https?|ftp)://{_PATH_CHARS}{{1,2048}}", re.IGNORECASE
)
_BARE_URL_RE = re.compile(
    rf"(?<![\w.@/\\:+#-])(?P<host>(?:{_LABEL}\.){{1,126}}{_TLD})(?![\w@-])"
    rf"(?P<port>:\d{{1,5}}(?!\w))?(?P<path>[/?#]{_PATH_CHARS}{{0,2048}})?"
)
_HOST_RE = re.compile(rf"(?:{_LABEL}\.){{1,126}}{_TLD}")
#: Every bare host has a dot followed by the first letter of a label (its TLD at least):
#: without one, the costly ``_BARE_URL_RE`` (a look-behind at every position) cannot match.
_BARE_HINT = re.compile(r"\.[^\W\d_]")
_IPV4_RE = re.compile(r"(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)")
_EMAIL_RE = re.compile(
    rf"(?<![\w.%+-])(?P<local>[\w.%+-]{{1,64}})@(?P<host>(?:{_LABEL}\.){{1,126}}{_TLD})(?![\w-])"
)
_TG_SCHEME_RE = re.compile(
    r"(?<![\w.-])tg://(?:resolve\?domain=(?P<name>[A-Za-z][A-Za-z0-9_]{3,31})(?![\w])"
    r"(?:&post=(?P<post>\d{1,12}))?|join\?invite=(?P<hash>[A-Za-z0-9_-]{5,64}))(?![\w-])",
    re.IGNORECASE,
)


def _trim(url: str) -> str:
    """Drop trailing sentence punctuation and unbalanced closing brackets."""
    while url:
        last = url[-1]
        if last in _TRAILING or (last == ")" and url.count("(") < url.count(")")):
            url = url[:-1]
        else:
            break
    return url


def _valid_labels(host: str) -> bool:
    return all(
        lab and lab[0] != "-" and lab[-1] != "-" and len(lab) <= 63 for lab in host.split(".")
    )


def _bare_host_ok(host: str, has_path: bool) -> bool:
    low = host.lower()
    tld = low.rsplit(".", 1)[-1]
    if low in _KNOWN_HOSTS:
        return True
    if tld not in TLDS or not _valid_labels(host):
        return False
    real_tld = host.rsplit(".", 1)[-1]
    if real_tld != tld and host != host.upper():
        return False  # "end.It", "README.Md": a sentence, not a domain
    # An ambiguous TLD needs corroboration: a path or "www.".
    return tld not in AMBIGUOUS_TLDS or has_path or low.startswith("www.")


def _shrink_host(host: str, has_path: bool) -> str | None:
    """The longest valid prefix host ("example.com.Next" -> "example.com"), or ``None``."""
    if len(host) > 253:
        return None  # longer than any DNS name
    labels = host.split(".")
    for n in range(len(labels), 1, -1):
        cand = ".".join(labels[:n])
        if _bare_host_ok(cand, has_path and n == len(labels)):
            return cand
    return None


@dataclass(frozen=True, slots=True)
class _Url:
    start: int
    end: int
    scheme: str  # "" for bare domains
    host: str  # lower case
    port: str  # ":8080" or ""
    rest: str  # path + query + fragment, as written


def _urls(view: _View) -> Iterator[_Url]:
    if "://" in view.text:
        yield from _scheme_urls(view.text)
    if _BARE_HINT.search(view.text):
        yield from _bare_urls(view.text)


def _scheme_urls(text: str) -> Iterator[_Url]:
    for m in _SCHEME_URL_RE.finditer(text):
        raw = _trim(m.group())
        scheme, _, after = raw.partition("://")
        cut = min((i for i in (after.find(c) for c in "/?#") if i >= 0), default=len(after))
        authority, rest = after[:cut], after[cut:]
        host = authority.rsplit("@", 1)[-1]
        port = ""
        if ":" in host:
            host, _, digits = host.partition(":")
            if not digits.isdigit() or len(digits) > 5:
                continue
            port = ":" + digits
        if not (_IPV4_RE.fullmatch(host) or (_HOST_RE.fullmatch(host) and _valid_labels(host))):
            continue
        yield _Url(m.start(), m.start() + len(raw), scheme.lower(), host.lower(), port, rest)


def _bare_urls(text: str) -> Iterator[_Url]:
    for m in _BARE_URL_RE.finditer(text):
        host_raw = m.group("host")
        path = m.group("path") or ""
        port = m.group("port") or ""
        host = _shrink_host(host_raw, bool(path))
        if host is None:
            continue
        if host != host_raw:
            yield _Url(m.start(), m.start() + len(host), "", host.lower(), "", "")
            continue
        tail = _trim(port + path)
        if port and not tail.startswith(port):
            port = ""
            tail = ""
        rest = tail[len(port) :]
        end = m.end("host") + len(port) + len(rest)
        yield _Url(m.start(), end, "", host.lower(), port, rest)


_TG_NAME_RE = re.compile(r"([A-Za-z][A-Za-z0-9_]{3,31})(?![A-Za-z0-9_])(?:/(\d{1,12})(?!\w))?")
_TG_HASH_RE = re.compile(r"([A-Za-z0-9_-]{5,64})(?![\w-])")
_TG_PRIVATE_RE = re.compile(r"c/(\d{5,15})(?:/(\d{1,12}))?(?!\w)")


def _telegram(url: _Url) -> tuple[str, str, int, _Attrs] | None:
    """``(type, value, consumed length of url.rest, attributes)`` for a Telegram URL."""
    rest = url.rest
    if not rest.startswith("/"):
        return None
    path = rest[1:]
    preview = path[:2].lower() == "s/"
    if preview:
        path = path[2:]
    skipped = len(rest) - len(path)
    low = path.lower()
    if low.startswith(("joinchat/", "addlist/")) or (path.startswith("+") and not preview):
        head = path[: path.index("/") + 1] if not path.startswith("+") else "+"
        m = _TG_HASH_RE.match(path, len(head))
        if m is None:
            return None
        token = m.group(1)
        consumed = skipped + m.end()
        if head == "+" and token.isdigit():
            if len(token) < 7:
                return None
            return "telegram_link", f"https://t.me/+{token}", consumed, {"kind": "phone"}
        form = {"+": "plus", "joinchat/": "joinchat"}.get(head.lower(), "addlist")
        value = f"https://t.me/addlist/{token}" if form == "addlist" else f"https://t.me/+{token}"
        kind = "folder" if form == "addlist" else "chat"
        return "telegram_invite", value, consumed, {"hash": token, "form": form, "kind": kind}
    m = _TG_PRIVATE_RE.match(low)
    if m is not None:
        value = f"https://t.me/c/{m.group(1)}" + (f"/{m.group(2)}" if m.group(2) else "")
        attrs = {"kind": "private_post" if m.group(2) else "private_channel", "chat": m.group(1)}
        if m.group(2):
            attrs["post"] = m.group(2)
        return "telegram_link", value, skipped + m.end(), attrs
    m = _TG_NAME_RE.match(path)
    if m is None:
        return None
    name = m.group(1).lower()
    if name in _TG_RESERVED:
        tail = _trim(rest)
        return "telegram_link", "https://t.me" + tail, len(tail), {"kind": "service"}
    if name.endswith("_") or name == "joinchat":
        return None
    post = m.group(2)
    attrs = {"username": name, "kind": "post" if post else "channel"}
    if post:
        attrs["post"] = post
    if preview:
        attrs["preview"] = "true"
    value = f"https://t.me/{name}" + (f"/{post}" if post else "")
    consumed = skipped + m.end()
    query = re.match(r"[?#][\w=&%.-]*", rest[consumed:])
    if query is not None:
        consumed += len(_trim(query.group()))
    return "telegram_link", value, consumed, attrs


def _links(view: _View) -> Iterator[_Cand]:
    for url in _urls(view):
        attrs: _Attrs = {}
        if url.host in _TELEGRAM_HOSTS:
            tg = _telegram(url)
            if tg is not None:
                type_, value, consumed, attrs = tg
                end = url.end - len(url.rest) + consumed
                if view.defanged(url.start, end):
                    attrs["defanged"] = "true"
                yield _cand(type_, value, url.start, end, attrs)
                continue
        value = (f"{url.scheme}://" if url.scheme else "") + url.host + url.port + url.rest
        attrs = {"host": url.host}
        if view.defanged(url.start, url.end):
            attrs["defanged"] = "true"
        yield _cand("url", value, url.start, url.end, attrs)
    if "://" not in view.text:  # tg://
        return
    for m in _TG_SCHEME_RE.finditer(view.text):
        if m.group("hash"):
            token = m.group("hash")
            yield _cand(
                "telegram_invite",
                f"https://t.me/+{token}",
                m.start(),
                m.end(),
                {"hash": token, "form": "tg", "kind": "chat"},
            )
            continue
        name = m.group("name").lower()
        post = m.group("post")
        attrs = {"username": name, "kind": "post" if post else "channel"}
        if post:
            attrs["post"] = post
        value = f"https://t.me/{name}" + (f"/{post}" if post else "")
        yield _cand("telegram_link", value, m.start(), m.end(), attrs)


def _emails(view: _View) -> Iterator[_Cand]:
    if "@" not in view.text:
        return
    for m in _EMAIL_RE.finditer(view.text):
        local, host = m.group("local"), m.group("host")
        if local[0] == "." or local[-1] == "." or ".." in local or not _valid_labels(host):
            continue
        attrs: _Attrs = {"host": host.lower()}
        if view.defanged(m.start(), m.end()):
            attrs["defanged"] = "true"
        yield _cand("email", m.group().lower(), m.start(), m.end(), attrs)


_HANDLE_RE = re.compile(
    r"(?<![\w@./+-])@(?P<name>[A-Za-z][A-Za-z0-9_]{3,30}[A-Za-z0-9])(?![A-Za-z0-9@]|\.[^\W_]|_+\w)"
)


def _handles(view: _View) -> Iterator[_Cand]:
    if "@" not in view.text:
        return
    for m in _HANDLE_RE.finditer(view.text):
        name = m.group("name").lower()
        yield _cand("telegram_handle", "@" + name, m.start(), m.end(), {"username": name})


_MARKS = r"\u0300-\u036f\u0483-\u0489\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0900-\u0903"
_HASHTAG_RE = re.compile(rf"(?<![\w&/#{_MARKS}])#(?P<tag>[\w{_MARKS}]+)")
_HEX_COLOUR_RE = re.compile(r"[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8}")


def _hashtags(view: _View) -> Iterator[_Cand]:
    if "#" not in view.text:
        return
    for m in _HASHTAG_RE.finditer(view.text):
        tag = m.group("tag")
        if not any(c.isalpha() for c in tag):
            continue  # "#1", "#2024", "#___"
        if _HEX_COLOUR_RE.fullmatch(tag) and any(c.isdigit() for c in tag):
            continue  # "#ff0000", "#1e1"
        yield _cand("hashtag", "#" + tag.lower(), m.start(), m.end(), {})


# Phone candidates: a "+"/digit run with phone separators; phonenumbers decides.
_PHONE_RE = re.compile(r"(?<![\w+.,/-])\(?\+?\(?\d[\d \u00a0\-.()]{5,22}\d(?![\w])")
_DOMESTIC_REGIONS: Final[tuple[tuple[str, str], ...]] = (
    ("8", "RU"),
    ("0", "TR"),
    ("0", "IR"),
    ("0", "AF"),
    ("0", "KG"),
)
_MOBILE = (PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE)
_SEPARATED_RE = re.compile(r"\d[ \u00a0()-]+\d")


_PhoneHit = tuple[int, int, phonenumbers.PhoneNumber]


def _match_phone(chunk: str, region: str | None) -> _PhoneHit | None:
    for match in PhoneNumberMatcher(chunk, region, leniency=Leniency.VALID):
        return match.start, match.end, match.number
    return None


def _phone_hit(chunk: str, digits: str) -> tuple[_PhoneHit, str] | None:
    """The number in a candidate chunk and its form, or ``None``."""
    lead = len(chunk) - len(chunk.lstrip("("))
    if chunk[lead:].startswith("+"):
        hit = _match_phone(chunk, None)
        return (hit, "international") if hit else None
    if digits.startswith("00"):
        # "00" is the international prefix in most of the region: read it as "+" (same length).
        hit = _match_phone(chunk[:lead] + " +" + chunk[lead + 2 :], None)
        if hit is None:
            return None
        start, end, number = hit
        return (min(start, lead), end, number), "international"
    if "." in chunk:
        return None  # "05.12.2023 14": dates, not domestic numbers
    if len(digits) < 10 or (len(digits) < 11 and not _SEPARATED_RE.search(chunk)):
        return None  # unformatted 10-digit runs are as often ids or amounts
    for trunk, region in _DOMESTIC_REGIONS:
        if digits.startswith(trunk):
            hit = _match_phone(chunk, region)
            if hit is not None and phonenumbers.number_type(hit[2]) in _MOBILE:
                return hit, "national"
    return None


#: ``_PHONE_RE`` without its look-behind and leading brackets: a cheap test that it may match.
_PHONE_HINT = re.compile(r"\d[\d \u00a0\-.()]{5,22}\d")


def _phones(view: _View) -> Iterator[_Cand]:
    if not _PHONE_HINT.search(view.text):
        return
    for m in _PHONE_RE.finditer(view.text):
        chunk = m.group()
        digits = "".join(str(int(c)) for c in chunk if c.isdecimal())  # Persian digits too
        groups = len(re.findall(r"\d+", chunk))
        if not 7 <= len(digits) <= 15 or groups > 6:
            continue
        found = _phone_hit(chunk, digits)
        if found is None:
            continue
        (start, end, number), form = found
        if start and chunk[start - 1] == "(" and ")" in chunk[start:end]:
            start -= 1  # "(+992) 93 ...": keep the bracket with its partner
        e164 = phonenumbers.format_number(number, PhoneNumberFormat.E164)
        region_code = phonenumbers.region_code_for_number(number) or "001"
        attrs = {"region": region_code, "form": form}
        yield _cand("phone", e164, m.start() + start, m.start() + end, attrs)


# --------------------------------------------------------------------------------------------
# Assembly
# --------------------------------------------------------------------------------------------

# (detector, tier): tier 0 = wallets (always kept), 1 = links/e-mails, 2 = the rest.
_DETECTORS: Final[tuple[tuple[Callable[[_View], Iterator[_Cand]], int], ...]] = (
    (_wallets, 0),
    (_links, 1),
    (_emails, 1),
    (_handles, 2),
    (_phones, 2),
    (_hashtags, 2),
)


def extract_signals(text: str) -> list[Signal]:
    """All signals in ``text``, sorted by ``start`` (then ``end``, ``type``). Never raises."""
    if not text:
        return []
    view = _View(text)
    taken_all = bytearray(len(text))  # spans of every accepted signal
    taken_links = bytearray(len(text))  # spans of accepted non-wallet signals
    out: list[Signal] = []
    for detector, tier in _DETECTORS:
        candidates = sorted(detector(view), key=lambda c: (c.start, -c.end))
        for c in candidates:
            start, end = view.span(c.start, c.end)
            if tier == 1 and taken_links.find(1, start, end) != -1:
                continue
            if tier == 2 and taken_all.find(1, start, end) != -1:
                continue
            ones = b"\x01" * (end - start)
            taken_all[start:end] = ones
            if tier:
                taken_links[start:end] = ones
            out.append(Signal(c.type, c.value, start, end, c.attrs))
    out.sort(key=lambda s: (s.start, s.end, s.type))
    return out
