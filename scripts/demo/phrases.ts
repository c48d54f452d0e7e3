// Small English building blocks shared by captions, region expressions and negatives.

import type { Scene, SceneObject } from './scene.ts';
import { type Attributes, hasDarkPrint } from './vocabulary.ts';

export function article(word: string): 'a' | 'an' {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function countWords(text: string): number {
  return text.split(/\s+/).filter((w) => w.length > 0).length;
}

const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six'] as const;

export function numberWord(n: number): string {
  return NUMBER_WORDS[n] ?? String(n);
}

/** "a, b and c". */
export function listJoin(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * The referring expression, e.g. "a large red striped circle". Solid reads more naturally before the
 * colour ("a small solid blue star"). Distinct attributes always give distinct phrases.
 */
export function shortExpr(a: Attributes): string {
  const words = describe(a);
  return `${article(words)} ${words}`;
}

function describe(a: Attributes): string {
  return (a.pattern === 'solid' ? [a.size, 'solid', a.color, a.shape] : [a.size, a.color, a.pattern, a.shape]).join(' ');
}

/** "the large red striped circle": for an object the text has already introduced. */
export function definiteExpr(a: Attributes): string {
  return `the ${describe(a)}`;
}

/** "the red star": the definite, shorter mention used once an object has been introduced. */
export function mention(a: Attributes): string {
  return `the ${a.color} ${a.shape}`;
}

const ROWS = ['top', 'middle', 'bottom'] as const;
const COLS = ['left', 'center', 'right'] as const;

/** Where an object sits in a 3×3 grid over the frame, e.g. "in the top left corner". */
export function positionPhrase(scene: Scene, obj: SceneObject): string {
  const row = ROWS[Math.min(2, Math.floor((obj.cy / scene.height) * 3))];
  const col = COLS[Math.min(2, Math.floor((obj.cx / scene.width) * 3))];
  if (row === 'middle') return col === 'center' ? 'in the center' : `on the ${col}`;
  if (col === 'center') return `at the ${row}`;
  return `in the ${row} ${col} corner`;
}

/** Compass names for directions measured clockwise from "right" (y down), in 45° steps. */
const DIRECTIONS = ['right', 'bottom right', 'bottom', 'bottom left', 'left', 'top left', 'top', 'top right'] as const;

export function directionName(angle: number): string {
  const step = Math.round(angle / (Math.PI / 4));
  return DIRECTIONS[((step % 8) + 8) % 8];
}

/** How `obj` relates to `other`: overlap first (it is what a viewer notices), else the main axis. */
export function relationPhrase(obj: SceneObject, other: SceneObject, objDrawnLater: boolean, definite: boolean): string {
  const dx = other.cx - obj.cx;
  const dy = other.cy - obj.cy;
  const otherText = definite ? definiteExpr(other.attrs) : shortExpr(other.attrs);
  const touching = Math.hypot(dx, dy) < (obj.radius + other.radius) * 0.92;
  if (touching) return objDrawnLater ? `partly covering ${otherText}` : `partly hidden behind ${otherText}`;
  if (Math.abs(dx) > Math.abs(dy)) return `${dx > 0 ? 'to the left of' : 'to the right of'} ${otherText}`;
  return `${dy > 0 ? 'above' : 'below'} ${otherText}`;
}

/** A few words on how the pattern looks, e.g. "with pale diagonal stripes"; empty for solid shapes. */
export function patternDetail(obj: SceneObject): string {
  const tone = hasDarkPrint(obj.attrs.color) ? 'dark' : 'pale';
  switch (obj.attrs.pattern) {
    case 'solid':
      return '';
    case 'striped': {
      // Stripe bands run perpendicular to the stripe angle; rotations stay below 12°, so the class holds.
      const turn = Math.round(((obj.stripeAngle + obj.rotation) / Math.PI) * 4) % 4;
      const kind = turn === 0 ? 'vertical' : turn === 2 ? 'horizontal' : 'diagonal';
      return `with ${tone} ${kind} stripes`;
    }
    case 'dotted':
      return `sprinkled with ${tone} dots`;
    case 'checkered':
      return `with a ${tone} checkerboard print`;
  }
}
