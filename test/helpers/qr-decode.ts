/**
 * A minimal QR decoder for tests, written from ISO/IEC 18004 independently of the qrcode package, so a test
 * can prove that a rendered image really encodes a given link. It reads clean, axis-aligned renders only
 * (no perspective, no error correction), supports numeric, alphanumeric and byte segments, and error
 * correction level M for the block layout (the level our QR codes use).
 */

export type Matrix = boolean[][]; // [row][column], true = dark

export interface DecodedQr {
  version: number;
  errorCorrection: 'L' | 'M' | 'Q' | 'H';
  mask: number;
  text: string;
}

/** Samples the module grid of a rendered QR code: the quiet zone is found, module size measured on the finder. */
export function matrixFromImage(width: number, height: number, isDark: (x: number, y: number) => boolean): Matrix {
  let x0 = -1;
  let y0 = -1;
  for (let y = 0; y < height && x0 < 0; y++) {
    for (let x = 0; x < width; x++) {
      if (isDark(x, y)) {
        x0 = x;
        y0 = y;
        break;
      }
    }
  }
  if (x0 < 0) throw new Error('blank image');
  let finderRun = 0;
  while (isDark(x0 + finderRun, y0)) finderRun++;
  const scale = finderRun / 7; // the finder's top edge is 7 dark modules
  let x1 = width - 1;
  while (!isDark(x1, y0)) x1--;
  const size = Math.round((x1 - x0 + 1) / scale);
  if (!Number.isInteger(scale) || (size - 17) % 4 !== 0) throw new Error(`not a clean QR render (scale ${scale}, size ${size})`);
  return Array.from({ length: size }, (_, row) =>
    Array.from({ length: size }, (__, col) => isDark(x0 + Math.floor((col + 0.5) * scale), y0 + Math.floor((row + 0.5) * scale))),
  );
}

const FORMAT_LEVELS = ['M', 'L', 'H', 'Q'] as const; // two-bit format field values 00, 01, 10, 11

function bchFormat(data: number): number {
  let rem = data;
  for (let i = 0; i < 10; i++) rem = (rem << 1) ^ ((rem >>> 9) * 0x537);
  return ((data << 10) | rem) ^ 0x5412;
}

function readFormat(m: Matrix): { level: DecodedQr['errorCorrection']; mask: number } {
  const size = m.length;
  const at = (x: number, y: number) => (m[y]![x] ? 1 : 0);
  let first = 0;
  let second = 0;
  for (let i = 0; i <= 5; i++) first |= at(8, i) << i;
  first |= at(8, 7) << 6;
  first |= at(8, 8) << 7;
  first |= at(7, 8) << 8;
  for (let i = 9; i < 15; i++) first |= at(14 - i, 8) << i;
  for (let i = 0; i < 8; i++) second |= at(size - 1 - i, 8) << i;
  for (let i = 8; i < 15; i++) second |= at(8, size - 15 + i) << i;
  if (first !== second) throw new Error('the two copies of the format information differ');
  const data = (first ^ 0x5412) >>> 10;
  if (bchFormat(data) !== first) throw new Error('format information fails its BCH check');
  return { level: FORMAT_LEVELS[data >>> 3]!, mask: data & 7 };
}

function alignmentPositions(version: number): number[] {
  if (version === 1) return [];
  const count = Math.floor(version / 7) + 2;
  const step = version === 32 ? 26 : Math.ceil((version * 4 + 4) / (count * 2 - 2)) * 2;
  const positions = [6];
  for (let pos = version * 4 + 17 - 7; positions.length < count; pos -= step) positions.splice(1, 0, pos);
  return positions;
}

function functionModules(version: number): boolean[][] {
  const size = version * 4 + 17;
  const fn = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
  const mark = (rows: [number, number], cols: [number, number]) => {
    for (let r = rows[0]; r <= rows[1]; r++) for (let c = cols[0]; c <= cols[1]; c++) fn[r]![c] = true;
  };
  mark([0, 8], [0, 8]); // finder, separator, format information
  mark([0, 8], [size - 8, size - 1]);
  mark([size - 8, size - 1], [0, 8]); // includes the always-dark module
  mark([6, 6], [0, size - 1]); // timing patterns
  mark([0, size - 1], [6, 6]);
  const align = alignmentPositions(version);
  for (const r of align) {
    for (const c of align) {
      const onFinder = (r === 6 && c === 6) || (r === 6 && c === size - 7) || (r === size - 7 && c === 6);
      if (!onFinder) mark([r - 2, r + 2], [c - 2, c + 2]);
    }
  }
  if (version >= 7) {
    mark([0, 5], [size - 11, size - 9]);
    mark([size - 11, size - 9], [0, 5]);
  }
  return fn;
}

const MASKS: Array<(x: number, y: number) => boolean> = [
  (x, y) => (x + y) % 2 === 0,
  (_, y) => y % 2 === 0,
  (x) => x % 3 === 0,
  (x, y) => (x + y) % 3 === 0,
  (x, y) => (Math.floor(x / 3) + Math.floor(y / 2)) % 2 === 0,
  (x, y) => ((x * y) % 2) + ((x * y) % 3) === 0,
  (x, y) => (((x * y) % 2) + ((x * y) % 3)) % 2 === 0,
  (x, y) => (((x + y) % 2) + ((x * y) % 3)) % 2 === 0,
];

// Level M, versions 1–40 (index 0 unused): error-correction codewords per block, and number of blocks.
const M_EC_PER_BLOCK = [0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28];
const M_BLOCKS = [0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49];

function rawCodewords(version: number): number {
  let modules = (16 * version + 128) * version + 64;
  if (version >= 2) {
    const align = Math.floor(version / 7) + 2;
    modules -= (25 * align - 10) * align - 55;
    if (version >= 7) modules -= 36;
  }
  return Math.floor(modules / 8);
}

/** Reads codewords in the zigzag order, unmasked, then undoes the block interleaving; returns data codewords. */
function dataCodewords(m: Matrix, version: number, mask: number): number[] {
  const size = m.length;
  const fn = functionModules(version);
  const bits: number[] = [];
  for (let right = size - 1; right >= 1; right -= 2) {
    if (right === 6) right = 5;
    for (let vert = 0; vert < size; vert++) {
      for (let j = 0; j < 2; j++) {
        const x = right - j;
        const y = ((right + 1) & 2) === 0 ? size - 1 - vert : vert;
        if (!fn[y]![x]) bits.push((m[y]![x] ? 1 : 0) ^ (MASKS[mask]!(x, y) ? 1 : 0));
      }
    }
  }
  const total = rawCodewords(version);
  const codewords = Array.from({ length: total }, (_, i) => bits.slice(i * 8, i * 8 + 8).reduce((a, b) => (a << 1) | b, 0));

  const blocks = M_BLOCKS[version]!;
  const ecLength = M_EC_PER_BLOCK[version]!;
  const shortBlocks = blocks - (total % blocks);
  const shortData = Math.floor(total / blocks) - ecLength;
  const data: number[][] = Array.from({ length: blocks }, () => []);
  let k = 0;
  for (let i = 0; i <= shortData; i++) {
    for (let b = 0; b < blocks; b++) {
      if (i < shortData || b >= shortBlocks) data[b]!.push(codewords[k++]!);
    }
  }
  return data.flat();
}

const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

function parseSegments(codewords: number[], version: number): string {
  let pos = 0;
  const totalBits = codewords.length * 8;
  const read = (n: number) => {
    let v = 0;
    for (let i = 0; i < n; i++, pos++) v = (v << 1) | ((codewords[pos >>> 3]! >>> (7 - (pos & 7))) & 1);
    return v;
  };
  const band = version <= 9 ? 0 : version <= 26 ? 1 : 2;
  const bytes: number[] = [];
  while (pos + 4 <= totalBits) {
    const mode = read(4);
    if (mode === 0) break;
    if (mode === 1) {
      let count = read([10, 12, 14][band]!);
      for (; count >= 3; count -= 3) bytes.push(...Buffer.from(String(read(10)).padStart(3, '0')));
      if (count === 2) bytes.push(...Buffer.from(String(read(7)).padStart(2, '0')));
      if (count === 1) bytes.push(...Buffer.from(String(read(4))));
    } else if (mode === 2) {
      let count = read([9, 11, 13][band]!);
      for (; count >= 2; count -= 2) {
        const v = read(11);
        bytes.push(ALPHANUMERIC.charCodeAt(Math.floor(v / 45)), ALPHANUMERIC.charCodeAt(v % 45));
      }
      if (count === 1) bytes.push(ALPHANUMERIC.charCodeAt(read(6)));
    } else if (mode === 4) {
      const count = read([8, 16, 16][band]!);
      for (let i = 0; i < count; i++) bytes.push(read(8));
    } else {
      throw new Error(`unsupported segment mode ${mode}`);
    }
  }
  return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bytes));
}

export function decodeQrMatrix(m: Matrix): DecodedQr {
  const version = (m.length - 17) / 4;
  const { level, mask } = readFormat(m);
  if (level !== 'M') throw new Error(`this decoder knows the block layout of level M only, got ${level}`);
  return { version, errorCorrection: level, mask, text: parseSegments(dataCodewords(m, version, mask), version) };
}

/**
 * Rasterises the path of a qrcode-style SVG (horizontal 1-unit strokes drawn with M/m/H/h) onto its viewBox
 * grid, then samples it like an image. Throws on any other drawing command, so a change of style is noticed.
 */
export function matrixFromQrSvg(svg: string): Matrix {
  const viewBox = /viewBox="0 0 (\d+) (\d+)"/.exec(svg);
  if (!viewBox) throw new Error('no viewBox');
  const side = Number(viewBox[1]);
  const grid = Array.from({ length: side }, () => Array<boolean>(side).fill(false));
  const strokes = [...svg.matchAll(/<path\b[^>]*\bstroke="[^"]+"[^>]*\bd="([^"]+)"/g)];
  if (strokes.length !== 1) throw new Error('expected exactly one stroked path');
  let x = 0;
  let y = 0;
  for (const [, cmd, args] of strokes[0]![1]!.matchAll(/([MmHh])([^MmHh]*)/g)) {
    const n = args!.trim().split(/[\s,]+/).map(Number);
    if (cmd === 'M') [x, y] = [n[0]!, n[1]!];
    else if (cmd === 'm') [x, y] = [x + n[0]!, y + n[1]!];
    else {
      const to = cmd === 'H' ? n[0]! : x + n[0]!;
      for (let c = x; c < to; c++) grid[Math.floor(y)]![c] = true; // a 1-unit stroke centred on row + 0.5
      x = to;
    }
  }
  if (/[^MmHh\d\s.,-]/.test(strokes[0]![1]!)) throw new Error('unexpected path command');
  return matrixFromImage(side, side, (px, py) => grid[py]![px]!);
}
