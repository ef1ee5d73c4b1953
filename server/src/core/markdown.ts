/** Small helpers for the markdown shown in hovers and completion documentation. */

export function code(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  return `${fence}${text}${fence}`;
}

export function codeBlock(text: string, language = ''): string {
  return '```' + language + '\n' + text + '\n```';
}

/** A definition-list style table of facts: `**Default:** \`1\``, one per line. */
export function facts(rows: [label: string, value: string | undefined][]): string {
  return rows
    .filter((row): row is [string, string] => row[1] !== undefined && row[1] !== '')
    .map(([label, value]) => `**${label}:** ${value}`)
    .join('  \n');
}

export function link(title: string, url: string): string {
  return `[${title}](${url})`;
}

export function joinSections(...sections: (string | undefined)[]): string {
  return sections.filter((s) => s !== undefined && s.trim() !== '').join('\n\n---\n\n');
}
