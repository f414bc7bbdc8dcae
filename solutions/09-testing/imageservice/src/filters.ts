import type { FilterName } from './images';

/** The largest edge a client may ask for: 1024² pixels, about 0.1 s (sepia) to 0.7 s (blur) of one core. */
export const MAX_SIZE = 1024;

/**
 * Real CPU work in proportion to size²: renders a size × size RGB picture from the account id (a
 * deterministic pattern) and applies a filter: per-pixel colour maths (grayscale, sepia) or a 3×3
 * box-blur convolution. It blocks the event loop on purpose, as an image-processing handler would,
 * so slowness and overload under load are real, not simulated.
 */
export function renderFiltered(seed: number, size: number, filter: FilterName): Uint8ClampedArray {
  if (!Number.isInteger(size) || size < 1 || size > MAX_SIZE)
    throw new RangeError(`size must be from 1 to ${MAX_SIZE}`);
  const src = render(seed, size);
  if (filter === 'blur') return boxBlur(src, size);
  const out = new Uint8ClampedArray(src.length);
  for (let i = 0; i < src.length; i += 3) {
    const r = src[i] as number;
    const g = src[i + 1] as number;
    const b = src[i + 2] as number;
    if (filter === 'grayscale') {
      const y = 0.299 * r + 0.587 * g + 0.114 * b;
      out[i] = out[i + 1] = out[i + 2] = y;
    } else {
      out[i] = 0.393 * r + 0.769 * g + 0.189 * b;
      out[i + 1] = 0.349 * r + 0.686 * g + 0.168 * b;
      out[i + 2] = 0.272 * r + 0.534 * g + 0.131 * b;
    }
  }
  return out;
}

function render(seed: number, size: number): Uint8ClampedArray {
  const pixels = new Uint8ClampedArray(size * size * 3);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 3;
      pixels[i] = (x * 255) / size;
      pixels[i + 1] = (y * 255) / size;
      pixels[i + 2] = ((x ^ y) + seed) & 0xff;
    }
  }
  return pixels;
}

function boxBlur(src: Uint8ClampedArray, size: number): Uint8ClampedArray {
  const out = new Uint8ClampedArray(src.length);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      for (let c = 0; c < 3; c++) {
        let sum = 0;
        let n = 0;
        for (let dy = -1; dy <= 1; dy++) {
          for (let dx = -1; dx <= 1; dx++) {
            const xx = x + dx;
            const yy = y + dy;
            if (xx < 0 || yy < 0 || xx >= size || yy >= size) continue;
            sum += src[(yy * size + xx) * 3 + c] as number;
            n++;
          }
        }
        out[(y * size + x) * 3 + c] = sum / n;
      }
    }
  }
  return out;
}

/** A short fingerprint of the pixels (FNV-1a), so a client can tell two renderings apart. */
export function checksum(pixels: Uint8ClampedArray): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < pixels.length; i++) hash = Math.imul(hash ^ (pixels[i] as number), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}
