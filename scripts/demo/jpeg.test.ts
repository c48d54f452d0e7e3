import { decode } from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { renderJpeg } from './jpeg.ts';
import { generateScene } from './sample.ts';

describe('renderJpeg', () => {
  it('encodes baseline JPEGs that another decoder reads back faithfully, at any size', () => {
    for (const [width, height] of [[160, 120], [37, 23], [16, 16]]) {
      const { rgba } = generateScene(1, 3, { width, height });
      const jpeg = renderJpeg(rgba, width, height, 90);
      expect([jpeg[0], jpeg[1], jpeg[jpeg.length - 2], jpeg[jpeg.length - 1]]).toEqual([0xff, 0xd8, 0xff, 0xd9]);
      const decoded = decode(jpeg, { useTArray: true });
      expect([decoded.width, decoded.height]).toEqual([width, height]);
      let squared = 0;
      for (let i = 0; i < rgba.length; i++) if (i % 4 !== 3) squared += (decoded.data[i] - rgba[i]) ** 2;
      const psnr = 10 * Math.log10((255 * 255) / (squared / (width * height * 3)));
      expect(psnr).toBeGreaterThan(28);
    }
  });
});
