/** One line of text read by an OCR engine, in the image's pixel coordinates. */
export interface OcrLine {
  text: string;
  /** 0–1, the recognizer's confidence in the whole line. */
  confidence: number;
  box: { x: number; y: number; width: number; height: number };
}
