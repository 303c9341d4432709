// The digits-only line reader beside PP-OCR (engine.ts readDigits): a small CRNN trained by
// scripts/models/digits/ on the generator's code and number lines, read with rec.ts's CTC decoding.
import { DEFAULT_REC, type RecOptions } from './rec';

/**
 * Its classes: 0 = CTC blank, 1..10 = the digits 0..9 (scripts/models/digits/train-digits.py), as
 * rec.ts `parseDict` lays out PP-OCR's.
 */
export const DIGITS_DICT: readonly string[] = ['', ...'0123456789'];

/**
 * How its input is made (train-digits.py's): a crop scaled to height 32 px, its aspect ratio kept,
 * the width rounded up to a multiple of 4 px (the model's width per time step), RGB planes,
 * (v/255 − 0.5)/0.5; one line per run.
 */
export const DIGITS_REC: RecOptions = { ...DEFAULT_REC, height: 32, widthStep: 4, channels: 'rgb' };
