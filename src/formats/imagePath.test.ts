import { describe, expect, it } from 'vitest'
import { parseImagePath, preparedImagePath } from './imagePath.ts'

describe('parseImagePath', () => {
  it('parses both FineHARD f_path forms to the same prepared path', () => {
    const a = parseImagePath('grit-20m/data-12m/coyo_image_0/00069/000699825.jpg')
    const b = parseImagePath('data/down-grit-12m/coyo_image_0/00069/00000/000699825.jpg')
    expect(a).toEqual({ part: 0, shard: '00069', key: '000699825', path: 'grit-20m/data-12m/coyo_image_0/00069/000699825.jpg' })
    expect(b).toMatchObject({ part: 0, shard: '00069', key: '000699825' })
    expect(preparedImagePath(a!)).toBe('coyo_image_0/00069/000699825.jpg')
    expect(preparedImagePath(b!)).toBe('coyo_image_0/00069/000699825.jpg')
  })

  it('tolerates typos in the part folder', () => {
    expect(parseImagePath('grit-20m/data-12m/coàyo_image_15/01234/012345678.jpg')).toMatchObject({ part: 15, shard: '01234' })
  })

  it('keeps other paths as they are (FG-OVD)', () => {
    const ref = parseImagePath('val2017/000000113867.jpg')
    expect(ref).toEqual({ part: null, shard: null, key: '000000113867', path: 'val2017/000000113867.jpg' })
    expect(preparedImagePath(ref!)).toBe('val2017/000000113867.jpg')
    expect(parseImagePath('')).toBeNull()
  })
})
