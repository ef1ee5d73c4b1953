/** Python string literals to their values: prefixes, raw strings, escape sequences. */

/** The value of a non-raw literal body, with Python's escape sequences decoded (unknown escapes kept as written). */
export function decodeEscapes(body: string): string {
  if (!body.includes('\\')) return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch !== '\\' || i + 1 >= body.length) {
      out += ch;
      continue;
    }
    const next = body[++i];
    switch (next) {
      case '\n':
        break; // line continuation
      case '\r':
        if (body[i + 1] === '\n') i++;
        break;
      case 'n':
        out += '\n';
        break;
      case 't':
        out += '\t';
        break;
      case 'r':
        out += '\r';
        break;
      case '\\':
        out += '\\';
        break;
      case "'":
        out += "'";
        break;
      case '"':
        out += '"';
        break;
      case 'a':
        out += '\x07';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'v':
        out += '\v';
        break;
      case 'x':
      case 'u':
      case 'U': {
        const width = next === 'x' ? 2 : next === 'u' ? 4 : 8;
        const hex = body.slice(i + 1, i + 1 + width);
        const code = /^[0-9a-fA-F]+$/.test(hex) && hex.length === width ? parseInt(hex, 16) : NaN;
        if (Number.isNaN(code) || code > 0x10ffff) out += '\\' + next;
        else {
          out += String.fromCodePoint(code);
          i += width;
        }
        break;
      }
      default: {
        const octal = /^[0-7]{1,3}/.exec(body.slice(i, i + 3));
        if (octal) {
          out += String.fromCharCode(parseInt(octal[0], 8));
          i += octal[0].length - 1;
        } else out += '\\' + next;
      }
    }
  }
  return out;
}

export interface StringParts {
  prefix: string;
  quote: string;
}

/** Splits the opening of a literal (`rb'''`) into its prefix and quote. */
export function splitOpening(opening: string): StringParts {
  const match = /^([A-Za-z]*)(.*)$/s.exec(opening);
  return { prefix: (match?.[1] ?? '').toLowerCase(), quote: match?.[2] ?? '' };
}
