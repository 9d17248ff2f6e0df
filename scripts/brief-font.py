#!/usr/bin/python3
"""Builds the "Brief SC" font the PDF reports print Chinese with, from Debian packages only:
fonts-noto-cjk (the source outlines) and python3-fonttools (subsetting and conversion).

    /usr/bin/python3 scripts/brief-font.py OUTPUT_DIR

Why: Chromium's PDF backend (Skia) writes fonts with CFF outlines, as Noto Sans CJK has, as one Type 3 font per
few glyphs: a two-page Chinese brief came out with ~170 Type 3 fonts, 0.4-0.5 MB and ~1.3 s of CPU. TrueType
(glyf) outlines are embedded as a CID TrueType subset instead, and the print cost grows with the size of the font
file a document uses. So this takes Noto Sans CJK SC Regular and Bold (face 2 of each collection), keeps GB2312
(all 6,763 hanzi) plus Latin, punctuation, CJK symbols and full-width forms (about 8,000 glyphs), converts the
outlines to TrueType (cu2qu, at most 4/1000 em off: invisible at 400 dpi, and it keeps a two-page brief under
100 KB) and renames the family. Characters outside the subset (rare name characters such as 堃) fall back to
Noto Sans CJK in the stylesheet: they still print, as Type 3 glyphs, and that document costs as much as before.

Licence: Noto Sans CJK is under the SIL Open Font License 1.1. A modified version must not use a Reserved Font
Name; Debian's copyright file names none for Noto CJK, but "Noto" is Google's trademark (name ID 7) and Adobe
reserves "Source" for Source Han Sans, so the derived family is called "Brief SC". The copyright, trademark and
licence name records are kept, and OFL.txt (the licence text) is written beside the fonts.

About 100 s of CPU per face; OUTPUT_DIR receives BriefSC-Regular.ttf, BriefSC-Bold.ttf and OFL.txt.
"""
import os
import sys
import time

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

NOTO = '/usr/share/fonts/opentype/noto'
SIMPLIFIED_CHINESE_FACE = 2  # the face order of Debian's NotoSansCJK-*.ttc: JP, KR, SC, TC, HK
FAMILY = 'Brief SC'
FACES = (('NotoSansCJK-Regular.ttc', 'Regular', 400), ('NotoSansCJK-Bold.ttc', 'Bold', 700))
MAX_OUTLINE_ERROR = 4.0  # font units of 1000 per em
LICENCE_SOURCE = '/usr/share/doc/fonts-noto-cjk/copyright'


def characters():
    """GB2312 (every hanzi and symbol it encodes) plus the Latin, punctuation and symbol ranges documents use."""
    ranges = [(0x20, 0x7F), (0xA0, 0x180), (0x2000, 0x2070), (0x2190, 0x2200), (0x2460, 0x2500), (0x3000, 0x3040),
              (0xFF00, 0xFFF0)]
    result = {c for low, high in ranges for c in range(low, high)}
    result |= {0x20AC, 0x2103, 0x2116, 0x2122, 0x25A0, 0x25A1, 0x25B2, 0x25CB, 0x25CF, 0x2605, 0x2606}
    for code in range(0x80, 0x10000):
        try:
            chr(code).encode('gb2312')
        except UnicodeEncodeError:
            continue
        result.add(code)
    return result


def subset_font(font):
    options = subset.Options()
    options.name_IDs = ['*']
    options.name_languages = ['*']
    options.notdef_outline = True
    options.hinting = False
    options.desubroutinize = True
    # The closure over GSUB would pull in thousands of variant glyphs the documents never use (twice the size).
    options.layout_closure = False
    # Half-width punctuation (halt/chws/palt) keeps "：，（）" spaced as Noto sets them.
    options.layout_features += ['halt', 'chws', 'vchw', 'palt', 'vpal']
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=characters())
    subsetter.subset(font)


def to_truetype(font):
    """CFF (cubic) outlines to TrueType glyf (quadratic) outlines, the only kind Skia embeds as a CID font."""
    order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    glyf = newTable('glyf')
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyphs)
        glyphs[name].draw(Cu2QuPen(pen, max_err=MAX_OUTLINE_ERROR, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font['glyf'] = glyf
    font['loca'] = newTable('loca')
    del font['CFF ']
    if 'VORG' in font:
        del font['VORG']
    maxp = font['maxp']
    maxp.tableVersion = 0x00010000
    for field in ('maxTwilightPoints', 'maxStorage', 'maxFunctionDefs', 'maxInstructionDefs', 'maxStackElements',
                  'maxSizeOfInstructions', 'maxComponentElements'):
        setattr(maxp, field, 0)
    maxp.maxZones = 1
    font['head'].glyphDataFormat = 0
    font['head'].indexToLocFormat = 0
    post = font['post']
    post.formatType = 3.0
    post.extraNames = []
    post.mapping = {}
    font.sfntVersion = '\x00\x01\x00\x00'


def rename(font, style, weight):
    """The family, full and PostScript names become Brief SC; copyright, trademark and licence records stay."""
    names = font['name']
    for record in list(names.names):
        if record.nameID in (1, 2, 3, 4, 6, 10, 16, 17, 21, 22):
            names.removeNames(nameID=record.nameID)
    postscript = FAMILY.replace(' ', '') + '-' + style
    description = ('Derived from Noto Sans CJK SC ' + style + ': a GB2312 subset with TrueType outlines, '
                   'for PDF reports. SIL Open Font License 1.1.')
    for name_id, value in ((1, FAMILY), (2, style), (3, postscript), (4, FAMILY + ' ' + style), (6, postscript),
                           (10, description)):
        names.setName(value, name_id, 3, 1, 0x409)
        names.setName(value, name_id, 1, 0, 0)
    font['OS/2'].usWeightClass = weight


def licence_text():
    """The SIL OFL 1.1 paragraph of Debian's copyright file (the stand-alone one, not the "Files:" field)."""
    paragraphs = open(LICENCE_SOURCE, encoding='utf-8').read().split('\n\n')
    licence = next(p for p in paragraphs if p.startswith('License: SIL-1.1\n'))
    lines = [line[1:] for line in licence.splitlines()[1:]]
    return '\n'.join('' if line == '.' else line for line in lines).strip() + '\n'


def build(output):
    os.makedirs(output, exist_ok=True)
    for source, style, weight in FACES:
        started = time.time()
        font = TTFont(os.path.join(NOTO, source), fontNumber=SIMPLIFIED_CHINESE_FACE, lazy=False)
        subset_font(font)
        to_truetype(font)
        rename(font, style, weight)
        target = os.path.join(output, FAMILY.replace(' ', '') + '-' + style + '.ttf')
        partial = f'{target}.{os.getpid()}.tmp'
        font.save(partial)
        os.replace(partial, target)  # a half-written file never looks finished
        print(f'{target}: {font["maxp"].numGlyphs} glyphs in {time.time() - started:.0f} s', flush=True)
    with open(os.path.join(output, 'OFL.txt'), 'w', encoding='utf-8') as licence:
        licence.write('Brief SC is a modified version of Noto Sans CJK SC, (c) 2014-2021 Adobe, '
                      'under the SIL Open Font License 1.1:\n\n' + licence_text())


if __name__ == '__main__':
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    build(sys.argv[1])
