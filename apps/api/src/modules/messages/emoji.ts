import { validationFailed } from '../../platform/errors/app-error';

/** Longest accepted emoji, in UTF-16 code units: room for family and flag sequences, nothing like a sentence. */
export const MAX_EMOJI_LENGTH = 32;

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });
// A pictograph, a flag's regional indicators, or a keycap (1️⃣): what every emoji sequence contains.
const EMOJI_MARK = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20E3/u;
const INVISIBLE_OR_SPACE = /[\p{White_Space}\p{Cc}]/u;

/** A reaction is one emoji: a single grapheme cluster that is an emoji (👍, 👍🏽, 👨‍👩‍👧, 🇬🇭, 1️⃣). Returns it NFC-normalised. */
export function parseEmoji(value: string): string {
  const emoji = value.normalize('NFC');
  const graphemes = [...segmenter.segment(emoji)].length;
  if (graphemes !== 1 || emoji.length > MAX_EMOJI_LENGTH || !EMOJI_MARK.test(emoji) || INVISIBLE_OR_SPACE.test(emoji)) {
    throw validationFailed('A reaction is a single emoji.', { emoji: 'Must be exactly one emoji, URL-encoded in the path.' });
  }
  return emoji;
}
