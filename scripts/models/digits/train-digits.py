#!/usr/bin/python3
"""Digits-only CRNN + CTC for code (12) / number (8) lines, trained on crops cut as the engine cuts them
(make-digit-lines.ts). Classes: 0 = CTC blank, 1..10 = '0'..'9' (lib/ondevice/digits.ts DIGITS_DICT).

Input as the engine makes it (lib/ondevice/rec.ts recognizeLines with DIGITS_REC): the RGBA crop
resized with lib/ondevice/image.ts `resize` (2x2 box-average halvings while both sides are >= 2x the
target, then bilinear at pixel centres, edge-clamped, rounded to uint8) to height 32 and width
W = ceil(32 * w / h / 4) * 4 clamped to [4, 1280]; tensor width max(8, W), columns past W zero;
RGB planes, (v/255 - 0.5)/0.5. Output `probs` [1, T, 11] softmax, T = tensor width / 4.

  /usr/bin/python3 train-digits.py --data data/train --out runs/r1 --minutes 40
  /usr/bin/python3 train-digits.py --export runs/r1/model.pt --onnx runs/r1/digits.onnx
"""
import argparse
import csv
import math
import os
import random
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from PIL import Image, ImageFilter

HEIGHT, STEP, MIN_TENSOR_W, MAX_W = 32, 4, 8, 1280
csv.field_size_limit(1 << 20)


# ---------- the engine's preprocessing, in numpy ----------
def halve(a):
    h, w = a.shape[0] >> 1, a.shape[1] >> 1
    s = a[: 2 * h, : 2 * w].astype(np.int32)
    return ((s[0::2, 0::2] + s[0::2, 1::2] + s[1::2, 0::2] + s[1::2, 1::2] + 2) >> 2).astype(np.uint8)


def engine_resize(a, width, height):
    """lib/ondevice/image.ts resize: a is HxWxC uint8."""
    while a.shape[1] >= 2 * width and a.shape[0] >= 2 * height:
        a = halve(a)
    sh, sw = a.shape[:2]
    sx, sy = sw / width, sh / height
    # x accumulated step by step as warpAffine does (fx += m[0]), so the samples match it bit for bit
    fx = np.add.accumulate(np.concatenate([[0.5 * sx - 0.5], np.full(width - 1, sx)]))
    fx = np.clip(fx, 0, sw - 1)
    fy = np.clip(np.arange(height) * sy + (0.5 * sy - 0.5), 0, sh - 1)
    x0 = np.floor(fx).astype(np.int64)
    y0 = np.floor(fy).astype(np.int64)
    x1 = np.minimum(x0 + 1, sw - 1)
    y1 = np.minimum(y0 + 1, sh - 1)
    ax = (fx - x0)[None, :, None]
    ay = (fy - y0)[:, None, None]
    f = a.astype(np.float64)
    top = f[y0][:, x0] + (f[y0][:, x1] - f[y0][:, x0]) * ax
    bot = f[y1][:, x0] + (f[y1][:, x1] - f[y1][:, x0]) * ax
    return np.clip(np.rint(top + (bot - top) * ay), 0, 255).astype(np.uint8)


def scaled_width(w, h):
    W = math.ceil(HEIGHT * w / max(1, h) / STEP) * STEP
    return min(MAX_W, max(STEP, W))


def to_input(rgb):
    """HxWx3 uint8 crop -> (float32 [3, 32, TW], W): the engine's tensor for one line."""
    W = scaled_width(rgb.shape[1], rgb.shape[0])
    r = engine_resize(rgb, W, HEIGHT)
    tw = max(MIN_TENSOR_W, W)
    x = np.zeros((3, HEIGHT, tw), np.float32)
    x[:, :, :W] = (r.transpose(2, 0, 1).astype(np.float32) / 255.0 - 0.5) / 0.5
    return x, W


# ---------- model ----------
def cbr(i, o, k=3, p=1):
    return [nn.Conv2d(i, o, k, padding=p, bias=False), nn.BatchNorm2d(o), nn.ReLU(inplace=True)]


class CRNN(nn.Module):
    """32 x W -> 1 x W/4 by convolutions, then 1-D convolutions along the line (no RNN: cheap in WASM)."""

    def __init__(self, classes=11):
        super().__init__()
        self.cnn = nn.Sequential(
            *cbr(3, 16), nn.MaxPool2d(2, 2),            # 16 x W/2
            *cbr(16, 32), nn.MaxPool2d(2, 2),           # 8 x W/4
            *cbr(32, 64), nn.MaxPool2d((2, 1), (2, 1)),  # 4 x W/4
            *cbr(64, 96), nn.MaxPool2d((2, 1), (2, 1)),  # 2 x W/4
            *cbr(96, 128),
            nn.Conv2d(128, 128, (2, 1), bias=False), nn.BatchNorm2d(128), nn.ReLU(inplace=True),  # 1 x W/4
        )
        # context along the line: receptive field +-2 and +-4 steps more (residual)
        self.seq = nn.Sequential(
            nn.Conv1d(128, 128, 3, padding=1, bias=False), nn.BatchNorm1d(128), nn.ReLU(inplace=True),
            nn.Conv1d(128, 128, 3, padding=2, dilation=2, bias=False), nn.BatchNorm1d(128), nn.ReLU(inplace=True),
        )
        self.head = nn.Conv1d(128, classes, 1)

    def logits(self, x):  # [B,3,32,W] -> [B,C,T]
        f = self.cnn(x).squeeze(2)
        return self.head(f + self.seq(f))

    def forward(self, x):  # ONNX: probs [B,T,C]
        return F.softmax(self.logits(x), dim=1).transpose(1, 2)


def greedy(cls_seq):
    out, prev = [], -1
    for c in cls_seq:
        if c != 0 and c != prev:
            out.append(str(c - 1))
        prev = c
    return ''.join(out)


# ---------- data ----------
def load_rows(data_dir):
    with open(os.path.join(data_dir, 'labels.tsv'), newline='') as f:
        rows = list(csv.DictReader(f, delimiter='\t', quoting=csv.QUOTE_NONE))
    imgs = [np.asarray(Image.open(os.path.join(data_dir, 'crops', r['file'])).convert('RGB')) for r in rows]
    return rows, imgs


def augment(a, rng):
    h, w = a.shape[:2]
    # jitter each edge by up to +-2 px (outside: edge pixels repeated, as cropRotatedRect clamps)
    t, b, l, r = (rng.randint(-2, 2) for _ in range(4))
    a = np.pad(a, ((max(0, -t), max(0, -b)), (max(0, -l), max(0, -r)), (0, 0)), mode='edge')
    a = a[max(0, t): a.shape[0] - max(0, b), max(0, l): a.shape[1] - max(0, r)]
    im = Image.fromarray(a)
    # slight scale (aspect and size): the engine's boxes vary in tightness
    if rng.random() < 0.5:
        sx, sy = rng.uniform(0.85, 1.15), rng.uniform(0.85, 1.15)
        im = im.resize((max(8, round(im.width * sx)), max(8, round(im.height * sy))), Image.BILINEAR)
    if rng.random() < 0.3:
        im = im.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 1.1)))
    a = np.asarray(im).astype(np.float32)
    c, br = rng.uniform(0.7, 1.3), rng.uniform(-30, 30)
    a = (a - 128) * c + 128 + br
    if rng.random() < 0.3:  # per-channel tint
        a = a * np.array([rng.uniform(0.85, 1.15) for _ in range(3)], np.float32)
    if rng.random() < 0.2:
        a = a + np.random.default_rng(rng.randint(0, 1 << 30)).normal(0, rng.uniform(2, 8), a.shape)
    return np.clip(a, 0, 255).astype(np.uint8)


def batches(items, bs, rng):
    """Similar widths together (less padding)."""
    order = sorted(items, key=lambda it: it[2] + rng.random() * 40)
    bl = [order[i: i + bs] for i in range(0, len(order), bs)]
    rng.shuffle(bl)
    return bl


def collate(samples):
    xs = [s[0] for s in samples]
    tw = max(x.shape[2] for x in xs)
    X = np.zeros((len(xs), 3, HEIGHT, tw), np.float32)
    for i, x in enumerate(xs):
        X[i, :, :, : x.shape[2]] = x
    return torch.from_numpy(X), [s[1] for s in samples], [s[2] for s in samples]


def evaluate(model, imgs, labels):
    model.eval()
    right = 0
    with torch.no_grad():
        for a, lab in zip(imgs, labels):
            x, _ = to_input(a)
            p = model(torch.from_numpy(x)[None])[0]
            right += greedy(p.argmax(1).tolist()) == lab
    model.train()
    return right / max(1, len(labels))


def train(args):
    torch.set_num_threads(1)
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    np.random.seed(args.seed)
    rows, imgs = load_rows(args.data)
    seeds = sorted({r['seed'] for r in rows})
    val_seeds = set(seeds[:: 20])  # 5 % of the pages, for monitoring only
    tr = [(a, r['label']) for a, r in zip(imgs, rows) if r['seed'] not in val_seeds]
    va = [(a, r['label']) for a, r in zip(imgs, rows) if r['seed'] in val_seeds]
    print(f'crops: train {len(tr)} val {len(va)} (pages {len(seeds)})', flush=True)
    model = CRNN()
    print(f'params {sum(p.numel() for p in model.parameters())}', flush=True)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=1e-4)
    ctc = nn.CTCLoss(blank=0, zero_infinity=True)
    os.makedirs(args.out, exist_ok=True)
    budget = args.minutes * 60
    t0 = time.time()
    step, epoch = 0, 0
    log = open(os.path.join(args.out, 'train.log'), 'a')
    done = False
    while not done and epoch < args.epochs:
        epoch += 1
        items = [(a, lab, scaled_width(a.shape[1], a.shape[0])) for a, lab in tr]
        losses = []
        for bl in batches(items, args.batch, rng):
            frac = (time.time() - t0) / budget
            if frac >= 1:
                done = True
                break
            lr = args.lr * (min(1.0, frac / 0.03) if frac < 0.03 else 0.02 + 0.98 * 0.5 * (1 + math.cos(math.pi * frac)))
            for g in opt.param_groups:
                g['lr'] = lr
            samples = []
            for a, lab, _ in bl:
                x, W = to_input(augment(a, rng))
                samples.append((x, lab, W))
            X, labs, Ws = collate(samples)
            logp = F.log_softmax(model.logits(X), dim=1).permute(2, 0, 1)  # T,B,C
            targets = torch.tensor([int(c) + 1 for lab in labs for c in lab], dtype=torch.long)
            in_len = torch.tensor([W // STEP for W in Ws], dtype=torch.long)
            tg_len = torch.tensor([len(lab) for lab in labs], dtype=torch.long)
            loss = ctc(logp, targets, in_len, tg_len)
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            opt.step()
            losses.append(loss.item())
            step += 1
        acc = evaluate(model, [a for a, _ in va], [l for _, l in va]) if va else float('nan')
        msg = f'epoch {epoch} step {step} {time.time() - t0:.0f}s loss {np.mean(losses) if losses else float("nan"):.4f} lr {lr:.2e} val_crop_acc {acc:.4f}'
        print(msg, flush=True)
        log.write(msg + '\n')
        log.flush()
        torch.save(model.state_dict(), os.path.join(args.out, 'model.pt'))
    print(f'trained {time.time() - t0:.0f}s, {epoch} epochs, {step} steps', flush=True)


def export(args):
    torch.set_num_threads(1)
    model = CRNN()
    model.load_state_dict(torch.load(args.export, map_location='cpu'))
    model.eval()
    dummy = torch.zeros(1, 3, HEIGHT, 200)
    torch.onnx.export(model, dummy, args.onnx, input_names=['image'], output_names=['probs'],
                      dynamic_axes={'image': {3: 'W'}, 'probs': {1: 'T'}}, opset_version=17, do_constant_folding=True)
    print(f'exported {args.onnx} ({os.path.getsize(args.onnx)} bytes)')
    if args.data:  # torch decodes of the first crops, to compare with onnxruntime-web
        rows, imgs = load_rows(args.data)
        with open(args.onnx + '.torch-check.tsv', 'w') as f:
            with torch.no_grad():
                for r, a in list(zip(rows, imgs))[: args.check]:
                    x, _ = to_input(a)
                    p = model(torch.from_numpy(x)[None])[0]
                    f.write(f"{r['file']}\t{greedy(p.argmax(1).tolist())}\t{p.max(1).values.mean().item():.6f}\n")
                    np.asarray(x, np.float32).tofile(os.path.join(os.path.dirname(args.onnx), 'check-' + r['file'] + '.f32'))


if __name__ == '__main__':
    ap = argparse.ArgumentParser()
    ap.add_argument('--data')
    ap.add_argument('--out', default='runs/r1')
    ap.add_argument('--minutes', type=float, default=40)
    ap.add_argument('--epochs', type=int, default=10 ** 6)
    ap.add_argument('--batch', type=int, default=32)
    ap.add_argument('--lr', type=float, default=2e-3)
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--export')
    ap.add_argument('--onnx')
    ap.add_argument('--check', type=int, default=20)
    a = ap.parse_args()
    export(a) if a.export else train(a)
