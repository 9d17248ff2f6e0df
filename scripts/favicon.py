# Usage: python3 scripts/favicon.py src/InvestmentCrm.Web/wwwroot/favicon.ico
# Draws favicon.svg's shapes (crimson rounded square, two white links) into a multi-size ICO of PNGs.
import struct, zlib, sys

def inside_rrect(x, y, x0, y0, w, h, r):
    cx = min(max(x, x0 + r), x0 + w - r); cy = min(max(y, y0 + r), y0 + h - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r and x0 <= x <= x0 + w and y0 <= y <= y0 + h

def on_outline(x, y, x0, y0, w, h, r, sw):
    # The stroke of the rounded rect: inside the outer, outside the inner.
    h2 = sw / 2
    return inside_rrect(x, y, x0 - h2, y0 - h2, w + sw, h + sw, r + h2) and not inside_rrect(x, y, x0 + h2, y0 + h2, w - sw, h - sw, r - h2)

def pixel(x, y):  # in the 64-unit space; returns (r, g, b, a)
    if not inside_rrect(x, y, 0, 0, 64, 64, 12):
        return (0, 0, 0, 0)
    if on_outline(x, y, 9, 22, 26, 20, 10, 6) or on_outline(x, y, 29, 22, 26, 20, 10, 6):
        return (255, 255, 255, 255)
    return (0x8a, 0x1c, 0x1c, 255)

def png(size, ss=4):
    rows = []
    for py in range(size):
        row = bytearray([0])
        for px in range(size):
            acc = [0, 0, 0, 0]
            for sy in range(ss):
                for sx in range(ss):
                    x = (px + (sx + .5) / ss) * 64 / size; y = (py + (sy + .5) / ss) * 64 / size
                    r, g, b, a = pixel(x, y)
                    acc[0] += r * a; acc[1] += g * a; acc[2] += b * a; acc[3] += a
            a = acc[3]
            row += bytes([round(acc[0] / a) if a else 0, round(acc[1] / a) if a else 0, round(acc[2] / a) if a else 0, round(a / ss / ss)])
        rows.append(bytes(row))
    def chunk(t, d): return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b"")

sizes = [16, 32, 48]
images = [png(s) for s in sizes]
out = struct.pack("<HHH", 0, 1, len(sizes)); offset = 6 + 16 * len(sizes)
for s, img in zip(sizes, images):
    out += struct.pack("<BBBBHHII", s, s, 0, 0, 1, 32, len(img), offset); offset += len(img)
open(sys.argv[1], "wb").write(out + b"".join(images))

