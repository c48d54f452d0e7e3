// Image captions (long and short) and per-region expressions, written the way FineHARD's are:
// the long caption walks through every object; region phrases name attributes, place and a neighbour.

import { type Rng, pick } from './rng.ts';
import {
  capitalise,
  countWords,
  directionName,
  listJoin,
  mention,
  numberWord,
  patternDetail,
  positionPhrase,
  relationPhrase,
  shortExpr,
} from './phrases.ts';
import type { Scene, SceneObject } from './scene.ts';

/** FineHARD long captions run to ~150 words; ours stay within this range. */
export const LONG_CAPTION_WORDS = { min: 60, max: 150 } as const;

function nearest(scene: Scene, obj: SceneObject): SceneObject | null {
  let best: SceneObject | null = null;
  let bestDist = Infinity;
  for (const other of scene.objects) {
    if (other === obj) continue;
    const d = Math.hypot(other.cx - obj.cx, other.cy - obj.cy);
    if (d < bestDist) {
      bestDist = d;
      best = other;
    }
  }
  return best;
}

/** The relation to the nearest other object; `definite` once the text has introduced every object. */
function relationTo(scene: Scene, obj: SceneObject, definite: boolean): string | null {
  const other = nearest(scene, obj);
  if (!other) return null;
  const drawnLater = scene.objects.indexOf(obj) > scene.objects.indexOf(other);
  return relationPhrase(obj, other, drawnLater, definite);
}

/** The object's phrase with its pattern detail, e.g. "a large red striped circle with vertical stripes". */
function detailed(obj: SceneObject): string {
  const detail = patternDetail(obj);
  return detail ? `${shortExpr(obj.attrs)} ${detail}` : shortExpr(obj.attrs);
}

/** Region description: attributes, pattern detail, place in the frame and the nearest neighbour. */
export function longExpr(scene: Scene, obj: SceneObject): string {
  const where = `${detailed(obj)} ${positionPhrase(scene, obj)}`;
  const relation = relationTo(scene, obj, false);
  return relation ? `${where}, ${relation}` : `${where}, alone on the ${scene.backdrop.from.name} background`;
}

function objectSentence(rng: Rng, scene: Scene, obj: SceneObject, withRelation: boolean): string {
  const where = positionPhrase(scene, obj);
  const relation = withRelation ? relationTo(scene, obj, true) : null;
  const tail = relation ? `, ${relation}` : '';
  const templates = [
    `${capitalise(where)} there is ${detailed(obj)}${tail}.`,
    `${capitalise(where)} sits ${detailed(obj)}${tail}.`,
    `${capitalise(detailed(obj))} appears ${where}${tail}.`,
  ];
  return pick(rng, templates);
}

function introSentence(rng: Rng, scene: Scene): string {
  const n = scene.objects.length;
  const { from, to, angle } = scene.backdrop;
  const what = n === 1 ? 'a single simple shape' : `${numberWord(n)} simple shapes`;
  const toward = directionName(angle);
  const templates = [
    `This image shows ${what} on a ${from.name} background that fades into ${to.name} toward the ${toward}.`,
    `A clean synthetic scene with ${what} placed on a smooth ${from.name} backdrop shading into ${to.name} toward the ${toward}.`,
  ];
  return pick(rng, templates);
}

function summarySentence(scene: Scene): string | null {
  if (scene.objects.length < 2) return null;
  const colors = [...new Set(scene.objects.map((o) => o.attrs.color))];
  const byRadius = [...scene.objects].sort((a, b) => b.radius - a.radius);
  const largest = byRadius[0];
  const smallest = byRadius[byRadius.length - 1];
  const sizes =
    largest.attrs.size !== smallest.attrs.size
      ? ` The biggest one is ${mention(largest.attrs)} and the smallest is ${mention(smallest.attrs)}.`
      : '';
  const palette = colors.length === 1 ? `are all ${colors[0]}` : `come in ${listJoin(colors)}`;
  return `Together the shapes ${palette}.${sizes}`;
}

function closingSentence(scene: Scene): string {
  return `Each shape has a thin darker outline and casts a soft shadow toward the ${directionName(scene.shadowAngle)}, and the background has a faint mottled texture with slightly darker corners.`;
}

const FILLER =
  'Nothing else appears in the frame: there is no text, no people and no other objects, only the plain shapes and their shadows.';

/** Joins sentences, adding optional ones in order while the caption stays within the word limit. */
function assemble(core: readonly string[], optional: readonly string[]): string {
  const parts = [...core];
  for (const sentence of optional) {
    if (countWords([...parts, sentence].join(' ')) <= LONG_CAPTION_WORDS.max) parts.push(sentence);
  }
  return parts.join(' ');
}

/**
 * Long caption: an intro, one sentence per object (largest first, as in `objects`), then a summary,
 * shading notes and, for sparse scenes, a closing remark. Relations are dropped if words run short.
 */
export function longCaption(rng: Rng, scene: Scene, ordered: readonly SceneObject[]): string {
  const intro = introSentence(rng, scene);
  const optional = [summarySentence(scene), closingSentence(scene), FILLER].filter((s): s is string => s !== null);
  const withRelations = [intro, ...ordered.map((o) => objectSentence(rng, scene, o, true))];
  if (countWords(withRelations.join(' ')) <= LONG_CAPTION_WORDS.max) return assemble(withRelations, optional);
  return assemble([intro, ...ordered.map((o) => objectSentence(rng, scene, o, false))], optional);
}

/** Short caption (~10–20 words): names up to two objects, largest first, and the backdrop. */
export function shortCaption(scene: Scene, ordered: readonly SceneObject[]): string {
  const bg = `a ${scene.backdrop.from.name} background`;
  const [first, second] = ordered;
  if (ordered.length === 1) return `${shortExpr(first.attrs)} on ${bg} with a soft shadow`;
  if (ordered.length === 2) return `${shortExpr(first.attrs)} and ${shortExpr(second.attrs)} on ${bg}`;
  return `${numberWord(ordered.length)} shapes on ${bg}, including ${shortExpr(first.attrs)} and ${shortExpr(second.attrs)}`;
}
