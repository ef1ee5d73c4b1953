/**
 * Groups tokens into directives and blocks the way ngx_conf_parse does, but keeps going after an error so the
 * editor always has a tree. Each syntax error carries nginx's own wording and sits where nginx reports it
 * (the line of the offending character, or the end of the file).
 */
import { NginxLexer, tokenValue, type Lexeme } from './lexer';
import type { NginxBlock, NginxDirective, NginxDocument, NginxSyntaxError, NginxToken } from './model';

/** Syntax errors kept per file (besides the end-of-file one). */
const MAX_ERRORS = 100;

/** How many unclosed blocks an end-of-file error names as related information. */
const MAX_RELATED_OPEN = 3;

interface Frame {
  owner?: NginxDirective;
  children: NginxDirective[];
}

function toToken(text: string, lexeme: Lexeme): NginxToken {
  const raw = text.slice(lexeme.start, lexeme.end);
  const quoted = lexeme.type === 'string';
  return {
    raw,
    value: tokenValue(raw, quoted),
    range: { start: lexeme.start, end: lexeme.end },
    quote: quoted ? lexeme.quote : undefined,
  };
}

export function parseNginx(text: string, path = ''): NginxDocument {
  const lexer = new NginxLexer(text);
  const errors: NginxSyntaxError[] = [];
  const comments: NginxDocument['comments'] = [];
  const top: Frame = { children: [] };
  const stack: Frame[] = [top];
  // The tokens of the statement being read: one buffer for the whole file, `size` entries of it in use
  // (emptying an array by `length = 0` drops its storage, and the next push would allocate again).
  const pending: NginxToken[] = [];
  let size = 0;
  let sawEof = false;

  const frame = () => stack[stack.length - 1];
  const makeDirective = (terminator: ';' | '{' | undefined, end: number): NginxDirective => {
    // Each directive keeps a tight copy of its arguments (a pushed-to array reserves room for 17).
    const nameToken = pending[0];
    const args = pending.slice(1, size);
    size = 0;
    const directive: NginxDirective = {
      name: nameToken.value,
      nameToken,
      args,
      terminator,
      range: { start: nameToken.range.start, end },
      terminatorEnd: end,
      parent: frame().owner,
      index: -1, // numbered once the tree is complete
    };
    frame().children.push(directive);
    return directive;
  };
  const lastEnd = () => pending[size - 1].range.end;

  // Bounded by the text: every iteration consumes at least one character or ends at eof.
  let lastTokenEnd = 0;
  while (!sawEof) {
    const lexeme = lexer.next();
    if (lexeme.type !== 'comment' && lexeme.type !== 'eof') lastTokenEnd = lexeme.end;
    switch (lexeme.type) {
      case 'comment':
        comments.push({ range: { start: lexeme.start, end: lexeme.end }, text: text.slice(lexeme.start, lexeme.end) });
        break;
      case 'word':
      case 'string': {
        if (lexeme.unterminated) {
          errors.push({
            kind: 'unterminated-string',
            message: `unterminated string: unexpected end of file, expecting ";" or "}"`,
            range: { start: lexeme.start, end: text.length },
            insert: { offset: text.length, text: lexeme.quote! + ';' },
          });
        }
        pending[size++] = toToken(text, lexeme);
        break;
      }
      case ';':
        if (size === 0) {
          errors.push({ kind: 'unexpected-char', message: 'unexpected ";"', range: { start: lexeme.start, end: lexeme.end } });
        } else makeDirective(';', lexeme.end);
        break;
      case '{': {
        let owner: NginxDirective | undefined;
        if (size === 0) {
          errors.push({ kind: 'unexpected-char', message: 'unexpected "{"', range: { start: lexeme.start, end: lexeme.end } });
        } else owner = makeDirective('{', lexeme.end);
        const block: NginxBlock = { open: lexeme.start, children: [] };
        if (owner) owner.block = block;
        if (owner && /_by_lua_block$/.test(owner.name)) {
          const body = lexer.skipLuaBody();
          block.raw = { range: { start: lexeme.end, end: body.end }, text: text.slice(lexeme.end, body.end) };
          if (body.closed) {
            block.close = body.end + 1;
            owner.range.end = block.close;
          } else {
            errors.push({
              kind: 'eof-expecting-close',
              message: 'unexpected end of file, expecting "}"',
              range: { start: lexeme.start, end: text.length },
              insert: { offset: text.length, text: '\n}\n' },
            });
          }
          break;
        }
        // No depth cap: the stack is an array, and every walk of the tree is iterative, so nesting costs no recursion.
        stack.push({ owner, children: block.children });
        break;
      }
      case '}': {
        if (size > 0) {
          const insertAt = lastEnd();
          errors.push({
            kind: 'missing-semicolon',
            message: 'unexpected "}": missing ";" before it',
            range: { start: lexeme.start, end: lexeme.end },
            insert: { offset: insertAt, text: ';' },
          });
          makeDirective(undefined, insertAt);
        }
        if (stack.length > 1) {
          const closed = stack.pop()!;
          if (closed.owner?.block) {
            closed.owner.block.close = lexeme.end;
            closed.owner.range.end = lexeme.end;
          }
        } else if (size === 0 && !errors.some((e) => e.range.start === lexeme.start)) {
          errors.push({ kind: 'unexpected-close', message: 'unexpected "}"', range: { start: lexeme.start, end: lexeme.end } });
        }
        break;
      }
      case 'eof': {
        sawEof = true;
        // nginx stops at the first of these; one finding says everything the fix must insert.
        const closers = stack.length > 1 ? '}'.repeat(stack.length - 1) : '';
        const unterminated = errors.find((e) => e.kind === 'unterminated-string');
        if (unterminated?.insert && closers) unterminated.insert.text += '\n' + closers + '\n';
        if (size > 0) {
          const insertAt = lastEnd();
          if (!unterminated) {
            errors.push({
              kind: 'eof-expecting-semicolon',
              message: 'unexpected end of file, expecting ";" or "}"',
              range: { start: pending[size - 1].range.start, end: text.length },
              insert: { offset: insertAt, text: ';' + (closers ? '\n' + closers : '') },
            });
          }
          makeDirective(undefined, insertAt);
        } else if (closers && !unterminated) {
          // nginx names the end of the file; the blocks left open, innermost first, are the related information.
          // From the last token (comments after it count for nginx's line, not for the range's start) to the end.
          const last = lastTokenEnd;
          const related: NginxSyntaxError['related'] = [];
          for (let i = stack.length - 1; i >= 1 && related.length < MAX_RELATED_OPEN; i--) {
            const open = stack[i].owner?.block?.open;
            if (open !== undefined)
              related.push({ range: { start: open, end: open + 1 }, message: `"${stack[i].owner!.name}" block opened here is never closed` });
          }
          errors.push({
            kind: 'eof-expecting-close',
            message: 'unexpected end of file, expecting "}"',
            range: { start: Math.max(0, last - 1), end: text.length },
            related,
            insert: { offset: text.length, text: (text.endsWith('\n') || text === '' ? '' : '\n') + closers + '\n' },
          });
        }
        for (const f of stack.slice(1)) if (f.owner) f.owner.range.end = text.length;
        break;
      }
    }
  }
  for (const error of lexer.errors) {
    errors.push({ kind: 'unexpected-char', message: error.message, range: error.range });
  }
  errors.sort((a, b) => a.range.start - b.range.start);
  numberDirectives(top.children);
  // nginx stops at its first error; a hostile file (150,000 stray "{") must not yield a finding per character.
  const kept = errors.length <= MAX_ERRORS ? errors : errors.filter((e, i) => i < MAX_ERRORS || e.kind.startsWith('eof') || e.kind === 'unterminated-string');
  return { path, text, directives: top.children, comments, errors: kept };
}

/**
 * Gives each directive of the tree its position in document order. Done after parsing, not at creation: the
 * statements inside a stray `{` (one with no directive before it) are made but never attached to the tree.
 */
function numberDirectives(directives: readonly NginxDirective[]): void {
  // walkDirectives' order, without a generator (a tenth of a big file's parse went to resuming it).
  let next = 0;
  const stack: NginxDirective[] = [];
  for (let i = directives.length - 1; i >= 0; i--) stack.push(directives[i]);
  while (stack.length > 0) {
    const directive = stack.pop()!;
    directive.index = next++;
    const children = directive.block?.children;
    if (children) for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
}

/** Depth-first walk over every directive, bounded by the tree (which is finite). */
export function* walkDirectives(directives: readonly NginxDirective[]): Generator<NginxDirective> {
  const stack: NginxDirective[] = [...directives].reverse();
  while (stack.length > 0) {
    const directive = stack.pop()!;
    yield directive;
    const children = directive.block?.children;
    if (children) for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
}
