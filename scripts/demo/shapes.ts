// Shape geometry as signed distance functions in a unit frame (object radius = 1, y pointing down).
// Distances give exact anti-aliasing, outlines and soft shadows from a single evaluation.

import type { Shape } from './vocabulary.ts';

/** Flat [x0, y0, x1, y1, …] vertex list of a closed polygon. */
type Polygon = Float64Array;

interface ShapeGeometry {
  /** Signed distance from (u, v) to the outline: negative inside. */
  readonly distance: (u: number, v: number) => number;
  /** Radius of the smallest centred circle holding the shape, for placement. */
  readonly reach: number;
}

function regularPolygon(corners: number, radius: number, startAngle: number): number[] {
  const points: number[] = [];
  for (let i = 0; i < corners; i++) {
    const a = startAngle + (2 * Math.PI * i) / corners;
    points.push(radius * Math.cos(a), radius * Math.sin(a));
  }
  return points;
}

function starPoints(tips: number, outer: number, inner: number): number[] {
  const points: number[] = [];
  for (let i = 0; i < tips * 2; i++) {
    const a = -Math.PI / 2 + (Math.PI * i) / tips;
    const r = i % 2 === 0 ? outer : inner;
    points.push(r * Math.cos(a), r * Math.sin(a));
  }
  return points;
}

/** The classic parametric heart curve, sampled densely enough that its facets stay sub-pixel. */
function heartPoints(samples: number): number[] {
  const points: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t = (2 * Math.PI * i) / samples;
    const x = 16 * Math.sin(t) ** 3;
    const y = -(13 * Math.cos(t) - 5 * Math.cos(2 * t) - 2 * Math.cos(3 * t) - Math.cos(4 * t));
    points.push(x, y);
  }
  return points;
}

function crossPoints(arm: number, reach: number): number[] {
  const a = arm;
  const r = reach;
  return [-a, -r, a, -r, a, -a, r, -a, r, a, a, a, a, r, -a, r, -a, a, -r, a, -r, -a, -a, -a];
}

/** Centres the polygon's bounding box on the origin and scales its larger half-extent to `halfSize`. */
function normalise(points: number[], halfSize: number): Polygon {
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < points.length; i += 2) {
    minX = Math.min(minX, points[i]);
    maxX = Math.max(maxX, points[i]);
    minY = Math.min(minY, points[i + 1]);
    maxY = Math.max(maxY, points[i + 1]);
  }
  const cx = (minX + maxX) / 2;
  const cy = (minY + maxY) / 2;
  const scale = halfSize / Math.max(maxX - minX, maxY - minY) / 0.5;
  const out = new Float64Array(points.length);
  for (let i = 0; i < points.length; i += 2) {
    out[i] = (points[i] - cx) * scale;
    out[i + 1] = (points[i + 1] - cy) * scale;
  }
  return out;
}

/** Exact distance to the nearest edge, signed by an even–odd inside test. */
function polygonDistance(poly: Polygon, u: number, v: number): number {
  let best = Infinity;
  let inside = false;
  const n = poly.length;
  for (let i = 0, j = n - 2; i < n; j = i, i += 2) {
    const ax = poly[j];
    const ay = poly[j + 1];
    const ex = poly[i] - ax;
    const ey = poly[i + 1] - ay;
    const wx = u - ax;
    const wy = v - ay;
    const t = Math.min(1, Math.max(0, (wx * ex + wy * ey) / (ex * ex + ey * ey)));
    const qx = wx - ex * t;
    const qy = wy - ey * t;
    best = Math.min(best, qx * qx + qy * qy);
    if (ay > v !== poly[i + 1] > v && u < ax + (ex * (v - ay)) / ey) inside = !inside;
  }
  return inside ? -Math.sqrt(best) : Math.sqrt(best);
}

function polygonShape(poly: Polygon): ShapeGeometry {
  let reach = 0;
  for (let i = 0; i < poly.length; i += 2) reach = Math.max(reach, Math.hypot(poly[i], poly[i + 1]));
  return { distance: (u, v) => polygonDistance(poly, u, v), reach };
}

const GEOMETRY: Readonly<Record<Shape, ShapeGeometry>> = {
  circle: { distance: (u, v) => Math.hypot(u, v) - 0.95, reach: 0.95 },
  // A ring is the band 0.55…0.95 around the centre: |r − mid| − halfWidth.
  ring: { distance: (u, v) => Math.abs(Math.hypot(u, v) - 0.75) - 0.2, reach: 0.95 },
  square: polygonShape(normalise(regularPolygon(4, 1, Math.PI / 4), 0.78)),
  diamond: polygonShape(normalise([0, -1, 0.7, 0, 0, 1, -0.7, 0], 0.98)),
  triangle: polygonShape(normalise(regularPolygon(3, 1, -Math.PI / 2), 0.95)),
  hexagon: polygonShape(normalise(regularPolygon(6, 1, 0), 0.95)),
  star: polygonShape(normalise(starPoints(5, 1, 0.45), 0.98)),
  heart: polygonShape(normalise(heartPoints(72), 0.95)),
  cross: polygonShape(normalise(crossPoints(0.34, 1), 0.9)),
};

/** Signed distance (unit frame) from (u, v) to `shape`'s outline; negative inside. */
export function shapeDistance(shape: Shape, u: number, v: number): number {
  return GEOMETRY[shape].distance(u, v);
}

/** How far (unit frame) the shape reaches from its centre. */
export function shapeReach(shape: Shape): number {
  return GEOMETRY[shape].reach;
}
