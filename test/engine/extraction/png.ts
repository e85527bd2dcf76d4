import { inflateSync } from 'node:zlib';

/** A decoded 8-bit RGBA/RGB PNG (enough for the charts resvg writes). */
export interface DecodedPng {
  width: number;
  height: number;
  channels: number;
  pixels: Uint8Array;
}

/** Minimal PNG decoder for tests: checks the signature, reads IHDR, inflates IDAT and undoes the row filters. */
export function decodePng(data: Uint8Array): DecodedPng {
  const buffer = Buffer.from(data);
  if (buffer.subarray(0, 8).toString('hex') !== '89504e470d0a1a0a') throw new Error('not a PNG');
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (offset < buffer.length) {
    const length = buffer.readUInt32BE(offset);
    const type = buffer.toString('ascii', offset + 4, offset + 8);
    const body = buffer.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const bitDepth = body[8];
      const colorType = body[9];
      if (bitDepth !== 8 || body[12] !== 0)
        throw new Error(`unsupported PNG: depth ${bitDepth}, interlace ${body[12]}`);
      channels = { 0: 1, 2: 3, 4: 2, 6: 4 }[colorType as 0 | 2 | 4 | 6];
      if (!channels) throw new Error(`unsupported colour type ${colorType}`);
    } else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') break;
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const left = x >= channels ? pixels[y * stride + x - channels] : 0;
      const up = y > 0 ? pixels[(y - 1) * stride + x] : 0;
      const upLeft = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels] : 0;
      let value = line[x];
      if (filter === 1) value += left;
      else if (filter === 2) value += up;
      else if (filter === 3) value += (left + up) >> 1;
      else if (filter === 4) {
        const p = left + up - upLeft;
        const pa = Math.abs(p - left);
        const pb = Math.abs(p - up);
        const pc = Math.abs(p - upLeft);
        value += pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      }
      pixels[y * stride + x] = value & 0xff;
    }
  }
  return { width, height, channels, pixels };
}

/** Counts pixels whose RGB is within `tolerance` of a colour. */
export function countColor(png: DecodedPng, [r, g, b]: [number, number, number], tolerance = 6): number {
  let count = 0;
  for (let i = 0; i < png.pixels.length; i += png.channels) {
    if (
      Math.abs(png.pixels[i] - r) <= tolerance &&
      Math.abs(png.pixels[i + 1] - g) <= tolerance &&
      Math.abs(png.pixels[i + 2] - b) <= tolerance
    )
      count++;
  }
  return count;
}

/** Share of pixels that are not (near) white. */
export function inkShare(png: DecodedPng): number {
  let ink = 0;
  for (let i = 0; i < png.pixels.length; i += png.channels)
    if (png.pixels[i] < 240 || png.pixels[i + 1] < 240 || png.pixels[i + 2] < 240) ink++;
  return ink / (png.width * png.height);
}
