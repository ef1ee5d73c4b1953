/**
 * Dockerfiles through `dockerfile-ast` (the parser of the Docker language server): it knows instructions,
 * continuation lines, the escape directive and heredocs. We keep only offsets and raw text from it, so everything
 * after this point works on the file's own characters. Never throws: whatever goes wrong yields an empty document.
 */
import { DockerfileParser } from 'dockerfile-ast';
import { LineIndex } from '../../core/text';
import type { DockerfileDocument, DockerInstruction, DockerStage } from './document';

const MAX_INSTRUCTIONS = 20_000;

export function parseDockerfile(text: string, path: string): DockerfileDocument {
  const document: DockerfileDocument = { text, path, escape: '\\', globalArgs: [], stages: [] };
  try {
    const dockerfile = DockerfileParser.parse(text);
    const index = new LineIndex(text);
    const escape = dockerfile.getEscapeCharacter();
    document.escape = escape === '`' ? '`' : '\\';
    let stage: DockerStage | undefined;
    const instructions = dockerfile.getInstructions();
    for (let i = 0; i < instructions.length && i < MAX_INSTRUCTIONS; i++) {
      const instruction = instructions[i];
      const range = instruction.getRange();
      const keywordRange = instruction.getInstructionRange();
      const start = index.offsetAt(range.start);
      const end = index.offsetAt(range.end);
      const keywordStart = index.offsetAt(keywordRange.start);
      const keywordEnd = index.offsetAt(keywordRange.end);
      // Everything after the keyword (dockerfile-ast's argument range leaves out COPY's and ADD's flags).
      let argsStart = keywordEnd;
      while (argsStart < end && (text[argsStart] === ' ' || text[argsStart] === '\t')) argsStart++;
      const argsEnd = Math.max(argsStart, end);
      const item: DockerInstruction = {
        keyword: text.slice(keywordStart, keywordEnd).toUpperCase(),
        keywordRange: { start: keywordStart, end: keywordEnd },
        range: { start, end: Math.max(start, end) },
        args: text.slice(argsStart, argsEnd),
        argsRange: { start: argsStart, end: argsEnd },
        line: range.start.line,
      };
      if (item.keyword === 'FROM') {
        const words = item.args.split(/\s+/).filter((word) => word !== '' && !word.startsWith('--'));
        stage = { from: item, instructions: [] };
        if (words[0]) stage.base = words[0];
        if (words[1]?.toLowerCase() === 'as' && words[2]) stage.name = words[2].toLowerCase();
        document.stages.push(stage);
      } else if (!stage) {
        if (item.keyword === 'ARG') document.globalArgs.push(item);
      } else stage.instructions.push(item);
    }
  } catch {
    // dockerfile-ast does not throw on any input we know of; if it ever does, the file says nothing.
  }
  return document;
}
