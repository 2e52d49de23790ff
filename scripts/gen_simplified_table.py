#!/usr/bin/env python3
"""Writes src/ocr/simplified.txt: traditional (and variant) Han characters that the report never
prints, each with the simplified character it stands for.

A PBOC report is printed in simplified Chinese; the PP-OCR recogniser's dictionary also holds
traditional forms, and on blurred or low-DPI scans it reads 额 as 額, 贷 as 貸, 费 as 費. The
decoder (src/ocr/ctc.rs) counts such a class as its simplified form.

Rule: every CJK Unified Ideograph (U+4E00-U+9FFF) that is NOT in GB2312 and that OpenCC's
character-level t2s conversion maps to ONE different character that IS in GB2312. Characters of
GB2312 are never mapped (乾, 於, 著 are printed as such in simplified text); characters outside
GB2312 without such a counterpart (rare name characters like 堃, 喆) are kept.

Needs OpenCC from PyPI (Apache-2.0), only to regenerate the table:
    python3 -m venv /tmp/occ && /tmp/occ/bin/pip install opencc==1.4.2
    /tmp/occ/bin/python scripts/gen_simplified_table.py > src/ocr/simplified.txt
"""
import opencc


def in_gb2312(c: str) -> bool:
    try:
        c.encode("gb2312")
        return True
    except UnicodeEncodeError:
        return False


def pairs():
    cc = opencc.OpenCC("t2s")
    for o in range(0x4E00, 0xA000):
        t = chr(o)
        if in_gb2312(t):
            continue
        s = cc.convert(t)
        if len(s) == 1 and s != t and in_gb2312(s):
            yield t + s


def main():
    ps = list(pairs())
    print("# Traditional/variant -> simplified Han characters the report never prints (see")
    print("# scripts/gen_simplified_table.py; OpenCC 1.4.2 t2s, Apache-2.0). Each entry is two")
    print(f"# characters: the one read, the one printed. {len(ps)} entries.")
    for i in range(0, len(ps), 24):
        print(" ".join(ps[i : i + 24]))


if __name__ == "__main__":
    main()
