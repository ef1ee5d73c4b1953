/**
 * The parsed shape of a Dockerfile: its instructions in order, grouped into build stages (each `FROM` opens one; the
 * last stage is the image that runs). Offsets are UTF-16 string offsets into the text. Only structure is kept here;
 * what the final image runs is image.ts's.
 */
import type { OffsetRange } from '../../core/text';

export interface DockerInstruction {
  /** Upper-case keyword (`CMD`, `ENTRYPOINT`, ...). */
  keyword: string;
  /** The keyword as written. */
  keywordRange: OffsetRange;
  /** The whole instruction, continuation lines included. */
  range: OffsetRange;
  /** The arguments' raw text (continuations and embedded comment lines included), at `argsRange.start`. */
  args: string;
  argsRange: OffsetRange;
  /** Zero-based line of the keyword. */
  line: number;
}

export interface DockerStage {
  /** The `FROM` instruction (absent for instructions before any FROM: only ARG is allowed there). */
  from?: DockerInstruction;
  /** The base image as written (`python:3.12-slim`, or an earlier stage's name). */
  base?: string;
  /** `AS name`, lower-cased as Docker compares stage names. */
  name?: string;
  instructions: DockerInstruction[];
}

export interface DockerfileDocument {
  text: string;
  path: string;
  /** The escape character (`\` unless a `# escape=` directive says otherwise). */
  escape: string;
  /** ARGs before the first FROM. */
  globalArgs: DockerInstruction[];
  stages: DockerStage[];
}
