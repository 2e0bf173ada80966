#!/usr/bin/env python3
"""Reference timing of a first-order DARTS search step in PyTorch, built the way the original
DARTS code builds its search network (every operation of every edge evaluated, 'none' as
x*0, ReLU inside each conv op, affine-free BN, pools followed by BN).

One step = architecture update on one batch (Adam on alpha, loss backpropagated through the
whole network as in the original first-order code) + weight update on another batch (SGD,
gradient clipping 5). Random 3x32x32 inputs, 10 classes. Prints one JSON line.

Usage: python3 bench/darts_reference.py --channels 8 --layers 5 --batch 32 --steps 5
Needs Debian's python3-torch (run with /usr/bin/python3).
"""
import argparse
import json
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

PRIMITIVES = ['none', 'max_pool_3x3', 'avg_pool_3x3', 'skip_connect',
              'sep_conv_3x3', 'sep_conv_5x5', 'dil_conv_3x3', 'dil_conv_5x5']


class ReLUConvBN(nn.Sequential):
    def __init__(self, cin, cout, k, stride, pad):
        super().__init__(nn.ReLU(inplace=False), nn.Conv2d(cin, cout, k, stride, pad, bias=False),
                         nn.BatchNorm2d(cout, affine=False))


class DilConv(nn.Sequential):
    def __init__(self, cin, cout, k, stride, pad, dil):
        super().__init__(nn.ReLU(inplace=False),
                         nn.Conv2d(cin, cin, k, stride, pad, dilation=dil, groups=cin, bias=False),
                         nn.Conv2d(cin, cout, 1, bias=False), nn.BatchNorm2d(cout, affine=False))


class SepConv(nn.Sequential):
    def __init__(self, cin, cout, k, stride, pad):
        super().__init__(DilConv(cin, cin, k, stride, pad, 1), DilConv(cin, cout, k, 1, pad, 1))


class Zero(nn.Module):
    def __init__(self, stride):
        super().__init__()
        self.stride = stride

    def forward(self, x):
        return x.mul(0.) if self.stride == 1 else x[:, :, ::self.stride, ::self.stride].mul(0.)


class FactorizedReduce(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.relu = nn.ReLU(inplace=False)
        self.c1 = nn.Conv2d(cin, cout // 2, 1, 2, bias=False)
        self.c2 = nn.Conv2d(cin, cout // 2, 1, 2, bias=False)
        self.bn = nn.BatchNorm2d(cout, affine=False)

    def forward(self, x):
        x = self.relu(x)
        return self.bn(torch.cat([self.c1(x), self.c2(x[:, :, 1:, 1:])], dim=1))


def make_op(name, c, stride):
    if name == 'none':
        return Zero(stride)
    if name == 'max_pool_3x3':
        return nn.Sequential(nn.MaxPool2d(3, stride, 1), nn.BatchNorm2d(c, affine=False))
    if name == 'avg_pool_3x3':
        return nn.Sequential(nn.AvgPool2d(3, stride, 1, count_include_pad=False), nn.BatchNorm2d(c, affine=False))
    if name == 'skip_connect':
        return nn.Identity() if stride == 1 else FactorizedReduce(c, c)
    if name == 'sep_conv_3x3':
        return SepConv(c, c, 3, stride, 1)
    if name == 'sep_conv_5x5':
        return SepConv(c, c, 5, stride, 2)
    if name == 'dil_conv_3x3':
        return DilConv(c, c, 3, stride, 2, 2)
    if name == 'dil_conv_5x5':
        return DilConv(c, c, 5, stride, 4, 2)
    raise ValueError(name)


class MixedOp(nn.Module):
    def __init__(self, c, stride):
        super().__init__()
        self.ops = nn.ModuleList(make_op(p, c, stride) for p in PRIMITIVES)

    def forward(self, x, w):
        return sum(wi * op(x) for wi, op in zip(w, self.ops))


class Cell(nn.Module):
    def __init__(self, cpp, cp, c, reduction, reduction_prev, steps=4):
        super().__init__()
        self.pre0 = FactorizedReduce(cpp, c) if reduction_prev else ReLUConvBN(cpp, c, 1, 1, 0)
        self.pre1 = ReLUConvBN(cp, c, 1, 1, 0)
        self.steps = steps
        self.edges = nn.ModuleList()
        for i in range(steps):
            for j in range(2 + i):
                self.edges.append(MixedOp(c, 2 if reduction and j < 2 else 1))

    def forward(self, s0, s1, weights):
        states = [self.pre0(s0), self.pre1(s1)]
        offset = 0
        for _ in range(self.steps):
            s = sum(self.edges[offset + j](h, weights[offset + j]) for j, h in enumerate(states))
            offset += len(states)
            states.append(s)
        return torch.cat(states[-4:], dim=1)


class Network(nn.Module):
    def __init__(self, c, classes, layers):
        super().__init__()
        cs = 3 * c
        self.stem = nn.Sequential(nn.Conv2d(3, cs, 3, padding=1, bias=False), nn.BatchNorm2d(cs))
        cpp, cp, cc = cs, cs, c
        self.cells = nn.ModuleList()
        self.reductions = []
        prev = False
        for i in range(layers):
            red = i in (layers // 3, 2 * layers // 3)
            if red:
                cc *= 2
            self.cells.append(Cell(cpp, cp, cc, red, prev))
            self.reductions.append(red)
            prev = red
            cpp, cp = cp, 4 * cc
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.classifier = nn.Linear(cp, classes)
        k = 14
        self.alphas_normal = nn.Parameter(1e-3 * torch.randn(k, len(PRIMITIVES)))
        self.alphas_reduce = nn.Parameter(1e-3 * torch.randn(k, len(PRIMITIVES)))

    def weights(self):
        return [p for n, p in self.named_parameters() if not n.startswith('alphas')]

    def forward(self, x):
        s0 = s1 = self.stem(x)
        wn = F.softmax(self.alphas_normal, dim=-1)
        wr = F.softmax(self.alphas_reduce, dim=-1)
        for cell, red in zip(self.cells, self.reductions):
            s0, s1 = s1, cell(s0, s1, wr if red else wn)
        return self.classifier(self.pool(s1).flatten(1))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--channels', type=int, default=8)
    ap.add_argument('--layers', type=int, default=5)
    ap.add_argument('--batch', type=int, default=32)
    ap.add_argument('--steps', type=int, default=5)
    ap.add_argument('--warmup', type=int, default=2)
    ap.add_argument('--threads', type=int, default=2)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    net = Network(a.channels, 10, a.layers)
    w_opt = torch.optim.SGD(net.weights(), 0.025, momentum=0.9, weight_decay=3e-4)
    a_opt = torch.optim.Adam([net.alphas_normal, net.alphas_reduce], lr=3e-4, betas=(0.5, 0.999), weight_decay=1e-3)
    crit = nn.CrossEntropyLoss()
    times = []
    for k in range(a.warmup + a.steps):
        xa, ya = torch.randn(a.batch, 3, 32, 32), torch.randint(0, 10, (a.batch,))
        xw, yw = torch.randn(a.batch, 3, 32, 32), torch.randint(0, 10, (a.batch,))
        t0 = time.perf_counter()
        a_opt.zero_grad()
        crit(net(xa), ya).backward()
        a_opt.step()
        w_opt.zero_grad()
        crit(net(xw), yw).backward()
        nn.utils.clip_grad_norm_(net.weights(), 5.0)
        w_opt.step()
        if k >= a.warmup:
            times.append((time.perf_counter() - t0) * 1000)
    print(json.dumps({"ms_per_step": round(statistics.median(times), 3), "min_ms": round(min(times), 3),
                      "max_ms": round(max(times), 3), "steps": a.steps, "channels": a.channels,
                      "layers": a.layers, "batch": a.batch, "torch": torch.__version__,
                      "threads": torch.get_num_threads()}))


if __name__ == '__main__':
    main()
