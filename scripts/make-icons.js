#!/usr/bin/env node
/**
 * Draws the add-in's icon — a report sheet on a clipboard with a small bar chart and a red
 * round seal — and writes assets/icon-{16,32,64,80,128}.png.
 *
 * No image tools are assumed on the build machine, so this rasterises a handful of shapes
 * itself (supersampled for anti-aliasing) and encodes PNG with node's zlib. The output is
 * deterministic: test/build/icons.test.ts re-renders every size and compares it with the
 * committed file, so the PNGs cannot drift from this script.
 *
 * Usage: node scripts/make-icons.js [outDir]   (default: assets/)
 */
"use strict";
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const SIZES = [16, 32, 64, 80, 128];

// Colours: a deep "official" blue board, white sheet, steel clip, blue bars, seal red.
const BOARD = [0x1f, 0x4e, 0x79];
const SHEET = [0xff, 0xff, 0xff];
const CLIP = [0x9a, 0xa8, 0xb8];
const LINE = [0xa6, 0xb4, 0xc4];
const BAR = [0x2e, 0x75, 0xb6];
const SEAL = [0xc8, 0x10, 0x2e];

/* ---------- shapes: predicates on unit coordinates (0..1, y down) ---------- */

function roundRect(x0, y0, x1, y1, r) {
  return (x, y) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const cx = Math.min(Math.max(x, x0 + r), x1 - r);
    const cy = Math.min(Math.max(y, y0 + r), y1 - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
}

function circle(cx, cy, r) {
  return (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function ring(cx, cy, rOuter, rInner) {
  return (x, y) => {
    const d = (x - cx) ** 2 + (y - cy) ** 2;
    return d <= rOuter * rOuter && d >= rInner * rInner;
  };
}

/** Five-pointed star (the centre of a Chinese official seal), point up. */
function star(cx, cy, rOuter) {
  const rInner = rOuter * 0.382;
  const pts = [];
  for (let i = 0; i < 10; i++) {
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    const r = i % 2 === 0 ? rOuter : rInner;
    pts.push([cx + r * Math.cos(a), cy + r * Math.sin(a)]);
  }
  return polygon(pts);
}

/** Even-odd point-in-polygon. */
function polygon(pts) {
  return (x, y) => {
    let inside = false;
    for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
      const [xi, yi] = pts[i];
      const [xj, yj] = pts[j];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
  };
}

/**
 * The drawing as layers, painted in order. Small sizes get fewer, bolder details: at 32 px and below
 * a ring or text lines would be thinner than a pixel and turn into grey mush.
 */
function layers(size) {
  const small = size <= 32;
  const tiny = size <= 16;
  const out = [
    { color: BOARD, shape: roundRect(0.12, 0.1, 0.88, 0.97, 0.1) },
    { color: SHEET, shape: roundRect(0.2, 0.2, 0.8, 0.9, 0.03) },
    { color: CLIP, shape: roundRect(0.34, 0.03, 0.66, 0.19, 0.05) },
  ];
  if (small && !tiny) {
    out.push({ color: LINE, shape: roundRect(0.28, 0.28, 0.72, 0.34, 0.02) }); // one bold title line
  }
  if (!small) {
    out.push({ color: BOARD, shape: circle(0.5, 0.085, 0.03) }); // the clip's hole
    // Title and a text line at the top of the sheet.
    out.push({ color: LINE, shape: roundRect(0.28, 0.27, 0.72, 0.31, 0.02) });
    out.push({ color: LINE, shape: roundRect(0.28, 0.35, 0.6, 0.38, 0.015) });
  }
  // Bar chart: three bars on a base line, left part of the sheet.
  const base = tiny ? 0.72 : 0.74;
  const bars = tiny
    ? [
        [0.27, 0.4, 0.5],
        [0.44, 0.57, 0.3],
      ]
    : [
        [0.28, 0.36, 0.54],
        [0.4, 0.48, 0.44],
        [0.52, 0.6, 0.5],
      ];
  for (const [x0, x1, top] of bars) out.push({ color: BAR, shape: roundRect(x0, top, x1, base, 0.01) });
  if (!tiny) out.push({ color: LINE, shape: roundRect(0.26, base, 0.64, base + 0.025, 0.005) });
  // The seal, lower right, overlapping the sheet's edge like a stamp.
  if (small) {
    out.push({ color: SEAL, shape: circle(0.72, 0.76, tiny ? 0.2 : 0.19) });
    if (!tiny) out.push({ color: SHEET, shape: star(0.72, 0.765, 0.1) });
  } else {
    out.push({ color: SHEET, shape: circle(0.71, 0.76, 0.19) }); // paper under the stamp
    out.push({ color: SEAL, shape: ring(0.71, 0.76, 0.18, 0.14) });
    out.push({ color: SEAL, shape: star(0.71, 0.765, 0.095) });
  }
  return out;
}

/* ---------- rasteriser ---------- */

const SS = 8; // supersamples per axis

/** Renders the icon as straight (non-premultiplied) RGBA bytes. */
function render(size) {
  const rgba = Buffer.alloc(size * size * 4);
  const ls = layers(size);
  const acc = new Float64Array(4); // premultiplied accumulator for one pixel
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      acc.fill(0);
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          const x = (px + (sx + 0.5) / SS) / size;
          const y = (py + (sy + 0.5) / SS) / size;
          // Opaque layers: the topmost one that covers the sample wins.
          for (let i = ls.length - 1; i >= 0; i--) {
            if (ls[i].shape(x, y)) {
              const c = ls[i].color;
              acc[0] += c[0];
              acc[1] += c[1];
              acc[2] += c[2];
              acc[3] += 1;
              break;
            }
          }
        }
      }
      const o = (py * size + px) * 4;
      const n = acc[3];
      if (n > 0) {
        rgba[o] = Math.round(acc[0] / n);
        rgba[o + 1] = Math.round(acc[1] / n);
        rgba[o + 2] = Math.round(acc[2] / n);
        rgba[o + 3] = Math.round((255 * n) / (SS * SS));
      }
    }
  }
  return rgba;
}

/* ---------- PNG encoder ---------- */

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf) {
  let c = 0xffffffff;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function encodePng(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  // compression, filter, interlace: 0
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter: none (tiny images; keeps the encoder obvious)
    rgba.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function iconPng(size) {
  return encodePng(size, size, render(size));
}

function main() {
  const outDir = path.resolve(process.argv[2] || path.join(__dirname, "..", "assets"));
  fs.mkdirSync(outDir, { recursive: true });
  for (const size of SIZES) {
    const file = path.join(outDir, `icon-${size}.png`);
    fs.writeFileSync(file, iconPng(size));
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
  }
}

module.exports = { SIZES, iconPng, render, encodePng, crc32 };

if (require.main === module) main();
