/**
 * The committed icons are exactly what scripts/make-icons.js draws (so nobody edits one PNG by
 * hand and leaves the script behind), decode as PNG, and look like the design: transparent
 * corners, the blue board, the white sheet and the red seal.
 */
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";

interface IconScript {
  SIZES: number[];
  iconPng(size: number): Buffer;
  crc32(buf: Buffer): number;
}
// scripts/make-icons.js is plain CommonJS: typed at this boundary.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const icons = require("../../scripts/make-icons.js") as IconScript;
const ASSETS = path.resolve(__dirname, "..", "..", "assets");

/** Decodes the PNGs this project writes (8-bit RGBA, filter 0) and checks every chunk's CRC. */
function decode(png: Buffer): { width: number; height: number; rgba: Buffer } {
  let offset = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const len = png.readUInt32BE(offset);
    const type = png.toString("ascii", offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + len);
    expect(png.readUInt32BE(offset + 8 + len)).toBe(icons.crc32(png.subarray(offset + 4, offset + 8 + len)));
    if (type === "IHDR") {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect([data[8], data[9]]).toEqual([8, 6]);
    } else if (type === "IDAT") idat.push(data);
    offset += 12 + len;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const rgba = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (width * 4 + 1)]).toBe(0);
    raw.copy(rgba, y * width * 4, y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1));
  }
  return { width, height, rgba };
}

describe.each([16, 32, 64, 80, 128])("icon-%i.png", (size) => {
  const file = path.join(ASSETS, `icon-${size}.png`);

  it("is what scripts/make-icons.js draws", () => {
    expect(icons.SIZES).toContain(size);
    expect(fs.readFileSync(file).equals(icons.iconPng(size))).toBe(true);
  });

  it("has transparent corners, the board, the sheet and the red seal", () => {
    const { width, height, rgba } = decode(fs.readFileSync(file));
    expect([width, height]).toEqual([size, size]);
    const px = (x: number, y: number) => Array.from(rgba.subarray((y * size + x) * 4, (y * size + x) * 4 + 4));
    expect(px(0, 0)[3]).toBe(0);
    expect(px(size - 1, 0)[3]).toBe(0);
    let seal = 0;
    let board = 0;
    let sheet = 0;
    for (let i = 0; i < rgba.length; i += 4) {
      const [r, g, b, a] = [rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3]];
      if (a < 250) continue;
      if (r > 180 && g < 60 && b < 80) seal++;
      if (r < 60 && g > 60 && g < 100 && b > 100 && b < 140) board++;
      if (r === 255 && g === 255 && b === 255) sheet++;
    }
    const area = size * size;
    expect(seal / area).toBeGreaterThan(0.03);
    expect(board / area).toBeGreaterThan(0.05);
    expect(sheet / area).toBeGreaterThan(0.05);
  });
});
