"""cinder's description pattern: any run of printable characters (no
control or format characters, no separators but plain spaces), as one
regex character class over the Basic Multilingual Plane. The class is
spelled as cinder spells it, since a refusal quotes the pattern."""
import re
import unicodedata


def _printable(char):
    category = unicodedata.category(char)
    return not category.startswith('C') and (
        not category.startswith('Z') or category == 'Zs')


def _ranges():
    runs = []
    start = None
    for code in range(0xFFFF):
        if _printable(chr(code)):
            if start is None:
                start = code
        elif start is not None:
            runs.append((start, code - 1))
            start = None
    if start is not None:
        runs.append((start, 0xFFFE))
    return ''.join(
        re.escape(chr(a)) + ('' if a == b else '-' + re.escape(chr(b)))
        for a, b in runs)


DESCRIPTION_PATTERN = '^[%s]*$' % _ranges()
