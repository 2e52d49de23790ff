#!/usr/bin/env python3
"""Derives an int8 (QDQ, static) copy of the PP-OCR text detector, and a copy of the recogniser
whose output layer alone is int8.

Why: on CPUs with VNNI/AMX, ONNX Runtime runs int8 convolutions ~2-3x faster than float32,
and the detector is convolution-bound. PaddleOCR itself ships quantised ("slim") detectors.

Calibration needs no downloads and no real reports: it draws synthetic report-like pages (ruled
rows of text) with the CJK font that scripts/download_models.sh fetches, and preprocesses them the
way src/ocr/image_ops.rs does (BGR, CHW, (x/255 - 0.5) / 0.5). Everything is seeded, so the
same pins give the same models.

Usage: quantize_models.py MODELS_DIR FONT.ttf
Writes MODELS_DIR/PP-OCRv6_det_small.int8.onnx. Measured on sample pages 1, 2, 5 at 200 DPI,
2 threads (tests/ocr_bench.rs): det CPU 3.4 -> 1.25 s/page; on the CI scan set (one report,
clean/mild/heavy) grid cells 364/358/342 of 366 against 364/358/341 with the float detector.

The recogniser is not quantised whole: the same recipe applied to it saved only ~20 % of its CPU
time and read single-character grid cells (`N`, `*`) wrongly (clean-scan grid cells 364 -> 72 of
366). Its output layer alone (the 120 x 18,710 MatMul that feeds the Softmax over the dictionary,
~18 % of its time) is quantised dynamically: int8 weights per output channel, and the features
entering it quantised at run time with each batch's own range, so no calibration data and no fixed
range that could clip a rare character's logit. Measured at equal field F1 within 0.001
(models/README.md). Writes MODELS_DIR/PP-OCRv6_rec_small.int8.onnx.
"""
import os
import random
import sys

import numpy as np
import onnx
from onnx import version_converter
from onnxruntime.quantization import (CalibrationDataReader, QuantFormat, QuantType,
                                      quantize_dynamic, quantize_static)
from PIL import Image, ImageDraw, ImageFilter, ImageFont

DET = "PP-OCRv6_det_small.onnx"
REC = "PP-OCRv6_rec_small.onnx"
# Per-channel weight scales need DequantizeLinear's `axis`, i.e. opset 13.
OPSET = 13
SEED = 20261129

REPORT_TEXT = (
    "个人信用报告本人版报告编号查询时间姓名证件类型身份证号码婚姻状况学历职业单位地址电话"
    "信贷交易信息提示汇总明细贷款账户授信额度余额逾期状态正常结清呆账转出销户未激活担保"
    "还款记录最近五年发放机构商业银行消费金融公司住房公积金中心个人住房商业贷款信用卡"
    "共同借款人相关还款责任被追偿欠税民事判决强制执行行政处罚查询记录机构查询原因贷后管理"
    "截至年月日币种人民币元账户状态五级分类本月应还实还最近一次还款日期剩余期数当前逾期期数"
)
ASCII = "0123456789,.-:*#/()NCDGZ"


def sample_text(rng):
    kind = rng.random()
    if kind < 0.3:
        return f"{rng.randint(2000, 2030)}.{rng.randint(1, 12):02d}.{rng.randint(1, 28):02d}"
    if kind < 0.5:
        return f"{rng.randint(0, 999_999):,}"
    if kind < 0.6:
        return "".join(rng.choice(ASCII) for _ in range(rng.randint(1, 6)))
    n = rng.randint(2, 22)
    return "".join(rng.choice(REPORT_TEXT) for _ in range(n))


def report_page(rng, font_path, w=960, h=1344):
    """A page with ruled table rows and cell text at 150-200 DPI report sizes."""
    bg = rng.randint(225, 255)
    img = Image.new("RGB", (w, h), (bg, bg, bg))
    d = ImageDraw.Draw(img)
    y = 40
    while y < h - 60:
        row_h = rng.randint(26, 48)
        d.line([(30, y), (w - 30, y)], fill=(60, 60, 60), width=rng.randint(1, 2))
        x = 30
        while x < w - 80:
            cw = rng.randint(70, 260)
            d.line([(x, y), (x, y + row_h)], fill=(60, 60, 60), width=1)
            size = rng.randint(14, 22)
            font = ImageFont.truetype(font_path, size)
            text = sample_text(rng)
            while text and font.getlength(text) > cw - 8:
                text = text[:-1]
            d.text((x + 4, y + (row_h - size) // 2), text, font=font, fill=(0, 0, 0))
            x += cw
        y += row_h
    return img.filter(ImageFilter.GaussianBlur(0.6))


def to_tensor(img):
    a = np.asarray(img, dtype=np.float32)[:, :, ::-1]  # RGB -> BGR
    a = (a / 255.0 - 0.5) / 0.5
    return a.transpose(2, 0, 1)[None].copy()


class Reader(CalibrationDataReader):
    def __init__(self, name, tensors):
        self.name, self.tensors, self.i = name, tensors, 0

    def get_next(self):
        if self.i >= len(self.tensors):
            return None
        self.i += 1
        return {self.name: self.tensors[self.i - 1]}


def quantize(models_dir, name, tensors, work):
    src = os.path.join(models_dir, name)
    model = onnx.load(src)
    input_name = model.graph.input[0].name
    upgraded = version_converter.convert_version(model, OPSET)
    tmp = os.path.join(work, "opset13_" + name)
    onnx.save(upgraded, tmp)
    out = os.path.join(models_dir, name.replace(".onnx", ".int8.onnx"))
    part = out + ".part"
    quantize_static(
        tmp, part, Reader(input_name, tensors),
        quant_format=QuantFormat.QDQ,
        activation_type=QuantType.QUInt8,
        weight_type=QuantType.QInt8,
        per_channel=True,
    )
    os.replace(part, out)
    print(f"quantised {os.path.basename(out)}")


def output_layer(graph):
    """The MatMul that projects each time step's features onto the dictionary's classes: the
    one the Softmax producing the graph's output reads, through Identity nodes and the Add of its
    bias (the attention blocks have Softmaxes of their own)."""
    made_by = {o: n for n in graph.node for o in n.output}
    outputs = {o.name for o in graph.output}
    for n in graph.node:
        if n.op_type != "Softmax" or not outputs.intersection(n.output):
            continue
        node = made_by.get(n.input[0])
        while node is not None and node.op_type in ("Identity", "Add"):
            node = next((made_by[i] for i in node.input if i in made_by), None)
        if node is not None and node.op_type == "MatMul":
            return node.name
    sys.exit(f"quantize_models: no MatMul feeds the recogniser's output Softmax in {REC}")


def quantize_output_layer(models_dir):
    src = os.path.join(models_dir, REC)
    node = output_layer(onnx.load(src).graph)
    out = os.path.join(models_dir, REC.replace(".onnx", ".int8.onnx"))
    part = out + ".part"
    quantize_dynamic(src, part, nodes_to_quantize=[node], per_channel=True, weight_type=QuantType.QInt8)
    os.replace(part, out)
    print(f"quantised {os.path.basename(out)} (output layer {node})")


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    models_dir, font_path = sys.argv[1:3]
    rng = random.Random(SEED)
    work = os.path.join(models_dir, ".quant-work")
    os.makedirs(work, exist_ok=True)
    try:
        det = [to_tensor(report_page(rng, font_path)) for _ in range(6)]
        quantize(models_dir, DET, det, work)
        quantize_output_layer(models_dir)
    finally:
        for f in os.listdir(work):
            os.remove(os.path.join(work, f))
        os.rmdir(work)


if __name__ == "__main__":
    main()
