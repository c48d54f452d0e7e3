// Surface patterns, evaluated in the object's unit frame. Each returns how much of the secondary
// colour shows at a point (0…1), anti-aliased over about one pixel.

import type { Pattern } from './vocabulary.ts';

const STRIPE_PERIOD = 0.42;
const STRIPE_DUTY = 0.45;
const DOT_SPACING = 0.46;
const DOT_RADIUS = 0.13;
const CHECK_CELL = 0.4;

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

/** `px` is pixels per unit, turning unit-frame distances into pixel distances for anti-aliasing. */
function stripes(u: number, v: number, angle: number, px: number): number {
  const s = (u * Math.cos(angle) + v * Math.sin(angle)) / STRIPE_PERIOD;
  const phase = s - Math.floor(s);
  const signed =
    phase < STRIPE_DUTY ? Math.min(phase, STRIPE_DUTY - phase) : -Math.min(phase - STRIPE_DUTY, 1 - phase);
  return clamp01(0.5 + signed * STRIPE_PERIOD * px);
}

/** Staggered rows of dots, like a polka-dot print. */
function dots(u: number, v: number, px: number): number {
  const row = Math.floor(v / DOT_SPACING);
  const shifted = u + (row & 1 ? DOT_SPACING / 2 : 0);
  const du = shifted - (Math.floor(shifted / DOT_SPACING) + 0.5) * DOT_SPACING;
  const dv = v - (row + 0.5) * DOT_SPACING;
  return clamp01(0.5 - (Math.hypot(du, dv) - DOT_RADIUS) * px);
}

function checks(u: number, v: number, px: number): number {
  const fu = u / CHECK_CELL;
  const fv = v / CHECK_CELL;
  const parity = (Math.floor(fu) + Math.floor(fv)) & 1;
  // Blend towards 50/50 within half a pixel of a cell edge.
  const edge = Math.min(Math.abs(fu - Math.round(fu)), Math.abs(fv - Math.round(fv))) * CHECK_CELL * px;
  const sharp = clamp01(edge * 2);
  return 0.5 + (parity ? 0.5 : -0.5) * sharp;
}

/** Weight of the secondary colour at unit-frame point (u, v). */
export function patternWeight(pattern: Pattern, u: number, v: number, stripeAngle: number, px: number): number {
  switch (pattern) {
    case 'solid':
      return 0;
    case 'striped':
      return stripes(u, v, stripeAngle, px);
    case 'dotted':
      return dots(u, v, px);
    case 'checkered':
      return checks(u, v, px);
  }
}
