/**
 * Writes the add-in's icons (16, 32, 64, 80 px PNG) with zlib alone: no image tools on the build machine.
 * Run once after changing the design: `node assets/makeIcons.js`; the PNGs are committed.
 */
const fs = require("node:fs");
const path = require("node:path");
const zlib = require("node:zlib");

const RED = [200, 16, 46, 255];
const GOLD = [255, 205, 0, 255];
const CLEAR = [0, 0, 0, 0];

/** A rounded red tile with three rising gold bars: scores being ranked. */
function pixelAt(x, y, size) {
  const radius = size * 0.18;
  const inCorner = (cx, cy) => (x - cx) ** 2 + (y - cy) ** 2 > radius ** 2;
  const px = x + 0.5;
  const py = y + 0.5;
  if (px < radius && py < radius && inCorner(radius, radius)) return CLEAR;
  if (px > size - radius && py < radius && inCorner(size - radius, radius)) return CLEAR;
  if (px < radius && py > size - radius && inCorner(radius, size - radius)) return CLEAR;
  if (px > size - radius && py > size - radius && inCorner(size - radius, size - radius))
    return CLEAR;
  const u = px / size;
  const v = py / size;
  const bars = [
    { left: 0.2, right: 0.36, top: 0.55 },
    { left: 0.42, right: 0.58, top: 0.38 },
    { left: 0.64, right: 0.8, top: 0.2 },
  ];
  for (const bar of bars)
    if (u >= bar.left && u < bar.right && v >= bar.top && v < 0.82) return GOLD;
  return RED;
}

function crc32(bytes) {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

function png(size) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    const rowStart = y * (size * 4 + 1); // each row starts with filter byte 0 (none)
    for (let x = 0; x < size; x++) Buffer.from(pixelAt(x, y, size)).copy(raw, rowStart + 1 + x * 4);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

for (const size of [16, 32, 64, 80]) {
  fs.writeFileSync(path.join(__dirname, `icon-${size}.png`), png(size));
}
