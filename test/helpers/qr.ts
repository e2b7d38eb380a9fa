/**
 * Reading back the QR codes the app renders, with well-kept libraries rather than our own decoder:
 * pngjs parses the PNG (checking every chunk's CRC) and jsQR locates and decodes the symbol. To prove a
 * rendering uses error correction level M, its modules are compared with the symbol qrcode itself builds
 * for that text at level M.
 */
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Dark modules, [row][column]. */
export type Matrix = boolean[][];

export interface DecodedImage {
  width: number;
  height: number;
  /** The first chunk's type, which the PNG format requires to be IHDR. */
  firstChunk: string;
  rgba: Uint8ClampedArray;
}

export interface DecodedQr {
  text: string;
  version: number;
}

export function readPng(file: Buffer): DecodedImage {
  const png = PNG.sync.read(file, { checkCRC: true });
  return { width: png.width, height: png.height, firstChunk: file.subarray(12, 16).toString('latin1'), rgba: new Uint8ClampedArray(png.data) };
}

function decodeRgba(rgba: Uint8ClampedArray, width: number, height: number): DecodedQr {
  const code = jsQR(rgba, width, height, { inversionAttempts: 'dontInvert' });
  if (!code) throw new Error('no QR code found in the image');
  return { text: code.data, version: code.version };
}

export function decodeQrPng(file: Buffer): DecodedQr {
  const image = readPng(file);
  return decodeRgba(image.rgba, image.width, image.height);
}

/** The modules of a PNG rendered with a known quiet zone (in modules) around the symbol. */
export function matrixOfPng(file: Buffer, quietZone: number): Matrix {
  const { width, rgba } = readPng(file);
  const darkAt = (x: number, y: number) => rgba[(y * width + x) * 4]! < 128;
  let firstDark = 0;
  while (!darkAt(firstDark, firstDark)) firstDark++; // the top-left finder's corner
  const scale = firstDark / quietZone;
  const modules = Math.round(width / scale) - 2 * quietZone;
  return Array.from({ length: modules }, (_, row) =>
    Array.from({ length: modules }, (__, col) => darkAt(Math.floor((col + quietZone + 0.5) * scale), Math.floor((row + quietZone + 0.5) * scale))),
  );
}

/**
 * The modules of a qrcode-style SVG: one stroked path of horizontal 1-unit strokes (M/m/H/h) on a viewBox
 * whose unit is one module. Throws on any other drawing command, so a change of style is noticed.
 */
export function matrixOfSvg(svg: string, quietZone: number): Matrix {
  const viewBox = /viewBox="0 0 (\d+) (\d+)"/.exec(svg);
  if (!viewBox) throw new Error('no viewBox');
  const side = Number(viewBox[1]);
  const strokes = [...svg.matchAll(/<path\b[^>]*\bstroke="[^"]+"[^>]*\bd="([^"]+)"/g)];
  if (strokes.length !== 1) throw new Error('expected exactly one stroked path');
  const path = strokes[0]![1]!;
  if (/[^MmHh\d\s.,-]/.test(path)) throw new Error('unexpected path command');
  const grid = Array.from({ length: side }, () => Array<boolean>(side).fill(false));
  let x = 0;
  let y = 0;
  for (const [, cmd, args] of path.matchAll(/([MmHh])([^MmHh]*)/g)) {
    const n = args!.trim().split(/[\s,]+/).map(Number);
    if (cmd === 'M') [x, y] = [n[0]!, n[1]!];
    else if (cmd === 'm') [x, y] = [x + n[0]!, y + n[1]!];
    else {
      const to = cmd === 'H' ? n[0]! : x + n[0]!;
      for (let c = x; c < to; c++) grid[Math.floor(y)]![c] = true; // a 1-unit stroke centred on row + 0.5
      x = to;
    }
  }
  return grid.slice(quietZone, side - quietZone).map((row) => row.slice(quietZone, side - quietZone));
}

/** Paints a module matrix as an RGBA image (4 px per module, 4-module quiet zone) and decodes it with jsQR. */
export function decodeQrMatrix(matrix: Matrix): DecodedQr {
  const scale = 4;
  const side = (matrix.length + 8) * scale;
  const rgba = new Uint8ClampedArray(side * side * 4).fill(255);
  matrix.forEach((row, r) =>
    row.forEach((dark, c) => {
      if (!dark) return;
      for (let dy = 0; dy < scale; dy++)
        for (let dx = 0; dx < scale; dx++) {
          const i = (((r + 4) * scale + dy) * side + (c + 4) * scale + dx) * 4;
          rgba[i] = rgba[i + 1] = rgba[i + 2] = 0;
        }
    }),
  );
  return decodeRgba(rgba, side, side);
}

export const decodeQrSvg = (svg: string, quietZone = 4): DecodedQr => decodeQrMatrix(matrixOfSvg(svg, quietZone));

/** The symbol qrcode builds for `text` at `level`: what a rendering at that level must show. */
export function expectedMatrix(text: string, level: 'L' | 'M' | 'Q' | 'H'): Matrix {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: level });
  return Array.from({ length: modules.size }, (_, r) => Array.from({ length: modules.size }, (__, c) => Boolean(modules.get(r, c))));
}
