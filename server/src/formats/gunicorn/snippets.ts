/**
 * The gunicorn.conf.py snippets, offered by completion in gunicorn config files only (a snippet contributed to the
 * `python` language would show up in every Python file). snippets/gunicorn.json stays their one source: the build
 * bundles the JSON into the server, so editors other than VS Code get the same snippets.
 */
import type { CompletionResult, AnalysisContext } from '../../core/format';
import type { OffsetRange } from '../../core/text';
import type { GunicornDocument } from './context';
import GUNICORN_SNIPPET_FILE from '../../../../snippets/gunicorn.json';

/** One entry of a VS Code snippet file. */
interface SnippetEntry {
  prefix: string | string[];
  description?: string;
  body: string | string[];
}

export interface GunicornSnippet {
  title: string;
  prefixes: string[];
  description: string;
  body: string;
}

function toSnippets(file: Record<string, SnippetEntry>): GunicornSnippet[] {
  return Object.entries(file).map(([title, entry]) => ({
    title,
    prefixes: Array.isArray(entry.prefix) ? entry.prefix : [entry.prefix],
    description: entry.description ?? '',
    body: Array.isArray(entry.body) ? entry.body.join('\n') : entry.body,
  }));
}

export const GUNICORN_SNIPPETS: readonly GunicornSnippet[] = toSnippets(GUNICORN_SNIPPET_FILE as Record<string, SnippetEntry>);

/**
 * Snippet items at the start of a module-level line. A snippet whose prefix names something the file already
 * defines (a `post_fork` hook, a `logconfig_dict`) is left out: inserting it would define it twice.
 */
export function snippetCompletion(context: AnalysisContext<GunicornDocument>, replace: OffsetRange): CompletionResult[] {
  const defined = new Set(context.document.model.assignments.map((a) => a.name));
  for (const definition of context.document.model.functions) defined.add(definition.name);
  const out: CompletionResult[] = [];
  for (const snippet of GUNICORN_SNIPPETS) {
    if (snippet.prefixes.some((prefix) => defined.has(prefix))) continue;
    for (const prefix of snippet.prefixes) {
      out.push({
        label: prefix,
        kind: 'snippet',
        detail: snippet.title,
        documentation: `${snippet.description}\n\n\`\`\`python\n${snippetDefaults(snippet.body)}\n\`\`\``,
        insertText: snippet.body,
        snippet: true,
        replace,
        // After the settings and hooks of the same name.
        sortText: `2${prefix}`,
      });
    }
  }
  return out;
}

const ESCAPED: Record<string, string> = { $: '\uE000', '}': '\uE001', '\\': '\uE002' };
const UNESCAPED: Record<string, string> = { '\uE000': '$', '\uE001': '}', '\uE002': '\\' };
const MAX_NESTING = 20;

/** A snippet body with every placeholder replaced by its default (a choice by its first option, a tab stop by nothing). */
export function snippetDefaults(body: string): string {
  let text = body.replace(/\\([$}\\])/g, (_m, ch: string) => ESCAPED[ch]);
  for (let i = 0; i < MAX_NESTING; i++) {
    const next = text
      .replace(/\$\{\d+:([^${}]*)\}/g, '$1')
      .replace(/\$\{\d+\|([^,|]*)(?:,[^|]*)?\|\}/g, '$1')
      .replace(/\$\{\d+\}|\$\d+/g, '');
    if (next === text) break;
    text = next;
  }
  return text.replace(/[\uE000-\uE002]/g, (ch) => UNESCAPED[ch]);
}
