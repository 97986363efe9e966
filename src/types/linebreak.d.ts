/** npm `linebreak` (UAX #14 line breaking) ships no types; this is the part yoshiki uses. */
declare module 'linebreak' {
  interface Break {
    /** Offset (UTF-16 units) where a line may start. */
    position: number;
    /** A mandatory break (a newline). */
    required: boolean;
  }
  export default class LineBreaker {
    constructor(text: string);
    nextBreak(): Break | null;
  }
}
