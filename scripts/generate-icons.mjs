// Draws the app and tray icons into build/ with nothing but Node: shapes as signed distance functions,
// 4×4 supersampling for smooth edges, and a minimal PNG encoder (zlib deflate + CRC-32).
// Run `node scripts/generate-icons.mjs` after changing a shape; the PNGs are committed.
//
//   build/icon.png                      512×512 app icon (electron-builder derives .icns/.ico from it)
//   build/tray/tray-<state>.png, @2x    16/32 px tray icons: running (green disc), degraded (amber disc
//                                       with "!"), stopped (grey ring) — shape differs, not only colour
//   build/tray/trayTemplate.png, @2x    macOS menu-bar template (black + alpha)
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));

// ---------- PNG ----------
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
/** RGBA8 pixels (width*height*4) → PNG bytes. */
function encodePng(width, height, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  const rows = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y += 1) {
    rows[y * (width * 4 + 1)] = 0; // filter: none
    rgba.copy(rows, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---------- shapes (unit square, y down; negative distance = inside) ----------
const circle = (cx, cy, r) => (x, y) => Math.hypot(x - cx, y - cy) - r;
const ring = (cx, cy, r, width) => (x, y) => Math.abs(Math.hypot(x - cx, y - cy) - r) - width / 2;
const roundedRect = (x0, y0, x1, y1, r) => (x, y) => {
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const qx = Math.abs(x - cx) - ((x1 - x0) / 2 - r);
  const qy = Math.abs(y - cy) - ((y1 - y0) / 2 - r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
};
const union = (...shapes) => (x, y) => Math.min(...shapes.map((shape) => shape(x, y)));
/** Vertical gradient between two colours. */
const gradient = (top, bottom) => (_x, y) => top.map((value, index) => value + (bottom[index] - value) * y);

/**
 * Paints layers in order. A layer is {shape, color} (color: [r,g,b,a] or (x,y) => [r,g,b,a]); `erase: true`
 * cuts the shape out of what is below.
 */
function render(size, layers) {
  const pixels = Buffer.alloc(size * size * 4);
  const samples = 4;
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < samples; sy += 1) {
        for (let sx = 0; sx < samples; sx += 1) {
          const x = (px + (sx + 0.5) / samples) / size;
          const y = (py + (sy + 0.5) / samples) / size;
          let [cr, cg, cb, ca] = [0, 0, 0, 0];
          for (const layer of layers) {
            if (layer.shape(x, y) > 0) continue;
            if (layer.erase) {
              ca = 0;
              continue;
            }
            const [lr, lg, lb, la = 255] = typeof layer.color === 'function' ? layer.color(x, y) : layer.color;
            const alpha = la / 255;
            const out = alpha + (ca / 255) * (1 - alpha);
            if (out === 0) continue;
            cr = (lr * alpha + cr * (ca / 255) * (1 - alpha)) / out;
            cg = (lg * alpha + cg * (ca / 255) * (1 - alpha)) / out;
            cb = (lb * alpha + cb * (ca / 255) * (1 - alpha)) / out;
            ca = out * 255;
          }
          // Premultiply while averaging so edges do not darken.
          r += cr * ca;
          g += cg * ca;
          b += cb * ca;
          a += ca;
        }
      }
      const offset = (py * size + px) * 4;
      const count = samples * samples;
      pixels[offset] = a ? Math.round(r / a) : 0;
      pixels[offset + 1] = a ? Math.round(g / a) : 0;
      pixels[offset + 2] = a ? Math.round(b / a) : 0;
      pixels[offset + 3] = Math.round(a / count);
    }
  }
  return encodePng(size, size, pixels);
}

// ---------- the icons ----------
const WHITE = [255, 255, 255];
const BLACK = [0, 0, 0];
const COLORS = { running: [22, 163, 74], degraded: [217, 119, 6], stopped: [107, 114, 128] };

/** The glyph: a node on a line — a ring with a dot, joined left and right (traffic passing through). */
function glyph(scale = 1) {
  const s = (value) => 0.5 + (value - 0.5) * scale;
  return union(
    ring(0.5, 0.5, 0.2 * scale, 0.075 * scale),
    circle(0.5, 0.5, 0.085 * scale),
    roundedRect(s(0.14), s(0.4625), s(0.3), s(0.5375), 0.0375 * scale),
    roundedRect(s(0.7), s(0.4625), s(0.86), s(0.5375), 0.0375 * scale),
  );
}

const appIcon = () =>
  render(512, [
    { shape: roundedRect(0.04, 0.04, 0.96, 0.96, 0.2), color: gradient([37, 99, 235], [30, 58, 138]) },
    { shape: glyph(1.05), color: WHITE },
  ]);

function trayIcon(state, size) {
  const color = COLORS[state];
  const inset = 1 / size; // one pixel of air around the disc
  const disc = circle(0.5, 0.5, 0.5 - inset);
  if (state === 'stopped') return render(size, [{ shape: ring(0.5, 0.5, 0.5 - inset - 0.07, 0.14), color }, { shape: circle(0.5, 0.5, 0.12), color }]);
  if (state === 'degraded') {
    return render(size, [
      { shape: disc, color },
      { shape: roundedRect(0.42, 0.18, 0.58, 0.6, 0.08), color: WHITE },
      { shape: circle(0.5, 0.77, 0.09), color: WHITE },
    ]);
  }
  return render(size, [{ shape: disc, color }, { shape: circle(0.5, 0.5, 0.18), color: WHITE }]);
}

const templateIcon = (size) => render(size, [{ shape: glyph(1.15), color: BLACK }]);

const outputs = {
  'build/icon.png': appIcon(),
  'build/tray/trayTemplate.png': templateIcon(16),
  'build/tray/trayTemplate@2x.png': templateIcon(32),
};
for (const state of Object.keys(COLORS)) {
  outputs[`build/tray/tray-${state}.png`] = trayIcon(state, 16);
  outputs[`build/tray/tray-${state}@2x.png`] = trayIcon(state, 32);
}
for (const [file, bytes] of Object.entries(outputs)) {
  const target = path.join(root, file);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, bytes);
  process.stdout.write(`${file} (${bytes.length} bytes)\n`);
}
