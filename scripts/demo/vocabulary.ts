// The closed vocabulary of the synthetic world: every attribute a caption can name, and how it looks.

export type Rgb = readonly [number, number, number];

export const SHAPES = [
  'circle',
  'square',
  'triangle',
  'star',
  'hexagon',
  'ring',
  'heart',
  'diamond',
  'cross',
] as const;
export type Shape = (typeof SHAPES)[number];

export const COLOR_NAMES = [
  'red',
  'orange',
  'yellow',
  'green',
  'cyan',
  'blue',
  'purple',
  'pink',
  'brown',
  'black',
  'white',
] as const;
export type ColorName = (typeof COLOR_NAMES)[number];

/** Saturated, well separated hues so each colour word is unambiguous against the pale backdrops. */
export const COLOR_RGB: Readonly<Record<ColorName, Rgb>> = {
  red: [214, 38, 38],
  orange: [246, 134, 18],
  yellow: [250, 214, 30],
  green: [38, 156, 62],
  cyan: [28, 196, 210],
  blue: [36, 84, 214],
  purple: [134, 56, 186],
  pink: [242, 120, 184],
  brown: [120, 74, 36],
  black: [28, 28, 30],
  white: [250, 250, 248],
};

/** Light colours get darker prints (stripes, dots, checks) and dark colours lighter ones. */
export function hasDarkPrint(color: ColorName): boolean {
  const [r, g, b] = COLOR_RGB[color];
  return 0.299 * r + 0.587 * g + 0.114 * b > 180;
}

export const SIZES = ['small', 'medium', 'large'] as const;
export type Size = (typeof SIZES)[number];

/** Object radius as a fraction of min(width, height); steps of ~1.6× keep the classes apart. */
export const SIZE_RADIUS: Readonly<Record<Size, number>> = { small: 0.08, medium: 0.13, large: 0.2 };

export const PATTERNS = ['solid', 'striped', 'dotted', 'checkered'] as const;
export type Pattern = (typeof PATTERNS)[number];

/** The four attributes a region phrase names, in the order they are perturbed for negatives. */
export const ATTRIBUTES = ['color', 'shape', 'size', 'pattern'] as const;
export type Attribute = (typeof ATTRIBUTES)[number];

export interface Attributes {
  readonly size: Size;
  readonly color: ColorName;
  readonly pattern: Pattern;
  readonly shape: Shape;
}

/** Every value an attribute can take, so negatives can swap any one of them. */
export const ATTRIBUTE_VALUES: {
  readonly [A in Attribute]: readonly Attributes[A][];
} = { color: COLOR_NAMES, shape: SHAPES, size: SIZES, pattern: PATTERNS };

export interface BackdropTone {
  readonly name: string;
  readonly rgb: Rgb;
}

/** Pale, low-saturation tones: every object colour (white included, thanks to its outline) stands out. */
export const BACKDROP_TONES: readonly BackdropTone[] = [
  { name: 'pale beige', rgb: [226, 214, 192] },
  { name: 'soft sky blue', rgb: [186, 208, 228] },
  { name: 'mint green', rgb: [194, 222, 202] },
  { name: 'light lavender', rgb: [212, 202, 228] },
  { name: 'warm peach', rgb: [236, 206, 186] },
  { name: 'sandy', rgb: [216, 202, 166] },
  { name: 'light gray', rgb: [204, 204, 200] },
  { name: 'dusty teal', rgb: [170, 198, 196] },
];
